use std::collections::HashMap;

use super::*;

fn from(vars: &[(&str, &str)]) -> Result<KvConfig, String> {
    let map: HashMap<String, String> = vars.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect();
    KvConfig::from_env(&|name| map.get(name).cloned())
}

fn valkey(vars: &[(&str, &str)]) -> ValkeyConfig {
    match from(vars).unwrap() {
        KvConfig::Valkey(v) => v,
        other => panic!("expected valkey, got {other:?}"),
    }
}

#[test]
fn backends_are_chosen_by_name_and_valkey_by_its_host_alone() {
    assert_eq!(from(&[("WORKSPACE_MCP_OAUTH_PROXY_STORAGE_BACKEND", " Memory ")]).unwrap(), KvConfig::Memory);
    assert!(matches!(from(&[("HOME", "/h"), (BACKEND, "disk")]).unwrap(), KvConfig::Disk { .. }));
    let v = valkey(&[(BACKEND, "valkey")]);
    assert_eq!((v.host.as_str(), v.port, v.tls, v.db), ("localhost", 6379, false, 0));
    let v = valkey(&[("WORKSPACE_MCP_OAUTH_PROXY_VALKEY_HOST", "cache.internal")]);
    assert_eq!(v.host, "cache.internal");
    assert_eq!(
        from(&[("WORKSPACE_MCP_OAUTH_PROXY_VALKEY_HOST", "cache.internal"), (BACKEND, "memory")]).unwrap(),
        KvConfig::Memory,
        "an explicit backend wins over the host"
    );
    assert!(matches!(from(&[("HOME", "/h")]).unwrap(), KvConfig::Disk { .. }), "unset: the disk, as the reference");
}

#[test]
fn the_disk_directory_defaults_under_fastmcp_home_then_home() {
    let dir = |vars: &[(&str, &str)]| match from(vars).unwrap() {
        KvConfig::Disk { directory } => directory,
        other => panic!("{other:?}"),
    };
    assert_eq!(dir(&[("HOME", "/home/u")]), PathBuf::from("/home/u/.fastmcp/oauth-proxy"));
    assert_eq!(dir(&[("HOME", "/home/u"), ("FASTMCP_HOME", "/data/fm")]), PathBuf::from("/data/fm/oauth-proxy"));
    assert_eq!(
        dir(&[("HOME", "/home/u"), ("FASTMCP_HOME", "/data/fm"), (DISK_DIRECTORY, "~/state")]),
        PathBuf::from("/home/u/state")
    );
    let e = from(&[(BACKEND, "disk")]).unwrap_err();
    assert!(e.contains(DISK_DIRECTORY), "{e}");
}

#[test]
fn valkey_settings_are_read_with_tls_following_port_6380() {
    let v = valkey(&[
        ("WORKSPACE_MCP_OAUTH_PROXY_VALKEY_HOST", "cache.example.com"),
        ("WORKSPACE_MCP_OAUTH_PROXY_VALKEY_PORT", "6380"),
        ("WORKSPACE_MCP_OAUTH_PROXY_VALKEY_DB", "3"),
        ("WORKSPACE_MCP_OAUTH_PROXY_VALKEY_USERNAME", "mcp"),
        ("WORKSPACE_MCP_OAUTH_PROXY_VALKEY_PASSWORD", " p w "),
        ("SSL_CERT_FILE", "/etc/ca.pem"),
    ]);
    assert!(v.tls, "port 6380 means TLS");
    assert_eq!((v.db, v.username.as_deref(), v.password.as_deref()), (3, Some("mcp"), Some(" p w ")));
    assert_eq!((v.request_timeout, v.connection_timeout), (REMOTE_REQUEST_TIMEOUT, REMOTE_CONNECTION_TIMEOUT));
    assert_eq!(v.extra_ca_file, Some(PathBuf::from("/etc/ca.pem")));
    assert!(!format!("{v:?}").contains(" p w "), "the password never reaches a log");

    let v = valkey(&[
        ("WORKSPACE_MCP_OAUTH_PROXY_VALKEY_HOST", "127.0.0.1"),
        ("WORKSPACE_MCP_OAUTH_PROXY_VALKEY_PORT", "6380"),
        ("WORKSPACE_MCP_OAUTH_PROXY_VALKEY_USE_TLS", "false"),
    ]);
    assert!(!v.tls, "an explicit USE_TLS wins");
    assert_eq!((v.request_timeout, v.connection_timeout), (LOOPBACK_REQUEST_TIMEOUT, LOOPBACK_CONNECTION_TIMEOUT));
    let v = valkey(&[
        ("WORKSPACE_MCP_OAUTH_PROXY_VALKEY_HOST", "[::1]"),
        ("WORKSPACE_MCP_OAUTH_PROXY_VALKEY_USE_TLS", "yes"),
        ("WORKSPACE_MCP_OAUTH_PROXY_VALKEY_REQUEST_TIMEOUT_MS", "900"),
    ]);
    assert!(v.tls);
    assert_eq!((v.request_timeout, v.connection_timeout), (Duration::from_millis(900), LOOPBACK_CONNECTION_TIMEOUT));
}

#[test]
fn bad_values_get_one_line_errors_naming_the_variable() {
    for (name, value, expect) in [
        (BACKEND, "redis", "must be memory, disk or valkey"),
        ("WORKSPACE_MCP_OAUTH_PROXY_VALKEY_PORT", "0", "port number"),
        ("WORKSPACE_MCP_OAUTH_PROXY_VALKEY_PORT", "70000", "port number"),
        ("WORKSPACE_MCP_OAUTH_PROXY_VALKEY_USE_TLS", "maybe", "true or false"),
        ("WORKSPACE_MCP_OAUTH_PROXY_VALKEY_DB", "-1", "database number"),
        ("WORKSPACE_MCP_OAUTH_PROXY_VALKEY_REQUEST_TIMEOUT_MS", "0", "positive number of milliseconds"),
        ("WORKSPACE_MCP_OAUTH_PROXY_VALKEY_CONNECTION_TIMEOUT_MS", "5s", "positive number of milliseconds"),
    ] {
        let e = from(&[("WORKSPACE_MCP_OAUTH_PROXY_VALKEY_HOST", "h"), (name, value)]).unwrap_err();
        assert!(e.contains(name) && e.contains(expect) && !e.contains('\n'), "{name}={value}: {e}");
    }
}

#[test]
fn describe_names_the_place_and_never_the_password() {
    let v =
        valkey(&[("WORKSPACE_MCP_OAUTH_PROXY_VALKEY_HOST", "h"), ("WORKSPACE_MCP_OAUTH_PROXY_VALKEY_PASSWORD", "pw")]);
    assert_eq!(KvConfig::Valkey(v).describe(), "valkey at h:6379 db 0");
    assert_eq!(KvConfig::Disk { directory: "/d".into() }.describe(), "disk at /d");
}

#[tokio::test]
async fn open_gives_the_named_backend() {
    let dir = tempfile::tempdir().unwrap();
    let kv = open(&KvConfig::Disk { directory: dir.path().join("kv") }).unwrap();
    assert_eq!(kv.name(), "disk");
    kv.put("k", b"v", None).await.unwrap();
    assert_eq!(kv.get("k").await.unwrap().as_deref(), Some(&b"v"[..]));
    assert_eq!(open(&KvConfig::Memory).unwrap().name(), "memory");
}
