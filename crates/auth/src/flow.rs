//! Starting and completing the browser sign-in (authorization code + PKCE).
//!
//! Pending flows live in memory only: a state is useless after a restart anyway
//! (the PKCE verifier would be gone too), and keeping verifiers off disk is one
//! secret fewer at rest. The reference persists them in `oauth_states.json`.

use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, TimeDelta, Utc};
use rand::{Rng as _, RngExt as _};
use sha2::{Digest, Sha256};

use crate::google;
use crate::scopes::{IDENTITY_SCOPES, missing_scopes};
use crate::store::normalize_email;
use crate::{AuthError, Endpoints, OAuthClientConfig, Secret, StoredToken, TokenStore};

/// How long a sign-in link stays valid.
const FLOW_TTL: TimeDelta = TimeDelta::minutes(10);
/// Bounds memory if someone requests links in a loop.
const MAX_PENDING: usize = 1000;
/// Links one caller (one binding) may have open at once; its own oldest go first, so a caller
/// asking in a loop never evicts another caller's sign-in.
const MAX_PENDING_PER_CALLER: usize = 5;
/// RFC 7636 unreserved characters for the code verifier.
const VERIFIER_CHARS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";

/// A sign-in link to show the user, and its state (the key to complete it).
#[derive(Debug, Clone)]
pub struct AuthStart {
    pub url: String,
    pub state: String,
}

/// A finished sign-in; the token is already saved.
#[derive(Debug, Clone)]
pub struct CompletedAuth {
    pub email: String,
    /// The binding given to [`AuthFlows::start`] (e.g. the MCP session id).
    pub binding: Option<String>,
    pub token: StoredToken,
}

struct PendingFlow {
    verifier: Secret,
    expected_email: Option<String>,
    scopes: Vec<String>,
    binding: Option<String>,
    created: DateTime<Utc>,
    expires: DateTime<Utc>,
}

/// Pending sign-ins for one OAuth client.
pub struct AuthFlows {
    client: OAuthClientConfig,
    endpoints: Endpoints,
    store: TokenStore,
    ttl: TimeDelta,
    pending: Mutex<HashMap<String, PendingFlow>>,
}

impl AuthFlows {
    pub fn new(client: OAuthClientConfig, endpoints: Endpoints, store: TokenStore) -> Self {
        Self { client, endpoints, store, ttl: FLOW_TTL, pending: Mutex::new(HashMap::new()) }
    }

    /// Overrides the 10-minute link lifetime (tests).
    pub fn with_ttl(mut self, ttl: TimeDelta) -> Self {
        self.ttl = ttl;
        self
    }

    pub fn client(&self) -> &OAuthClientConfig {
        &self.client
    }

    /// Number of sign-ins started and not yet completed or expired.
    pub fn pending_count(&self) -> usize {
        let now = Utc::now();
        self.pending().values().filter(|f| f.expires > now).count()
    }

