//! Domain-wide delegation: a Google service account acting as a user of its Workspace domain.
//! Google's JWT-bearer grant (RFC 7523): an RS256 assertion signed with the account's key,
//! `sub` the user, `scope` everything the enabled tools need, `aud` the key's `token_uri`,
//! exchanged there for an hour-long access token. Tokens are cached per user until shortly
//! before they expire, and fetched by one caller at a time per user.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use chrono::{DateTime, TimeDelta, Utc};
use ring::rand::SystemRandom;
use ring::signature::{RSA_PKCS1_SHA256, RsaKeyPair};
use serde::Deserialize;
use serde_json::json;

use crate::jwt::{b64url, pem_der, signing_input};
use crate::store::normalize_email;
use crate::{AuthError, Secret, google};

/// The grant type Google's token endpoint takes for a signed assertion.
pub const JWT_BEARER_GRANT: &str = "urn:ietf:params:oauth:grant-type:jwt-bearer";
/// An assertion is valid this long; Google refuses longer ones.
const ASSERTION_LIFETIME_SECS: i64 = 3600;
/// A cached token is replaced this long before it expires.
const RENEW_MARGIN: TimeDelta = TimeDelta::seconds(120);
const DURING: &str = "service account token";

/// A service account key as the Cloud console downloads it (JSON), with its private key parsed.
pub struct ServiceAccountKey {
    client_email: String,
    client_id: Option<String>,
    private_key_id: Option<String>,
    token_uri: String,
    key_pair: RsaKeyPair,
}

impl std::fmt::Debug for ServiceAccountKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ServiceAccountKey").field("client_email", &self.client_email).finish_non_exhaustive()
    }
}

#[derive(Deserialize)]
struct KeyFile {
    #[serde(rename = "type")]
    kind: Option<String>,
    client_email: Option<String>,
    client_id: Option<String>,
    private_key_id: Option<String>,
    private_key: Option<String>,
    token_uri: Option<String>,
}

impl ServiceAccountKey {
    /// Parses the key JSON. Errors say what is wrong with the file, never its secret parts.
    pub fn from_json(text: &str) -> Result<Self, AuthError> {
        let bad = |detail: &str| AuthError::ServiceAccountKey(detail.to_string());
        let file: KeyFile = serde_json::from_str(text).map_err(|e| bad(&format!("not a key JSON file ({e})")))?;
        if let Some(kind) = file.kind.as_deref().filter(|k| *k != "service_account") {
            return Err(bad(&format!(
                "its \"type\" is \"{kind}\", not \"service_account\"; download a key of a service account \
                 (IAM > Service accounts > Keys > Add key > JSON)"
            )));
        }
        let non_empty = |v: Option<String>| v.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
        let client_email = non_empty(file.client_email).ok_or_else(|| bad("it has no \"client_email\""))?;
        let pem = non_empty(file.private_key).ok_or_else(|| bad("it has no \"private_key\""))?;
        let der = pem_der(&pem, "PRIVATE KEY")
            .ok_or_else(|| bad("its \"private_key\" is not a PEM \"PRIVATE KEY\" (PKCS#8) block"))?;
        let key_pair = RsaKeyPair::from_pkcs8(&der)
            .map_err(|e| bad(&format!("its \"private_key\" is not a usable RSA key ({e})")))?;
        let token_uri = non_empty(file.token_uri).unwrap_or_else(|| "https://oauth2.googleapis.com/token".into());
        Ok(Self {
            client_email,
            client_id: non_empty(file.client_id),
            private_key_id: non_empty(file.private_key_id),
            token_uri,
            key_pair,
        })
    }

    pub fn client_email(&self) -> &str {
        &self.client_email
    }

    pub fn token_uri(&self) -> &str {
        &self.token_uri
    }

    /// The signed assertion that asks for `scopes` on behalf of `subject`, issued at
    /// `issued_at` (Unix seconds) and valid for an hour.
    pub fn assertion(&self, subject: &str, scopes: &[String], issued_at: i64) -> Result<String, AuthError> {
        let mut header = json!({"alg": "RS256", "typ": "JWT"});
        if let (Some(kid), Some(map)) = (&self.private_key_id, header.as_object_mut()) {
            map.insert("kid".into(), kid.clone().into());
        }
        let claims = json!({
            "iss": self.client_email,
            "sub": subject,
            "scope": scopes.join(" "),
            "aud": self.token_uri,
            "iat": issued_at,
            "exp": issued_at + ASSERTION_LIFETIME_SECS,
        });
        let input = signing_input(&header, &claims);
        let mut signature = vec![0; self.key_pair.public().modulus_len()];
        self.key_pair
            .sign(&RSA_PKCS1_SHA256, &SystemRandom::new(), input.as_bytes(), &mut signature)
            .map_err(|_| AuthError::ServiceAccountKey("signing the assertion failed".into()))?;
        Ok(format!("{input}.{}", b64url(&signature)))
    }
}

