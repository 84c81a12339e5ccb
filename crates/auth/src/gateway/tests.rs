#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

//! Identity tokens signed here with the committed test keys (ES256: the gateway fixture key;
//! RS256: the test service account's key), checked against a JWKS served on loopback.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::extract::State;
use axum::routing::get;
use ring::rand::SystemRandom;
use ring::signature::{ECDSA_P256_SHA256_FIXED_SIGNING, EcdsaKeyPair, KeyPair as _, RSA_PKCS1_SHA256, RsaKeyPair};
use serde_json::{Value, json};

use super::*;
use crate::jwt::{b64url, pem_der, signing_input};

const ES256_KEY: &str = include_str!("../../fixtures/test-only-gateway-es256.pk8.pem");
const SA_KEY: &str = include_str!("../../../sandbox-kit/fixtures/test-only-service-account-key.json");
const AUDIENCE: &str = "mcp.example.com";
const ISSUER: &str = "authenticate.example.com";
const USER: &str = "alex.rivera@example.com";

fn ec_key() -> EcdsaKeyPair {
    let der = pem_der(ES256_KEY, "PRIVATE KEY").unwrap();
    EcdsaKeyPair::from_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, &der, &SystemRandom::new()).unwrap()
}

fn rsa_key() -> RsaKeyPair {
    let json: Value = serde_json::from_str(SA_KEY).unwrap();
    RsaKeyPair::from_pkcs8(&pem_der(json["private_key"].as_str().unwrap(), "PRIVATE KEY").unwrap()).unwrap()
}

fn ec_jwk(kid: &str) -> Value {
    let point = ec_key().public_key().as_ref().to_vec();
    json!({"kty": "EC", "crv": "P-256", "kid": kid, "alg": "ES256", "use": "sig",
           "x": b64url(&point[1..33]), "y": b64url(&point[33..])})
}

fn rsa_jwk(kid: &str) -> Value {
    let parts = ring::rsa::PublicKeyComponents::<Vec<u8>>::from(rsa_key().public());
    json!({"kty": "RSA", "kid": kid, "n": b64url(&parts.n), "e": b64url(&parts.e)})
}

fn sign(alg: &str, kid: Option<&str>, claims: &Value) -> String {
    let mut header = json!({"alg": alg, "typ": "JWT"});
    if let Some(kid) = kid {
        header["kid"] = json!(kid);
    }
    let input = signing_input(&header, claims);
    let signature = match alg {
        "ES256" => ec_key().sign(&SystemRandom::new(), input.as_bytes()).unwrap().as_ref().to_vec(),
        "RS256" => {
            let key = rsa_key();
            let mut sig = vec![0; key.public().modulus_len()];
            key.sign(&RSA_PKCS1_SHA256, &SystemRandom::new(), input.as_bytes(), &mut sig).unwrap();
            sig
        }
        _ => Vec::new(),
    };
    format!("{input}.{}", b64url(&signature))
}

fn claims() -> Value {
    let now = unix_now();
    json!({"iss": ISSUER, "aud": AUDIENCE, "email": USER, "sub": "123", "iat": now, "exp": now + 300})
}

/// A JWKS endpoint whose document the test replaces, counting fetches.
struct Jwks {
    url: String,
    doc: Arc<Mutex<Value>>,
    fetches: Arc<AtomicUsize>,
}

impl Jwks {
    async fn serve(keys: Vec<Value>) -> Jwks {
        let doc = Arc::new(Mutex::new(json!({ "keys": keys })));
        let fetches = Arc::new(AtomicUsize::new(0));
        let state = (doc.clone(), fetches.clone());
        let app = Router::new()
            .route(
                "/.well-known/pomerium/jwks.json",
                get(|State((doc, n)): State<(Arc<Mutex<Value>>, Arc<AtomicUsize>)>| async move {
                    n.fetch_add(1, Ordering::SeqCst);
                    axum::Json(doc.lock().unwrap().clone())
                }),
            )
            .with_state(state);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}/.well-known/pomerium/jwks.json", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, app).await });
        Jwks { url, doc, fetches }
    }

    fn rotate(&self, keys: Vec<Value>) {
        *self.doc.lock().unwrap() = json!({ "keys": keys });
    }

    fn fetches(&self) -> usize {
        self.fetches.load(Ordering::SeqCst)
    }

    fn verifier(&self, algorithms: &[Algorithm], min_refetch: Duration) -> Verifier {
        let _ = rustls::crypto::ring::default_provider().install_default();
        let settings = GatewaySettings {
            jwks_url: self.url.clone(),
            header: DEFAULT_HEADER.into(),
            algorithms: algorithms.to_vec(),
            issuer: Some(ISSUER.into()),
            audience: AUDIENCE.into(),
        };
        Verifier::with_refetch_interval(settings, reqwest::Client::new(), min_refetch)
    }
}

