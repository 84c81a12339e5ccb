use super::*;
use base64::Engine as _;
use chrono::TimeZone;

fn token(email: &str, access: &str) -> StoredToken {
    StoredToken {
        access_token: Secret::new(access),
        refresh_token: Some(Secret::new("1//refresh")),
        expiry: Utc.with_ymd_and_hms(2030, 1, 2, 3, 4, 5).single(),
        scopes: vec!["https://www.googleapis.com/auth/gmail.readonly".into()],
        email: email.into(),
        client_id: "cid".into(),
    }
}

fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> =
        fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    v.sort();
    v
}

#[test]
fn round_trip_through_a_fresh_store() {
    let dir = tempfile::tempdir().unwrap();
    let store = TokenStore::open(dir.path(), None).unwrap();
    let t = token("Alice+x@Example.com", "ya29.one");
    store.save(&t).unwrap();
    let again = TokenStore::open(dir.path(), None).unwrap();
    let loaded = again.load("alice+x@example.com").unwrap().unwrap();
    assert_eq!(loaded, StoredToken { email: "alice+x@example.com".into(), ..t });
    assert!(dir.path().join("alice%2Bx@example.com.enc").exists());
    let raw = fs::read(dir.path().join("alice%2Bx@example.com.enc")).unwrap();
    assert!(!String::from_utf8_lossy(&raw).contains("ya29"), "token must not be stored in clear");
    assert_eq!(again.load("bob@example.com").unwrap(), None);
}

#[test]
fn tampered_file_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let store = TokenStore::open(dir.path(), None).unwrap();
    store.save(&token("a@x.com", "ya29.one")).unwrap();
    let path = dir.path().join("a@x.com.enc");
    let mut bytes = fs::read(&path).unwrap();
    let last = bytes.len() - 1;
    bytes[last] ^= 1;
    fs::write(&path, bytes).unwrap();
    let err = TokenStore::open(dir.path(), None).unwrap().load("a@x.com").unwrap_err();
    assert!(matches!(err, AuthError::Tampered { .. }), "{err}");
    assert!(err.to_string().contains("a@x.com.enc"), "{err}");
    assert!(err.needs_authorization());
}

#[test]
fn wrong_key_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let key_a = base64::engine::general_purpose::STANDARD.encode([1u8; 32]);
    let key_b = base64::engine::general_purpose::STANDARD.encode([2u8; 32]);
    TokenStore::open(dir.path(), Some(&key_a)).unwrap().save(&token("a@x.com", "t")).unwrap();
    let err = TokenStore::open(dir.path(), Some(&key_b)).unwrap().load("a@x.com").unwrap_err();
    let msg = err.to_string();
    assert!(matches!(err, AuthError::WrongKey { .. }), "{msg}");
    assert!(msg.contains("a@x.com.enc") && msg.contains("WORKSPACE_MCP_TOKEN_KEY"), "{msg}");
    // The generated key file is a third, different key.
    let err = TokenStore::open(dir.path(), None).unwrap().load("a@x.com").unwrap_err();
    assert!(err.to_string().contains(".token-key"), "{err}");
}

#[test]
fn writes_leave_no_temp_files() {
    let dir = tempfile::tempdir().unwrap();
    let store = TokenStore::open(dir.path(), None).unwrap();
    for i in 0..5 {
        store.save(&token("a@x.com", &format!("t{i}"))).unwrap();
    }
    store.probe().unwrap();
    assert_eq!(names(dir.path()), [".token-key", "a@x.com.enc"]);
    assert_eq!(store.load("a@x.com").unwrap().unwrap().access_token.expose(), "t4");
}

#[cfg(unix)]
#[test]
fn key_file_and_dir_are_private() {
    use std::os::unix::fs::PermissionsExt;
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("nested/credentials");
    let store = TokenStore::open(&dir, None).unwrap();
    store.save(&token("a@x.com", "t")).unwrap();
    let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&dir), 0o700);
    assert_eq!(mode(&dir.join(".token-key")), 0o600);
    assert_eq!(mode(&dir.join("a@x.com.enc")), 0o600);
}

