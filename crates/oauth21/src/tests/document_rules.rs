//! The rules a client ID URL and its metadata document must meet, each refusal on its own.

use std::time::Duration;

use serde_json::{Value, json};

use crate::client_document::{cache_lifetime, client_host, client_id_url, names_a_document, read_document};

const ID: &str = "https://app.example/oauth/client.json";
const JSON: Option<&str> = Some("application/json");

fn doc() -> Value {
    json!({
        "client_id": ID,
        "client_name": "Example App",
        "client_uri": "https://app.example",
        "logo_uri": "https://app.example/logo.png",
        "redirect_uris": ["https://app.example/callback", "http://127.0.0.1:8976/callback"],
        "token_endpoint_auth_method": "none",
        "grant_types": ["authorization_code", "refresh_token"],
        "response_types": ["code"],
    })
}

fn with(changes: Value) -> Vec<u8> {
    let mut d = doc();
    for (k, v) in changes.as_object().unwrap() {
        if v.is_null() {
            d.as_object_mut().unwrap().remove(k);
        } else {
            d[k] = v.clone();
        }
    }
    serde_json::to_vec(&d).unwrap()
}

/// The refusal message of `body` read as the document of [`ID`], which must contain `why`.
fn refused(content_type: Option<&str>, body: &[u8], globs: &[String], why: &str) {
    let e = read_document(ID, content_type, body, globs).expect_err(why);
    assert!(e.contains(why) && e.contains(ID), "expected \"{why}\", got: {e}");
}

#[test]
fn a_client_id_url_is_https_with_a_path_in_normal_form() {
    assert_eq!(client_id_url(ID).unwrap().as_str(), ID);
    assert!(client_id_url("https://app.example/c?v=2").is_ok(), "a query is discouraged, not forbidden");
    let cases = [
        ("http://app.example/client.json", "served over https"),
        ("http://localhost:3000/client.json", "served over https"),
        ("ftp://app.example/client.json", "served over https"),
        ("https://app.example/", "must have a path"),
        ("https://app.example", "must have a path"),
        ("https://app.example/c#frag", "fragment"),
        ("https://user:pw@app.example/c", "user name or password"),
        ("https://user@app.example/c", "user name or password"),
        ("https://APP.example/c", "normal form"),
        ("https://app.example:443/c", "normal form"),
        ("https://app.example/a/../c", "normal form"),
        ("https://app.example/./c", "normal form"),
        ("not a url:at all", "neither a registered client nor a valid URL"),
    ];
    for (id, why) in cases {
        let e = client_id_url(id).expect_err(id);
        assert!(e.contains(why), "{id}: expected \"{why}\", got: {e}");
    }
    let long = format!("https://app.example/{}", "a".repeat(2000));
    assert!(client_id_url(&long).unwrap_err().contains("limited to 2000"));
}

#[test]
fn only_ids_with_a_colon_are_urls() {
    // Registered ids are base64url: never a colon, never fetched.
    assert!(!names_a_document("Zq3v-7xK_2mPq9TtY8wRbA12"));
    assert!(names_a_document(ID) && names_a_document("http://x/y") && names_a_document("urn:x"));
    assert_eq!(client_host(ID).as_deref(), Some("app.example"));
    assert_eq!(client_host("Zq3v-7xK_2mPq9TtY8wRbA12"), None);
}

#[test]
fn a_good_document_describes_a_public_client() {
    let client = read_document(ID, JSON, &with(json!({})), &[]).unwrap();
    assert_eq!(client.client_id, ID);
    assert_eq!(client.auth_method, "none");
    assert!(client.secret_hash.is_none());
    assert_eq!(client.client_name.as_deref(), Some("Example App"));
    assert_eq!(client.redirect_uris.len(), 2);
    // No method named is a public client too (a document cannot carry a secret), and
    // `application/<x>+json` with parameters is JSON.
    let bare = with(json!({"token_endpoint_auth_method": null, "grant_types": null, "response_types": null}));
    assert!(read_document(ID, Some("application/oauth-client+json; charset=utf-8"), &bare, &[]).is_ok());
}

