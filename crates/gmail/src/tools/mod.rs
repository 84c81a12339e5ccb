//! The Gmail tools, one explicit list. Each file holds the declarations and thin handlers of
//! one resource: messages (search, read), threads, send (send + draft), attachments, labels,
//! filters.

use std::path::PathBuf;
use std::sync::Arc;

use wsmcp_core::{ToolCtx, ToolDef, ToolError};

use crate::local_files::{FilePolicy, attachment_dir};

mod attachments;
mod filters;
mod labels;
mod messages;
mod send;
mod threads;

/// What the Gmail tools need from their environment.
#[derive(Debug, Clone)]
pub struct GmailOptions {
    /// Which local files may be attached by `path`.
    pub files: FilePolicy,
    /// Where this server keeps saved files; `.../attachments/<id>` URLs resolve here.
    pub attachment_dir: PathBuf,
}

impl GmailOptions {
    pub fn from_env() -> Self {
        let var = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
        let home = var("HOME").map(PathBuf::from).or_else(std::env::home_dir);
        GmailOptions { files: FilePolicy::from_env(), attachment_dir: attachment_dir(&var, home.as_deref()) }
    }
}

pub(crate) fn all(options: GmailOptions) -> Vec<ToolDef> {
    let options = Arc::new(options);
    vec![
        messages::search_gmail_messages(),
        messages::get_gmail_message_content(),
        messages::get_gmail_messages_content_batch(),
        send::send_gmail_message(options.clone()),
        send::draft_gmail_message(options),
        attachments::get_gmail_attachment_content(),
        threads::get_gmail_thread_content(),
        threads::get_gmail_threads_content_batch(),
        labels::list_gmail_labels(),
        labels::manage_gmail_label(),
        labels::modify_gmail_message_labels(),
        labels::batch_modify_gmail_message_labels(),
        filters::list_gmail_filters(),
        filters::manage_gmail_filter(),
    ]
}

/// The same call asking for more scopes: some actions of a tool need more than its
/// declared minimum (a reply must read the thread; applying a filter must modify mail).
pub(crate) fn with_scopes(ctx: &ToolCtx, scopes: &'static [&'static str]) -> ToolCtx {
    ToolCtx { scopes, ..ctx.clone() }
}

/// Trimmed, non-empty, de-duplicated ids in their first-seen order.
pub(crate) fn clean_ids(ids: &[String]) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    ids.iter().map(|s| s.trim().to_string()).filter(|s| !s.is_empty() && seen.insert(s.clone())).collect()
}

/// A required string argument, trimmed.
pub(crate) fn required<'a>(value: Option<&'a str>, what: &str) -> Result<&'a str, ToolError> {
    value.map(str::trim).filter(|v| !v.is_empty()).ok_or_else(|| ToolError::invalid(what.to_string()))
}

/// Chunk size for batched reads: Gmail runs a batch's items concurrently and throttles
/// more than a few dozen at once.
pub(crate) const READ_CHUNK: usize = 25;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fourteen_unique_tools_with_all_four_hints_and_scopes() {
        let opts =
            GmailOptions { files: FilePolicy::new(vec![], vec![]), attachment_dir: PathBuf::from("/nonexistent") };
        let tools = all(opts);
        assert_eq!(tools.len(), 14);
        let mut names: Vec<_> = tools.iter().map(|t| t.name).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), 14);
        for t in &tools {
            assert!(!t.scopes.is_empty(), "{} has no scope", t.name);
            assert!(!t.title.is_empty() && !t.description.is_empty());
            assert!(t.acts_for_user);
            let props = t.input_schema.get("properties").and_then(|p| p.as_object()).unwrap();
            assert!(!props.contains_key("user_google_email"), "{}: the registry adds it", t.name);
            for combinator in ["anyOf", "oneOf", "allOf"] {
                assert!(!t.input_schema.contains_key(combinator), "{} top-level {combinator}", t.name);
            }
        }
    }

    /// The reference's tools/list lives in the shared folder beside the repository; every
    /// parameter must keep its name, type, default, enum and required-ness. The only
    /// intended difference: manage_gmail_filter.action gained an enum.
    #[test]
    fn parameters_match_the_reference_server() {
        use serde_json::Value;
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/anchor/tools.json");
        let Ok(text) = std::fs::read_to_string(path) else {
            eprintln!("skipped: {path} not found");
            return;
        };
        let reference: Value = serde_json::from_str(&text).unwrap();
        let opts =
            GmailOptions { files: FilePolicy::new(vec![], vec![]), attachment_dir: PathBuf::from("/nonexistent") };
        let ours = all(opts);
        let mut problems = Vec::new();
        let mut compared = 0;
        for r in reference["tools"].as_array().unwrap().iter().filter(|t| t["service"] == "gmail") {
            let name = r["name"].as_str().unwrap();
            if name == "start_google_auth" {
                continue;
            }
            let Some(t) = ours.iter().find(|t| t.name == name) else {
                problems.push(format!("{name}: missing"));
                continue;
            };
            compared += 1;
            let ann = &r["annotations"];
            let hints = [
                ("readOnlyHint", t.hints.read_only),
                ("destructiveHint", t.hints.destructive),
                ("idempotentHint", t.hints.idempotent),
                ("openWorldHint", t.hints.open_world),
            ];
            for (k, v) in hints {
                if ann[k].as_bool() != Some(v) {
                    problems.push(format!("{name}: {k} is {v}, reference {}", ann[k]));
                }
            }
            if r["tier"].as_str() != Some(t.tier.as_str()) {
                problems.push(format!("{name}: tier {} vs {}", t.tier.as_str(), r["tier"]));
            }
            let rprops = r["inputSchema"]["properties"].as_object().unwrap();
            let oprops = t.input_schema["properties"].as_object().unwrap();
            for (p, rs) in rprops.iter().filter(|(p, _)| *p != "user_google_email") {
                let Some(os) = oprops.get(p) else {
                    problems.push(format!("{name}.{p}: missing"));
                    continue;
                };
                for key in ["type", "default", "enum", "items", "additionalProperties"] {
                    let intended = name == "manage_gmail_filter" && p == "action" && key == "enum";
                    if rs.get(key) != os.get(key) && !intended {
                        problems.push(format!("{name}.{p}.{key}: ours {:?}, reference {:?}", os.get(key), rs.get(key)));
                    }
                }
            }
            for p in oprops.keys().filter(|p| !rprops.contains_key(*p)) {
                problems.push(format!("{name}.{p}: not in the reference"));
            }
            let req = |s: &Value| -> Vec<String> {
                let mut v: Vec<String> = s["required"]
                    .as_array()
                    .map(|a| a.iter().filter_map(|x| x.as_str()).map(str::to_string).collect())
                    .unwrap_or_default();
                v.retain(|x| x != "user_google_email");
                v.sort();
                v
            };
            let ours_schema = Value::Object((*t.input_schema).clone());
            if req(&r["inputSchema"]) != req(&ours_schema) {
                problems.push(format!(
                    "{name}: required {:?} vs reference {:?}",
                    req(&ours_schema),
                    req(&r["inputSchema"])
                ));
            }
        }
        assert_eq!(compared, 14);
        assert!(problems.is_empty(), "differences from the reference:\n{}", problems.join("\n"));
    }
}
