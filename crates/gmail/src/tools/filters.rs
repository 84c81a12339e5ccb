//! Filters: list_gmail_filters, manage_gmail_filter (create, delete, update, apply).

use std::collections::HashMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use wsmcp_core::google::GoogleCtx;
use wsmcp_core::scope;
use wsmcp_core::tool::ToolMeta;
use wsmcp_core::{Hints, Service, Tier, ToolCtx, ToolDef, ToolError, ToolOutput};

use crate::api;
use crate::wire::{BatchModifyRequest, Filter, FilterAction, FilterCriteria};

// Arguments of `list_gmail_filters` (none besides the user).
#[derive(Debug, Deserialize, JsonSchema)]
pub struct ListGmailFiltersParams {}

pub fn list_gmail_filters() -> ToolDef {
    ToolDef::new(
        ToolMeta {
            name: "list_gmail_filters",
            title: "List Gmail Filters",
            description: "List the mailbox's filters: id, what each matches and what it does (labels by name).",
            service: Service::Gmail,
            tier: Tier::Extended,
            hints: Hints::READ,
            // users.settings.filters.list accepts gmail.readonly, so listing stays available
            // in --read-only mode and needs no settings grant.
            scopes: &[scope::GMAIL_READONLY],
        },
        list_filters,
    )
}

async fn list_filters(ctx: ToolCtx, _: ListGmailFiltersParams) -> Result<ToolOutput, ToolError> {
    let g = ctx.google().await?;
    let filters = api::users_settings_filters_list(&g).await?.filter;
    if filters.is_empty() {
        return Ok(ToolOutput::text("No filters are set up."));
    }
    let names = label_names(&g).await;
    let mut out = format!("{} filter(s):\n", filters.len());
    for f in &filters {
        out.push('\n');
        out.push_str(&describe(f, &names));
    }
    Ok(ToolOutput::text(out))
}

/// Label id -> name, to show filter actions readably. Best effort: ids are shown alone when
/// labels cannot be read.
async fn label_names(g: &GoogleCtx) -> HashMap<String, String> {
    match api::users_labels_list(g).await {
        Ok(list) => list.labels.into_iter().filter_map(|l| Some((l.id?, l.name?))).collect(),
        Err(e) => {
            tracing::debug!(error = %e, "labels not readable; filter actions show ids only");
            HashMap::new()
        }
    }
}

fn describe(f: &Filter, names: &HashMap<String, String>) -> String {
    let label = |id: &String| match names.get(id) {
        Some(n) if n != id => format!("{n} ({id})"),
        _ => id.clone(),
    };
    let mut out = format!("Filter ID: {}\n  Matches: {}\n", f.id.as_deref().unwrap_or("?"), criteria_text(&f.criteria));
    let a = &f.action;
    if !a.add_label_ids.is_empty() {
        out.push_str(&format!("  Adds labels: {}\n", a.add_label_ids.iter().map(label).collect::<Vec<_>>().join(", ")));
    }
    if !a.remove_label_ids.is_empty() {
        out.push_str(&format!(
            "  Removes labels: {}\n",
            a.remove_label_ids.iter().map(label).collect::<Vec<_>>().join(", ")
        ));
    }
    if let Some(to) = &a.forward {
        out.push_str(&format!("  Forwards to: {to}\n"));
    }
    out
}

fn criteria_text(c: &FilterCriteria) -> String {
    let mut parts = Vec::new();
    let mut push = |k: &str, v: Option<&String>| {
        if let Some(v) = v.filter(|v| !v.trim().is_empty()) {
            parts.push(format!("{k} \"{v}\""));
        }
    };
    push("from", c.from.as_ref());
    push("to", c.to.as_ref());
    push("subject", c.subject.as_ref());
    push("query", c.query.as_ref());
    push("not matching", c.negated_query.as_ref());
    if c.has_attachment == Some(true) {
        parts.push("has an attachment".into());
    }
    if let Some(size) = c.size {
        parts.push(format!("size {} {size} bytes", c.size_comparison.as_deref().unwrap_or("?")));
    }
    if c.exclude_chats == Some(true) {
        parts.push("excluding chats".into());
    }
    if parts.is_empty() { "(everything)".into() } else { parts.join(", ") }
}

