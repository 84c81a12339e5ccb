//! Which method a URL and verb select, and the 404s when none fits.

use super::{all, calendar, call, drive, gmail, id_of, oauth2, rejected};
use crate::{Body, RequestShape, validate_any};

#[test]
fn embedded_documents_parse() {
    assert!(super::GMAIL_V1.parses() && crate::OAUTH2_V2.parses());
    assert!(super::DRIVE_V3.parses() && super::CALENDAR_V3.parses());
    assert!(gmail().method_ids().count() > 70);
    assert!(gmail().method_ids().any(|id| id == "gmail.users.messages.list"));
    assert_eq!(oauth2().method_ids().collect::<Vec<_>>().len(), 3);
}

#[test]
fn identity_hosts_and_batch_paths() {
    assert_eq!((gmail().name(), gmail().version(), gmail().host()), ("gmail", "v1", "gmail.googleapis.com"));
    assert_eq!((oauth2().name(), oauth2().host()), ("oauth2", "www.googleapis.com"));
    assert_eq!(gmail().batch_path().as_deref(), Some("/batch"));
    assert_eq!(oauth2().batch_path().as_deref(), Some("/batch/oauth2/v2"));
    assert!(gmail().is_batch_path("/batch") && gmail().is_batch_path("/batch/gmail/v1"));
    assert!(!gmail().is_batch_path("/batch/drive/v3"));
    assert!(oauth2().is_batch_path("/batch/oauth2/v2"));
    assert_eq!(drive().batch_path().as_deref(), Some("/batch/drive/v3"));
    assert_eq!(calendar().batch_path().as_deref(), Some("/batch/calendar/v3"));
}

#[test]
fn messages_list_and_get() {
    let m = call(gmail(), "GET", "/gmail/v1/users/me/messages", &[]).unwrap();
    assert_eq!(m.id, "gmail.users.messages.list");
    assert_eq!(m.path_params, [("userId".to_owned(), "me".to_owned())]);
    assert_eq!(m.upload, None);
    let m = call(gmail(), "GET", "/gmail/v1/users/me/messages/18c1%2Fab", &[]).unwrap();
    assert_eq!(m.id, "gmail.users.messages.get");
    assert_eq!(m.path_param("id"), Some("18c1/ab"));
    assert_eq!(m.path_param("userId"), Some("me"));
}

#[test]
fn batch_modify_beats_message_id() {
    let m = call(gmail(), "POST", "/gmail/v1/users/me/messages/batchModify", &[]).unwrap();
    assert_eq!(m.id, "gmail.users.messages.batchModify");
    assert_eq!(
        id_of(call(gmail(), "POST", "/gmail/v1/users/me/messages/batchDelete", &[])),
        "gmail.users.messages.batchDelete"
    );
    // With GET only messages.get fits, and Google treats "batchModify" as an id there.
    let m = call(gmail(), "GET", "/gmail/v1/users/me/messages/batchModify", &[]).unwrap();
    assert_eq!((m.id, m.path_param("id")), ("gmail.users.messages.get", Some("batchModify")));
}

#[test]
fn wrong_verb_is_404_method_not_found() {
    let v = rejected(call(gmail(), "PUT", "/gmail/v1/users/me/messages", &[]));
    assert_eq!((v.status, v.reason.as_str(), v.message.as_str()), (404, "notFound", "Method not found."));
    assert_eq!(v.to_google_error()["error"]["status"], "NOT_FOUND");
    assert_eq!(rejected(call(gmail(), "PATCH", "/gmail/v1/users/me/messages/x", &[])).status, 404);
    assert_eq!(rejected(call(gmail(), "get", "/gmail/v1/users/me/messages", &[])).status, 404);
}

#[test]
fn unknown_urls_are_404() {
    for path in [
        "/gmail/v1/users/me/nonsense",
        "/gmail/v1/users/me/messages/",
        "/gmail/v1/users//messages",
        "/gmail/v2/users/me/messages",
        "/",
        "",
        "gmail/v1/users/me/messages",
    ] {
        let v = rejected(call(gmail(), "GET", path, &[]));
        assert_eq!(v.status, 404, "{path}");
        assert!(v.message.contains("was not found"), "{path}: {}", v.message);
    }
}

