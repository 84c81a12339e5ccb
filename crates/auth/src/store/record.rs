//! The plaintext inside an encrypted token file: a versioned JSON record.

use std::path::Path;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::{AuthError, Secret, StoredToken};

/// The encrypted JSON record. Private so secrets are serialized nowhere else.
#[derive(Serialize, Deserialize)]
struct Record {
    v: u32,
    email: String,
    client_id: String,
    access_token: String,
    refresh_token: Option<String>,
    /// RFC 3339 (chrono's serde support is not compiled in).
    expiry: Option<String>,
    scopes: Vec<String>,
}

/// Serializes `token` for the account `email` (already normalized).
pub(super) fn encode(token: &StoredToken, email: &str) -> Result<Vec<u8>, String> {
    let record = Record {
        v: 1,
        email: email.to_owned(),
        client_id: token.client_id.clone(),
        access_token: token.access_token.expose().to_owned(),
        refresh_token: token.refresh_token.as_ref().map(|s| s.expose().to_owned()),
        expiry: token.expiry.map(|t| t.to_rfc3339()),
        scopes: token.scopes.clone(),
    };
    serde_json::to_vec(&record).map_err(|e| e.to_string())
}

/// Parses a decrypted record read from `path`, which must belong to `email`.
pub(super) fn decode(path: &Path, email: &str, plain: &[u8]) -> Result<StoredToken, AuthError> {
    let corrupt = |detail: String| AuthError::Corrupt { path: path.to_owned(), detail };
    let r: Record = serde_json::from_slice(plain).map_err(|e| corrupt(format!("bad record: {e}")))?;
    if r.v != 1 {
        return Err(corrupt(format!("unsupported record version {}", r.v)));
    }
    if r.email != email {
        return Err(corrupt(format!("record belongs to {}", r.email)));
    }
    let expiry = match r.expiry {
        Some(s) => {
            Some(DateTime::parse_from_rfc3339(&s).map_err(|e| corrupt(format!("bad expiry: {e}")))?.with_timezone(&Utc))
        }
        None => None,
    };
    Ok(StoredToken {
        access_token: Secret::new(r.access_token),
        refresh_token: r.refresh_token.map(Secret::new),
        expiry,
        scopes: r.scopes,
        email: r.email,
        client_id: r.client_id,
    })
}
