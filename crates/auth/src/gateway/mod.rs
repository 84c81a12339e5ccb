//! The identity a trusted gateway (Pomerium, an identity-aware proxy) asserts for each request
//! in a signed JWT header. A token is accepted only when its signature verifies against the
//! gateway's published keys (JWKS) with an algorithm the operator allowed (ES256 or RS256;
//! never `none`, never an HMAC keyed by a public key), its issuer and audience are the
//! configured ones and it is within its validity window. The user is its `email` claim.
//!
//! Keys are fetched through the server's HTTP client, cached, refreshed hourly and refetched
//! when a token names a key id we have not seen, at most once a minute (so a flood of made-up
//! key ids cannot make us hammer the JWKS endpoint).

mod jwks;

use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use ring::signature::{ECDSA_P256_SHA256_FIXED, RSA_PKCS1_2048_8192_SHA256, RsaPublicKeyComponents, UnparsedPublicKey};
use serde_json::{Map, Value};

use crate::jwt;
use jwks::{Jwk, PublicKey};

/// The header Pomerium sends.
pub const DEFAULT_HEADER: &str = "x-pomerium-jwt-assertion";
/// Clock skew tolerated on `exp` and `nbf`.
const LEEWAY_SECS: i64 = 30;
/// Keys are refetched this often even when every token's key id is known.
const MAX_KEY_AGE: Duration = Duration::from_secs(3600);
/// An unknown key id refetches the JWKS at most this often.
pub const MIN_REFETCH: Duration = Duration::from_secs(60);

/// The signature algorithms we verify.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Algorithm {
    Es256,
    Rs256,
}

impl Algorithm {
    pub fn parse(name: &str) -> Option<Algorithm> {
        match name.trim() {
            "ES256" => Some(Algorithm::Es256),
            "RS256" => Some(Algorithm::Rs256),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Algorithm::Es256 => "ES256",
            Algorithm::Rs256 => "RS256",
        }
    }
}

/// What the operator configured (`GATEWAY_IDENTITY_*`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GatewaySettings {
    pub jwks_url: String,
    /// The request header carrying the JWT, lowercase.
    pub header: String,
    pub algorithms: Vec<Algorithm>,
    pub issuer: Option<String>,
    pub audience: String,
}

/// Why a request's identity was refused. Never carries the token.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Rejection {
    #[error("the {0} header is missing; requests must come through the identity gateway")]
    Missing(String),
    #[error("the identity token is malformed: {0}")]
    Malformed(&'static str),
    #[error("the identity token is signed with {0}, which this server does not accept (allowed: {1})")]
    Algorithm(String, String),
    #[error("the identity token names a signing key the gateway's JWKS does not have")]
    UnknownKey,
    #[error("the identity token's signature does not verify")]
    BadSignature,
    #[error("the identity token has expired")]
    Expired,
    #[error("the identity token is not valid yet")]
    NotYetValid,
    #[error("the identity token's issuer is not the configured GATEWAY_IDENTITY_ISSUER")]
    Issuer,
    #[error("the identity token's audience is not the configured GATEWAY_IDENTITY_AUDIENCE")]
    Audience,
    #[error("the identity token has no email claim")]
    NoEmail,
    #[error("the gateway's JWKS (GATEWAY_IDENTITY_JWKS_URL) is unusable: {0}")]
    Jwks(String),
}

struct KeySet {
    keys: Vec<Jwk>,
    fetched_at: Option<Instant>,
}

/// Verifies identity tokens; one per server, shared by every request.
pub struct Verifier {
    settings: GatewaySettings,
    http: reqwest::Client,
    keys: tokio::sync::Mutex<KeySet>,
    min_refetch: Duration,
}

impl Verifier {
    pub fn new(settings: GatewaySettings, http: reqwest::Client) -> Self {
        Self::with_refetch_interval(settings, http, MIN_REFETCH)
    }

    /// As [`Verifier::new`], with another limit on refetches for unknown key ids (tests).
    pub fn with_refetch_interval(settings: GatewaySettings, http: reqwest::Client, min_refetch: Duration) -> Self {
        let keys = tokio::sync::Mutex::new(KeySet { keys: Vec::new(), fetched_at: None });
        Self { settings, http, keys, min_refetch }
    }

    pub fn settings(&self) -> &GatewaySettings {
        &self.settings
    }