#[test]
fn drafts_send_and_other_methods() {
    assert_eq!(id_of(call(gmail(), "POST", "/gmail/v1/users/me/drafts/send", &[])), "gmail.users.drafts.send");
    assert_eq!(id_of(call(gmail(), "PUT", "/gmail/v1/users/me/drafts/d1", &[])), "gmail.users.drafts.update");
    assert_eq!(id_of(call(gmail(), "GET", "/gmail/v1/users/me/drafts/send", &[])), "gmail.users.drafts.get");
    assert_eq!(id_of(call(gmail(), "GET", "/gmail/v1/users/me/profile", &[])), "gmail.users.getProfile");
    assert_eq!(id_of(call(gmail(), "POST", "/gmail/v1/users/me/threads/t1/trash", &[])), "gmail.users.threads.trash");
    let m = call(gmail(), "GET", "/gmail/v1/users/me/messages/m1/attachments/a1", &[]).unwrap();
    assert_eq!(m.id, "gmail.users.messages.attachments.get");
    assert_eq!(m.path_params.len(), 3);
    let m = call(gmail(), "POST", "/gmail/v1/users/me/settings/cse/keypairs/k%3A1:enable", &[]).unwrap();
    assert_eq!((m.id, m.path_param("keyPairId")), ("gmail.users.settings.cse.keypairs.enable", Some("k:1")));
    let m = call(gmail(), "GET", "/gmail/v1/users/me/settings/sendAs/a%40b.com", &[]).unwrap();
    assert_eq!(m.path_param("sendAsEmail"), Some("a@b.com"));
}

#[test]
fn oauth2_endpoints() {
    assert_eq!(id_of(call(oauth2(), "GET", "/oauth2/v2/userinfo", &[])), "oauth2.userinfo.get");
    assert_eq!(id_of(call(oauth2(), "GET", "/userinfo/v2/me", &[])), "oauth2.userinfo.v2.me.get");
    assert_eq!(
        id_of(call(oauth2(), "POST", "/oauth2/v2/tokeninfo", &[("access_token", "ya29.x")])),
        "oauth2.tokeninfo"
    );
    assert_eq!(rejected(call(oauth2(), "POST", "/oauth2/v2/userinfo", &[])).status, 404);
    assert_eq!(rejected(call(oauth2(), "GET", "/oauth2/v2/tokeninfo", &[])).status, 404);
    // tokeninfo declares its own alt with only "json".
    assert_eq!(rejected(call(oauth2(), "POST", "/oauth2/v2/tokeninfo", &[("alt", "media")])).status, 400);
    assert!(call(oauth2(), "GET", "/oauth2/v2/userinfo", &[("userIp", "1.2.3.4")]).is_ok());
}

#[test]
fn validate_any_picks_by_host() {
    let shape = |path| RequestShape { http_method: "GET", path, query: &[], body: Body::None };
    let m = validate_any(&all(), "gmail.googleapis.com", &shape("/gmail/v1/users/me/labels")).unwrap();
    assert_eq!(m.id, "gmail.users.labels.list");
    assert!(validate_any(&all(), "Gmail.GoogleAPIs.com:443", &shape("/gmail/v1/users/me/labels")).is_ok());
    assert_eq!(
        validate_any(&all(), "www.googleapis.com", &shape("/oauth2/v2/userinfo")).unwrap().id,
        "oauth2.userinfo.get"
    );
    assert_eq!(
        validate_any(&all(), "www.googleapis.com", &shape("/gmail/v1/users/me/labels")).unwrap_err().status,
        404
    );
    assert_eq!(validate_any(&all(), "example.com", &shape("/oauth2/v2/userinfo")).unwrap_err().status, 404);
    let put = RequestShape { http_method: "PUT", path: "/oauth2/v2/userinfo", query: &[], body: Body::None };
    assert_eq!(validate_any(&all(), "www.googleapis.com", &put).unwrap_err().message, "Method not found.");
}
