//! The one Custom Search call, `search.cse.list`, authenticated by the API key of the
//! context (`GoogleCtx::with_api_key`).

use wsmcp_core::google::{ApiInfo, GoogleCtx, GoogleError};

use crate::wire::Search;

/// The Custom Search JSON API, as calls and error messages name it.
pub const API: &ApiInfo = &ApiInfo {
    host: "customsearch.googleapis.com",
    title: "Custom Search API",
    console_id: "customsearch.googleapis.com",
    batch_path: "/batch",
};

/// The query of one search; `None` leaves a parameter to Google's default.
#[derive(Debug, Clone, Default)]
pub struct SearchQuery<'a> {
    pub cx: &'a str,
    pub q: &'a str,
    pub num: u32,
    pub start: u32,
    pub safe: &'a str,
    pub search_type: Option<&'a str>,
    pub site_search: Option<&'a str>,
    pub site_search_filter: Option<&'a str>,
    pub date_restrict: Option<&'a str>,
    pub file_type: Option<&'a str>,
    pub lr: Option<&'a str>,
    pub cr: Option<&'a str>,
}

pub async fn cse_list(g: &GoogleCtx, q: &SearchQuery<'_>) -> Result<Search, GoogleError> {
    g.get(API, "/customsearch/v1")
        .query("cx", q.cx)
        .query("q", q.q)
        .query("num", q.num)
        .query("start", q.start)
        .query("safe", q.safe)
        .query_opt("searchType", q.search_type)
        .query_opt("siteSearch", q.site_search)
        .query_opt("siteSearchFilter", q.site_search_filter)
        .query_opt("dateRestrict", q.date_restrict)
        .query_opt("fileType", q.file_type)
        .query_opt("lr", q.lr)
        .query_opt("cr", q.cr)
        .send()
        .await
}
