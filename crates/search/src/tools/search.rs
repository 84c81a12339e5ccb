//! search_custom: one page of results from the configured Programmable Search Engine.

use std::sync::Arc;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use wsmcp_core::args::given;
use wsmcp_core::tool::ToolMeta;
use wsmcp_core::{Hints, Service, Tier, ToolCtx, ToolDef, ToolError, ToolOutput};

use super::Pse;
use crate::api::{self, SearchQuery};
use crate::render;

fn ten() -> i64 {
    10
}

fn one() -> i64 {
    1
}

#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Safe {
    Active,
    Moderate,
    #[default]
    Off,
}

#[derive(Debug, Clone, Copy, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum SearchType {
    Image,
}

#[derive(Debug, Clone, Copy, Deserialize, JsonSchema)]
pub enum SiteFilter {
    #[serde(rename = "e")]
    Exclude,
    #[serde(rename = "i")]
    Include,
}

// Arguments of `search_custom`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct SearchCustomParams {
    /// The Google account making the call. Custom Search itself is authorized by the
    /// server's API key, not by this account.
    #[allow(dead_code)] // Part of the interface clients call; the key authorizes the call.
    pub user_google_email: String,
    /// The search query (Google operators such as "exact phrase", -word and site: work).
    pub q: String,
    /// Number of results to return (1-10).
    #[serde(default = "ten")]
    pub num: i64,
    /// Index of the first result (1-based); Google serves at most the first 100 results.
    #[serde(default = "one")]
    pub start: i64,
    /// SafeSearch: "active" or "off". Google now filters only on or off, so "moderate"
    /// filters as "active".
    #[serde(default)]
    pub safe: Safe,
    /// "image" to search for images instead of pages.
    pub search_type: Option<SearchType>,
    /// A site or domain to include or exclude (see site_search_filter).
    pub site_search: Option<String>,
    /// Whether site_search results are included ("i", the default) or excluded ("e").
    pub site_search_filter: Option<SiteFilter>,
    /// Only results from the past d[N] days, w[N] weeks, m[N] months or y[N] years (e.g. "d5", "m3").
    pub date_restrict: Option<String>,
    /// Only files of this extension (e.g. "pdf", "doc").
    pub file_type: Option<String>,
    /// Only pages in this language, as a "lang_" code (e.g. "lang_en", "lang_de").
    pub language: Option<String>,
    /// Only pages from this country, as a "country" code (e.g. "countryUS").
    pub country: Option<String>,
    /// Restrict results to these sites/domains (e.g. ["example.com", "docs.example.com"]).
    pub sites: Option<Vec<String>>,
}

pub fn search_custom(pse: Arc<Pse>) -> ToolDef {
    ToolDef::new(
        ToolMeta {
            name: "search_custom",
            title: "Search the Web (Programmable Search)",
            description: "Search the web (or the sites the configured Programmable Search Engine covers) and get \
                titles, links and snippets, ten at a time. Filter by site, date, file type, language or country, or \
                search images. Needs GOOGLE_PSE_API_KEY and GOOGLE_PSE_ENGINE_ID on the server.",
            service: Service::Search,
            tier: Tier::Core,
            hints: Hints::READ,
            scopes: &[],
        },
        move |ctx, p| search(pse.clone(), ctx, p),
    )
    .without_user_param()
}

/// `d5`, `w2`, `m3`, `y1`: a unit letter and a positive count.
fn date_restrict(v: &str) -> Result<&str, ToolError> {
    let ok = v.len() > 1
        && matches!(v.as_bytes()[0], b'd' | b'w' | b'm' | b'y')
        && v[1..].bytes().all(|b| b.is_ascii_digit())
        && v[1..].parse::<u32>().is_ok_and(|n| n > 0);
    if ok {
        Ok(v)
    } else {
        Err(ToolError::invalid(format!("date_restrict must look like d5, w2, m3 or y1; got '{v}'")))
    }
}

