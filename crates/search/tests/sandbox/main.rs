//! The Custom Search emulation over real loopback HTTP: the key and engine checks, the query
//! language, paging limits, the filters and image search. Every test ends by checking that
//! its requests passed Discovery validation.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use serde_json::Value;
use wsmcp_search::sandbox::{self, API_KEY, ENGINE_ID};
use wsmcp_testkit::enc;

struct Api {
    handle: wsmcp_sandbox_kit::SandboxHandle,
    client: reqwest::Client,
    base: String,
}

async fn start() -> Api {
    let handle = wsmcp_testkit::serve_loopback(wsmcp_testkit::sandbox().service(sandbox::emulation("u"))).await;
    let base = format!("{}/customsearch/v1", handle.url_for(sandbox::HOST));
    Api { handle, client: reqwest::Client::new(), base }
}

impl Api {
    /// A search with the sandbox's key (in the header) and engine, plus `query`.
    async fn search(&self, query: &str) -> (u16, Value) {
        self.raw(&format!("cx={ENGINE_ID}&{query}"), Some(API_KEY)).await
    }
    async fn raw(&self, query: &str, key: Option<&str>) -> (u16, Value) {
        let mut req = self.client.get(format!("{}?{query}", self.base));
        if let Some(k) = key {
            req = req.header("x-goog-api-key", k);
        }
        let resp = req.send().await.unwrap();
        (resp.status().as_u16(), resp.json().await.unwrap())
    }
    async fn titles(&self, query: &str) -> Vec<String> {
        let (status, body) = self.search(query).await;
        assert_eq!(status, 200, "{query}: {body}");
        body["items"]
            .as_array()
            .cloned()
            .unwrap_or_default()
            .iter()
            .map(|i| i["title"].as_str().unwrap().to_string())
            .collect()
    }
    fn done(&self) {
        assert_eq!(self.handle.validation_failures(), 0, "{:?}", self.handle.requests());
    }
}

#[tokio::test]
async fn the_key_and_engine_are_checked_as_google_does() {
    let api = start().await;
    let (status, body) = api.raw(&format!("cx={ENGINE_ID}&q=atlas"), None).await;
    assert_eq!((status, body["error"]["status"].as_str()), (403, Some("PERMISSION_DENIED")));
    let (status, body) = api.raw(&format!("cx={ENGINE_ID}&q=atlas"), Some("wrong")).await;
    assert_eq!(status, 400);
    assert!(body["error"]["message"].as_str().unwrap().contains("API key not valid"));
    // The key may also come as the `key` parameter.
    assert_eq!(api.raw(&format!("cx={ENGINE_ID}&q=atlas&key={API_KEY}"), None).await.0, 200);
    assert_eq!(api.raw("cx=other&q=atlas", Some(API_KEY)).await.0, 400);
    assert_eq!(api.search("q=").await.0, 400);
    api.done();
}

#[tokio::test]
async fn results_page_within_googles_limits() {
    let api = start().await;
    let (status, all) = api.search("q=atlas").await;
    assert_eq!(status, 200);
    let total: usize = all["searchInformation"]["totalResults"].as_str().unwrap().parse().unwrap();
    assert_eq!(all["items"].as_array().unwrap().len(), 10);
    assert!(total > 10, "{total}");
    assert_eq!(all["queries"]["nextPage"][0]["startIndex"], 11);
    assert_eq!(all["context"]["title"], "Atlas project search");
    let rest = api.titles("q=atlas&start=11").await;
    assert_eq!(rest.len(), total - 10);
    assert_eq!(api.search("q=atlas&num=11").await.0, 400);
    assert_eq!(api.search("q=atlas&num=10&start=92").await.0, 400);
    assert_eq!(api.search("q=atlas&start=0").await.0, 400);
    // Unknown values of enum parameters never reach the emulation.
    assert_eq!(api.search("q=atlas&safe=moderate").await.0, 400);
    assert_eq!(api.handle.validation_failures(), 1);
}

#[tokio::test]
async fn the_query_language_and_filters() {
    let api = start().await;
    assert_eq!(api.titles(&format!("q={}", enc("\"release notes\""))).await, ["Atlas release notes 1.0"]);
    let no_docs = api.titles(&format!("q={}", enc("atlas -api"))).await;
    assert!(no_docs.iter().all(|t| !t.contains("API")), "{no_docs:?}");
    let sites = api.titles(&format!("q={}", enc("atlas (site:blog.example.com OR site:partner.example.de)"))).await;
    assert_eq!(sites.len(), 3, "{sites:?}");
    assert_eq!(api.titles("q=atlas&siteSearch=docs.example.com&siteSearchFilter=i").await.len(), 3);
    let excluded = api.titles("q=atlas&siteSearch=example.com&siteSearchFilter=e").await;
    assert_eq!(excluded, ["Atlas für Partner - Einführung"]);
    assert_eq!(api.titles("q=atlas&lr=lang_de").await, ["Atlas für Partner - Einführung"]);
    assert_eq!(api.titles("q=atlas&cr=countryDE").await.len(), 1);
    assert_eq!(api.titles("q=atlas&fileType=pdf").await, ["Atlas security whitepaper (PDF)"]);
    let week = api.titles("q=atlas&dateRestrict=w1").await;
    assert_eq!(week.len(), 4, "{week:?}");
    assert_eq!(api.search("q=atlas&dateRestrict=soon").await.0, 400);
    let (_, none) = api.search("q=zebra").await;
    assert!(none.get("items").is_none());
    assert_eq!(none["searchInformation"]["totalResults"], "0");
    api.done();
}

#[tokio::test]
async fn image_search_returns_images_with_their_pages() {
    let api = start().await;
    let (status, body) = api.search("q=atlas&searchType=image").await;
    assert_eq!(status, 200);
    let items = body["items"].as_array().unwrap();
    assert_eq!(items.len(), 3);
    assert_eq!(items[0]["link"], "https://atlas.example.com/img/architecture.png");
    assert_eq!(items[0]["mime"], "image/png");
    assert_eq!(items[0]["image"]["contextLink"], "https://docs.example.com/atlas/architecture");
    api.done();
}