#[tokio::test]
async fn a_good_token_gives_its_email_and_bad_ones_are_refused_with_the_reason() {
    let jwks = Jwks::serve(vec![ec_jwk("k1"), rsa_jwk("r1")]).await;
    let v = jwks.verifier(&[Algorithm::Es256], MIN_REFETCH);
    assert_eq!(v.verify(&sign("ES256", Some("k1"), &claims())).await, Ok(USER.to_string()));
    // Without a kid, every key of the algorithm's type is tried.
    assert_eq!(v.verify(&sign("ES256", None, &claims())).await, Ok(USER.to_string()));
    // An audience list naming us is fine.
    let mut c = claims();
    c["aud"] = json!(["other", AUDIENCE]);
    assert_eq!(v.verify(&sign("ES256", Some("k1"), &c)).await, Ok(USER.to_string()));

    let now = unix_now();
    let cases: Vec<(&str, Value, Rejection)> = vec![
        ("expired", json!({"exp": now - 120}), Rejection::Expired),
        ("not yet valid", json!({"nbf": now + 600}), Rejection::NotYetValid),
        ("wrong audience", json!({"aud": "evil.example.com"}), Rejection::Audience),
        ("no audience", json!({"aud": null}), Rejection::Audience),
        ("wrong issuer", json!({"iss": "someone-else"}), Rejection::Issuer),
        ("no email", json!({"email": null}), Rejection::NoEmail),
        ("no exp", json!({"exp": null}), Rejection::Malformed("no numeric exp claim")),
    ];
    for (name, change, expected) in cases {
        let mut c = claims();
        for (k, val) in change.as_object().unwrap() {
            if val.is_null() {
                c.as_object_mut().unwrap().remove(k);
            } else {
                c[k] = val.clone();
            }
        }
        assert_eq!(v.verify(&sign("ES256", Some("k1"), &c)).await, Err(expected), "{name}");
    }
    // A token a few seconds past its exp is within the leeway.
    let mut c = claims();
    c["exp"] = json!(now - 5);
    assert!(v.verify(&sign("ES256", Some("k1"), &c)).await.is_ok());
    assert_eq!(jwks.fetches(), 1, "one fetch served every check");
}

#[tokio::test]
async fn algorithms_are_the_allowed_ones_only_and_signatures_must_verify() {
    let jwks = Jwks::serve(vec![ec_jwk("k1"), rsa_jwk("r1")]).await;
    let es_only = jwks.verifier(&[Algorithm::Es256], MIN_REFETCH);
    // RS256 is refused unless allowed, although its key is published.
    let rs = sign("RS256", Some("r1"), &claims());
    assert!(
        matches!(es_only.verify(&rs).await, Err(Rejection::Algorithm(a, allowed)) if a == "RS256" && allowed == "ES256")
    );
    let both = jwks.verifier(&[Algorithm::Es256, Algorithm::Rs256], MIN_REFETCH);
    assert_eq!(both.verify(&rs).await, Ok(USER.to_string()));

    // alg none, and an HMAC "signed" with the public key (the classic confusion), never pass.
    let input = signing_input(&json!({"alg": "none"}), &claims());
    assert!(matches!(both.verify(&format!("{input}.")).await, Err(Rejection::Algorithm(a, _)) if a == "none"));
    let hs = ring::hmac::Key::new(ring::hmac::HMAC_SHA256, ec_key().public_key().as_ref());
    let input = signing_input(&json!({"alg": "HS256", "kid": "k1"}), &claims());
    let tag = ring::hmac::sign(&hs, input.as_bytes());
    let forged = format!("{input}.{}", b64url(tag.as_ref()));
    assert!(matches!(both.verify(&forged).await, Err(Rejection::Algorithm(a, _)) if a == "HS256"));
    // A header without alg is treated as none.
    let input = signing_input(&json!({"kid": "k1"}), &claims());
    assert!(matches!(both.verify(&format!("{input}.AAAA")).await, Err(Rejection::Algorithm(..))));

    // A changed claim breaks the signature; so does a signature from the wrong key type.
    let good = sign("ES256", Some("k1"), &claims());
    let mut forged_claims = claims();
    forged_claims["email"] = json!("ceo@example.com");
    let (head, rest) = good.split_once('.').unwrap();
    let sig = rest.rsplit_once('.').unwrap().1;
    let tampered = format!("{head}.{}.{sig}", b64url(forged_claims.to_string().as_bytes()));
    assert_eq!(both.verify(&tampered).await, Err(Rejection::BadSignature));
    // An ES256 token naming the RSA key's id finds no key that fits.
    assert_eq!(both.verify(&sign("ES256", Some("r1"), &claims())).await, Err(Rejection::UnknownKey));
    assert_eq!(
        both.verify("not-a-jwt").await,
        Err(Rejection::Malformed("not a compact JWT (three base64url parts separated by dots)"))
    );
}

