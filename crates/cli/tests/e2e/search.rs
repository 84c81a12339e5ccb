//! The 2 Custom Search tools through the real binary over stdio: under `--sandbox` the server
//! uses the sandbox's own key and engine, the key goes in a header, results page, and errors
//! come back as tool errors.

use serde_json::json;
use wsmcp_search::sandbox::ENGINE_ID;

use crate::harness::{USER, assert_valid, command, err, ok, requests_for, sandbox, stdio_client};

#[tokio::test]
async fn every_search_tool_over_stdio() {
    let sb = sandbox().await;
    let home = tempfile::tempdir().unwrap();
    let mut cmd = command(&sb, home.path());
    // A real key in the environment is not sent to the sandbox.
    cmd.env("GOOGLE_PSE_API_KEY", "AIzaRealSecret").env("GOOGLE_PSE_ENGINE_ID", "real-engine");
    let client = stdio_client(cmd).await;

    let out = ok(&client, "search_custom", json!({"user_google_email": USER, "q": "atlas", "num": 2})).await;
    assert!(out.starts_with("Results 1-2 of about"), "{out}");
    assert!(out.contains("Atlas architecture overview") && out.contains("More results: pass start=3."), "{out}");
    let req = requests_for(&sb, "search.cse.list").pop().unwrap();
    assert_eq!((req.query_param("cx"), req.query_param("num")), (Some(ENGINE_ID), Some("2")));
    assert_eq!(req.query_param("key"), None, "the key travels in a header");
    let next =
        ok(&client, "search_custom", json!({"user_google_email": USER, "q": "atlas", "num": 2, "start": 3})).await;
    assert!(next.starts_with("Results 3-"), "{next}");

    let info = ok(&client, "get_search_engine_info", json!({"user_google_email": USER})).await;
    assert!(info.contains(&format!("Engine ID: {ENGINE_ID}\nTitle: Atlas project search")), "{info}");

    let before = sb.requests().len();
    let e = err(&client, "search_custom", json!({"user_google_email": USER, "q": "atlas", "num": 11})).await;
    assert!(e.contains("num must be between 1 and 10"), "{e}");
    assert_eq!(sb.requests().len(), before, "invalid input reached the API");
    sb.inject(wsmcp_sandbox_kit::Fault::status("customsearch.googleapis.com", 403).reason("SERVICE_DISABLED"));
    let e = err(&client, "get_search_engine_info", json!({"user_google_email": USER})).await;
    assert!(e.contains("403") && e.contains("not enabled"), "{e}");

    client.cancel().await.unwrap();
    assert_valid(&sb);
}
