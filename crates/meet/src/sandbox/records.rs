//! `conferenceRecords.list/get` with their AIP-160 filters, and each record's participants,
//! recordings, transcripts and transcript entries. Records come newest first, as Meet lists them.

use axum::extract::{Path, State};
use chrono::{DateTime, Utc};
use serde_json::{Value, json};
use wsmcp_sandbox_kit::{GoogleError, QueryParams, paginate};

use super::store::{RecordRec, SharedStore, Store};
use super::{Reply, ok};

fn invalid(f: &str) -> GoogleError {
    GoogleError::invalid_argument(format!("Invalid filter: {f}"))
}

/// Page size: 0 or absent is `default`, above `max` is `max`, negative is refused.
fn size(q: &QueryParams, default: usize, max: usize) -> Result<usize, GoogleError> {
    match q.get("pageSize").map(str::parse::<i64>) {
        None | Some(Ok(0)) => Ok(default),
        Some(Ok(n)) if n > 0 => Ok(usize::try_from(n).unwrap_or(max).min(max)),
        _ => Err(GoogleError::invalid_argument("Invalid page_size")),
    }
}

fn time(value: &str, f: &str) -> Result<DateTime<Utc>, GoogleError> {
    let v = value.trim().strip_prefix('"').and_then(|v| v.strip_suffix('"')).ok_or_else(|| invalid(f))?;
    DateTime::parse_from_rfc3339(v).map(|t| t.with_timezone(&Utc)).map_err(|_| invalid(f))
}

fn compare(v: DateTime<Utc>, op: &str, at: DateTime<Utc>) -> bool {
    match op {
        ">=" => v >= at,
        "<=" => v <= at,
        ">" => v > at,
        "<" => v < at,
        _ => v == at,
    }
}

/// `space.meeting_code = "…"`, `space.name = "spaces/…"`, `start_time >= "…"`,
/// `end_time <= "…"`, joined by AND.
fn record_matches(s: &Store, r: &RecordRec, filter: Option<&str>) -> Result<bool, GoogleError> {
    let Some(f) = filter.map(str::trim).filter(|f| !f.is_empty()) else { return Ok(true) };
    let mut all = true;
    for term in f.split(" AND ") {
        let op = [">=", "<=", ">", "<", "="].into_iter().find(|op| term.contains(op)).ok_or_else(|| invalid(f))?;
        let (field, value) = term.split_once(op).ok_or_else(|| invalid(f))?;
        let quoted = value.trim().strip_prefix('"').and_then(|v| v.strip_suffix('"'));
        let hit = match (field.trim(), op) {
            ("space.meeting_code", "=") => s.spaces.iter().any(|x| x.id == r.space && Some(x.code.as_str()) == quoted),
            ("space.name", "=") => quoted == Some(format!("spaces/{}", r.space).as_str()),
            ("start_time", _) => compare(r.start, op, time(value, f)?),
            ("end_time", _) => {
                let at = time(value, f)?;
                r.end.is_some_and(|e| compare(e, op, at))
            }
            _ => return Err(invalid(f)),
        };
        all &= hit;
    }
    Ok(all)
}

pub async fn records_list(State(store): State<SharedStore>, q: QueryParams) -> Reply {
    let size = size(&q, 25, 100)?;
    let s = store.lock();
    let mut found: Vec<&RecordRec> = Vec::new();
    for r in s.records.iter().filter(|r| s.visible(r)) {
        if record_matches(&s, r, q.get("filter"))? {
            found.push(r);
        }
    }
    found.sort_by_key(|r| std::cmp::Reverse(r.start));
    let page = paginate(found.into_iter().map(RecordRec::json).collect(), q.get("pageToken"), size)?;
    list_reply("conferenceRecords", page)
}

fn list_reply(key: &str, page: wsmcp_sandbox_kit::Page<Value>) -> Reply {
    let mut out = json!({ key: page.items });
    if let Some(t) = page.next_page_token {
        out["nextPageToken"] = json!(t);
    }
    ok(out)
}

pub async fn records_get(State(store): State<SharedStore>, Path(id): Path<String>) -> Reply {
    ok(store.lock().record(&id)?.json())
}

pub async fn participants_list(State(store): State<SharedStore>, Path(id): Path<String>, q: QueryParams) -> Reply {
    let size = size(&q, 100, 250)?;
    let active_only = match q.get("filter").map(str::trim).filter(|f| !f.is_empty()) {
        None => false,
        Some("latest_end_time IS NULL") => true,
        Some(f) => return Err(invalid(f)),
    };
    let s = store.lock();
    s.record(&id)?;
    let items: Vec<Value> = s
        .participants
        .iter()
        .filter(|p| p.record == id && (!active_only || p.end.is_none()))
        .map(|p| p.json())
        .collect();
    let total = items.len();
    let page = paginate(items, q.get("pageToken"), size)?;
    let mut out = json!({ "participants": page.items, "totalSize": total });
    if let Some(t) = page.next_page_token {
        out["nextPageToken"] = json!(t);
    }
    ok(out)
}

pub async fn recordings_list(State(store): State<SharedStore>, Path(id): Path<String>, q: QueryParams) -> Reply {
    let s = store.lock();
    s.record(&id)?;
    let items = s.recordings.iter().filter(|r| r.record == id).map(|r| r.recording_json()).collect();
    list_reply("recordings", paginate(items, q.get("pageToken"), size(&q, 10, 100)?)?)
}

pub async fn transcripts_list(State(store): State<SharedStore>, Path(id): Path<String>, q: QueryParams) -> Reply {
    let s = store.lock();
    s.record(&id)?;
    let items = s.transcripts.iter().filter(|t| t.record == id).map(|t| t.transcript_json()).collect();
    list_reply("transcripts", paginate(items, q.get("pageToken"), size(&q, 10, 100)?)?)
}

pub async fn entries_list(
    State(store): State<SharedStore>,
    Path((id, transcript)): Path<(String, String)>,
    q: QueryParams,
) -> Reply {
    let size = size(&q, 10, 100)?;
    let s = store.lock();
    s.record(&id)?;
    if !s.transcripts.iter().any(|t| t.record == id && t.id == transcript) {
        return Err(GoogleError::not_found());
    }
    let items = s.entries.iter().filter(|e| e.transcript == transcript).map(|e| e.json(&id)).collect();
    list_reply("transcriptEntries", paginate(items, q.get("pageToken"), size)?)
}
