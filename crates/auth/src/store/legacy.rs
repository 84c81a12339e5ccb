//! File names, and the reference server's plaintext token files.
//!
//! The reference (`workspace-mcp` 2.2.1) stores `<urlquote(email, safe="@._-")>.json`
//! in plain JSON: `token, refresh_token, token_uri, client_id, client_secret,
//! scopes, expiry` with `expiry` a naive ISO timestamp in UTC. Older versions
//! named files with `[^a-zA-Z0-9@._-]` replaced by `_`; both names are read.

use chrono::{DateTime, NaiveDateTime, Utc};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_decode_str, utf8_percent_encode};
use serde::Deserialize;

use crate::{Secret, StoredToken};

/// Kept as-is in file names: what Python's `quote(email, safe="@._-")` keeps
/// (`~` is always safe there), so our names match the reference's byte for byte.
const NAME_SAFE: &AsciiSet = &NON_ALPHANUMERIC.remove(b'@').remove(b'.').remove(b'_').remove(b'-').remove(b'~');

pub(crate) const ENC_EXT: &str = ".enc";
pub(crate) const LEGACY_EXT: &str = ".json";
/// Suffix a plaintext file gets once it has been migrated.
pub(crate) const MIGRATED_SUFFIX: &str = ".migrated";

pub(crate) fn quote(email: &str) -> String {
    utf8_percent_encode(email, NAME_SAFE).to_string()
}

/// The oldest naming scheme: unsafe characters replaced by `_` (lossy).
pub(crate) fn sanitize(email: &str) -> String {
    email.chars().map(|c| if c.is_ascii_alphanumeric() || "@._-".contains(c) { c } else { '_' }).collect()
}

/// The email a token file name stands for, if it is a token file at all.
pub(crate) fn user_from_file_name(name: &str) -> Option<String> {
    if name.starts_with('.') {
        return None; // key file, temp files
    }
    let stem = name.strip_suffix(ENC_EXT).or_else(|| name.strip_suffix(LEGACY_EXT))?;
    let email = percent_decode_str(stem).decode_utf8().ok()?;
    // Skips `oauth_states.json` and anything else that is not an account.
    email.contains('@').then(|| email.to_lowercase())
}

/// The reference's token file. Unknown fields are ignored; `client_secret` is
/// read and dropped: the secret comes from configuration, not from token files.
#[derive(Deserialize)]
struct LegacyToken {
    token: Option<String>,
    refresh_token: Option<String>,
    client_id: Option<String>,
    #[serde(default)]
    scopes: Vec<String>,
    expiry: Option<String>,
}

/// Converts a reference token file for `email` (already normalized).
pub(crate) fn parse(bytes: &[u8], email: &str) -> Result<StoredToken, String> {
    let legacy: LegacyToken = serde_json::from_slice(bytes).map_err(|e| format!("not valid JSON: {e}"))?;
    let access = legacy.token.filter(|t| !t.is_empty());
    let refresh = legacy.refresh_token.filter(|t| !t.is_empty());
    if access.is_none() && refresh.is_none() {
        return Err("holds neither an access token nor a refresh token".into());
    }
    let expiry = match legacy.expiry.as_deref() {
        Some(s) => Some(parse_expiry(s).ok_or_else(|| format!("unreadable expiry {s:?}"))?),
        None => None,
    };
    Ok(StoredToken {
        // An empty access token with no expiry would look valid forever; mark it
        // expired so the first use refreshes it.
        expiry: if access.is_none() { Some(DateTime::<Utc>::UNIX_EPOCH) } else { expiry },
        access_token: Secret::new(access.unwrap_or_default()),
        refresh_token: refresh.map(Secret::new),
        scopes: legacy.scopes,
        email: email.to_owned(),
        client_id: legacy.client_id.unwrap_or_default(),
    })
}

/// Naive ISO 8601 (UTC by convention), tolerating an explicit offset too.
fn parse_expiry(s: &str) -> Option<DateTime<Utc>> {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%.f")
        .map(|n| n.and_utc())
        .ok()
        .or_else(|| DateTime::parse_from_rfc3339(s).ok().map(|d| d.with_timezone(&Utc)))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn names_match_python_quote() {
        assert_eq!(quote("a.b_c-d~e@x.com"), "a.b_c-d~e@x.com");
        assert_eq!(quote("a+b/c@x.com"), "a%2Bb%2Fc@x.com");
        assert_eq!(sanitize("a+b/c@x.com"), "a_b_c@x.com");
        assert_eq!(user_from_file_name("A%2Bb@x.com.enc").as_deref(), Some("a+b@x.com"));
        assert_eq!(user_from_file_name("oauth_states.json"), None);
        assert_eq!(user_from_file_name(".token-key"), None);
        assert_eq!(user_from_file_name("a@x.com.json.migrated"), None);
    }

    #[test]
    fn parses_reference_file() {
        let json = br#"{"token":"ya29.a","refresh_token":"1//r","token_uri":"https://oauth2.googleapis.com/token",
            "client_id":"cid","client_secret":"cs","scopes":["s1"],"expiry":"2025-03-04T05:06:07.123456"}"#;
        let t = parse(json, "a@x.com").unwrap();
        assert_eq!(t.access_token.expose(), "ya29.a");
        assert_eq!(t.refresh_token.unwrap().expose(), "1//r");
        assert_eq!(t.expiry.unwrap().to_rfc3339(), "2025-03-04T05:06:07.123456+00:00");
        assert_eq!(t.client_id, "cid");
        assert!(parse(b"{}", "a@x.com").is_err());
    }
}
