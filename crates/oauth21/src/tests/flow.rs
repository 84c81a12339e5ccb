use http::StatusCode;
use serde_json::json;

use super::harness::*;
use crate::Settings;

#[tokio::test]
async fn discovery_documents_describe_this_server() {
    let h = harness(Settings::default()).await;
    let r = h.get("/.well-known/oauth-protected-resource/mcp").await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.headers["cache-control"], "no-store, must-revalidate");
    let prm = r.json();
    assert_eq!(prm["resource"], format!("{BASE}/mcp"));
    assert_eq!(prm["authorization_servers"], json!([BASE]));
    let r = h.get("/.well-known/oauth-authorization-server").await;
    assert_eq!(r.headers["cache-control"], "no-store, must-revalidate");
    let meta = r.json();
    assert_eq!(meta["issuer"], BASE);
    assert_eq!(meta["code_challenge_methods_supported"], json!(["S256"]));
    assert_eq!(meta["authorization_response_iss_parameter_supported"], true);
    assert_eq!(meta["revocation_endpoint"], format!("{BASE}/revoke"));
    let scopes = meta["scopes_supported"].as_array().unwrap();
    assert!(scopes.contains(&json!(GMAIL_READONLY)) && scopes.contains(&json!("openid")), "{meta}");
    assert_eq!(h.get("/.well-known/oauth-protected-resource").await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_client_signs_in_and_its_token_acts_for_the_google_user() {
    let h = harness(Settings::default()).await;
    let client = h.public_client().await;
    let (_, _, _, page) = h.consent_page(&client).await;
    // The consent page names the client (escaped) and where the browser goes, and cannot be framed.
    assert!(page.body.contains("Test &lt;Client&gt;") && page.body.contains("client.example"), "{}", page.body);
    assert_eq!(page.headers["x-frame-options"], "DENY");
    assert!(page.headers["content-security-policy"].to_str().unwrap().contains("frame-ancestors 'none'"));

    let code = h.code_for(&client).await;
    // Google was asked with PKCE for exactly the tools' scopes and the identity scopes.
    let google_auth = h.google.requests().into_iter().find(|r| r.host == "accounts.google.com").unwrap();
    assert_eq!(google_auth.query_param("code_challenge_method"), Some("S256"));
    let asked: Vec<&str> = google_auth.query_param("scope").unwrap().split(' ').collect();
    assert!(asked.contains(&GMAIL_READONLY) && asked.contains(&DRIVE) && asked.contains(&"openid"), "{asked:?}");

    let r = h.exchange(&client, &code).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.headers["cache-control"], "no-store");
    let tokens = r.json();
    assert_eq!(tokens["token_type"], "Bearer");
    assert_eq!(tokens["expires_in"], 3600);
    let identity =
        h.server.verify_bearer(Some(&format!("Bearer {}", tokens["access_token"].as_str().unwrap()))).await.unwrap();
    assert_eq!(identity.email, USER);
    assert_eq!(identity.client_id, client.id);
    assert!(identity.scopes.contains(&GMAIL_READONLY.to_string()));
    // The JWT carries the claims the brief names.
    let payload = tokens["access_token"].as_str().unwrap().split('.').nth(1).unwrap();
    let claims: serde_json::Value = serde_json::from_slice(&crate::crypto::unb64(payload).unwrap()).unwrap();
    for claim in ["iss", "aud", "sub", "exp", "jti", "client_id", "scope"] {
        assert!(claims.get(claim).is_some(), "{claim} missing: {claims}");
    }
    assert_eq!(claims["aud"], format!("{BASE}/mcp"));

    // The tools get the user's Google token, which Google's userinfo knows as the user.
    let google_token = h.server.google_access_token(USER, &[GMAIL_READONLY], None).await.unwrap();
    assert!(google_token.expose().starts_with("sbx-at-"));
    match h.server.google_access_token(USER, &["https://www.googleapis.com/auth/calendar"], None).await {
        Err(crate::GoogleTokenError::MissingScopes(m)) => assert_eq!(m, ["https://www.googleapis.com/auth/calendar"]),
        other => panic!("{other:?}"),
    }

    // The refresh token rotates.
    let r = h.refresh(&client, tokens["refresh_token"].as_str().unwrap()).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let second = r.json();
    assert_ne!(second["refresh_token"], tokens["refresh_token"]);
    assert!(h.bearer_ok(&second["access_token"]).await);
}

#[tokio::test]
async fn confidential_clients_authenticate_with_basic_or_post() {
    let h = harness(Settings::default()).await;
    let r = h.register(json!({"redirect_uris": [REDIRECT]})).await;
    assert_eq!(r.status, StatusCode::CREATED);
    let reg = r.json();
    assert_eq!(reg["token_endpoint_auth_method"], "client_secret_basic");
    let client = Client {
        id: reg["client_id"].as_str().unwrap().into(),
        secret: Some(reg["client_secret"].as_str().unwrap().into()),
        verifier: "w".repeat(60),
    };
    let code = h.code_for(&client).await;
    let form = [("grant_type", "authorization_code"), ("code", code.as_str()), ("code_verifier", &client.verifier)];
    // Without its secret the client is refused (401 invalid_client), and the code is not spent.
    let mut no_secret = form.to_vec();
    no_secret.push(("client_id", &client.id));
    let r = h.post_form("/token", &no_secret, &[]).await;
    assert_eq!((r.status, r.json()["error"].as_str()), (StatusCode::UNAUTHORIZED, Some("invalid_client")));
    use base64::Engine as _;
    let basic =
        base64::engine::general_purpose::STANDARD.encode(format!("{}:{}", client.id, client.secret.clone().unwrap()));
    let r = h.post_form("/token", &form, &[("authorization", &format!("Basic {basic}"))]).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
}
