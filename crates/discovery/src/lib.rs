//! Google Discovery documents, vendored, and a validator for the requests the sandbox receives.
//!
//! The sandbox emulates Google's APIs in process. To be trustworthy it must refuse every request
//! Google would refuse, otherwise a client bug passes the tests and fails in production. This crate
//! holds Google's own machine-readable API descriptions (`vendor/google-discovery/*.json`, embedded
//! at build time and parsed once on first use) and checks a request's shape against them: the URL
//! must name a method (404 otherwise, also for a known URL with the wrong verb), query parameters
//! must exist and parse as their declared types, and a JSON body must fit the method's request
//! schema. Violations come back phrased like Google's errors, ready to send as Google's JSON error
//! envelope.
//!
//! Batch requests are not parsed here: the sandbox recognises the batch URL ([`Api::batch_path`])
//! and validates each inner request by calling [`Api::validate`] again.

mod body;
pub mod compact;
mod document;
mod error;
mod fields;
mod formats;
mod methods;
mod params;
mod path;
mod pattern;
mod request;
mod route;
mod schema;
mod upload;

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests;

pub use document::Api;
pub use error::Violation;
pub use request::{Body, MethodMatch, RequestShape, UploadKind};

use serde_json::Value;
use std::sync::OnceLock;

/// A vendored Discovery document, parsed once on first use. Declare one with [`vendored!`] next to
/// the emulation that serves its API; the sandbox validates requests against the documents its
/// emulations bring.
pub struct Document {
    id: &'static str,
    /// The compact JSON, deflated (`compact::inflate` restores it).
    deflated: &'static [u8],
    api: OnceLock<Api>,
}

impl Document {
    /// `id` is the file name without `.json` (`gmail.v1`), `deflated` its compact text deflated.
    pub const fn new(id: &'static str, deflated: &'static [u8]) -> Self {
        Document { id, deflated, api: OnceLock::new() }
    }

    fn parse(&self) -> Option<Api> {
        let json = compact::inflate(self.deflated)?;
        Api::from_json(&json).ok()
    }

    /// The parsed API. A parse failure is caught by the owning crate's tests; should it ever
    /// reach a build anyway, the API is replaced by one that matches nothing, so the sandbox
    /// refuses requests instead of panicking or accepting them unchecked.
    pub fn api(&self) -> &Api {
        self.api.get_or_init(|| {
            let name = self.id.split('.').next().unwrap_or(self.id);
            self.parse().unwrap_or_else(|| Api::unavailable(name, ""))
        })
    }

    /// Whether the embedded text parses (for tests of the crates that vendor documents).
    pub fn parses(&self) -> bool {
        self.parse().is_some()
    }
}

/// A [`Document`] for `vendor/google-discovery/<id>.json`, embedded at build time in its compact
/// form, deflated (`compact/<id>.json.deflate`, see [`compact`]):
/// `pub static DISCOVERY: Document = wsmcp_discovery::vendored!("gmail.v1");`
#[macro_export]
macro_rules! vendored {
    ($id:literal) => {
        $crate::Document::new(
            $id,
            include_bytes!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../../vendor/google-discovery/compact/",
                $id,
                ".json.deflate"
            )),
        )
    };
}

/// The OAuth2 API, v2 (userinfo, tokeninfo), which every sandbox serves for sign-in.
pub static OAUTH2_V2: Document = vendored!("oauth2.v2");

/// Host without port, lower-cased, so `Gmail.googleapis.com:443` finds Gmail.
fn bare_host(host: &str) -> String {
    let host = host.trim();
    let without_port = match host.rsplit_once(':') {
        Some((h, port)) if port.bytes().all(|b| b.is_ascii_digit()) => h,
        _ => host,
    };
    without_port.to_ascii_lowercase()
}

/// Picks the API of `apis` served on `host` whose URLs the path fits, and validates the request against it.
/// With several APIs on one host, the first that knows the path decides; if none does, the answer
/// is the most telling 404 ("Method not found." over "URL not found").
pub fn validate_any<'a>(apis: &[&'a Api], host: &str, req: &RequestShape<'_>) -> Result<MethodMatch<'a>, Violation> {
    let host = bare_host(host);
    let mut not_found = Violation::url_not_found(req.path);
    for api in apis.iter().filter(|a| a.host() == host) {
        match api.validate(req) {
            Ok(found) => return Ok(found),
            Err(v) if v.status == 404 => {
                if v != Violation::url_not_found(req.path) {
                    not_found = v;
                }
            }
            Err(v) => return Err(v),
        }
    }
    Err(not_found)
}

impl Api {
    /// Short API name, e.g. "gmail".
    pub fn name(&self) -> &str {
        &self.name
    }

    /// API version, e.g. "v1".
    pub fn version(&self) -> &str {
        &self.version
    }

    /// Host from the document's `rootUrl`, e.g. "gmail.googleapis.com".
    pub fn host(&self) -> &str {
        &self.host
    }

    /// Absolute path of the batch endpoint from `batchPath` (Gmail: "/batch", OAuth2:
    /// "/batch/oauth2/v2"), or `None` when the document declares none.
    pub fn batch_path(&self) -> Option<String> {
        self.batch_path.clone()
    }

    /// Whether `path` is a batch endpoint of this API: the declared one, or the per-API form
    /// `/batch/{name}/{version}` that Google also serves (and documents for Gmail).
    pub fn is_batch_path(&self, path: &str) -> bool {
        self.batch_path.as_deref() == Some(path)
            || (!self.version.is_empty() && path == format!("/batch/{}/{}", self.name, self.version))
    }

    /// Ids of all methods, in document order.
    pub fn method_ids(&self) -> impl Iterator<Item = &str> {
        self.methods.iter().map(|m| m.id.as_str())
    }

    /// Validates one request. On success says which method it addresses.
    pub fn validate(&self, req: &RequestShape<'_>) -> Result<MethodMatch<'_>, Violation> {
        let routed = route::route(self, req.http_method, req.path, req.query)?;
        let method = routed.method;
        let phase = upload::resolve(method, routed.kind, req.http_method, req.query)?;
        params::check_path(method, &routed.params)?;
        params::check_query(self, method, req.query, phase)?;
        body::check(self, method, phase, req.http_method, req.body)?;
        Ok(MethodMatch { id: &method.id, path_params: routed.params, upload: phase.map(upload::Phase::kind) })
    }

    /// Validates a JSON document against a method's request schema on its own; for the metadata
    /// part of a multipart upload, which the sandbox splits out itself.
    pub fn validate_request_json(&self, method_id: &str, body: &Value) -> Result<(), Violation> {
        let method = self.method_by_id(method_id).ok_or_else(Violation::method_not_found)?;
        body::check_method_json(self, method, body)
    }

    /// Checks an uploaded file's media type against the method's `accept` list; for the media
    /// part of a multipart upload.
    pub fn check_upload_media_type(&self, method_id: &str, content_type: &str) -> Result<(), Violation> {
        let media = self.method_by_id(method_id).and_then(|m| m.media.as_ref());
        let media = media.ok_or_else(|| Violation::bad_request(format!("{method_id} takes no media upload.")))?;
        upload::check_media_type(media, content_type)
    }

    /// The largest upload the method accepts, in bytes, when the document states one.
    pub fn max_upload_size(&self, method_id: &str) -> Option<u64> {
        self.method_by_id(method_id).and_then(|m| m.media.as_ref()).and_then(|m| m.max_size)
    }
}