    /// The verified user's email, or why the token is refused.
    pub async fn verify(&self, token: &str) -> Result<String, Rejection> {
        let parts = jwt::split(token.trim()).map_err(Rejection::Malformed)?;
        let alg_name = parts.header.get("alg").and_then(Value::as_str).unwrap_or("none");
        let allowed = || self.settings.algorithms.iter().map(|a| a.as_str()).collect::<Vec<_>>().join(", ");
        let alg = Algorithm::parse(alg_name)
            .filter(|a| self.settings.algorithms.contains(a))
            .ok_or_else(|| Rejection::Algorithm(alg_name.chars().take(20).collect(), allowed()))?;
        let kid = parts.header.get("kid").and_then(Value::as_str);
        let candidates = self.keys_for(kid, alg).await?;
        let verified = candidates.iter().any(|k| check_signature(&k.key, parts.signing_input, &parts.signature));
        if !verified {
            return Err(Rejection::BadSignature);
        }
        self.check_claims(&parts.claims, unix_now())
    }

    /// Issuer, audience, validity window and email, at `now` (Unix seconds).
    fn check_claims(&self, claims: &Map<String, Value>, now: i64) -> Result<String, Rejection> {
        let exp = claims.get("exp").and_then(Value::as_i64).ok_or(Rejection::Malformed("no numeric exp claim"))?;
        if now > exp + LEEWAY_SECS {
            return Err(Rejection::Expired);
        }
        if let Some(nbf) = claims.get("nbf") {
            let nbf = nbf.as_i64().ok_or(Rejection::Malformed("the nbf claim is not a number"))?;
            if now + LEEWAY_SECS < nbf {
                return Err(Rejection::NotYetValid);
            }
        }
        if let Some(issuer) = &self.settings.issuer
            && claims.get("iss").and_then(Value::as_str) != Some(issuer.as_str())
        {
            return Err(Rejection::Issuer);
        }
        let audience_ok = match claims.get("aud") {
            Some(Value::String(a)) => *a == self.settings.audience,
            Some(Value::Array(list)) => list.iter().any(|a| a.as_str() == Some(self.settings.audience.as_str())),
            _ => false,
        };
        if !audience_ok {
            return Err(Rejection::Audience);
        }
        claims
            .get("email")
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|e| e.contains('@'))
            .map(str::to_string)
            .ok_or(Rejection::NoEmail)
    }

    /// The keys that may have signed a token with `kid` and `alg`, refetching the JWKS when
    /// it is old, or when `kid` is unknown and the last fetch is over a minute old.
    async fn keys_for(&self, kid: Option<&str>, alg: Algorithm) -> Result<Vec<Jwk>, Rejection> {
        let mut set = self.keys.lock().await;
        let age = set.fetched_at.map(|t| t.elapsed());
        let matching = |set: &KeySet| -> Vec<Jwk> {
            set.keys.iter().filter(|k| k.fits(alg) && (kid.is_none() || k.kid.as_deref() == kid)).cloned().collect()
        };
        let found = matching(&set);
        let stale = age.is_none_or(|a| a >= MAX_KEY_AGE);
        let may_refetch = age.is_none_or(|a| a >= self.min_refetch);
        if stale || (found.is_empty() && may_refetch) {
            match jwks::fetch(&self.http, &self.settings.jwks_url).await {
                Ok(keys) => {
                    tracing::debug!(keys = keys.len(), "gateway JWKS fetched");
                    set.keys = keys;
                    set.fetched_at = Some(Instant::now());
                }
                // Keep serving with the keys we have; with none, the request cannot be checked.
                Err(e) if set.keys.is_empty() => return Err(e),
                Err(e) => {
                    tracing::warn!(error = %e, "gateway JWKS refresh failed; keeping the cached keys");
                    set.fetched_at = Some(Instant::now());
                }
            }
            let found = matching(&set);
            return if found.is_empty() { Err(Rejection::UnknownKey) } else { Ok(found) };
        }
        if found.is_empty() { Err(Rejection::UnknownKey) } else { Ok(found) }
    }
}

fn check_signature(key: &PublicKey, input: &str, signature: &[u8]) -> bool {
    match key {
        PublicKey::P256(point) => {
            UnparsedPublicKey::new(&ECDSA_P256_SHA256_FIXED, point).verify(input.as_bytes(), signature).is_ok()
        }
        PublicKey::Rsa { n, e } => {
            RsaPublicKeyComponents { n, e }.verify(&RSA_PKCS1_2048_8192_SHA256, input.as_bytes(), signature).is_ok()
        }
    }
}

fn unix_now() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64)
}

#[cfg(test)]
mod tests;
