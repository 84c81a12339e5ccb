//! JSON request bodies against the Gmail schemas.

use super::{call_json, gmail, rejected};
use crate::{Body, RequestShape};
use serde_json::json;

const SEND: &str = "/gmail/v1/users/me/messages/send";
const LABELS: &str = "/gmail/v1/users/me/labels";

#[test]
fn send_with_raw_message() {
    let body = json!({"raw": "RnJvbTogYUBiLmNvbQ0KDQpoaQ", "threadId": "x"});
    assert_eq!(call_json(gmail(), "POST", SEND, &body).unwrap().id, "gmail.users.messages.send");
    // Google also binds the proto spelling of field names.
    assert!(call_json(gmail(), "POST", SEND, &json!({"raw": "aGk=", "thread_id": "x", "label_ids": ["A"]})).is_ok());
    // null means unset.
    assert!(call_json(gmail(), "POST", SEND, &json!({"raw": "aGk", "threadId": null})).is_ok());
}

#[test]
fn send_with_unknown_field() {
    let v = rejected(call_json(gmail(), "POST", SEND, &json!({"raw": "aGk", "bogus": 1})));
    assert_eq!((v.status, v.reason.as_str()), (400, "invalid"));
    assert_eq!(v.message, "Invalid JSON payload received. Unknown name \"bogus\" at 'message': Cannot find field.");
    // Case matters: only the two spellings bind.
    assert_eq!(rejected(call_json(gmail(), "POST", SEND, &json!({"Raw": "aGk"}))).status, 400);
    assert_eq!(rejected(call_json(gmail(), "POST", SEND, &json!({"threadId": "a", "thread_id": "b"}))).status, 400);
}

#[test]
fn scalar_types_in_message() {
    let bad = [
        json!({"raw": 5}),
        json!({"raw": "not base64!"}),
        json!({"raw": "a+_b"}),
        json!({"threadId": 7}),
        json!({"labelIds": "INBOX"}),
        json!({"labelIds": [1]}),
        json!({"labelIds": [null]}),
        json!({"sizeEstimate": "big"}),
        json!({"sizeEstimate": 1.5}),
        json!({"internalDate": "yesterday"}),
        json!({"historyId": -1}),
        json!({"payload": "text"}),
        json!({"payload": [{}]}),
        json!({"payload": {"headers": [{"name": "To", "value": "a@b", "extra": 1}]}}),
        json!(["raw"]),
        json!("raw"),
    ];
    for body in bad {
        assert_eq!(rejected(call_json(gmail(), "POST", SEND, &body)).status, 400, "{body}");
    }
    let good = json!({
        "raw": "aGVsbG8-_w==",
        "internalDate": "1700000000000",
        "historyId": 12345,
        "sizeEstimate": 10,
        "payload": {"mimeType": "text/plain", "headers": [{"name": "To", "value": "a@b"}], "parts": [{"partId": "0"}]}
    });
    assert!(call_json(gmail(), "POST", SEND, &good).is_ok());
}

#[test]
fn error_paths_use_proto_names() {
    let v = rejected(call_json(gmail(), "POST", SEND, &json!({"threadId": 7})));
    assert_eq!(v.message, "Invalid value at 'message.thread_id' (TYPE_STRING), 7");
    let v = rejected(call_json(gmail(), "POST", SEND, &json!({"payload": {"headers": [{"name": 1}]}})));
    assert_eq!(v.message, "Invalid value at 'message.payload.headers[0].name' (TYPE_STRING), 1");
    // Long values are shortened in messages.
    let v = rejected(call_json(gmail(), "POST", SEND, &json!({"raw": "!".repeat(1000)})));
    assert!(v.message.len() < 200, "{}", v.message);
}

#[test]
fn labels_create_with_color() {
    let body = json!({
        "name": "Work",
        "labelListVisibility": "labelShow",
        "messageListVisibility": "show",
        "color": {"backgroundColor": "#16a766", "textColor": "#ffffff"}
    });
    assert_eq!(call_json(gmail(), "POST", LABELS, &body).unwrap().id, "gmail.users.labels.create");
    let v = rejected(call_json(gmail(), "POST", LABELS, &json!({"name": "W", "color": {"background": "#fff"}})));
    assert_eq!(
        v.message,
        "Invalid JSON payload received. Unknown name \"background\" at 'label.color': Cannot find field."
    );
    let v = rejected(call_json(gmail(), "POST", LABELS, &json!({"name": "W", "messageListVisibility": "visible"})));
    assert_eq!(v.message, "Invalid value at 'label.message_list_visibility' (TYPE_ENUM), \"visible\"");
    assert_eq!(rejected(call_json(gmail(), "POST", LABELS, &json!({"color": "red"}))).status, 400);
    assert!(call_json(gmail(), "PATCH", "/gmail/v1/users/me/labels/L1", &json!({"name": "W2"})).is_ok());
}

#[test]
fn filters_create() {
    let path = "/gmail/v1/users/me/settings/filters";
    let body = json!({
        "criteria": {"from": "boss@example.com", "hasAttachment": true, "size": 1000, "sizeComparison": "larger"},
        "action": {"addLabelIds": ["Label_1"], "removeLabelIds": ["INBOX"]}
    });
    assert_eq!(call_json(gmail(), "POST", path, &body).unwrap().id, "gmail.users.settings.filters.create");
    for bad in [
        json!({"criteria": {"from": "x", "hasAttachment": "yes"}}),
        json!({"criteria": {"sizeComparison": "huge"}}),
        json!({"action": {"addLabelIds": "Label_1"}}),
        json!({"action": {"archive": true}}),
    ] {
        assert_eq!(rejected(call_json(gmail(), "POST", path, &bad)).status, 400, "{bad}");
    }
}

