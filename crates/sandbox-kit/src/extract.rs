//! Request extractors for emulation handlers that reject bad input the way Google does
//! (a 400 in Google's envelope), never with axum's plain-text rejections.

use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Request};
use http::request::Parts;
use serde::de::DeserializeOwned;

use crate::error::GoogleError;

/// A JSON request body; an unparsable or mistyped body becomes Google's 400.
#[derive(Debug, Clone)]
pub struct GoogleJson<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for GoogleJson<T> {
    type Rejection = GoogleError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let bytes = Bytes::from_request(req, state)
            .await
            .map_err(|e| GoogleError::bad_request(format!("Could not read the request body: {e}")))?;
        // Google treats an empty body on a method with a request object as `{}`.
        let text: &[u8] = if bytes.iter().all(u8::is_ascii_whitespace) { b"{}" } else { &bytes };
        serde_json::from_slice(text)
            .map(GoogleJson)
            .map_err(|e| GoogleError::invalid_argument(format!("Invalid JSON payload received. {e}")))
    }
}

/// The decoded query string as ordered pairs, which keeps repeated parameters
/// (`labelIds=INBOX&labelIds=UNREAD`, `metadataHeaders=From&metadataHeaders=To`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QueryParams(pub Vec<(String, String)>);

impl QueryParams {
    pub fn parse(query: Option<&str>) -> Self {
        let pairs = query.map(|q| url::form_urlencoded::parse(q.as_bytes()).into_owned().collect()).unwrap_or_default();
        Self(pairs)
    }

    /// The first value of `name`.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    /// Every value of a repeated parameter, in order.
    pub fn all(&self, name: &str) -> Vec<&str> {
        self.0.iter().filter(|(k, _)| k == name).map(|(_, v)| v.as_str()).collect()
    }

    /// A boolean parameter; Google accepts `true`/`false` (and `1`/`0`).
    pub fn flag(&self, name: &str) -> Result<bool, GoogleError> {
        match self.get(name) {
            None => Ok(false),
            Some("true" | "1" | "True" | "TRUE") => Ok(true),
            Some("false" | "0" | "False" | "FALSE" | "") => Ok(false),
            Some(other) => Err(GoogleError::invalid_argument(format!(
                "Invalid value for {name}: \"{other}\" is not a valid boolean"
            ))),
        }
    }

    /// An unsigned integer parameter, `None` when absent.
    pub fn uint(&self, name: &str) -> Result<Option<u64>, GoogleError> {
        self.get(name)
            .map(|v| {
                v.trim()
                    .parse::<u64>()
                    .map_err(|_| GoogleError::invalid_argument(format!("Invalid value for {name}: \"{v}\"")))
            })
            .transpose()
    }
}

impl<S: Send + Sync> FromRequestParts<S> for QueryParams {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Ok(Self::parse(parts.uri.query()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_repeated_parameters() {
        let q = QueryParams::parse(Some("labelIds=INBOX&labelIds=UNREAD&q=from%3Apriya+report"));
        assert_eq!(q.all("labelIds"), vec!["INBOX", "UNREAD"]);
        assert_eq!(q.get("q"), Some("from:priya report"));
        assert!(q.flag("includeSpamTrash").is_ok_and(|b| !b));
        assert!(QueryParams::parse(Some("maxResults=x")).uint("maxResults").is_err());
    }
}