/// The search query that finds what a filter's criteria match.
pub fn criteria_query(c: &FilterCriteria) -> String {
    let mut q = Vec::new();
    let group = |v: &str| if v.contains(char::is_whitespace) { format!("({v})") } else { v.to_string() };
    if let Some(v) = c.from.as_deref().filter(|v| !v.trim().is_empty()) {
        q.push(format!("from:{}", group(v.trim())));
    }
    if let Some(v) = c.to.as_deref().filter(|v| !v.trim().is_empty()) {
        q.push(format!("to:{}", group(v.trim())));
    }
    if let Some(v) = c.subject.as_deref().filter(|v| !v.trim().is_empty()) {
        q.push(format!("subject:({})", v.trim()));
    }
    if let Some(v) = c.query.as_deref().filter(|v| !v.trim().is_empty()) {
        q.push(format!("({})", v.trim()));
    }
    if let Some(v) = c.negated_query.as_deref().filter(|v| !v.trim().is_empty()) {
        q.push(format!("-({})", v.trim()));
    }
    if c.has_attachment == Some(true) {
        q.push("has:attachment".into());
    }
    if let Some(size) = c.size {
        match c.size_comparison.as_deref() {
            Some("larger") => q.push(format!("larger:{size}")),
            Some("smaller") => q.push(format!("smaller:{size}")),
            _ => {}
        }
    }
    q.join(" ")
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum FilterOp {
    Create,
    Delete,
    Update,
    Apply,
}

fn max_default() -> i64 {
    5000
}

// Arguments of `manage_gmail_filter`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct ManageGmailFilterParams {
    /// create, delete, update (Gmail has no in-place update: a new filter replaces the old
    /// one and gets a new id) or apply (run a filter's label actions on mail already in the
    /// mailbox).
    pub action: FilterOp,
    /// What the filter matches, as Gmail's FilterCriteria: from, to, subject, query,
    /// negatedQuery, hasAttachment, excludeChats, size, sizeComparison ("smaller" or
    /// "larger"). Required for create; on update it replaces the old criteria.
    pub criteria: Option<Map<String, Value>>,
    /// What the filter does, as Gmail's FilterAction: addLabelIds, removeLabelIds,
    /// forward. Required for create; on update it replaces the old action.
    pub filter_action: Option<Map<String, Value>>,
    /// The filter id (from list_gmail_filters). Required for delete and update; for apply,
    /// use it or criteria + filter_action.
    pub filter_id: Option<String>,
    /// apply only: report the search query and how many messages match, change nothing.
    #[serde(default)]
    pub dry_run: bool,
    /// apply only: change at most this many messages.
    #[serde(default = "max_default")]
    pub max_messages: i64,
}

pub fn manage_gmail_filter() -> ToolDef {
    ToolDef::new(
        ToolMeta {
            name: "manage_gmail_filter",
            title: "Manage Gmail Filter",
            description: "Create, delete, update or apply a filter. update replaces the filter (new id). apply runs \
                its label actions on existing mail (filters only act on new mail); try dry_run=true first. \
                Forwarding is never applied. apply also needs the gmail.modify scope.",
            service: Service::Gmail,
            tier: Tier::Extended,
            hints: Hints::DESTRUCTIVE,
            scopes: &[scope::GMAIL_SETTINGS_BASIC],
        },
        manage_filter,
    )
}

const CRITERIA_KEYS: &[&str] = &[
    "from",
    "to",
    "subject",
    "query",
    "negatedQuery",
    "hasAttachment",
    "excludeChats",
    "size",
    "sizeComparison",
    "negated_query",
    "has_attachment",
    "exclude_chats",
    "size_comparison",
];
const ACTION_KEYS: &[&str] = &["addLabelIds", "removeLabelIds", "forward", "add_label_ids", "remove_label_ids"];

/// Parses a caller's object into a wire type, refusing keys Gmail does not know.
fn parse_object<T: serde::de::DeserializeOwned>(
    map: Map<String, Value>,
    field: &str,
    known: &[&str],
) -> Result<T, ToolError> {
    let unknown: Vec<&String> = map.keys().filter(|k| !known.contains(&k.as_str())).collect();
    if !unknown.is_empty() {
        let camel: Vec<&str> = known.iter().copied().filter(|k| !k.contains('_')).collect();
        return Err(ToolError::invalid(format!(
            "{field} has unknown key(s) {}; accepted: {}",
            unknown.iter().map(|k| format!("\"{k}\"")).collect::<Vec<_>>().join(", "),
            camel.join(", ")
        )));
    }
    serde_json::from_value(Value::Object(map)).map_err(|e| ToolError::invalid(format!("{field}: {e}")))
}

