//! The token endpoint's JWT-bearer grant: service-account assertions checked as Google checks
//! them (signature by a known account, audience, lifetime, scopes, subject's domain,
//! delegated scopes), and the token issued acting as the subject.

use std::time::{SystemTime, UNIX_EPOCH};

use axum::body::Body;
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use http::Request;
use ring::signature::{RSA_PKCS1_SHA256, RsaKeyPair};
use serde_json::{Value, json};
use wsmcp_sandbox_kit::oauth::jwt_bearer::{TEST_SERVICE_ACCOUNT, TEST_SERVICE_ACCOUNT_KEY_FILE};
use wsmcp_sandbox_kit::{Sandbox, oauth_emulation, oauth_emulation_delegating};

use crate::support::{json, send};

const GRANT: &str = "urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer";
const GMAIL: &str = "https://www.googleapis.com/auth/gmail.readonly";

fn now() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs() as i64
}

fn key() -> RsaKeyPair {
    let file: Value = serde_json::from_str(&std::fs::read_to_string(TEST_SERVICE_ACCOUNT_KEY_FILE).unwrap()).unwrap();
    RsaKeyPair::from_pkcs8(&wsmcp_auth::pem_der(file["private_key"].as_str().unwrap(), "PRIVATE KEY").unwrap()).unwrap()
}

fn claims(sub: &str) -> Value {
    let now = now();
    json!({"iss": TEST_SERVICE_ACCOUNT, "sub": sub, "scope": GMAIL,
           "aud": "https://oauth2.googleapis.com/token", "iat": now, "exp": now + 3600})
}

fn sign(claims: &Value, alg: &str) -> String {
    let b64 = |v: &Value| URL_SAFE_NO_PAD.encode(v.to_string());
    let input = format!("{}.{}", b64(&json!({"alg": alg, "typ": "JWT"})), b64(claims));
    let key = key();
    let mut sig = vec![0; key.public().modulus_len()];
    key.sign(&RSA_PKCS1_SHA256, &ring::rand::SystemRandom::new(), input.as_bytes(), &mut sig).unwrap();
    format!("{input}.{}", URL_SAFE_NO_PAD.encode(sig))
}

async fn exchange(sb: &Sandbox, assertion: &str) -> (u16, Value) {
    let req = Request::post("/oauth2.googleapis.com/token")
        .header("content-type", "application/x-www-form-urlencoded")
        .body(Body::from(format!("grant_type={GRANT}&assertion={assertion}")))
        .unwrap();
    let (status, text, _) = send(sb, req).await;
    (status, json(&text))
}

#[tokio::test]
async fn a_signed_assertion_gets_a_token_acting_as_its_subject() {
    let sb = Sandbox::builder().services(oauth_emulation("alex.rivera@example.com")).build();
    // The server's own signer, with the committed test key.
    let file = std::fs::read_to_string(TEST_SERVICE_ACCOUNT_KEY_FILE).unwrap();
    let sa = wsmcp_auth::ServiceAccountKey::from_json(&file).unwrap();
    let assertion = sa.assertion("jordan.lee@example.com", &[GMAIL.to_string()], now()).unwrap();
    let (status, body) = exchange(&sb, &assertion).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!((body["expires_in"].as_u64(), body["token_type"].as_str()), (Some(3599), Some("Bearer")));
    assert!(body.get("refresh_token").is_none(), "no refresh token for a service account");
    let access = body["access_token"].as_str().unwrap();
    let userinfo = Request::get("/www.googleapis.com/oauth2/v2/userinfo")
        .header("authorization", format!("Bearer {access}"))
        .body(Body::empty())
        .unwrap();
    let (status, text, _) = send(&sb, userinfo).await;
    assert_eq!((status, json(&text)["email"].as_str()), (200, Some("jordan.lee@example.com")));
}

#[tokio::test]
async fn bad_assertions_get_googles_errors() {
    let sb = Sandbox::builder().services(oauth_emulation("alex.rivera@example.com")).build();
    let mut tampered = sign(&claims("alex.rivera@example.com"), "RS256");
    tampered.replace_range(tampered.len() - 6.., "AAAAAA");
    let now = now();
    let with = |change: Value| {
        let mut c = claims("alex.rivera@example.com");
        for (k, v) in change.as_object().unwrap() {
            c[k] = v.clone();
        }
        sign(&c, "RS256")
    };
    let cases = [
        ("outside the domain", sign(&claims("eve@evil.example"), "RS256"), "invalid_grant", "Invalid email or User ID"),
        ("tampered", tampered, "invalid_grant", "Invalid JWT Signature."),
        ("alg", sign(&claims("alex.rivera@example.com"), "RS384"), "invalid_grant", "Invalid JWT Signature."),
        (
            "unknown account",
            with(json!({"iss": "someone@else.iam.gserviceaccount.com"})),
            "invalid_grant",
            "account not found",
        ),
        ("audience", with(json!({"aud": "https://evil.example/token"})), "invalid_grant", "Failed audience check"),
        ("expired", with(json!({"iat": now - 7200, "exp": now - 3600})), "invalid_grant", "short-lived"),
        ("too long", with(json!({"exp": now + 7200})), "invalid_grant", "short-lived"),
        ("no scope", with(json!({"scope": ""})), "invalid_scope", "Empty or missing scope"),
        ("unknown scope", with(json!({"scope": "gmail"})), "invalid_scope", "Invalid OAuth scope"),
        ("not a JWT", "abc".to_string(), "invalid_grant", "Invalid JWT"),
    ];
    for (name, assertion, error, description) in cases {
        let (status, body) = exchange(&sb, &assertion).await;
        assert_eq!((status, body["error"].as_str()), (400, Some(error)), "{name}: {body}");
        assert!(body["error_description"].as_str().unwrap().contains(description), "{name}: {body}");
    }
}

#[tokio::test]
async fn scopes_the_admin_did_not_delegate_are_unauthorized_client() {
    let sb = Sandbox::builder()
        .services(oauth_emulation_delegating("alex.rivera@example.com", Some(vec![GMAIL.to_string()])))
        .build();
    assert_eq!(exchange(&sb, &sign(&claims("alex.rivera@example.com"), "RS256")).await.0, 200);
    let mut c = claims("alex.rivera@example.com");
    c["scope"] = json!(format!("{GMAIL} https://www.googleapis.com/auth/calendar"));
    let (status, body) = exchange(&sb, &sign(&c, "RS256")).await;
    assert_eq!((status, body["error"].as_str()), (401, Some("unauthorized_client")), "{body}");
}
