//! Service account mode (domain-wide delegation) through the binary: the committed test key
//! signs assertions the sandbox's token endpoint checks, each call acts for the user it names
//! (default `USER_GOOGLE_EMAIL`) within `DWD_ALLOWED_DOMAINS`, tokens are cached per user,
//! and Google's refusals come back as what to configure. Once against the sandbox by base URL,
//! once in real mode through the CONNECT proxy with the test CA.

use std::process::Stdio;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::{Value, json};
use wsmcp_sandbox_kit::SandboxHandle;
use wsmcp_sandbox_kit::oauth::jwt_bearer::{TEST_SERVICE_ACCOUNT, TEST_SERVICE_ACCOUNT_KEY_FILE};

use crate::harness::{BIN, USER, assert_valid, err, ok, requests_for, stdio_client};
use crate::real_mode::{assert_found, owner_of, real_command};
use crate::tls_proxy::GoogleOverTls;

const OTHER_USER: &str = "jordan.lee@example.com";
const TOKEN_HOST: &str = "oauth2.googleapis.com";

/// The binary in real (not sandbox) mode, Gmail only, its Google hosts served by `sandbox`.
fn dwd_command(sandbox: &SandboxHandle, home: &std::path::Path) -> tokio::process::Command {
    let mut cmd = tokio::process::Command::new(BIN);
    cmd.env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("HOME", home)
        .env("WORKSPACE_MCP_GOOGLE_BASE_URL", &sandbox.base_url)
        .env("WORKSPACE_MCP_TOOLS", "gmail")
        .env("GOOGLE_SERVICE_ACCOUNT_KEY_FILE", TEST_SERVICE_ACCOUNT_KEY_FILE)
        .env("USER_GOOGLE_EMAIL", USER)
        .env("WORKSPACE_MCP_LOG_LEVEL", "info")
        .stderr(Stdio::inherit())
        .kill_on_drop(true);
    cmd
}

fn token_requests(sandbox: &SandboxHandle) -> usize {
    sandbox.requests().iter().filter(|r| r.host == TOKEN_HOST && r.path == "/token").count()
}

async fn gmail_sandbox(oauth: Vec<wsmcp_sandbox_kit::ServiceEmulation>) -> SandboxHandle {
    let _ = rustls::crypto::ring::default_provider().install_default();
    wsmcp_testkit::sandbox()
        .service(wsmcp_gmail::sandbox::emulation(USER))
        .services(oauth)
        .build()
        .serve("127.0.0.1:0")
        .await
        .expect("sandbox starts")
}

#[tokio::test]
async fn each_call_acts_for_the_user_it_names_with_one_cached_token_per_user() {
    let sandbox = gmail_sandbox(wsmcp_sandbox_kit::oauth_emulation(USER)).await;
    let home = tempfile::tempdir().unwrap();
    let mut cmd = dwd_command(&sandbox, home.path());
    cmd.env("DWD_ALLOWED_DOMAINS", "example.com");
    let client = stdio_client(cmd).await;

    // No sign-in: the default user's first call fetches a token, later calls reuse it.
    let found = ok(&client, "search_gmail_messages", json!({"query": "in:inbox"})).await;
    assert!(found.starts_with("Found ") && !found.starts_with("Found 0"), "{found}");
    ok(&client, "list_gmail_labels", json!({})).await;
    assert_eq!(token_requests(&sandbox), 1, "one token for the default user");
    // Another user of the domain gets a token of their own.
    ok(&client, "list_gmail_labels", json!({"user_google_email": OTHER_USER})).await;
    ok(&client, "list_gmail_labels", json!({"user_google_email": OTHER_USER})).await;
    assert_eq!(token_requests(&sandbox), 2);

    // Outside DWD_ALLOWED_DOMAINS: refused before Google is asked, naming the allowed domains.
    let labels = requests_for(&sandbox, "gmail.users.labels.list").len();
    let e = err(&client, "list_gmail_labels", json!({"user_google_email": "eve@evil.example"})).await;
    assert!(e.contains("example.com") && e.contains("eve@evil.example") && e.contains("DWD_ALLOWED_DOMAINS"), "{e}");
    assert_eq!((token_requests(&sandbox), requests_for(&sandbox, "gmail.users.labels.list").len()), (2, labels));

    let text = ok(&client, "start_google_auth", json!({"service_name": "Gmail"})).await;
    assert!(text.contains("No sign-in is needed") && text.contains(TEST_SERVICE_ACCOUNT), "{text}");
    assert_valid(&sandbox);
    client.cancel().await.unwrap();
}

#[tokio::test]
async fn googles_refusals_say_what_to_configure() {
    // The admin delegated read-only Gmail only, but the server asks for every Gmail scope.
    let readonly = vec!["https://www.googleapis.com/auth/gmail.readonly".to_string()];
    let sandbox = gmail_sandbox(wsmcp_sandbox_kit::oauth_emulation_delegating(USER, Some(readonly))).await;
    let home = tempfile::tempdir().unwrap();
    let client = stdio_client(dwd_command(&sandbox, home.path())).await;
    let e = err(&client, "list_gmail_labels", json!({})).await;
    for needle in
        ["unauthorized_client", "Admin console", "Domain Wide Delegation", "100000000000000000001", "gmail.send"]
    {
        assert!(e.contains(needle), "{needle} missing: {e}");
    }
    // A user Google does not know in the domain (no DWD_ALLOWED_DOMAINS here): Google says so.
    let e = err(&client, "list_gmail_labels", json!({"user_google_email": "eve@evil.example"})).await;
    assert!(e.contains("invalid_grant") && e.contains("eve@evil.example is not a user"), "{e}");
    assert!(requests_for(&sandbox, "gmail.users.labels.list").is_empty());
    client.cancel().await.unwrap();
}

