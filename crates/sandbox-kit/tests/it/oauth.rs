//! The OAuth emulation: consent redirect, code and refresh grants, userinfo.

use axum::body::Body;
use http::Request;
use wsmcp_sandbox_kit::{Sandbox, oauth_emulation};

use crate::support::{json, send};

fn form(body: &str) -> Request<Body> {
    Request::post("/oauth2.googleapis.com/token")
        .header("content-type", "application/x-www-form-urlencoded")
        .body(Body::from(body.to_string()))
        .unwrap()
}

#[tokio::test]
async fn code_refresh_and_userinfo() {
    let sb = Sandbox::builder().services(oauth_emulation("alex.rivera@example.com")).build();

    let auth = Request::get(
        "/accounts.google.com/o/oauth2/v2/auth?client_id=c&redirect_uri=http%3A%2F%2Flocalhost%3A9%2Fcb&state=xyz\
         &scope=openid%20https%3A%2F%2Fwww.googleapis.com%2Fauth%2Fgmail.readonly&login_hint=sam.lee%40example.com",
    )
    .body(Body::empty())
    .unwrap();
    let (status, _, response) = send(&sb, auth).await;
    assert_eq!(status, 303);
    let location = response.headers()["location"].to_str().unwrap().to_string();
    assert!(location.starts_with("http://localhost:9/cb?state=xyz&code=sbx-code-"), "{location}");
    let code = url::Url::parse(&location).unwrap().query_pairs().find(|(k, _)| k == "code").unwrap().1.to_string();

    let (status, text, _) = send(&sb, form(&format!("grant_type=authorization_code&code={code}&client_id=c"))).await;
    assert_eq!(status, 200, "{text}");
    let tokens = json(&text);
    let access = tokens["access_token"].as_str().unwrap().to_string();
    let refresh = tokens["refresh_token"].as_str().unwrap().to_string();
    assert!(access.starts_with("sbx-at-"));
    assert!(refresh.starts_with("sbx-rt-"));
    assert_eq!(tokens["expires_in"], 3599);
    assert!(tokens["scope"].as_str().unwrap().contains("gmail.readonly"));
    assert!(tokens["id_token"].is_string());

    let (status, text, _) = send(&sb, form(&format!("grant_type=authorization_code&code={code}"))).await;
    assert_eq!((status, json(&text)["error"].as_str()), (400, Some("invalid_grant")), "a code is single-use");

    let (status, text, _) = send(&sb, form(&format!("grant_type=refresh_token&refresh_token={refresh}"))).await;
    assert_eq!(status, 200);
    let refreshed = json(&text);
    assert!(refreshed["access_token"].as_str().unwrap().starts_with("sbx-at-"));
    assert!(refreshed.get("refresh_token").is_none(), "Google omits refresh_token on refresh");

    let (status, text, _) = send(&sb, form("grant_type=refresh_token&refresh_token=sbx-rt-unknown")).await;
    assert_eq!(status, 400);
    assert_eq!(json(&text)["error"], "invalid_grant");

    let userinfo = Request::get("/www.googleapis.com/oauth2/v2/userinfo")
        .header("authorization", format!("Bearer {access}"))
        .body(Body::empty())
        .unwrap();
    let (status, text, _) = send(&sb, userinfo).await;
    assert_eq!(status, 200, "{text}");
    let info = json(&text);
    assert_eq!(info["email"], "sam.lee@example.com");
    assert_eq!(info["verified_email"], true);
    assert_eq!(info["name"], "Sam Lee");

    let anonymous = Request::get("/www.googleapis.com/oauth2/v2/userinfo").body(Body::empty()).unwrap();
    assert_eq!(send(&sb, anonymous).await.0, 401);
}

