//! End-to-end checks of [`Api::validate`] against the real vendored documents.

mod bodies;
mod queries;
mod routing;
mod uploads;

use crate::{Api, Body, Document, MethodMatch, OAUTH2_V2, RequestShape, Violation};
use serde_json::Value;

static GMAIL_V1: Document = crate::vendored!("gmail.v1");
static DRIVE_V3: Document = crate::vendored!("drive.v3");
static CALENDAR_V3: Document = crate::vendored!("calendar.v3");

pub(super) fn gmail() -> &'static Api {
    GMAIL_V1.api()
}
pub(super) fn drive() -> &'static Api {
    DRIVE_V3.api()
}
pub(super) fn calendar() -> &'static Api {
    CALENDAR_V3.api()
}
pub(super) fn oauth2() -> &'static Api {
    OAUTH2_V2.api()
}
/// The documents a sandbox serving every vendored API would bring.
pub(super) fn all() -> [&'static Api; 4] {
    [gmail(), oauth2(), drive(), calendar()]
}

pub(super) fn q(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
}

/// Validates a request without a body.
pub(super) fn call(
    api: &'static Api,
    verb: &str,
    path: &str,
    query: &[(&str, &str)],
) -> Result<MethodMatch<'static>, Violation> {
    let query = q(query);
    api.validate(&RequestShape { http_method: verb, path, query: &query, body: Body::None })
}

/// Validates a request with a JSON body.
pub(super) fn call_json(
    api: &'static Api,
    verb: &str,
    path: &str,
    body: &Value,
) -> Result<MethodMatch<'static>, Violation> {
    api.validate(&RequestShape { http_method: verb, path, query: &[], body: Body::Json(body) })
}

/// The method id a valid request resolves to; panics with the violation otherwise.
pub(super) fn id_of(result: Result<MethodMatch<'static>, Violation>) -> &'static str {
    match result {
        Ok(m) => m.id,
        Err(v) => panic!("expected a match, got {v}"),
    }
}

/// The violation an invalid request produces; panics if it was accepted.
pub(super) fn rejected(result: Result<MethodMatch<'static>, Violation>) -> Violation {
    match result {
        Ok(m) => panic!("expected a rejection, got a match for {}", m.id),
        Err(v) => v,
    }
}
