//! The tool surface, checked as a whole: every declaration audited, the interface compared
//! with the reference server's (names, parameters, types, defaults, enums, required lists,
//! hints, tiers), and `tools/list` snapshotted per tier so any change shows up in review.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeSet;

use serde_json::{Value, json};
use wsmcp_core::{Tier, scope};
use wsmcp_server::ToolSelection;
use wsmcp_server::registry::{Registry, all_tools};

fn reference() -> Vec<Value> {
    let text = include_str!("fixtures/reference_interface.json");
    let v: Value = serde_json::from_str(text).expect("fixture parses");
    v["tools"].as_array().cloned().unwrap_or_default()
}

fn listed(sel: &ToolSelection, default_user: Option<&str>) -> Vec<Value> {
    let reg = Registry::build(all_tools(), sel, default_user);
    reg.list().iter().map(|t| serde_json::to_value(t).unwrap()).collect()
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

/// Our tools keep the reference's names, parameters and their shapes.
#[test]
fn interface_matches_the_reference() {
    let ours = listed(&ToolSelection::default(), None);
    let theirs = reference();
    for tool in &ours {
        let name = tool["name"].as_str().unwrap();
        let Some(r) = theirs.iter().find(|r| r["name"] == name) else {
            panic!("{name} is not a reference tool");
        };
        let (os, rs) = (&tool["inputSchema"], &r["inputSchema"]);
        let oprops = os["properties"].as_object().unwrap();
        let rprops = rs["properties"].as_object().unwrap();
        let okeys: BTreeSet<_> = oprops.keys().collect();
        let rkeys: BTreeSet<_> = rprops.keys().collect();
        assert_eq!(okeys, rkeys, "{name}: parameter names differ");
        for (p, rp) in rprops {
            let op = &oprops[p];
            assert_eq!(op["type"], rp["type"], "{name}.{p}: type");
            if rp.get("default").is_some() {
                assert_eq!(op.get("default"), rp.get("default"), "{name}.{p}: default");
            }
            if let Some(e) = rp.get("enum") {
                assert_eq!(op.get("enum"), Some(e), "{name}.{p}: enum");
            }
            if rp["type"] == "array" {
                assert_eq!(op["items"]["type"], rp["items"]["type"], "{name}.{p}: item type");
            }
        }
        let req = |s: &Value| -> BTreeSet<String> {
            s.get("required")
                .and_then(Value::as_array)
                .map(|a| a.iter().filter_map(|v| v.as_str().map(String::from)).collect())
                .unwrap_or_default()
        };
        assert_eq!(req(os), req(rs), "{name}: required parameters");
        let a = &tool["annotations"];
        for hint in ["readOnlyHint", "destructiveHint", "idempotentHint", "openWorldHint"] {
            assert_eq!(a[hint], r["annotations"][hint], "{name}: {hint}");
        }
    }
    for t in all_tools() {
        let r = theirs.iter().find(|r| r["name"] == t.name).unwrap();
        assert_eq!(r["tier"], t.tier.as_str(), "{}: tier", t.name);
        assert_eq!(r["service"], t.service.as_str(), "{}: service", t.name);
    }
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

/// `tools/list` per tier. Refresh with `INSTA_UPDATE=always cargo test -p wsmcp-server --test registry`.
#[test]
fn tools_list_snapshot_per_tier() {
    for tier in Tier::ALL {
        let sel = ToolSelection { tier: Some(tier), ..Default::default() };
        let tools = listed(&sel, None);
        insta::assert_json_snapshot!(format!("tools_list_{}", tier.as_str()), tools);
    }
}