#[tokio::test]
async fn any_code_is_the_default_user() {
    let sb = Sandbox::builder().services(oauth_emulation("alex.rivera@example.com")).build();
    let (status, text, _) = send(&sb, form("grant_type=authorization_code&code=whatever")).await;
    assert_eq!(status, 200);
    let access = json(&text)["access_token"].as_str().unwrap().to_string();
    let userinfo = Request::get("/www.googleapis.com/oauth2/v2/userinfo")
        .header("authorization", format!("Bearer {access}"))
        .body(Body::empty())
        .unwrap();
    let (_, text, _) = send(&sb, userinfo).await;
    assert_eq!(json(&text)["email"], "alex.rivera@example.com");
    let (status, _, _) = send(&sb, form("grant_type=password")).await;
    assert_eq!(status, 400);
}

/// Two sandboxes (two replicas' own): a code and a refresh token of the first are honoured by
/// the second with their user, scopes and PKCE challenge; a revocation at the second is
/// refused there from then on.
#[tokio::test]
async fn codes_and_tokens_of_one_sandbox_are_honoured_by_another() {
    let first = Sandbox::builder().services(oauth_emulation("alex.rivera@example.com")).build();
    let second = Sandbox::builder().services(oauth_emulation("alex.rivera@example.com")).build();
    // S256 of "verifier-verifier-verifier-verifier-verifier-0001".
    let challenge = base64_sha256("verifier-verifier-verifier-verifier-verifier-0001");
    let code = || async {
        let auth = Request::get(format!(
            "/accounts.google.com/o/oauth2/v2/auth?client_id=c&redirect_uri=http%3A%2F%2Flocalhost%3A9%2Fcb\
             &scope=openid%20https%3A%2F%2Fwww.googleapis.com%2Fauth%2Fgmail.readonly&login_hint=sam.lee%40example.com\
             &code_challenge={challenge}&code_challenge_method=S256"
        ))
        .body(Body::empty())
        .unwrap();
        let (_, _, response) = send(&first, auth).await;
        let location = response.headers()["location"].to_str().unwrap().to_string();
        url::Url::parse(&location).unwrap().query_pairs().find(|(k, _)| k == "code").unwrap().1.to_string()
    };

    let without_verifier = code().await;
    let (status, text, _) =
        send(&second, form(&format!("grant_type=authorization_code&code={without_verifier}"))).await;
    assert_eq!((status, json(&text)["error"].as_str()), (400, Some("invalid_grant")), "PKCE still holds: {text}");
    let code = code().await;
    let exchange = format!(
        "grant_type=authorization_code&code={code}&code_verifier=verifier-verifier-verifier-verifier-verifier-0001"
    );
    let (status, text, _) = send(&second, form(&exchange)).await;
    assert_eq!(status, 200, "{text}");
    let tokens = json(&text);
    assert!(tokens["scope"].as_str().unwrap().contains("gmail.readonly"));
    let refresh = tokens["refresh_token"].as_str().unwrap().to_string();

    // The first sandbox refreshes what the second issued, and knows whose token it is.
    let (status, text, _) = send(&first, form(&format!("grant_type=refresh_token&refresh_token={refresh}"))).await;
    assert_eq!(status, 200, "{text}");
    let access = json(&text)["access_token"].as_str().unwrap().to_string();
    let userinfo = Request::get("/www.googleapis.com/oauth2/v2/userinfo")
        .header("authorization", format!("Bearer {access}"))
        .body(Body::empty())
        .unwrap();
    assert_eq!(json(&send(&second, userinfo).await.1)["email"], "sam.lee@example.com");

    // A mangled token is refused; a revoked one is refused where it was revoked.
    let mangled = format!("{}x", &refresh);
    let (status, _, _) = send(&first, form(&format!("grant_type=refresh_token&refresh_token={mangled}"))).await;
    assert_eq!(status, 400);
    let revoke = Request::post("/oauth2.googleapis.com/revoke")
        .header("content-type", "application/x-www-form-urlencoded")
        .body(Body::from(format!("token={refresh}")))
        .unwrap();
    assert_eq!(send(&first, revoke).await.0, 200);
    let (status, text, _) = send(&first, form(&format!("grant_type=refresh_token&refresh_token={refresh}"))).await;
    assert_eq!((status, json(&text)["error"].as_str()), (400, Some("invalid_grant")));
}