async fn manage_filter(ctx: ToolCtx, p: ManageGmailFilterParams) -> Result<ToolOutput, ToolError> {
    let criteria: Option<FilterCriteria> =
        p.criteria.map(|c| parse_object(c, "criteria", CRITERIA_KEYS)).transpose()?;
    let action: Option<FilterAction> =
        p.filter_action.map(|a| parse_object(a, "filter_action", ACTION_KEYS)).transpose()?;
    let filter_id = p.filter_id.as_deref().map(str::trim).filter(|s| !s.is_empty());
    if let Some(cmp) =
        criteria.as_ref().and_then(|c| c.size_comparison.as_deref()).filter(|s| !matches!(*s, "smaller" | "larger"))
    {
        return Err(ToolError::invalid(format!(
            "criteria.sizeComparison must be \"smaller\" or \"larger\", got \"{cmp}\""
        )));
    }
    match p.action {
        FilterOp::Create => {
            let (criteria, action) = match (criteria, action) {
                (Some(c), Some(a)) if c != FilterCriteria::default() && a != FilterAction::default() => (c, a),
                _ => {
                    return Err(ToolError::invalid(
                        "create needs a non-empty criteria (e.g. {\"from\": \"news@example.com\"}) and filter_action (e.g. {\"addLabelIds\": [\"Label_1\"], \"removeLabelIds\": [\"INBOX\"]})",
                    ));
                }
            };
            let g = ctx.google().await?;
            let created = api::users_settings_filters_create(&g, &Filter { id: None, criteria, action }).await?;
            let names = label_names(&g).await;
            Ok(ToolOutput::text(format!(
                "Created filter {}.\n{}",
                created.id.as_deref().unwrap_or("?"),
                describe(&created, &names)
            )))
        }
        FilterOp::Delete => {
            let id = filter_id.ok_or_else(|| {
                ToolError::invalid("filter_id is required to delete a filter (see list_gmail_filters)")
            })?;
            let g = ctx.google().await?;
            api::users_settings_filters_delete(&g, id).await?;
            Ok(ToolOutput::text(format!("Deleted filter {id}.")))
        }
        FilterOp::Update => {
            let id = filter_id.ok_or_else(|| {
                ToolError::invalid("filter_id is required to update a filter (see list_gmail_filters)")
            })?;
            if criteria.is_none() && action.is_none() {
                return Err(ToolError::invalid(
                    "update needs criteria and/or filter_action: the new values replace the old ones",
                ));
            }
            let g = ctx.google().await?;
            let old = api::users_settings_filters_get(&g, id).await?;
            let replacement =
                Filter { id: None, criteria: criteria.unwrap_or(old.criteria), action: action.unwrap_or(old.action) };
            // New first: if the create fails the old filter is untouched.
            let created = api::users_settings_filters_create(&g, &replacement).await?;
            let new_id = created.id.clone().unwrap_or_default();
            let names = label_names(&g).await;
            match api::users_settings_filters_delete(&g, id).await {
                Ok(()) => Ok(ToolOutput::text(format!(
                    "Updated filter: Gmail cannot edit filters, so filter {id} was replaced by a new one.\nNew filter ID: {new_id}\n{}",
                    describe(&created, &names)
                ))),
                Err(e) => Ok(ToolOutput::text(format!(
                    "Created the replacement filter {new_id}, but deleting the old filter {id} failed: {e}\n\
                     Both filters exist now; delete {id} with action \"delete\".\n{}",
                    describe(&created, &names)
                ))),
            }
        }
        FilterOp::Apply => apply(&ctx, criteria, action, filter_id, p.dry_run, p.max_messages).await,
    }
}

/// Messages changed per batchModify call (Gmail's maximum).
const MODIFY_CHUNK: usize = 1000;