#[tokio::test]
async fn an_unknown_kid_refetches_the_rotated_jwks_at_most_once_a_minute() {
    let jwks = Jwks::serve(vec![rsa_jwk("old")]).await;
    // The RSA key under its old id, then the EC key arrives as "new".
    let limited = jwks.verifier(&[Algorithm::Es256, Algorithm::Rs256], MIN_REFETCH);
    assert!(limited.verify(&sign("RS256", Some("old"), &claims())).await.is_ok());
    assert_eq!(jwks.fetches(), 1);
    jwks.rotate(vec![rsa_jwk("old"), ec_jwk("new")]);
    // Within the minute: the unknown kid does not refetch, however often it is tried.
    for _ in 0..3 {
        assert_eq!(limited.verify(&sign("ES256", Some("new"), &claims())).await, Err(Rejection::UnknownKey));
    }
    assert_eq!(jwks.fetches(), 1, "no refetch within a minute of the last one");

    // Past the interval (zero here), an unknown kid refetches once and the rotated key verifies.
    let free = jwks.verifier(&[Algorithm::Es256, Algorithm::Rs256], Duration::ZERO);
    jwks.rotate(vec![rsa_jwk("old")]);
    assert!(free.verify(&sign("RS256", Some("old"), &claims())).await.is_ok());
    let before = jwks.fetches();
    jwks.rotate(vec![rsa_jwk("old"), ec_jwk("new")]);
    assert_eq!(free.verify(&sign("ES256", Some("new"), &claims())).await, Ok(USER.to_string()));
    assert_eq!(jwks.fetches(), before + 1);
    // Known kids are served from the cache.
    assert!(free.verify(&sign("ES256", Some("new"), &claims())).await.is_ok());
    assert!(free.verify(&sign("RS256", Some("old"), &claims())).await.is_ok());
    assert_eq!(jwks.fetches(), before + 1);
    // A key the gateway dropped stops working once the JWKS is refetched.
    jwks.rotate(vec![ec_jwk("new")]);
    assert_eq!(free.verify(&sign("ES256", Some("gone"), &claims())).await, Err(Rejection::UnknownKey));
    assert_eq!(free.verify(&sign("RS256", Some("old"), &claims())).await, Err(Rejection::UnknownKey));
}

#[tokio::test]
async fn an_unreachable_jwks_is_named_and_cached_keys_survive_a_failed_refresh() {
    let jwks = Jwks::serve(vec![ec_jwk("k1")]).await;
    let mut settings = jwks.verifier(&[Algorithm::Es256], Duration::ZERO).settings().clone();
    settings.jwks_url = format!("{}-missing", jwks.url);
    let broken = Verifier::with_refetch_interval(settings, reqwest::Client::new(), Duration::ZERO);
    let e = broken.verify(&sign("ES256", Some("k1"), &claims())).await.unwrap_err();
    assert!(matches!(&e, Rejection::Jwks(d) if d.contains("HTTP 404")), "{e}");

    let v = jwks.verifier(&[Algorithm::Es256], Duration::ZERO);
    assert!(v.verify(&sign("ES256", Some("k1"), &claims())).await.is_ok());
    jwks.rotate(vec![]);
    *jwks.doc.lock().unwrap() = json!("not a jwks");
    // An unknown kid triggers a refetch that fails: the cached key still verifies its tokens.
    assert_eq!(v.verify(&sign("ES256", Some("k2"), &claims())).await, Err(Rejection::UnknownKey));
    assert!(v.verify(&sign("ES256", Some("k1"), &claims())).await.is_ok());
}

#[test]
fn messages_never_carry_the_token() {
    for r in [Rejection::BadSignature, Rejection::Expired, Rejection::Missing(DEFAULT_HEADER.into())] {
        assert!(!r.to_string().contains("eyJ"), "{r}");
    }
    assert!(Rejection::Missing(DEFAULT_HEADER.into()).to_string().contains(DEFAULT_HEADER));
}
