//! Choosing the method a request addresses: path first, then verb, then the most specific template.

use crate::document::{Api, Method, Route, RouteKind};
use crate::error::Violation;
use crate::path::percent_decode;

/// The outcome of routing: which method, on which kind of URL, with which decoded path values.
#[derive(Debug)]
pub(crate) struct Routed<'a> {
    pub(crate) method: &'a Method,
    pub(crate) kind: RouteKind,
    pub(crate) params: Vec<(String, String)>,
}

/// A resumable upload continues with `PUT` on the session URL, whatever the method's own verb.
fn verb_fits(method: &Method, route: &Route, http_method: &str, query: &[(String, String)]) -> bool {
    if method.http_method == http_method {
        return true;
    }
    let on_upload = matches!(route.kind, RouteKind::SimpleUpload | RouteKind::ResumableUpload);
    on_upload && http_method == "PUT" && query.iter().any(|(k, _)| k == "upload_id")
}

pub(crate) fn route<'a>(
    api: &'a Api,
    http_method: &str,
    path: &str,
    query: &[(String, String)],
) -> Result<Routed<'a>, Violation> {
    // Every template the path fits, with `pattern`s on the values honoured: Google routes
    // `{+name}` variables by resource-name shape, so a value of the wrong shape is another URL.
    let mut candidates: Vec<(&Route, Vec<(String, String)>)> = api
        .routes
        .iter()
        .filter_map(|r| {
            let raw = r.template.matches(path)?;
            let method = &api.methods[r.method];
            let shaped = raw.iter().all(|(name, value)| {
                method.params.get(name).and_then(|p| p.pattern.as_ref()).is_none_or(|pat| pat.is_match(value))
            });
            shaped.then_some((r, raw))
        })
        .collect();
    if candidates.is_empty() {
        return Err(Violation::url_not_found(path));
    }
    // Verb before specificity: GET .../messages/batchModify is messages.get with id "batchModify".
    candidates.retain(|(r, _)| verb_fits(&api.methods[r.method], r, http_method, query));
    let mut best: Option<&(&Route, Vec<(String, String)>)> = None;
    for cand in &candidates {
        if best.is_none_or(|b| cand.0.template.specificity() > b.0.template.specificity()) {
            best = Some(cand);
        }
    }
    let Some((route, raw)) = best else {
        return Err(Violation::method_not_found());
    };

    // A `flatPath` names its variables differently from the method's parameters; when the
    // method's own `path` fits too, report its names (`name` = "spaces/a") instead.
    let raw = match route.kind {
        RouteKind::Rest { flat: true } => candidates
            .iter()
            .find(|(r, _)| r.method == route.method && r.kind == RouteKind::Rest { flat: false })
            .map_or(raw, |(_, own)| own),
        _ => raw,
    };
    let params = raw
        .iter()
        .map(|(name, value)| match percent_decode(value) {
            Some(decoded) => Ok((name.clone(), decoded)),
            None => Err(Violation::bad_request(format!("Invalid percent-encoding in path segment {value:?}."))),
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Routed { method: &api.methods[route.method], kind: route.kind, params })
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use crate::tests::gmail;

    fn id(method: &str, path: &str) -> Result<String, u16> {
        route(gmail(), method, path, &[]).map(|r| r.method.id.clone()).map_err(|v| v.status)
    }

    #[test]
    fn verb_then_specificity() {
        assert_eq!(id("POST", "/gmail/v1/users/me/messages/batchModify").unwrap(), "gmail.users.messages.batchModify");
        assert_eq!(id("GET", "/gmail/v1/users/me/messages/batchModify").unwrap(), "gmail.users.messages.get");
        assert_eq!(id("POST", "/gmail/v1/users/me/messages/send").unwrap(), "gmail.users.messages.send");
        assert_eq!(id("POST", "/gmail/v1/users/me/messages").unwrap(), "gmail.users.messages.insert");
        assert_eq!(id("GET", "/gmail/v1/users/me/messages").unwrap(), "gmail.users.messages.list");
        assert_eq!(id("PUT", "/gmail/v1/users/me/messages"), Err(404));
        assert_eq!(id("GET", "/gmail/v1/users/me/nothing"), Err(404));
    }

    #[test]
    fn custom_verbs_route() {
        let p = "/gmail/v1/users/me/settings/cse/keypairs/kp1:disable";
        assert_eq!(id("POST", p).unwrap(), "gmail.users.settings.cse.keypairs.disable");
        assert_eq!(
            id("GET", "/gmail/v1/users/me/settings/cse/keypairs/kp1").unwrap(),
            "gmail.users.settings.cse.keypairs.get"
        );
    }

    #[test]
    fn decoded_params_and_bad_escapes() {
        let r = route(gmail(), "GET", "/gmail/v1/users/me/messages/18c1%2Fab", &[]).unwrap();
        assert_eq!(r.params, [("userId".to_owned(), "me".to_owned()), ("id".to_owned(), "18c1/ab".to_owned())]);
        assert_eq!(id("GET", "/gmail/v1/users/me/messages/a%zz"), Err(400));
    }

    #[test]
    fn resumable_put_needs_session() {
        let p = "/upload/gmail/v1/users/me/messages/send";
        assert_eq!(route(gmail(), "PUT", p, &[]).map(|_| ()).unwrap_err().status, 404);
        let q = [("uploadType".to_owned(), "resumable".to_owned()), ("upload_id".to_owned(), "s1".to_owned())];
        let r = route(gmail(), "PUT", p, &q).unwrap();
        assert_eq!((r.method.id.as_str(), r.kind), ("gmail.users.messages.send", RouteKind::SimpleUpload));
    }
}
