//! Every declaration audited, and the interface compared with the reference server's (names,
//! parameters, types, defaults, enums, required lists, hints, tiers).

use std::collections::BTreeSet;

use crate::all_tools;
use serde_json::{Value, json};
use wsmcp_core::scope;
use wsmcp_server::ToolSelection;

use crate::listed;

fn reference() -> Vec<Value> {
    let text = include_str!("fixtures/reference_interface.json");
    let v: Value = serde_json::from_str(text).expect("fixture parses");
    v["tools"].as_array().cloned().unwrap_or_default()
}

/// Services the reference server does not have.
const BEYOND_REFERENCE: [wsmcp_core::Service; 2] = [wsmcp_core::Service::Keep, wsmcp_core::Service::Meet];

fn tool_service(name: &str) -> Option<wsmcp_core::Service> {
    all_tools().into_iter().find(|t| t.name == name).map(|t| t.service)
}

#[test]
fn every_declaration_passes_the_audit() {
    let tools = all_tools();
    let mut names = BTreeSet::new();
    for t in &tools {
        assert!(names.insert(t.name), "duplicate tool {}", t.name);
        assert!(
            t.name.len() <= 64 && t.name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'),
            "bad name {}",
            t.name
        );
        assert!(!t.title.is_empty() && t.description.len() > 20, "{} needs a title and a real description", t.name);
        for key in ["anyOf", "oneOf", "allOf", "$schema", "$defs", "$ref"] {
            assert!(t.input_schema.get(key).is_none(), "{}: top-level {key}", t.name);
        }
        assert_eq!(t.input_schema.get("type"), Some(&json!("object")), "{}", t.name);
        if t.acts_for_user {
            assert!(!t.scopes.is_empty(), "{} acts for a user but declares no scope", t.name);
        }
        for s in t.scopes {
            assert!(
                s.starts_with("https://www.googleapis.com/auth/") || *s == scope::OPENID,
                "{}: odd scope {s}",
                t.name
            );
        }
        // A tool that says it only reads must only need read-only scopes (the reverse need not
        // hold: saving an attachment to disk reads Google but is not read-only locally).
        if t.hints.read_only {
            assert!(t.scopes.iter().all(|s| scope::is_read_only(s)), "{}: readOnlyHint but write scopes", t.name);
        }
        // No nested schema may hide a `$ref` a strict client cannot resolve.
        let text = serde_json::to_string(&*t.input_schema).unwrap();
        assert!(!text.contains("\"$ref\""), "{} has a $ref", t.name);
    }
}

/// Where we deliberately give a parameter an `enum` that the reference left a free string
/// (every value is one the reference's own description lists). Any other difference fails.
const ADDED_ENUMS: &[(&str, &str)] = &[
    ("manage_gmail_filter", "action"),
    ("search_drive_files", "corpora"),
    ("get_drive_file_download_url", "export_format"),
    ("import_to_google_doc", "source_format"),
    ("import_to_google_sheets", "source_format"),
    ("import_to_google_slides", "source_format"),
    ("list_drive_items", "corpora"),
    ("list_drive_items", "resource_type"),
    ("update_drive_file", "mode"),
    ("manage_drive_access", "action"),
    ("manage_drive_access", "role"),
    ("manage_drive_access", "share_type"),
    ("set_drive_file_permissions", "link_sharing"),
    ("manage_event", "action"),
    ("manage_event", "transparency"),
    ("manage_event", "visibility"),
    ("manage_event", "response"),
    // Docs
    ("get_doc_content", "suggestions_view_mode"),
    ("search_docs", "corpora"),
    ("manage_document_comment", "action"),
    ("get_doc_as_markdown", "suggestions_view_mode"),
    ("get_doc_as_markdown", "comment_mode"),
    ("manage_event", "send_updates"),
    ("manage_out_of_office", "action"),
    ("manage_out_of_office", "auto_decline_mode"),
    ("manage_focus_time", "action"),
    ("manage_focus_time", "auto_decline_mode"),
    ("manage_focus_time", "chat_status"),
    ("manage_task", "action"),
    ("manage_task_list", "action"),
    // Apps Script
    ("get_script_project", "action"),
    ("manage_script_project", "action"),
    ("manage_script_content", "action"),
    ("get_script_activity", "action"),
    ("get_script_activity", "metrics_granularity"),
    ("get_script_version", "action"),
    ("manage_deployment", "action"),
    ("manage_script_trigger", "action"),
    ("manage_script_version", "action"),
    // Contacts
    ("manage_contact_group", "action"),
    // Slides
    ("render_page_to_image", "size"),
    ("manage_presentation_comment", "action"),
    // Sheets
    ("manage_spreadsheet_comment", "action"),
];