async fn apply(
    ctx: &ToolCtx,
    criteria: Option<FilterCriteria>,
    action: Option<FilterAction>,
    filter_id: Option<&str>,
    dry_run: bool,
    max_messages: i64,
) -> Result<ToolOutput, ToolError> {
    if max_messages < 1 {
        return Err(ToolError::invalid(format!("max_messages must be at least 1, got {max_messages}")));
    }
    let cap = usize::try_from(max_messages).unwrap_or(usize::MAX);
    // Changing labels on mail needs gmail.modify on top of the tool's settings scope.
    let g = super::with_scopes(ctx, &[scope::GMAIL_SETTINGS_BASIC, scope::GMAIL_MODIFY]).google().await?;
    let (criteria, action, source) = match (filter_id, criteria, action) {
        (Some(id), c, a) => {
            let f = api::users_settings_filters_get(&g, id).await?;
            (c.unwrap_or(f.criteria), a.unwrap_or(f.action), format!("filter {id}"))
        }
        (None, Some(c), Some(a)) => (c, a, "the given criteria".to_string()),
        _ => return Err(ToolError::invalid("apply needs filter_id, or both criteria and filter_action")),
    };
    let query = criteria_query(&criteria);
    if query.is_empty() {
        return Err(ToolError::invalid(
            "the criteria give no search query (from, to, subject, query, ...); refusing to apply to the whole mailbox",
        ));
    }
    let mut notes = Vec::new();
    if action.forward.is_some() {
        notes.push("Forwarding is never applied to existing mail; only label changes are.".to_string());
    }
    if action.add_label_ids.is_empty() && action.remove_label_ids.is_empty() && !dry_run {
        return Err(ToolError::invalid(format!(
            "{source} has no label actions to apply (forwarding is never applied)"
        )));
    }
    let (ids, more) = matching_ids(&g, &query, cap).await?;
    let mut out = format!("Search query: {query}\n");
    let count =
        if more { format!("{} (stopped at max_messages; more match)", ids.len()) } else { ids.len().to_string() };
    if dry_run {
        out.push_str(&format!("Dry run: {count} message(s) match {source}. Nothing was changed.\n"));
    } else {
        for chunk in ids.chunks(MODIFY_CHUNK) {
            let body = BatchModifyRequest {
                ids: chunk,
                add_label_ids: &action.add_label_ids,
                remove_label_ids: &action.remove_label_ids,
            };
            api::users_messages_batch_modify(&g, &body).await?;
        }
        out.push_str(&format!("Applied {source} to {count} message(s).\n"));
        if !action.add_label_ids.is_empty() {
            out.push_str(&format!("Added labels: {}\n", action.add_label_ids.join(", ")));
        }
        if !action.remove_label_ids.is_empty() {
            out.push_str(&format!("Removed labels: {}\n", action.remove_label_ids.join(", ")));
        }
    }
    for n in notes {
        out.push_str(&n);
        out.push('\n');
    }
    Ok(ToolOutput::text(out))
}

/// Message ids matching `query`, at most `cap`; `true` when more exist.
async fn matching_ids(g: &GoogleCtx, query: &str, cap: usize) -> Result<(Vec<String>, bool), ToolError> {
    let mut ids = Vec::new();
    let mut token: Option<String> = None;
    loop {
        let want = (cap - ids.len()).min(500) as u32;
        let page = api::users_messages_list(g, query, want.max(1), token.as_deref()).await?;
        ids.extend(page.messages.into_iter().map(|m| m.id));
        token = page.next_page_token;
        if ids.len() >= cap {
            ids.truncate(cap);
            return Ok((ids, token.is_some()));
        }
        if token.is_none() {
            return Ok((ids, false));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_from_criteria() {
        let c = FilterCriteria {
            from: Some("news@example.com".into()),
            subject: Some("weekly digest".into()),
            negated_query: Some("urgent".into()),
            has_attachment: Some(true),
            size: Some(1000),
            size_comparison: Some("larger".into()),
            ..Default::default()
        };
        assert_eq!(
            criteria_query(&c),
            "from:news@example.com subject:(weekly digest) -(urgent) has:attachment larger:1000"
        );
        assert_eq!(criteria_query(&FilterCriteria::default()), "");
    }

    #[test]
    fn unknown_keys_are_named() {
        let mut m = Map::new();
        m.insert("hasTheWord".into(), Value::String("x".into()));
        let err = parse_object::<FilterCriteria>(m, "criteria", CRITERIA_KEYS).unwrap_err().to_string();
        assert!(err.contains("\"hasTheWord\"") && err.contains("negatedQuery"), "{err}");
        let mut m = Map::new();
        m.insert("add_label_ids".into(), serde_json::json!(["L1"]));
        let a: FilterAction = parse_object(m, "filter_action", ACTION_KEYS).unwrap();
        assert_eq!(a.add_label_ids, vec!["L1"]);
    }
}
