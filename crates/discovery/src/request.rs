//! The request shape handed in for validation and the match handed back.

use serde_json::Value;

/// What the sandbox saw on the wire, reduced to the parts Google validates.
#[derive(Debug, Clone, Copy)]
pub struct RequestShape<'a> {
    /// HTTP verb, upper case as sent: "GET", "POST", ...
    pub http_method: &'a str,
    /// Absolute path, still percent-encoded as on the wire, without the query:
    /// `/gmail/v1/users/me/messages/18c1%2Fab`.
    pub path: &'a str,
    /// Decoded query pairs in order; a name may repeat.
    pub query: &'a [(String, String)],
    pub body: Body<'a>,
}

/// The request body as far as validation cares.
#[derive(Debug, Clone, Copy)]
pub enum Body<'a> {
    /// No body (or a zero-length one).
    None,
    /// A parsed JSON body.
    Json(&'a Value),
    /// Raw media or a multipart upload; the content type exactly as sent.
    Media { content_type: &'a str },
}

/// How a request on a media upload URL is uploading.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UploadKind {
    /// `uploadType=media`: the body is the file itself.
    Simple,
    /// `uploadType=multipart`: `multipart/related` with JSON metadata and the file.
    Multipart,
    /// `uploadType=resumable` (or the `/resumable/upload/...` path): session start or continuation.
    Resumable,
}

/// The method a valid request addresses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MethodMatch<'a> {
    /// Discovery method id, e.g. "gmail.users.messages.list".
    pub id: &'a str,
    /// Path parameters in template order, percent-decoded.
    pub path_params: Vec<(String, String)>,
    /// Set when the request came in on one of the method's media upload URLs.
    pub upload: Option<UploadKind>,
}

impl MethodMatch<'_> {
    /// The decoded value of one path parameter.
    pub fn path_param(&self, name: &str) -> Option<&str> {
        self.path_params.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }
}