    fn pending(&self) -> std::sync::MutexGuard<'_, HashMap<String, PendingFlow>> {
        self.pending.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Begins a sign-in: returns the Google consent URL. `email` becomes the
    /// `login_hint` and the account the callback must match; `binding` is handed
    /// back by [`AuthFlows::complete`] so the caller can check who asked.
    pub fn start(&self, email: Option<&str>, scopes: &[String], binding: Option<String>) -> AuthStart {
        let mut raw_state = [0u8; 32];
        rand::rng().fill_bytes(&mut raw_state);
        let state = URL_SAFE_NO_PAD.encode(raw_state);
        let verifier = pkce_verifier();
        let challenge = pkce_challenge(&verifier);

        let mut all_scopes: Vec<String> = Vec::with_capacity(scopes.len() + IDENTITY_SCOPES.len());
        for s in scopes.iter().map(String::as_str).chain(IDENTITY_SCOPES) {
            if !all_scopes.iter().any(|x| x == s) {
                all_scopes.push(s.to_owned());
            }
        }
        let email = email.map(str::trim).filter(|e| !e.is_empty());

        let mut query = url::form_urlencoded::Serializer::new(String::new());
        query
            .append_pair("response_type", "code")
            .append_pair("client_id", &self.client.client_id)
            .append_pair("redirect_uri", &self.client.redirect_uri)
            .append_pair("scope", &all_scopes.join(" "))
            .append_pair("state", &state)
            .append_pair("code_challenge", &challenge)
            .append_pair("code_challenge_method", "S256")
            .append_pair("access_type", "offline")
            .append_pair("prompt", "consent")
            .append_pair("include_granted_scopes", "true");
        if let Some(e) = email {
            query.append_pair("login_hint", e);
        }
        let sep = if self.endpoints.auth_url.contains('?') { '&' } else { '?' };
        let url = format!("{}{sep}{}", self.endpoints.auth_url, query.finish());

        let now = Utc::now();
        let flow = PendingFlow {
            verifier: Secret::new(verifier),
            expected_email: email.map(str::to_lowercase),
            scopes: all_scopes,
            binding,
            created: now,
            expires: now + self.ttl,
        };
        let mut pending = self.pending();
        pending.retain(|_, f| f.expires > now);
        while count_of(&pending, &flow.binding) >= MAX_PENDING_PER_CALLER {
            evict_oldest_of(&mut pending, &flow.binding);
        }
        // Many callers together at the cap: the one holding the most links gives up its oldest.
        while pending.len() >= MAX_PENDING {
            let Some(busiest) = busiest_caller(&pending) else { break };
            evict_oldest_of(&mut pending, &busiest);
        }
        pending.insert(state.clone(), flow);
        AuthStart { url, state }
    }

    /// Whether the sign-in with this state is still open.
    pub fn is_pending(&self, state: &str) -> bool {
        self.pending().get(state).is_some_and(|f| f.expires > Utc::now())
    }

    /// Finishes a sign-in from the callback's `state` and `code`: exchanges the
    /// code, asks Google who signed in, checks it is the expected account, saves.
    /// A state is single-use, even when completing it fails.
    pub async fn complete(&self, http: &reqwest::Client, state: &str, code: &str) -> Result<CompletedAuth, AuthError> {
        let flow = self.pending().remove(state).ok_or(AuthError::UnknownState)?;
        if flow.expires <= Utc::now() {
            return Err(AuthError::StateExpired);
        }
        let mut form = vec![
            ("grant_type", "authorization_code"),
            ("code", code),
            ("redirect_uri", self.client.redirect_uri.as_str()),
            ("client_id", self.client.client_id.as_str()),
            ("code_verifier", flow.verifier.expose()),
        ];
        if let Some(secret) = &self.client.client_secret {
            form.push(("client_secret", secret.expose()));
        }
        let reply =
            google::token_request(http, &self.endpoints.token_url, &form, "authorization code exchange").await?;
        let actual = google::userinfo_email(http, &self.endpoints.userinfo_url, &reply.access_token).await?;
        let email = normalize_email(&actual)?;
        if let Some(expected) = flow.expected_email.filter(|e| *e != email) {
            return Err(AuthError::EmailMismatch { expected, actual: email });
        }

        let scopes = reply.scopes.unwrap_or(flow.scopes.clone());
        let requested: Vec<&str> = flow.scopes.iter().map(String::as_str).collect();
        let not_granted = missing_scopes(&scopes, &requested);
        if !not_granted.is_empty() {
            tracing::warn!(user = %email, missing = ?not_granted, "the user did not grant every requested scope");
        }
        // Google omits the refresh token when it already issued one; keep ours.
        let refresh_token = match reply.refresh_token {
            Some(r) => Some(r),
            None => self.previous_refresh_token(&email),
        };
        let token = StoredToken {
            access_token: reply.access_token,
            refresh_token,
            expiry: reply.expiry,
            scopes,
            email: email.clone(),
            client_id: self.client.client_id.clone(),
        };
        let store = self.store.clone();
        let to_save = token.clone();
        crate::credentials::blocking(&self.store, move || store.save(&to_save)).await?;
        tracing::info!(user = %email, "stored Google authorization");
        Ok(CompletedAuth { email, binding: flow.binding, token })
    }

