//! The search tools driven through their handlers against the sandbox over real HTTP: the
//! key in a header (never a URL), the parameters sent, the errors, and the advice when the
//! server has no key or engine id.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;
use std::sync::Arc;

use serde_json::json;
use wsmcp_core::google::ApiKey;
use wsmcp_core::local_files::FilePolicy;
use wsmcp_core::{ServiceOptions, ToolError};
use wsmcp_search::sandbox::{self, API_KEY, ENGINE_ID};
use wsmcp_testkit::{Harness, NoFiles};

const USER: &str = "alex.rivera@example.com";

async fn env(key: Option<&str>, engine: Option<&str>) -> Harness {
    let handle = wsmcp_testkit::serve_loopback(wsmcp_testkit::sandbox().service(sandbox::emulation(USER))).await;
    let mut options =
        ServiceOptions::new(FilePolicy::standard(vec![], None, &PathBuf::from("/nonexistent")), "/nonexistent".into());
    options.pse_api_key = key.map(ApiKey::new);
    options.pse_engine_id = engine.map(str::to_string);
    Harness::new(handle, USER, wsmcp_search::tools(&options), Arc::new(NoFiles))
}

#[tokio::test]
async fn search_custom_sends_the_parameters_and_pages() {
    let h = env(Some(API_KEY), Some(ENGINE_ID)).await;
    let out = h.ok("search_custom", json!({"user_google_email": USER, "q": "atlas"})).await.text;
    assert!(out.starts_with("Results 1-10 of about 11 for \"atlas\":"), "{out}");
    assert!(out.contains("1. Project Atlas - Example Co.\n   https://atlas.example.com/\n"), "{out}");
    assert!(out.contains("More results: pass start=11."), "{out}");
    let req = h.last("search.cse.list");
    assert_eq!(req.query_param("cx"), Some(ENGINE_ID));
    assert_eq!(
        (req.query_param("num"), req.query_param("start"), req.query_param("safe")),
        (Some("10"), Some("1"), Some("off"))
    );
    // The key travels in a header: never in the URL, where errors and logs could repeat it.
    assert_eq!(req.query_param("key"), None);

    let out = h
        .ok(
            "search_custom",
            json!({"user_google_email": USER, "q": "atlas", "num": 5, "start": 11, "safe": "moderate",
                "sites": ["docs.example.com", "blog.example.com"], "date_restrict": "m1", "language": "lang_en"}),
        )
        .await
        .text;
    let req = h.last("search.cse.list");
    assert_eq!(req.query_param("q"), Some("atlas (site:docs.example.com OR site:blog.example.com)"));
    assert_eq!(
        (req.query_param("safe"), req.query_param("dateRestrict"), req.query_param("lr")),
        (Some("active"), Some("m1"), Some("lang_en"))
    );
    assert!(out.starts_with("No results for"), "{out}");

    let images = h
        .ok("search_custom", json!({"user_google_email": USER, "q": "atlas", "search_type": "image", "num": 1}))
        .await
        .text;
    assert!(images.contains("Image 1200x800, image/png, on https://docs.example.com/atlas/architecture"), "{images}");
    assert_eq!(h.last("search.cse.list").query_param("searchType"), Some("image"));
    let pdf = h
        .ok("search_custom", json!({"user_google_email": USER, "q": "atlas", "file_type": "pdf", "site_search": "atlas.example.com", "site_search_filter": "i", "country": "countryUS"}))
        .await
        .text;
    assert!(pdf.contains("[PDF/Adobe Acrobat]"), "{pdf}");
    h.done();
}

#[tokio::test]
async fn bad_arguments_never_reach_google() {
    let h = env(Some(API_KEY), Some(ENGINE_ID)).await;
    let base = |extra: serde_json::Value| {
        let mut v = json!({"user_google_email": USER, "q": "atlas"});
        v.as_object_mut().unwrap().extend(extra.as_object().unwrap().clone());
        v
    };
    h.refused(
        "search_custom",
        &[
            base(json!({"q": " "})),
            base(json!({"num": 11})),
            base(json!({"num": 0})),
            base(json!({"start": 0})),
            base(json!({"start": 95, "num": 10})),
            base(json!({"date_restrict": "yesterday"})),
            base(json!({"language": "en"})),
            base(json!({"country": "US"})),
            base(json!({"site_search_filter": "e"})),
            base(json!({"sites": ["bad site"]})),
            base(json!({"safe": "strict"})),
        ],
    )
    .await;
    h.done();
}

#[tokio::test]
async fn a_missing_or_refused_key_is_explained_without_showing_it() {
    let h = env(None, None).await;
    let e = h.err("search_custom", json!({"user_google_email": USER, "q": "atlas"})).await;
    assert!(matches!(e, ToolError::Refused(_)), "{e}");
    assert!(e.to_string().contains("set GOOGLE_PSE_API_KEY and GOOGLE_PSE_ENGINE_ID"), "{e}");
    let e = h.err("get_search_engine_info", json!({"user_google_email": USER})).await;
    assert!(e.to_string().contains("GOOGLE_PSE_API_KEY"), "{e}");
    assert!(h.handle.requests().is_empty());

    let only_key = env(Some(API_KEY), None).await;
    let e = only_key.err("search_custom", json!({"user_google_email": USER, "q": "atlas"})).await;
    assert!(e.to_string().contains("set GOOGLE_PSE_ENGINE_ID in"), "{e}");

    let wrong = env(Some("AIzaSecretWrongKey"), Some(ENGINE_ID)).await;
    let e = wrong.err("search_custom", json!({"user_google_email": USER, "q": "atlas"})).await;
    let text = e.to_string();
    assert!(matches!(&e, ToolError::Google(g) if g.status == Some(400)), "{text}");
    assert!(text.contains("Google refused GOOGLE_PSE_API_KEY"), "{text}");
    assert!(!text.contains("AIzaSecretWrongKey"), "{text}");
    assert!(!format!("{e:?}").contains("AIzaSecretWrongKey"));

    let engine = env(Some(API_KEY), Some("someone-elses-engine")).await;
    let e = engine.err("get_search_engine_info", json!({"user_google_email": USER})).await;
    assert!(e.to_string().contains("GOOGLE_PSE_ENGINE_ID is the engine's Search engine ID"), "{e}");
}

#[tokio::test]
async fn engine_info_reads_the_context() {
    let h = env(Some(API_KEY), Some(ENGINE_ID)).await;
    let out = h.ok("get_search_engine_info", json!({"user_google_email": USER})).await.text;
    assert!(
        out.contains(&format!("Engine ID: {ENGINE_ID}\nTitle: Atlas project search\nRefinements: Docs, Blog\n")),
        "{out}"
    );
    let req = h.last("search.cse.list");
    assert_eq!((req.query_param("num"), req.query_param("cx")), (Some("1"), Some(ENGINE_ID)));
    h.done();
}
