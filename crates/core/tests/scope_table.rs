//! The scope table (`wsmcp_core::scope::IMPLIES`) checked against Google's own data: each
//! Discovery document lists, per method, the scopes that method accepts. `broad` implies
//! `narrow` exactly when every method accepting `narrow` also accepts `broad`. The test
//! compares that relation with `scope::implies` for every pair of scopes the tools name, both
//! ways, so a missing row and a wrong row both fail.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use serde_json::Value;
use wsmcp_core::scope::{self, *};

/// Each service's Discovery document and the scopes of it that our tools or sign-in name.
fn services() -> Vec<(&'static str, &'static str, Vec<&'static str>)> {
    vec![
        (
            "gmail",
            include_str!("../../../vendor/google-discovery/gmail.v1.json"),
            vec![MAIL, GMAIL_MODIFY, GMAIL_READONLY, GMAIL_COMPOSE, GMAIL_SEND, GMAIL_LABELS, GMAIL_SETTINGS_BASIC],
        ),
        (
            "drive",
            include_str!("../../../vendor/google-discovery/drive.v3.json"),
            vec![DRIVE, DRIVE_READONLY, DRIVE_FILE],
        ),
        (
            "calendar",
            include_str!("../../../vendor/google-discovery/calendar.v3.json"),
            vec![CALENDAR, CALENDAR_READONLY, CALENDAR_EVENTS, CALENDAR_EVENTS_READONLY],
        ),
        ("tasks", include_str!("../../../vendor/google-discovery/tasks.v1.json"), vec![TASKS, TASKS_READONLY]),
        // Keep
        ("keep", include_str!("../../../vendor/google-discovery/keep.v1.json"), vec![KEEP, KEEP_READONLY]),
        // Meet
        (
            "meet",
            include_str!("../../../vendor/google-discovery/meet.v2.json"),
            vec![MEETINGS_SPACE_CREATED, MEETINGS_SPACE_READONLY],
        ),
        // Forms
        (
            "forms",
            include_str!("../../../vendor/google-discovery/forms.v1.json"),
            vec![FORMS_BODY, FORMS_BODY_READONLY, FORMS_RESPONSES_READONLY],
        ),
        // Apps Script
        (
            "script",
            include_str!("../../../vendor/google-discovery/script.v1.json"),
            vec![
                SCRIPT_PROJECTS,
                SCRIPT_PROJECTS_READONLY,
                SCRIPT_DEPLOYMENTS,
                SCRIPT_DEPLOYMENTS_READONLY,
                SCRIPT_PROCESSES,
                SCRIPT_METRICS,
            ],
        ),
        // Contacts
        (
            "people",
            include_str!("../../../vendor/google-discovery/people.v1.json"),
            vec![CONTACTS, CONTACTS_READONLY, CONTACTS_OTHER_READONLY, DIRECTORY_READONLY],
        ),
        // Slides
        (
            "slides",
            include_str!("../../../vendor/google-discovery/slides.v1.json"),
            vec![PRESENTATIONS, PRESENTATIONS_READONLY],
        ),
        // Sheets
        (
            "sheets",
            include_str!("../../../vendor/google-discovery/sheets.v4.json"),
            vec![SPREADSHEETS, SPREADSHEETS_READONLY],
        ),
        // Docs
        ("docs", include_str!("../../../vendor/google-discovery/docs.v1.json"), vec![DOCUMENTS, DOCUMENTS_READONLY]),
        // Chat
        (
            "chat",
            include_str!("../../../vendor/google-discovery/chat.v1.json"),
            vec![CHAT_MESSAGES, CHAT_MESSAGES_READONLY, CHAT_MESSAGES_REACTIONS_CREATE, CHAT_SPACES_READONLY],
        ),
    ]
}

/// The scope list of every method in a Discovery document (resources nest).
fn method_scopes(node: &Value, out: &mut Vec<Vec<String>>) {
    if let Some(methods) = node.get("methods").and_then(Value::as_object) {
        for m in methods.values() {
            let scopes =
                m["scopes"].as_array().map(|a| a.iter().filter_map(|s| s.as_str().map(String::from)).collect());
            out.push(scopes.unwrap_or_default());
        }
    }
    if let Some(resources) = node.get("resources").and_then(Value::as_object) {
        for r in resources.values() {
            method_scopes(r, out);
        }
    }
}

/// Pairs the method lists alone would make an implication, though the broad scope reaches less
/// data: `meetings.space.created` is accepted wherever `meetings.space.readonly` is, but only
/// for spaces this app created (Google's Meet scope guide).
const NARROWER_THAN_DISCOVERY: &[(&str, &str)] = &[(MEETINGS_SPACE_CREATED, MEETINGS_SPACE_READONLY)];

#[test]
fn implications_are_the_ones_google_documents() {
    let mut problems = Vec::new();
    for (service, doc, named) in services() {
        let doc: Value = serde_json::from_str(doc).unwrap();
        let mut methods = Vec::new();
        method_scopes(&doc, &mut methods);
        for narrow in &named {
            let accepting: Vec<&Vec<String>> = methods.iter().filter(|m| m.iter().any(|s| s == narrow)).collect();
            assert!(!accepting.is_empty(), "{service}: no method accepts {narrow}");
            for broad in &named {
                let google = accepting.iter().all(|m| m.iter().any(|s| s == broad));
                if google != scope::implies(broad, narrow) && !NARROWER_THAN_DISCOVERY.contains(&(broad, narrow)) {
                    problems.push(format!("{broad} implies {narrow}: Google {google}, our table {}", !google));
                }
            }
        }
    }
    assert!(problems.is_empty(), "scope table disagrees with the Discovery documents:\n{}", problems.join("\n"));
}

#[test]
fn services_never_imply_each_other() {
    let all = services();
    for (a, _, a_scopes) in &all {
        for (b, _, b_scopes) in &all {
            if a == b {
                continue;
            }
            for x in a_scopes {
                for y in b_scopes {
                    assert!(!scope::implies(x, y), "{x} ({a}) must not imply {y} ({b})");
                }
            }
        }
    }
}