#[test]
fn each_broken_rule_refuses_the_document() {
    let none: &[String] = &[];
    refused(Some("text/html"), &with(json!({})), none, "must be served as application/json");
    refused(None, &with(json!({})), none, "must be served as application/json");
    refused(JSON, b"<html>not json</html>", none, "not a JSON client metadata object");
    refused(JSON, b"[1, 2]", none, "not a JSON client metadata object");
    refused(JSON, &with(json!({"client_id": null})), none, "not exactly the URL");
    refused(JSON, &with(json!({"client_id": format!("{ID}/")})), none, "not exactly the URL");
    refused(JSON, &with(json!({"client_id": "https://other.example/oauth/client.json"})), none, "not exactly the URL");
    refused(JSON, &with(json!({"client_secret": "s3cret"})), none, "may not hold a client secret");
    refused(JSON, &with(json!({"client_secret_expires_at": 0})), none, "may not hold a client secret");
    for method in ["client_secret_basic", "client_secret_post", "private_key_jwt"] {
        refused(JSON, &with(json!({"token_endpoint_auth_method": method})), none, "public clients only");
    }
    refused(JSON, &with(json!({"redirect_uris": []})), none, "redirect_uris must list 1 to 10");
    refused(JSON, &with(json!({"redirect_uris": null})), none, "redirect_uris must list 1 to 10");
    let eleven: Vec<String> = (0..11).map(|i| format!("https://app.example/cb{i}")).collect();
    refused(JSON, &with(json!({"redirect_uris": eleven})), none, "redirect_uris must list 1 to 10");
    for uri in ["http://app.example/cb", "com.example.app:/cb", "javascript:alert(1)", "http://10.0.0.1/cb", "cb"] {
        refused(JSON, &with(json!({"redirect_uris": [uri]})), none, "neither https nor http to a loopback");
    }
    refused(JSON, &with(json!({"redirect_uris": ["https://app.example/cb#x"]})), none, "fragment");
    refused(JSON, &with(json!({"grant_types": ["client_credentials"]})), none, "grant_types");
    refused(JSON, &with(json!({"response_types": ["token"]})), none, "response_types");
    refused(JSON, &with(json!({"client_name": "n".repeat(201)})), none, "client_name is too long");
}

#[test]
fn the_operators_redirect_globs_narrow_documents_as_registrations() {
    let globs = vec!["https://app.example/*".to_string()];
    let inside = with(json!({"redirect_uris": ["https://app.example/callback"]}));
    assert!(read_document(ID, JSON, &inside, &globs).is_ok());
    // The loopback URI of the default document is outside the operator's list.
    refused(JSON, &with(json!({})), &globs, "not among the redirect URIs this server allows");
    // The globs never widen: a URI they match is still refused when it breaks a rule.
    let wide = vec!["*".to_string()];
    refused(JSON, &with(json!({"redirect_uris": ["http://app.example/cb"]})), &wide, "neither https nor http");
}

#[test]
fn cache_lifetimes_follow_max_age_within_bounds() {
    let secs = |s: u64| Duration::from_secs(s);
    assert_eq!(cache_lifetime(None), secs(3600));
    assert_eq!(cache_lifetime(Some("public")), secs(3600));
    assert_eq!(cache_lifetime(Some("public, max-age=300")), secs(300));
    assert_eq!(cache_lifetime(Some("max-age=7200, must-revalidate")), secs(7200));
    assert_eq!(cache_lifetime(Some("max-age=5")), secs(60), "at least a minute");
    assert_eq!(cache_lifetime(Some("max-age=0")), secs(60));
    assert_eq!(cache_lifetime(Some("max-age=31536000")), secs(86_400), "at most a day");
    assert_eq!(cache_lifetime(Some("no-store")), secs(60));
    assert_eq!(cache_lifetime(Some("max-age=600, no-cache")), secs(60));
    assert_eq!(cache_lifetime(Some("max-age=soon")), secs(3600));
}
