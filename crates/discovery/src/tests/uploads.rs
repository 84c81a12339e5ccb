//! Media upload URLs: uploadType, content types, resumable sessions.

use super::{gmail, q, rejected};
use crate::{Body, MethodMatch, RequestShape, UploadKind, Violation};
use serde_json::json;

const UPLOAD_SEND: &str = "/upload/gmail/v1/users/me/messages/send";

fn upload(verb: &str, path: &str, query: &[(&str, &str)], body: Body<'_>) -> Result<MethodMatch<'static>, Violation> {
    let query = q(query);
    gmail().validate(&RequestShape { http_method: verb, path, query: &query, body })
}

fn media(content_type: &str) -> Body<'_> {
    Body::Media { content_type }
}

#[test]
fn multipart_send() {
    let m =
        upload("POST", UPLOAD_SEND, &[("uploadType", "multipart")], media("multipart/related; boundary=xyz")).unwrap();
    assert_eq!(m.id, "gmail.users.messages.send");
    assert_eq!(m.upload, Some(UploadKind::Multipart));
    assert_eq!(m.path_param("userId"), Some("me"));
    let v = rejected(upload("POST", UPLOAD_SEND, &[("uploadType", "multipart")], media("message/rfc822")));
    assert_eq!(v.reason, "badRequest");
    assert!(upload("POST", UPLOAD_SEND, &[("uploadType", "multipart")], Body::None).is_err());
}

#[test]
fn simple_media_send() {
    let m = upload("POST", UPLOAD_SEND, &[("uploadType", "media")], media("message/rfc822")).unwrap();
    assert_eq!(m.upload, Some(UploadKind::Simple));
    let v = rejected(upload("POST", UPLOAD_SEND, &[("uploadType", "media")], media("text/plain")));
    assert_eq!(v.message, "Media type 'text/plain' is not supported. Valid media types: [message/*]");
    let body = json!({"raw": "aGk"});
    assert_eq!(rejected(upload("POST", UPLOAD_SEND, &[("uploadType", "media")], Body::Json(&body))).status, 400);
}

#[test]
fn upload_type_rules() {
    let v = rejected(upload("POST", UPLOAD_SEND, &[], media("message/rfc822")));
    assert_eq!((v.status, v.reason.as_str()), (400, "required"));
    assert_eq!(
        rejected(upload("POST", UPLOAD_SEND, &[("uploadType", "chunked")], media("message/rfc822"))).status,
        400
    );
    let twice = [("uploadType", "media"), ("uploadType", "media")];
    assert_eq!(rejected(upload("POST", UPLOAD_SEND, &twice, media("message/rfc822"))).status, 400);
    // Other query parameters still follow the method's rules.
    assert!(
        upload("POST", UPLOAD_SEND, &[("uploadType", "media"), ("fields", "id,threadId")], media("message/rfc822"))
            .is_ok()
    );
    assert_eq!(
        rejected(upload("POST", UPLOAD_SEND, &[("uploadType", "media"), ("foo", "1")], media("message/rfc822"))).status,
        400
    );
    // Wrong verb on an upload URL.
    assert_eq!(rejected(upload("GET", UPLOAD_SEND, &[("uploadType", "media")], Body::None)).status, 404);
    // No upload URL for methods without media upload.
    assert_eq!(
        rejected(upload("POST", "/upload/gmail/v1/users/me/labels", &[("uploadType", "media")], Body::None)).status,
        404
    );
}

#[test]
fn other_upload_methods() {
    let cases = [
        ("POST", "/upload/gmail/v1/users/me/messages", "gmail.users.messages.insert"),
        ("POST", "/upload/gmail/v1/users/me/messages/import", "gmail.users.messages.import"),
        ("POST", "/upload/gmail/v1/users/me/drafts", "gmail.users.drafts.create"),
        ("PUT", "/upload/gmail/v1/users/me/drafts/d1", "gmail.users.drafts.update"),
        ("POST", "/upload/gmail/v1/users/me/drafts/send", "gmail.users.drafts.send"),
    ];
    for (verb, path, id) in cases {
        let m = upload(verb, path, &[("uploadType", "multipart")], media("multipart/related; boundary=b")).unwrap();
        assert_eq!(m.id, id);
    }
    let import = [("uploadType", "media"), ("internalDateSource", "dateHeader"), ("neverMarkSpam", "true")];
    assert!(upload("POST", "/upload/gmail/v1/users/me/messages/import", &import, media("message/rfc822")).is_ok());
}

#[test]
fn resumable_session() {
    let metadata = json!({"threadId": "t1"});
    let start = upload("POST", UPLOAD_SEND, &[("uploadType", "resumable")], Body::Json(&metadata)).unwrap();
    assert_eq!(start.upload, Some(UploadKind::Resumable));
    assert!(upload("POST", UPLOAD_SEND, &[("uploadType", "resumable")], Body::None).is_ok());
    let bad = json!({"thread": "t1"});
    assert_eq!(rejected(upload("POST", UPLOAD_SEND, &[("uploadType", "resumable")], Body::Json(&bad))).status, 400);
    assert_eq!(
        rejected(upload("POST", UPLOAD_SEND, &[("uploadType", "resumable")], media("message/rfc822"))).status,
        400
    );
    // The bytes follow with PUT on the session URL.
    let session = [("uploadType", "resumable"), ("upload_id", "sess-1")];
    let chunk = upload("PUT", UPLOAD_SEND, &session, media("message/rfc822")).unwrap();
    assert_eq!((chunk.id, chunk.upload), ("gmail.users.messages.send", Some(UploadKind::Resumable)));
    assert!(upload("PUT", UPLOAD_SEND, &session, Body::None).is_ok(), "status probe");
    // upload_id without the resumable protocol binds to nothing.
    assert_eq!(
        rejected(upload("POST", UPLOAD_SEND, &[("uploadType", "media"), ("upload_id", "s")], media("message/rfc822")))
            .status,
        400
    );
    // The dedicated resumable URL needs no uploadType but takes no other protocol.
    let path = "/resumable/upload/gmail/v1/users/me/messages/send";
    assert_eq!(upload("POST", path, &[], Body::None).unwrap().upload, Some(UploadKind::Resumable));
    assert_eq!(rejected(upload("POST", path, &[("uploadType", "media")], media("message/rfc822"))).status, 400);
}
