//! Query-string rules: known names only, typed values, repetition, required parameters.

use super::{call, gmail, rejected};

const LIST: &str = "/gmail/v1/users/me/messages";
const GET: &str = "/gmail/v1/users/me/messages/m1";

#[test]
fn list_with_usual_parameters() {
    let query = [
        ("q", "from:a@b.com is:unread"),
        ("maxResults", "50"),
        ("pageToken", "abc"),
        ("labelIds", "INBOX"),
        ("labelIds", "UNREAD"),
        ("includeSpamTrash", "false"),
        ("fields", "messages(id,threadId),nextPageToken"),
        ("prettyPrint", "false"),
        ("alt", "json"),
        ("quotaUser", "u1"),
        ("$.xgafv", "2"),
    ];
    assert_eq!(call(gmail(), "GET", LIST, &query).unwrap().id, "gmail.users.messages.list");
}

#[test]
fn snake_case_spelling_binds_too() {
    assert!(call(gmail(), "GET", LIST, &[("max_results", "5"), ("label_ids", "INBOX")]).is_ok());
    let v = rejected(call(gmail(), "GET", LIST, &[("maxResults", "5"), ("max_results", "6")]));
    assert!(v.message.contains("non-repeated field 'max_results'"), "{}", v.message);
}

#[test]
fn unknown_query_parameter() {
    let v = rejected(call(gmail(), "GET", LIST, &[("foo", "1")]));
    assert_eq!(v.status, 400);
    assert_eq!(v.reason, "invalid");
    assert_eq!(
        v.message,
        "Invalid JSON payload received. Unknown name \"foo\": Cannot bind query parameter. \
         Field 'foo' could not be found in request message."
    );
    let e = v.to_google_error();
    assert_eq!(e["error"]["status"], "INVALID_ARGUMENT");
    assert_eq!(e["error"]["errors"][0]["domain"], "global");
    // A parameter of another method is just as unknown here.
    assert_eq!(rejected(call(gmail(), "GET", LIST, &[("format", "full")])).status, 400);
    // So is a path parameter repeated in the query.
    let v = rejected(call(gmail(), "GET", LIST, &[("userId", "me")]));
    assert!(v.message.contains("path parameter"), "{}", v.message);
    // Names are case-sensitive.
    assert_eq!(rejected(call(gmail(), "GET", LIST, &[("MaxResults", "5")])).status, 400);
}

#[test]
fn integer_parameters() {
    let v = rejected(call(gmail(), "GET", LIST, &[("maxResults", "abc")]));
    assert_eq!(v.message, "Invalid value at 'max_results' (TYPE_UINT32), \"abc\"");
    for bad in ["-1", "1.5", "", "10 ", "4294967296"] {
        assert_eq!(rejected(call(gmail(), "GET", LIST, &[("maxResults", bad)])).status, 400, "{bad:?}");
    }
    assert!(call(gmail(), "GET", LIST, &[("maxResults", "500")]).is_ok());
    let history = "/gmail/v1/users/me/history";
    assert!(call(gmail(), "GET", history, &[("startHistoryId", "18446744073709551615")]).is_ok());
    assert_eq!(rejected(call(gmail(), "GET", history, &[("startHistoryId", "x1")])).status, 400);
}

#[test]
fn boolean_parameters() {
    assert!(call(gmail(), "GET", LIST, &[("includeSpamTrash", "true")]).is_ok());
    for bad in ["yes", "1", "TRUE", ""] {
        let v = rejected(call(gmail(), "GET", LIST, &[("includeSpamTrash", bad)]));
        assert!(v.message.contains("TYPE_BOOL"), "{bad:?}: {}", v.message);
    }
    assert_eq!(rejected(call(gmail(), "GET", LIST, &[("prettyPrint", "nope")])).status, 400);
}

#[test]
fn enum_parameters() {
    for ok in ["minimal", "full", "raw", "metadata"] {
        assert!(call(gmail(), "GET", GET, &[("format", ok)]).is_ok(), "{ok}");
    }
    let v = rejected(call(gmail(), "GET", GET, &[("format", "weird")]));
    assert_eq!(v.message, "Invalid value at 'format' (TYPE_ENUM), \"weird\"");
    assert_eq!(rejected(call(gmail(), "GET", GET, &[("format", "FULL")])).status, 400);
    // threads.get has a narrower enum than messages.get.
    assert_eq!(rejected(call(gmail(), "GET", "/gmail/v1/users/me/threads/t1", &[("format", "raw")])).status, 400);
    assert_eq!(rejected(call(gmail(), "GET", GET, &[("alt", "xml")])).status, 400);
    assert_eq!(rejected(call(gmail(), "GET", GET, &[("$.xgafv", "3")])).status, 400);
    let history = "/gmail/v1/users/me/history";
    assert!(call(gmail(), "GET", history, &[("historyTypes", "messageAdded"), ("historyTypes", "labelAdded")]).is_ok());
    assert_eq!(
        rejected(call(gmail(), "GET", history, &[("historyTypes", "messageAdded"), ("historyTypes", "x")])).status,
        400
    );
}

