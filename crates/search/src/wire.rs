//! The Custom Search JSON API's reply, only the fields the tools use.

use serde::Deserialize;

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Search {
    #[serde(default)]
    pub items: Vec<Result>,
    pub search_information: Option<SearchInformation>,
    pub queries: Option<Queries>,
    pub context: Option<Context>,
    pub spelling: Option<Spelling>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SearchInformation {
    pub total_results: Option<String>,
    pub formatted_search_time: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Queries {
    #[serde(default)]
    pub next_page: Vec<QueryInfo>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct QueryInfo {
    pub start_index: Option<i64>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct Context {
    pub title: Option<String>,
    #[serde(default)]
    pub facets: Vec<Vec<Facet>>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct Facet {
    pub label: Option<String>,
    pub anchor: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Spelling {
    pub corrected_query: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Result {
    pub title: Option<String>,
    pub link: Option<String>,
    pub display_link: Option<String>,
    pub snippet: Option<String>,
    pub mime: Option<String>,
    pub file_format: Option<String>,
    pub image: Option<Image>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Image {
    pub context_link: Option<String>,
    pub width: Option<i64>,
    pub height: Option<i64>,
    pub thumbnail_link: Option<String>,
}