#[tokio::test]
async fn in_real_mode_assertions_and_api_calls_go_through_the_proxy() {
    let google = GoogleOverTls::start().await;
    let home = tempfile::tempdir().unwrap();
    let mut cmd = real_command(&google, home.path());
    cmd.env_remove("GOOGLE_OAUTH_CLIENT_ID")
        .env_remove("GOOGLE_OAUTH_CLIENT_SECRET")
        .env("GOOGLE_SERVICE_ACCOUNT_KEY_FILE", TEST_SERVICE_ACCOUNT_KEY_FILE)
        .env("USER_GOOGLE_EMAIL", USER);
    let client = stdio_client(cmd).await;
    assert_found(&ok(&client, "search_gmail_messages", json!({"query": "in:inbox"})).await);
    ok(&client, "list_gmail_labels", json!({"user_google_email": OTHER_USER})).await;

    let exchanges = google.seen(TOKEN_HOST, "/token");
    assert_eq!(exchanges.len(), 2, "{exchanges:#?}");
    for (exchange, subject) in exchanges.iter().zip([USER, OTHER_USER]) {
        assert_eq!(exchange.form_value("grant_type"), Some("urn:ietf:params:oauth:grant-type:jwt-bearer"));
        let assertion = exchange.form_value("assertion").expect("assertion");
        let claims: Value = serde_json::from_slice(
            &URL_SAFE_NO_PAD.decode(assertion.split('.').nth(1).expect("claims")).expect("base64url"),
        )
        .expect("JSON claims");
        assert_eq!((claims["iss"].as_str(), claims["sub"].as_str()), (Some(TEST_SERVICE_ACCOUNT), Some(subject)));
        assert_eq!(claims["aud"], "https://oauth2.googleapis.com/token");
        assert!(claims["scope"].as_str().unwrap().contains("https://www.googleapis.com/auth/gmail.readonly"));
        assert_eq!(claims["exp"].as_i64().unwrap() - claims["iat"].as_i64().unwrap(), 3600);
    }
    // Each user's Gmail calls carried that user's token.
    let gmail = google.gmail_requests();
    let alex_token = gmail.first().and_then(|r| r.bearer.clone()).expect("bearer");
    let jordan_token = gmail.last().and_then(|r| r.bearer.clone()).expect("bearer");
    assert_eq!(owner_of(&google, &alex_token).await, USER);
    assert_eq!(owner_of(&google, &jordan_token).await, OTHER_USER);
    let net = google.net();
    assert!(net.refused.is_empty() && net.tls_accepted == net.connects.len(), "{net:#?}");
    assert_eq!(google.sandbox.validation_failures(), 0);
    assert!(!home.path().join("credentials").exists(), "nothing is stored in service account mode");
    client.cancel().await.unwrap();
}

#[test]
fn incompatible_settings_stop_the_server_with_one_line() {
    let run = |args: &[&str], env: &[(&str, &str)]| {
        let mut cmd = std::process::Command::new(BIN);
        cmd.args(args).env_clear().env("HOME", std::env::temp_dir());
        cmd.envs(env.iter().copied());
        let out = cmd.output().expect("run binary");
        (out.status.code(), String::from_utf8_lossy(&out.stderr).trim().to_string())
    };
    let key = ("GOOGLE_SERVICE_ACCOUNT_KEY_FILE", TEST_SERVICE_ACCOUNT_KEY_FILE);
    let user = ("USER_GOOGLE_EMAIL", USER);
    let gateway = [
        ("TRUST_GATEWAY_IDENTITY", "true"),
        ("GATEWAY_IDENTITY_JWKS_URL", "https://auth.example.com/jwks.json"),
        ("GATEWAY_IDENTITY_AUDIENCE", "mcp.example.com"),
    ];
    // Flags, environment, what the one line must say.
    type Case<'a> = (Vec<&'a str>, Vec<(&'a str, &'a str)>, &'a str);
    let cases: Vec<Case> = vec![
        (vec![], vec![key], "requires USER_GOOGLE_EMAIL"),
        (vec!["--single-user"], vec![key, user], "--single-user"),
        (vec![], vec![key, user, ("MCP_ENABLE_OAUTH21", "true")], "MCP_ENABLE_OAUTH21"),
        (vec![], gateway.to_vec(), "streamable-http"),
        (
            vec!["--transport", "streamable-http"],
            [&gateway[..], &[("MCP_ENABLE_OAUTH21", "1")]].concat(),
            "MCP_ENABLE_OAUTH21",
        ),
    ];
    for (args, env, expected) in cases {
        let (code, stderr) = run(&args, &env);
        assert_eq!(code, Some(2), "{args:?} {env:?}: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(stderr.contains(expected), "{expected}: {stderr}");
    }
}