#[test]
fn repeated_and_non_repeated() {
    let query = [
        ("format", "metadata"),
        ("metadataHeaders", "From"),
        ("metadataHeaders", "Subject"),
        ("metadataHeaders", "Date"),
    ];
    assert_eq!(call(gmail(), "GET", GET, &query).unwrap().id, "gmail.users.messages.get");
    let v = rejected(call(gmail(), "GET", GET, &[("format", "full"), ("format", "raw")]));
    assert_eq!((v.status, v.reason.as_str()), (400, "invalid"));
    assert_eq!(rejected(call(gmail(), "GET", LIST, &[("pageToken", "a"), ("pageToken", "b")])).status, 400);
    assert_eq!(rejected(call(gmail(), "GET", LIST, &[("fields", "messages"), ("fields", "messages")])).status, 400);
}

#[test]
fn alt_media_needs_media_download() {
    let v = rejected(call(gmail(), "GET", "/gmail/v1/users/me/messages/m1/attachments/a1", &[("alt", "media")]));
    assert!(v.message.contains("alt=media"), "{}", v.message);
    assert!(call(gmail(), "GET", GET, &[("alt", "proto")]).is_ok());
}

#[test]
fn fields_selection_is_checked_against_the_response() {
    assert!(call(gmail(), "GET", GET, &[("fields", "id,payload/headers(name,value),labelIds")]).is_ok());
    let v = rejected(call(gmail(), "GET", GET, &[("fields", "id,bogus")]));
    assert_eq!(v.message, "Invalid field selection bogus");
    assert!(call(gmail(), "DELETE", GET, &[("fields", "x")]).is_ok(), "no response schema, nothing to check");
}

#[test]
fn upload_parameters_off_upload_urls() {
    let send = "/gmail/v1/users/me/messages/send";
    let v = rejected(call(gmail(), "POST", send, &[("uploadType", "multipart")]));
    assert_eq!(v.status, 400);
    let v = rejected(call(gmail(), "POST", send, &[("upload_id", "s1")]));
    assert!(v.message.contains("Unknown name \"upload_id\""), "{}", v.message);
    assert!(call(gmail(), "POST", send, &[("upload_protocol", "raw")]).is_ok());
}

/// A tiny document exercising what Gmail does not: required query parameters, bounds, patterns.
fn demo() -> &'static crate::Api {
    let doc = r#"{"name":"demo","version":"v1","rootUrl":"https://demo.googleapis.com/","servicePath":"",
      "parameters":{"fields":{"type":"string","location":"query"}},
      "schemas":{"Item":{"type":"object","properties":{"name":{"type":"string"}}}},
      "resources":{"items":{"methods":{
        "search":{"id":"demo.items.search","httpMethod":"GET","path":"v1/items:search",
          "parameters":{"query":{"type":"string","location":"query","required":true},
                        "pageSize":{"type":"integer","format":"int32","location":"query","minimum":"1","maximum":"100"},
                        "since":{"type":"string","format":"google-datetime","location":"query"}}},
        "get":{"id":"demo.items.get","httpMethod":"GET","path":"v1/{+name}","flatPath":"v1/items/{itemsId}",
          "parameters":{"name":{"type":"string","location":"path","required":true,"pattern":"^items/[^/]+$"}},
          "response":{"$ref":"Item"}},
        "getRev":{"id":"demo.items.getRev","httpMethod":"GET","path":"v1/items/{item}/revs/{rev}",
          "parameters":{"item":{"type":"string","location":"path","required":true},
                        "rev":{"type":"integer","format":"int32","location":"path","required":true}}}}}}}"#;
    Box::leak(Box::new(crate::Api::from_json(doc).unwrap()))
}

#[test]
fn required_parameters_and_bounds() {
    let api = demo();
    let v = rejected(call(api, "GET", "/v1/items:search", &[]));
    assert_eq!((v.status, v.reason.as_str(), v.message.as_str()), (400, "required", "Required parameter: query"));
    assert!(call(api, "GET", "/v1/items:search", &[("query", "x"), ("pageSize", "100")]).is_ok());
    assert_eq!(rejected(call(api, "GET", "/v1/items:search", &[("query", "x"), ("pageSize", "0")])).status, 400);
    assert_eq!(rejected(call(api, "GET", "/v1/items:search", &[("query", "x"), ("pageSize", "101")])).status, 400);
    assert!(call(api, "GET", "/v1/items:search", &[("query", "x"), ("since", "2024-01-01T00:00:00Z")]).is_ok());
    assert_eq!(rejected(call(api, "GET", "/v1/items:search", &[("query", "x"), ("since", "yesterday")])).status, 400);
}

#[test]
fn reserved_expansion_with_pattern() {
    let api = demo();
    let m = call(api, "GET", "/v1/items/abc", &[]).unwrap();
    assert_eq!((m.id, m.path_params.clone()), ("demo.items.get", vec![("name".to_owned(), "items/abc".to_owned())]));
    assert_eq!(rejected(call(api, "GET", "/v1/things/abc", &[])).status, 404, "pattern refuses other collections");
    assert_eq!(rejected(call(api, "GET", "/v1/items/a/b", &[])).status, 404);
    assert!(call(api, "GET", "/v1/items/abc", &[("fields", "name")]).is_ok());
    assert_eq!(rejected(call(api, "GET", "/v1/items/abc", &[("fields", "nom")])).status, 400);
}

#[test]
fn typed_path_parameters() {
    let api = demo();
    assert_eq!(call(api, "GET", "/v1/items/a/revs/7", &[]).unwrap().path_param("rev"), Some("7"));
    let v = rejected(call(api, "GET", "/v1/items/a/revs/seven", &[]));
    assert_eq!(v.message, "Invalid value at 'rev' (TYPE_INT32), \"seven\"");
}