fn base64_sha256(text: &str) -> String {
    use base64::Engine as _;
    use sha2::Digest as _;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(sha2::Sha256::digest(text.as_bytes()))
}

fn get(uri: &str) -> Request<Body> {
    Request::get(uri).body(Body::empty()).unwrap()
}

/// A code for `scope` made to client `c`; returns the access token.
async fn access_token(sb: &Sandbox, scope: &str) -> String {
    let scope = url::form_urlencoded::byte_serialize(scope.as_bytes()).collect::<String>();
    let uri = format!(
        "/accounts.google.com/o/oauth2/v2/auth?client_id=c&redirect_uri=http%3A%2F%2Flocalhost%3A9%2Fcb&scope={scope}"
    );
    let (_, _, response) = send(sb, get(&uri)).await;
    let location = response.headers()["location"].to_str().unwrap().to_string();
    let code = url::Url::parse(&location).unwrap().query_pairs().find(|(k, _)| k == "code").unwrap().1.to_string();
    let (_, text, _) = send(sb, form(&format!("grant_type=authorization_code&code={code}&client_id=c"))).await;
    json(&text)["access_token"].as_str().unwrap().to_string()
}

/// tokeninfo names the client (`aud`), the scopes and the account (with an email scope), with
/// numbers as strings as Google sends them; a revoked or unknown token is 400 `invalid_token`.
/// Consent told to withhold a scope grants the rest.
#[tokio::test]
async fn tokeninfo_and_withheld_consent() {
    const READ: &str = "https://www.googleapis.com/auth/gmail.readonly";
    const SEND: &str = "https://www.googleapis.com/auth/gmail.send";
    let sb = Sandbox::builder().services(oauth_emulation("alex.rivera@example.com")).build();
    let access = access_token(&sb, &format!("openid email {READ}")).await;
    let (status, text, _) = send(&sb, get(&format!("/oauth2.googleapis.com/tokeninfo?access_token={access}"))).await;
    assert_eq!(status, 200, "{text}");
    let info = json(&text);
    assert_eq!((info["aud"].as_str(), info["azp"].as_str()), (Some("c"), Some("c")));
    assert_eq!(info["email"], "alex.rivera@example.com");
    assert_eq!(info["email_verified"], "true");
    assert!(info["scope"].as_str().unwrap().contains(READ));
    assert!(info["expires_in"].as_str().unwrap().parse::<u64>().unwrap() <= 3599);

    let revoke = Request::post(format!("/oauth2.googleapis.com/revoke?token={access}")).body(Body::empty()).unwrap();
    assert_eq!(send(&sb, revoke).await.0, 200);
    for token in [access.as_str(), "sbx-at-unknown"] {
        let (status, text, _) = send(&sb, get(&format!("/oauth2.googleapis.com/tokeninfo?access_token={token}"))).await;
        assert_eq!((status, json(&text)["error"].as_str()), (400, Some("invalid_token")), "{token}");
    }

    let withhold = Request::post("/accounts.google.com/_sandbox/consent")
        .header("content-type", "application/json")
        .body(Body::from(format!(r#"{{"withhold": ["{SEND}"]}}"#)))
        .unwrap();
    assert_eq!(send(&sb, withhold).await.0, 204);
    let access = access_token(&sb, &format!("openid {READ} {SEND}")).await;
    let (_, text, _) = send(&sb, get(&format!("/oauth2.googleapis.com/tokeninfo?access_token={access}"))).await;
    let info = json(&text);
    let scope = info["scope"].as_str().unwrap();
    assert!(scope.contains(READ) && !scope.contains(SEND), "{scope}");
    assert!(info.get("email").is_none(), "no email scope, no email: {info}");
}
