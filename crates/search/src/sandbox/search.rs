//! `cse.list`: the key and engine checks, the parameters, and Google's reply shape.

use axum::extract::Request;
use chrono::Duration;
use http::StatusCode;
use serde_json::{Value, json};
use wsmcp_sandbox_kit::{GoogleError, QueryParams, json_response};

use super::index::{Page, pages};
use super::query::{self, on_site};
use super::{API_KEY, ENGINE_ID, ENGINE_TITLE};

type Reply = Result<axum::response::Response, GoogleError>;

fn invalid() -> GoogleError {
    GoogleError::new(StatusCode::BAD_REQUEST, "badRequest", "Request contains an invalid argument.")
}

/// Google's answers to a missing or wrong key.
fn check_key(req: &Request, q: &QueryParams) -> Result<(), GoogleError> {
    let header = req.headers().get("x-goog-api-key").and_then(|v| v.to_str().ok());
    match header.or_else(|| q.get("key")).filter(|k| !k.is_empty()) {
        None => Err(GoogleError::new(
            StatusCode::FORBIDDEN,
            "PERMISSION_DENIED",
            "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or \
             other form of API consumer identity to call this API.",
        )),
        Some(k) if k != API_KEY => Err(GoogleError::new(
            StatusCode::BAD_REQUEST,
            "API_KEY_INVALID",
            "API key not valid. Please pass a valid API key.",
        )),
        Some(_) => Ok(()),
    }
}

/// `d5`, `w2`, `m3`, `y1` as a duration.
fn date_window(v: &str) -> Result<Duration, GoogleError> {
    let n: i64 = v.get(1..).and_then(|n| n.parse().ok()).filter(|n| *n > 0).ok_or_else(invalid)?;
    match v.as_bytes().first() {
        Some(b'd') => Ok(Duration::days(n)),
        Some(b'w') => Ok(Duration::weeks(n)),
        Some(b'm') => Ok(Duration::days(30 * n)),
        Some(b'y') => Ok(Duration::days(365 * n)),
        _ => Err(invalid()),
    }
}

fn item(p: &Page, image: bool) -> Value {
    let display = p.host().to_string();
    if image && let Some((src, w, h)) = p.image {
        let mime = if src.ends_with(".png") { "image/png" } else { "image/jpeg" };
        return json!({
            "kind": "customsearch#result", "title": p.title, "htmlTitle": p.title, "link": src,
            "displayLink": display, "snippet": p.title, "htmlSnippet": p.title, "mime": mime,
            "fileFormat": format!("image/{}", mime.trim_start_matches("image/")),
            "image": { "contextLink": p.link, "height": h, "width": w, "byteSize": w * h / 8,
                "thumbnailLink": format!("https://encrypted-tbn0.gstatic.com/images?q=tbn:{}", display),
                "thumbnailHeight": h / 8, "thumbnailWidth": w / 8 },
        });
    }
    let mut out = json!({
        "kind": "customsearch#result", "title": p.title, "htmlTitle": p.title, "link": p.link,
        "displayLink": display, "snippet": p.snippet, "htmlSnippet": p.snippet,
        "formattedUrl": p.link, "htmlFormattedUrl": p.link,
    });
    if let Some((format, mime, _)) = p.file {
        out["fileFormat"] = json!(format);
        out["mime"] = json!(mime);
    }
    out
}

pub async fn cse_list(q: QueryParams, req: Request) -> Reply {
    check_key(&req, &q)?;
    if q.get("cx") != Some(ENGINE_ID) {
        return Err(invalid());
    }
    let text = q.get("q").map(str::trim).filter(|t| !t.is_empty()).ok_or_else(invalid)?;
    let num = q.uint("num")?.unwrap_or(10);
    let start = q.uint("start")?.unwrap_or(1);
    if !(1..=10).contains(&num) || start == 0 || start + num > 101 {
        return Err(invalid());
    }
    let image = q.get("searchType") == Some("image");
    let now = wsmcp_core::clock::now();
    let since = q.get("dateRestrict").map(date_window).transpose()?.map(|w| now - w);
    let site = q.get("siteSearch").filter(|s| !s.is_empty());
    let exclude_site = q.get("siteSearchFilter") == Some("e");
    let terms = query::parse(text);
    let found: Vec<Page> = pages(now)
        .into_iter()
        .filter(|p| query::matches(p, &terms))
        .filter(|p| site.is_none_or(|s| on_site(p.host(), s) != exclude_site))
        .filter(|p| since.is_none_or(|t| p.published >= t))
        .filter(|p| q.get("lr").is_none_or(|lr| p.lang == lr))
        .filter(|p| q.get("cr").is_none_or(|cr| p.country.eq_ignore_ascii_case(cr)))
        .filter(|p| q.get("fileType").is_none_or(|f| p.file.is_some_and(|(_, _, ext)| ext.eq_ignore_ascii_case(f))))
        .filter(|p| !image || p.image.is_some())
        .collect();
    let total = found.len() as u64;
    let items: Vec<Value> = found.iter().skip(start as usize - 1).take(num as usize).map(|p| item(p, image)).collect();
    let request = |start_index: u64| {
        json!({ "title": format!("Google Custom Search - {text}"), "totalResults": total.to_string(),
            "searchTerms": text, "count": num, "startIndex": start_index, "inputEncoding": "utf8",
            "outputEncoding": "utf8", "safe": q.get("safe").unwrap_or("off"), "cx": ENGINE_ID })
    };
    let mut queries = json!({ "request": [request(start)] });
    if start + num <= total && start + 2 * num <= 101 {
        queries["nextPage"] = json!([request(start + num)]);
    }
    let mut out = json!({
        "kind": "customsearch#search",
        "url": { "type": "application/json", "template": "https://www.googleapis.com/customsearch/v1?q={searchTerms}&num={count?}&start={startIndex?}&cx={cx?}" },
        "queries": queries,
        "context": { "title": ENGINE_TITLE, "facets": [[{ "label": "docs", "anchor": "Docs", "label_with_op": "more:docs" }], [{ "label": "blog", "anchor": "Blog", "label_with_op": "more:blog" }]] },
        "searchInformation": { "searchTime": 0.21, "formattedSearchTime": "0.21", "totalResults": total.to_string(), "formattedTotalResults": total.to_string() },
    });
    if !items.is_empty() {
        out["items"] = Value::Array(items);
    }
    Ok(json_response(StatusCode::OK, &out))
}
