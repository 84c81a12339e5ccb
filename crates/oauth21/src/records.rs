//! What the authorization server keeps in the store, one record type per key namespace.

use serde::{Deserialize, Serialize};

/// `oauth21:client:<client_id>`: a registered client (RFC 7591).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ClientRecord {
    pub client_id: String,
    /// SHA-256 of the client secret; `None` for public clients (`token_endpoint_auth_method` none).
    pub secret_hash: Option<String>,
    pub auth_method: String,
    pub redirect_uris: Vec<String>,
    pub client_name: Option<String>,
    pub issued_at: u64,
}

/// One `/authorize` request, validated: what the client asked for, carried through consent and
/// Google's sign-in to the code.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AuthRequest {
    pub client_id: String,
    pub redirect_uri: String,
    pub code_challenge: String,
    pub state: Option<String>,
    /// Google scope URLs asked for (the enabled tools' scopes when the client named none).
    pub scopes: Vec<String>,
}

/// `oauth21:pending:<hash of request id>`: an authorization waiting for the user's consent.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PendingConsent {
    pub request: AuthRequest,
    /// The cap slot this sign-in holds until it completes or expires.
    pub slot: String,
}

/// `oauth21:signin:<hash of Google state>`: an approved authorization gone to Google.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PendingSignIn {
    pub request: AuthRequest,
    /// The PKCE verifier of the request to Google.
    pub google_verifier: String,
    pub slot: String,
}

/// `oauth21:code:<hash of code>`: a one-time authorization code.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CodeGrant {
    pub request: AuthRequest,
    pub email: String,
    /// The requested scopes Google granted.
    pub scopes: Vec<String>,
    /// The family the exchange will issue into, known in advance so a replayed code can
    /// revoke what the first exchange issued.
    pub family: String,
    pub slot: String,
}

/// `oauth21:family:<id>`: the chain of tokens issued from one code. Deleting it revokes every
/// access and refresh token of the chain.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Family {
    pub email: String,
    pub client_id: String,
    /// The user's Google grant epoch at issue: when Google revokes the user's grant the epoch
    /// changes, and the family is dead.
    pub epoch: String,
}

/// `oauth21:refresh:<hash of token>`: a live refresh token.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RefreshGrant {
    pub family: String,
    pub client_id: String,
    pub email: String,
    pub scopes: Vec<String>,
}

/// `oauth21:google:<hash of email>`: the user's Google tokens.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct GoogleGrant {
    pub access_token: String,
    pub refresh_token: Option<String>,
    /// Unix seconds; 0 when Google gave no lifetime.
    pub expires_at: u64,
    pub scopes: Vec<String>,
    /// Changes when the grant is replaced after a revocation (see [`Family::epoch`]).
    pub epoch: String,
    /// When the access token was last obtained (Unix seconds).
    pub refreshed_at: u64,
}