#[test]
fn batch_modify_and_drafts_send_bodies() {
    let path = "/gmail/v1/users/me/messages/batchModify";
    assert!(
        call_json(gmail(), "POST", path, &json!({"ids": ["a", "b"], "addLabelIds": ["X"], "removeLabelIds": []}))
            .is_ok()
    );
    let v = rejected(call_json(gmail(), "POST", path, &json!({"ids": ["a"], "labels": ["X"]})));
    assert_eq!(v.message, "Invalid JSON payload received. Unknown name \"labels\": Cannot find field.");
    let drafts_send = "/gmail/v1/users/me/drafts/send";
    assert_eq!(call_json(gmail(), "POST", drafts_send, &json!({"id": "r123"})).unwrap().id, "gmail.users.drafts.send");
    assert!(call_json(gmail(), "POST", "/gmail/v1/users/me/drafts", &json!({"message": {"raw": "aGk"}})).is_ok());
    let v = rejected(call_json(gmail(), "POST", drafts_send, &json!({"id": "r1", "message": {"rawr": "x"}})));
    assert!(v.message.contains("at 'draft.message'"), "{}", v.message);
}

#[test]
fn body_presence_rules() {
    // No body where one is expected is a shape Google accepts (the method then complains itself).
    assert!(super::call(gmail(), "POST", SEND, &[]).is_ok());
    // GET and DELETE take no body.
    for verb in ["GET", "DELETE"] {
        let v = rejected(call_json(gmail(), verb, "/gmail/v1/users/me/messages/m1", &json!({})));
        assert_eq!((v.status, v.reason.as_str()), (400, "badRequest"));
    }
    // Methods without a request schema take only an empty object.
    let trash = "/gmail/v1/users/me/messages/m1/trash";
    assert!(call_json(gmail(), "POST", trash, &json!({})).is_ok());
    assert_eq!(rejected(call_json(gmail(), "POST", trash, &json!({"x": 1}))).status, 400);
    // Media on a JSON URL.
    let media = RequestShape {
        http_method: "POST",
        path: SEND,
        query: &[],
        body: Body::Media { content_type: "message/rfc822" },
    };
    let v = rejected(gmail().validate(&media));
    assert_eq!((v.status, v.reason.as_str()), (400, "badRequest"));
}

#[test]
fn settings_bodies_with_64_bit_and_booleans() {
    let path = "/gmail/v1/users/me/settings/vacation";
    let body = json!({"enableAutoReply": true, "startTime": "1700000000000", "endTime": 1800000000000_i64, "responseSubject": "Away"});
    assert!(call_json(gmail(), "PUT", path, &body).is_ok());
    assert_eq!(rejected(call_json(gmail(), "PUT", path, &json!({"enableAutoReply": "true"}))).status, 400);
    assert_eq!(rejected(call_json(gmail(), "PUT", path, &json!({"startTime": "soon"}))).status, 400);
}

#[test]
fn standalone_metadata_and_media_checks() {
    let id = "gmail.users.messages.send";
    assert!(gmail().validate_request_json(id, &json!({"threadId": "t"})).is_ok());
    assert!(gmail().validate_request_json(id, &json!({"nope": "t"})).is_err());
    assert_eq!(gmail().validate_request_json("gmail.nothing", &json!({})).unwrap_err().status, 404);
    assert!(gmail().check_upload_media_type(id, "message/rfc822").is_ok());
    assert!(gmail().check_upload_media_type(id, "image/png").is_err());
    assert!(gmail().check_upload_media_type("gmail.users.labels.list", "message/rfc822").is_err());
    assert_eq!(gmail().max_upload_size(id), Some(36_700_160));
    assert_eq!(gmail().max_upload_size("gmail.users.messages.import"), Some(157_286_400));
}

#[test]
fn calendar_event_times_may_be_local() {
    use super::calendar;
    const EVENTS: &str = "/calendar/v3/calendars/primary/events";
    let local = json!({"start": {"dateTime": "2026-01-15T10:00:00", "timeZone": "Europe/Berlin"},
                       "end": {"dateTime": "2026-01-15T11:00:00.5", "timeZone": "Europe/Berlin"}});
    assert!(call_json(calendar(), "POST", EVENTS, &local).is_ok());
    let offset = json!({"start": {"dateTime": "2026-01-15T10:00:00+01:00"}});
    assert!(call_json(calendar(), "POST", EVENTS, &offset).is_ok());
    for bad in ["2026-01-15", "2026-01-15T25:00:00", "2026-01-15T10:00:00+01:00Z"] {
        let body = json!({"start": {"dateTime": bad}});
        assert_eq!(rejected(call_json(calendar(), "POST", EVENTS, &body)).status, 400, "{bad}");
    }
    // Other Calendar timestamps keep the mandatory offset.
    let freebusy = json!({"timeMin": "2026-01-15T10:00:00", "timeMax": "2026-01-16T10:00:00Z"});
    assert_eq!(rejected(call_json(calendar(), "POST", "/calendar/v3/freeBusy", &freebusy)).status, 400);
}

#[test]
fn drive_properties_take_null_to_clear() {
    use super::drive;
    const FILE: &str = "/drive/v3/files/abc";
    let clear = json!({"properties": {"project": null, "quarter": "Q4"}, "appProperties": {"x": null}});
    assert!(call_json(drive(), "PATCH", FILE, &clear).is_ok());
    // Other maps keep refusing null values.
    let links = json!({"exportLinks": {"text/plain": null}});
    assert_eq!(rejected(call_json(drive(), "PATCH", FILE, &links)).status, 400);
    let wrong = json!({"properties": {"project": 3}});
    assert_eq!(rejected(call_json(drive(), "PATCH", FILE, &wrong)).status, 400);
}