#[test]
fn concurrent_first_starts_agree_on_one_key() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().to_owned();
    let stores: Vec<TokenStore> = (0..8)
        .map(|_| {
            let p = path.clone();
            std::thread::spawn(move || TokenStore::open(p, None).unwrap())
        })
        .collect::<Vec<_>>()
        .into_iter()
        .map(|h| h.join().unwrap())
        .collect();
    stores[3].save(&token("a@x.com", "shared")).unwrap();
    for s in &stores {
        assert_eq!(s.load("a@x.com").unwrap().unwrap().access_token.expose(), "shared");
    }
    assert_eq!(names(dir.path()), [".token-key", "a@x.com.enc"]);
}

#[test]
fn migrates_reference_plaintext_files() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("a%2Bb@x.com.json"),
        r#"{"token": "ya29.legacy", "refresh_token": "1//legacy", "token_uri": "https://oauth2.googleapis.com/token",
            "client_id": "cid", "client_secret": "shh", "scopes": ["s1", "s2"], "expiry": "2030-01-02T03:04:05.678901"}"#,
    )
    .unwrap();
    fs::write(dir.path().join("oauth_states.json"), "{}").unwrap();
    let store = TokenStore::open(dir.path(), None).unwrap();
    store.save(&token("c@x.com", "t")).unwrap();
    assert_eq!(store.list_users().unwrap(), ["a+b@x.com", "c@x.com"]);

    let t = store.load("A+b@x.com").unwrap().unwrap();
    assert_eq!(t.access_token.expose(), "ya29.legacy");
    assert_eq!(t.refresh_token.as_ref().unwrap().expose(), "1//legacy");
    assert_eq!(t.scopes, ["s1", "s2"]);
    assert_eq!(t.expiry.unwrap().to_rfc3339(), "2030-01-02T03:04:05.678901+00:00");
    assert!(!dir.path().join("a%2Bb@x.com.json").exists());
    assert!(dir.path().join("a%2Bb@x.com.json.migrated").exists());
    assert!(dir.path().join("a%2Bb@x.com.enc").exists());
    let fresh = TokenStore::open(dir.path(), None).unwrap();
    assert_eq!(fresh.load("a+b@x.com").unwrap().unwrap(), t);
    assert_eq!(fresh.list_users().unwrap(), ["a+b@x.com", "c@x.com"]);

    assert!(fresh.delete("a+b@x.com").unwrap());
    assert!(!dir.path().join("a%2Bb@x.com.json.migrated").exists());
    assert_eq!(fresh.load("a+b@x.com").unwrap(), None);
}

#[test]
fn cache_notices_another_process_rewriting_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let a = TokenStore::open(dir.path(), None).unwrap();
    let b = TokenStore::open(dir.path(), None).unwrap();
    a.save(&token("a@x.com", "first")).unwrap();
    assert_eq!(a.load("a@x.com").unwrap().unwrap().access_token.expose(), "first");
    b.save(&token("a@x.com", "second")).unwrap();
    assert_eq!(a.load("a@x.com").unwrap().unwrap().access_token.expose(), "second");
    b.delete("a@x.com").unwrap();
    assert_eq!(a.load("a@x.com").unwrap(), None);
}

#[test]
fn bad_emails_are_rejected() {
    let dir = tempfile::tempdir().unwrap();
    let store = TokenStore::open(dir.path(), None).unwrap();
    for bad in ["", "   ", "no-at-sign", "a@x\n.com"] {
        assert!(matches!(store.load(bad), Err(AuthError::InvalidEmail(_))), "{bad:?}");
    }
}

#[test]
fn migrates_mixed_case_reference_names() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("Bob@X.com.json"), r#"{"token":"ya29.b","refresh_token":null,"expiry":null}"#).unwrap();
    let store = TokenStore::open(dir.path(), None).unwrap();
    assert_eq!(store.list_users().unwrap(), ["bob@x.com"]);
    let t = store.load("bob@x.com").unwrap().unwrap();
    assert_eq!((t.access_token.expose(), t.expiry, t.refresh_token), ("ya29.b", None, None));
    assert_eq!(names(dir.path()), [".token-key", "Bob@X.com.json.migrated", "bob@x.com.enc"]);
}