/// Everything the reference says about a parameter (type, default, enum, items, anyOf,
/// additionalProperties, nested properties ...) holds for ours too; `at` names the place.
fn covers(ours: &Value, theirs: &Value, at: &str, problems: &mut Vec<String>) {
    match (theirs, ours) {
        (Value::Object(t), Value::Object(o)) => {
            for (k, tv) in t {
                match o.get(k) {
                    Some(ov) if k == "enum" || k == "required" => {
                        if ov != tv {
                            problems.push(format!("{at}.{k}: ours {ov}, reference {tv}"));
                        }
                    }
                    Some(ov) => covers(ov, tv, &format!("{at}.{k}"), problems),
                    None => problems.push(format!("{at}.{k}: missing (reference {tv})")),
                }
            }
        }
        (Value::Array(t), Value::Array(o)) if t.len() == o.len() => {
            for (i, (tv, ov)) in t.iter().zip(o).enumerate() {
                covers(ov, tv, &format!("{at}[{i}]"), problems);
            }
        }
        _ if ours != theirs => problems.push(format!("{at}: ours {ours}, reference {theirs}")),
        _ => {}
    }
}

fn has_enum(schema: &Value) -> bool {
    schema.get("enum").is_some() || schema.get("items").and_then(|i| i.get("enum")).is_some()
}

/// Our tools keep the reference's names, parameters and their shapes, required lists, hints,
/// tiers and services; the only additions are the enums listed in `ADDED_ENUMS`.
#[test]
fn interface_matches_the_reference() {
    let ours = listed(&ToolSelection::default(), None);
    let theirs = reference();
    let mut problems = Vec::new();
    let mut added_seen = BTreeSet::new();
    for tool in &ours {
        let name = tool["name"].as_str().unwrap();
        let Some(r) = theirs.iter().find(|r| r["name"] == name) else {
            // Keep and Meet are this server's own services; their tools have no reference.
            if BEYOND_REFERENCE.iter().any(|s| tool_service(name) == Some(*s)) {
                continue;
            }
            problems.push(format!("{name} is not a reference tool"));
            continue;
        };
        let (os, rs) = (&tool["inputSchema"], &r["inputSchema"]);
        let oprops = os["properties"].as_object().unwrap();
        let rprops = rs["properties"].as_object().unwrap();
        let okeys: BTreeSet<_> = oprops.keys().collect();
        let rkeys: BTreeSet<_> = rprops.keys().collect();
        if okeys != rkeys {
            problems.push(format!("{name}: parameters {okeys:?}, reference {rkeys:?}"));
        }
        for (p, rp) in rprops {
            let Some(op) = oprops.get(p) else { continue };
            covers(op, rp, &format!("{name}.{p}"), &mut problems);
            let added = has_enum(op) && !has_enum(rp);
            let listed = ADDED_ENUMS.contains(&(name, p.as_str()));
            if added != listed {
                problems.push(format!("{name}.{p}: enum added {added}, listed in ADDED_ENUMS {listed}"));
            }
            if listed {
                added_seen.insert((name.to_string(), p.clone()));
            }
        }
        let req = |s: &Value| -> BTreeSet<String> {
            s.get("required")
                .and_then(Value::as_array)
                .map(|a| a.iter().filter_map(|v| v.as_str().map(String::from)).collect())
                .unwrap_or_default()
        };
        if req(os) != req(rs) {
            problems.push(format!("{name}: required {:?}, reference {:?}", req(os), req(rs)));
        }
        for hint in ["readOnlyHint", "destructiveHint", "idempotentHint", "openWorldHint"] {
            if tool["annotations"][hint] != r["annotations"][hint] {
                problems.push(format!(
                    "{name}: {hint} {}, reference {}",
                    tool["annotations"][hint], r["annotations"][hint]
                ));
            }
        }
    }
    for t in all_tools() {
        if let Some(r) = theirs.iter().find(|r| r["name"] == t.name)
            && (r["tier"] != t.tier.as_str() || r["service"] != t.service.as_str())
        {
            problems.push(format!(
                "{}: tier/service {}/{}, reference {}/{}",
                t.name,
                t.tier.as_str(),
                t.service.as_str(),
                r["tier"],
                r["service"]
            ));
        }
    }
    assert_eq!(added_seen.len(), ADDED_ENUMS.len(), "ADDED_ENUMS lists a parameter no tool has");
    assert!(problems.is_empty(), "differences from the reference:\n{}", problems.join("\n"));
}

#[test]
fn read_only_mode_lists_only_reading_tools() {
    let sel = ToolSelection { read_only: true, ..Default::default() };
    let tools = listed(&sel, None);
    assert!(!tools.is_empty());
    for t in &tools {
        assert_eq!(t["annotations"]["destructiveHint"], false, "{}", t["name"]);
    }
    let names: Vec<&str> = tools.iter().filter_map(|t| t["name"].as_str()).collect();
    assert!(names.contains(&"search_gmail_messages") && names.contains(&"list_gmail_filters"), "{names:?}");
    assert!(!names.contains(&"send_gmail_message") && !names.contains(&"draft_gmail_message"), "{names:?}");
}

#[test]
fn default_user_makes_the_account_optional() {
    let tools = listed(&ToolSelection::default(), Some("a@example.com"));
    let search = tools.iter().find(|t| t["name"] == "search_gmail_messages").unwrap();
    assert_eq!(search["inputSchema"]["properties"]["user_google_email"]["default"], "a@example.com");
    assert!(!search["inputSchema"]["required"].as_array().unwrap().contains(&json!("user_google_email")));
}