/// `q` restricted to `sites` with Google's `site:` operator (`(site:a OR site:b)`).
fn with_sites(q: &str, sites: &[String]) -> Result<String, ToolError> {
    let sites: Vec<&str> = sites.iter().map(|s| s.trim()).filter(|s| !s.is_empty()).collect();
    if let Some(bad) = sites.iter().find(|s| s.contains(char::is_whitespace)) {
        return Err(ToolError::invalid(format!("sites must be domains such as example.com; got '{bad}'")));
    }
    Ok(match sites.as_slice() {
        [] => q.to_string(),
        [one] => format!("{q} site:{one}"),
        many => format!("{q} ({})", many.iter().map(|s| format!("site:{s}")).collect::<Vec<_>>().join(" OR ")),
    })
}

fn prefixed<'a>(v: Option<&'a str>, prefix: &str, what: &str, example: &str) -> Result<Option<&'a str>, ToolError> {
    match given(v) {
        Some(x) if !x.starts_with(prefix) || x.len() <= prefix.len() => {
            Err(ToolError::invalid(format!("{what} must be a {prefix} code such as {example}; got '{x}'")))
        }
        other => Ok(other),
    }
}

async fn search(pse: Arc<Pse>, ctx: ToolCtx, p: SearchCustomParams) -> Result<ToolOutput, ToolError> {
    let q = p.q.trim();
    if q.is_empty() {
        return Err(ToolError::invalid("q is empty: give the words to search for"));
    }
    let num = u32::try_from(p.num).ok().filter(|n| (1..=10).contains(n));
    let num = num.ok_or_else(|| ToolError::invalid(format!("num must be between 1 and 10, got {}", p.num)))?;
    let start = u32::try_from(p.start).ok().filter(|s| *s >= 1 && s + num <= 101).ok_or_else(|| {
        ToolError::invalid(format!(
            "start must be 1 or more, and start + num at most 101 (Google serves the first 100 results); got start {} with num {num}",
            p.start
        ))
    })?;
    let site_search = given(p.site_search.as_deref());
    if p.site_search_filter.is_some() && site_search.is_none() {
        return Err(ToolError::invalid("site_search_filter needs site_search: the site to include or exclude"));
    }
    let date = given(p.date_restrict.as_deref()).map(date_restrict).transpose()?;
    let lr = prefixed(p.language.as_deref(), "lang_", "language", "lang_en")?;
    let cr = prefixed(p.country.as_deref(), "country", "country", "countryUS")?;
    let full_q = with_sites(q, p.sites.as_deref().unwrap_or_default())?;
    let file_type = given(p.file_type.as_deref()).map(|f| f.trim_start_matches('.'));
    let (g, cx) = pse.client(&ctx)?;
    let query = SearchQuery {
        cx,
        q: &full_q,
        num,
        start,
        safe: match p.safe {
            Safe::Off => "off",
            Safe::Active | Safe::Moderate => "active",
        },
        search_type: p.search_type.map(|_| "image"),
        site_search,
        site_search_filter: p.site_search_filter.map(|f| match f {
            SiteFilter::Exclude => "e",
            SiteFilter::Include => "i",
        }),
        date_restrict: date,
        file_type,
        lr,
        cr,
    };
    let reply = api::cse_list(&g, &query).await.map_err(|e| pse.error(e))?;
    Ok(ToolOutput::text(render::search(&full_q, start, &reply)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sites_become_site_operators() {
        assert_eq!(with_sites("atlas", &[]).unwrap(), "atlas");
        assert_eq!(with_sites("atlas", &["example.com".into()]).unwrap(), "atlas site:example.com");
        assert_eq!(
            with_sites("atlas", &["a.com".into(), " b.com ".into()]).unwrap(),
            "atlas (site:a.com OR site:b.com)"
        );
        assert!(with_sites("atlas", &["a b".into()]).is_err());
    }

    #[test]
    fn date_restricts() {
        assert!(date_restrict("d5").is_ok() && date_restrict("y1").is_ok());
        assert!(date_restrict("5d").is_err() && date_restrict("d0").is_err() && date_restrict("d").is_err());
    }
}