struct Cached {
    token: Secret,
    expires_at: DateTime<Utc>,
}

/// Access tokens for the users a service account acts as.
pub struct ServiceAccount {
    key: ServiceAccountKey,
    /// Where assertions are posted: the key's `token_uri`, or its path under a base-URL override.
    token_url: String,
    scopes: Vec<String>,
    cache: Mutex<HashMap<String, Cached>>,
    locks: Mutex<HashMap<String, Arc<tokio::sync::Mutex<()>>>>,
}

impl ServiceAccount {
    /// `scopes`: what every token asks for (the enabled tools' scopes). `base`: the override
    /// that serves `https://{host}` at `{base}/{host}` (the sandbox); `None` for Google.
    pub fn new(key: ServiceAccountKey, scopes: Vec<String>, base: Option<&str>) -> Self {
        let token_url = match (base, url::Url::parse(&key.token_uri)) {
            (Some(base), Ok(uri)) => {
                format!("{}/{}{}", base.trim_end_matches('/'), uri.host_str().unwrap_or_default(), uri.path())
            }
            _ => key.token_uri.clone(),
        };
        Self { key, token_url, scopes, cache: Mutex::default(), locks: Mutex::default() }
    }

    pub fn key(&self) -> &ServiceAccountKey {
        &self.key
    }

    pub fn scopes(&self) -> &[String] {
        &self.scopes
    }

    /// A valid access token for `subject`: the cached one, or a new one from Google.
    pub async fn access_token(&self, http: &reqwest::Client, subject: &str) -> Result<Secret, AuthError> {
        let subject = normalize_email(subject)?;
        if let Some(token) = self.cached(&subject) {
            return Ok(token);
        }
        let lock = {
            let mut locks = self.locks.lock().unwrap_or_else(PoisonError::into_inner);
            locks.entry(subject.clone()).or_default().clone()
        };
        let _guard = lock.lock().await;
        // Whoever held the lock before us may have fetched one already.
        if let Some(token) = self.cached(&subject) {
            return Ok(token);
        }
        let now = Utc::now();
        let assertion = self.key.assertion(&subject, &self.scopes, now.timestamp())?;
        let form = [("grant_type", JWT_BEARER_GRANT), ("assertion", assertion.as_str())];
        let reply = google::token_request(http, &self.token_url, &form, DURING).await.map_err(|e| match e {
            AuthError::OAuth { error, description, .. } => self.refusal(&subject, error, description),
            other => other,
        })?;
        let expires_at = reply.expiry.unwrap_or(now + TimeDelta::seconds(ASSERTION_LIFETIME_SECS));
        let mut cache = self.cache.lock().unwrap_or_else(PoisonError::into_inner);
        cache.insert(subject.clone(), Cached { token: reply.access_token.clone(), expires_at });
        tracing::debug!(user = %subject, "service account token issued");
        Ok(reply.access_token)
    }

    fn cached(&self, subject: &str) -> Option<Secret> {
        let cache = self.cache.lock().unwrap_or_else(PoisonError::into_inner);
        cache.get(subject).filter(|c| c.expires_at - RENEW_MARGIN > Utc::now()).map(|c| c.token.clone())
    }

    /// Google's refusal, with what to configure to fix it.
    fn refusal(&self, subject: &str, error: String, description: Option<String>) -> AuthError {
        let client_id = self.key.client_id.as_deref().unwrap_or("(the client_id in the key file)");
        let about_user = description.as_deref().is_some_and(|d| d.contains("email") || d.contains("User ID"));
        let advice = match error.as_str() {
            "unauthorized_client" => format!(
                "Domain-wide delegation is not granted to this service account for these scopes. In the Google \
                 Admin console (Security > Access and data control > API controls > Manage Domain Wide \
                 Delegation), add client ID {client_id} with these OAuth scopes: {}",
                self.scopes.join(",")
            ),
            "invalid_grant" if about_user => format!(
                "{subject} is not a user of the Workspace domain that granted the delegation: name an existing \
                 user of that domain in user_google_email (or USER_GOOGLE_EMAIL)"
            ),
            "invalid_grant" => "The assertion was refused: check that the key in GOOGLE_SERVICE_ACCOUNT_KEY_FILE \
                 (or _JSON) still exists and is enabled in the Cloud console, and that this machine's clock is right"
                .into(),
            "invalid_client" | "disabled_client" => {
                "The service account or its key is disabled or deleted: create a new key in the Cloud console".into()
            }
            "invalid_scope" => format!("Google does not know one of the requested scopes: {}", self.scopes.join(" ")),
            _ => "Check the service account and its domain-wide delegation in the Google Admin console".into(),
        };
        AuthError::Delegation {
            client_email: self.key.client_email.clone(),
            subject: subject.to_string(),
            error,
            description,
            advice,
        }
    }
}

#[cfg(test)]
#[path = "service_account_tests.rs"]
mod tests;
