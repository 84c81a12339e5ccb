//! `forms.responses.list` (oldest first, Google's `timestamp >`/`>=` filter, paging) and
//! `forms.responses.get`.

use axum::extract::{Path, State};
use chrono::{DateTime, Utc};
use serde_json::{Value, json};
use wsmcp_sandbox_kit::{GoogleError, QueryParams, page_size, paginate};

use super::store::{SharedStore, response_json};
use super::{Reply, ok};

/// Google's only filters: `timestamp > T` and `timestamp >= T`, T in RFC 3339 UTC ("Z").
fn parse_filter(filter: &str) -> Result<(bool, DateTime<Utc>), GoogleError> {
    let bad = || GoogleError::bad_request(format!("Invalid filter: '{filter}'. Use timestamp > T or timestamp >= T."));
    let rest = filter.trim().strip_prefix("timestamp").ok_or_else(bad)?.trim_start();
    let (inclusive, value) = match rest.strip_prefix(">=") {
        Some(v) => (true, v),
        None => (false, rest.strip_prefix('>').ok_or_else(bad)?),
    };
    let value = value.trim();
    if !value.ends_with('Z') {
        return Err(bad());
    }
    let t = DateTime::parse_from_rfc3339(value).map_err(|_| bad())?;
    Ok((inclusive, t.with_timezone(&Utc)))
}

pub async fn responses_list(State(store): State<SharedStore>, Path(form): Path<String>, q: QueryParams) -> Reply {
    // Unspecified or zero: at most 5000 per page.
    let size = page_size(q.uint("pageSize")?, 5000, 5000);
    let filter = q.get("filter").filter(|f| !f.trim().is_empty()).map(parse_filter).transpose()?;
    let s = store.lock();
    let f = s.form(&form)?;
    let mut kept: Vec<_> = f
        .responses
        .iter()
        .filter(|r| filter.is_none_or(|(inclusive, t)| if inclusive { r.submitted >= t } else { r.submitted > t }))
        .collect();
    kept.sort_by_key(|r| (r.submitted, r.id.clone()));
    let all: Vec<Value> = kept.into_iter().map(|r| response_json(&f.id, r, false)).collect();
    let page = paginate(all, q.get("pageToken"), size)?;
    // Google leaves `responses` out when there are none.
    let mut out = json!({});
    if !page.items.is_empty() {
        out["responses"] = json!(page.items);
    }
    if let Some(t) = page.next_page_token {
        out["nextPageToken"] = json!(t);
    }
    ok(out)
}

pub async fn responses_get(State(store): State<SharedStore>, Path((form, response)): Path<(String, String)>) -> Reply {
    let s = store.lock();
    let f = s.form(&form)?;
    let r = f.responses.iter().find(|r| r.id == response).ok_or_else(GoogleError::not_found)?;
    ok(response_json(&f.id, r, true))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_are_googles_two() {
        assert!(parse_filter("timestamp >= 2026-01-02T03:04:05Z").unwrap().0);
        assert!(!parse_filter("timestamp > 2026-01-02T03:04:05.123Z").unwrap().0);
        assert!(parse_filter("timestamp < 2026-01-02T03:04:05Z").is_err());
        assert!(parse_filter("timestamp > 2026-01-02T03:04:05+01:00").is_err());
    }
}