    fn previous_refresh_token(&self, email: &str) -> Option<Secret> {
        match self.store.load(email) {
            Ok(Some(old)) if old.client_id == self.client.client_id => old.refresh_token,
            _ => None,
        }
    }
}

/// 64 random characters from the RFC 7636 alphabet.
fn count_of(pending: &HashMap<String, PendingFlow>, binding: &Option<String>) -> usize {
    pending.values().filter(|f| f.binding == *binding).count()
}

fn evict_oldest_of(pending: &mut HashMap<String, PendingFlow>, binding: &Option<String>) {
    let oldest =
        pending.iter().filter(|(_, f)| f.binding == *binding).min_by_key(|(_, f)| f.created).map(|(k, _)| k.clone());
    if let Some(key) = oldest {
        pending.remove(&key);
    }
}

fn busiest_caller(pending: &HashMap<String, PendingFlow>) -> Option<Option<String>> {
    let mut counts: HashMap<&Option<String>, usize> = HashMap::new();
    for f in pending.values() {
        *counts.entry(&f.binding).or_default() += 1;
    }
    counts.into_iter().max_by_key(|(_, n)| *n).map(|(b, _)| b.clone())
}

fn pkce_verifier() -> String {
    let mut rng = rand::rng();
    (0..64).map(|_| char::from(VERIFIER_CHARS[rng.random_range(0..VERIFIER_CHARS.len())])).collect()
}

/// `S256`: base64url (no padding) of SHA-256 of the verifier.
pub(crate) fn pkce_challenge(verifier: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn challenge_matches_rfc7636_example() {
        // RFC 7636 appendix B.
        assert_eq!(
            pkce_challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        );
        let v = pkce_verifier();
        assert_eq!(v.len(), 64);
        assert!(v.bytes().all(|b| VERIFIER_CHARS.contains(&b)));
    }

    fn flows(dir: &std::path::Path) -> AuthFlows {
        let client = OAuthClientConfig {
            client_id: "id".into(),
            client_secret: None,
            redirect_uri: "http://localhost:8000/oauth2callback".into(),
        };
        AuthFlows::new(client, Endpoints::default(), TokenStore::open(dir, None).unwrap())
    }

    #[test]
    fn a_caller_asking_in_a_loop_only_evicts_its_own_sign_ins() {
        let dir = tempfile::tempdir().unwrap();
        let flows = flows(dir.path());
        let alice = flows.start(Some("alice@example.com"), &[], Some("session-a".into()));
        let anonymous = flows.start(None, &[], None);
        let mut flood = Vec::new();
        for _ in 0..1_000 {
            flood.push(flows.start(None, &[], Some("session-b".into())).state);
        }
        assert!(flows.is_pending(&alice.state), "another caller's flood never evicts this sign-in");
        assert!(flows.is_pending(&anonymous.state));
        assert!(flows.is_pending(flood.last().unwrap()), "the flooder's newest link still works");
        assert!(!flows.is_pending(&flood[0]), "its oldest went first");
        assert_eq!(flows.pending_count(), 2 + MAX_PENDING_PER_CALLER);
    }

    #[test]
    fn at_the_global_cap_the_busiest_caller_gives_way() {
        let dir = tempfile::tempdir().unwrap();
        let flows = flows(dir.path());
        let first = flows.start(None, &[], Some("quiet".into()));
        // Distinct callers fill the table; each holds at most its own few links.
        for i in 0..MAX_PENDING + 10 {
            flows.start(None, &[], Some(format!("caller-{}", i % 250)));
        }
        assert!(flows.pending_count() <= MAX_PENDING);
        assert!(flows.is_pending(&first.state), "a caller with one link is not the busiest");
    }
}
