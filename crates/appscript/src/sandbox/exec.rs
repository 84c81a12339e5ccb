//! What a run does in the sandbox. It does not run JavaScript: it finds the function in the
//! code being run (so a function missing from that code or version fails as Google's "Script
//! function not found") and then evaluates the few bodies it understands: a single `return` of
//! a literal, a single `throw new Error('...')`, the seeded `buildWeeklyReport`, and the
//! trigger helper of `manage_script_trigger` (over the project's emulated triggers). Any
//! other body fails with a message saying the sandbox cannot run it.

use serde_json::{Value, json};

use super::store::{FileRec, ProjectRec};
use crate::trigger_code::helper::{DELETE_FUNCTION, LIST_FUNCTION};

#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Returned(Value),
    Failed { message: String, kind: String, stack: Vec<(String, i64)> },
}

/// A declared function: its body and the line (1-based) where the body starts.
struct Found {
    body: String,
    line: i64,
}

fn find(files: &[FileRec], function: &str) -> Option<Found> {
    for f in files.iter().filter(|f| f.kind == "SERVER_JS") {
        let header = format!("function {function}(");
        let Some(start) = f.source.lines().position(|l| l.starts_with(&header)) else { continue };
        let offset: usize = f.source.lines().take(start).map(|l| l.len() + 1).sum();
        let rest = &f.source[offset..];
        let open = rest.find('{')?;
        let mut depth = 0usize;
        for (i, c) in rest[open..].char_indices() {
            match c {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        let body = rest[open + 1..open + i].to_string();
                        return Some(Found { body, line: start as i64 + 1 });
                    }
                }
                _ => {}
            }
        }
        return None;
    }
    None
}

/// A JSON literal, or a single-quoted JavaScript string without escapes.
fn literal(text: &str) -> Option<Value> {
    let text = text.trim();
    if let Some(inner) = text.strip_prefix('\'').and_then(|t| t.strip_suffix('\'')) {
        return (!inner.contains(['\'', '\\'])).then(|| json!(inner));
    }
    serde_json::from_str(text).ok()
}

/// The body's statements without comment lines.
fn statements(body: &str) -> String {
    body.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with("//")).collect::<Vec<_>>().join(" ")
}

fn failed(message: String, stack: Vec<(String, i64)>) -> Outcome {
    Outcome::Failed { message, kind: "ScriptError".into(), stack }
}

/// Runs `function` of `files` (the code of the run) in `project`.
pub fn call(project: &mut ProjectRec, files: &[FileRec], function: &str, params: &[Value]) -> Outcome {
    let found = if function.ends_with('_') { None } else { find(files, function) };
    let Some(found) = found else {
        return failed(format!("Script function not found: {function}"), vec![]);
    };
    let here = || vec![(function.to_string(), found.line)];
    let code = statements(&found.body);
    if let Some(value) = code.strip_prefix("return ").and_then(|r| r.strip_suffix(';')).and_then(literal) {
        return Outcome::Returned(value);
    }
    if let Some(msg) = code.strip_prefix("throw new Error(").and_then(|r| r.strip_suffix(");")).and_then(literal) {
        return failed(format!("Error: {}", msg.as_str().unwrap_or_default()), here());
    }
    match function {
        "buildWeeklyReport" => Outcome::Returned(weekly_report()),
        LIST_FUNCTION => Outcome::Returned(json!(
            project
                .triggers
                .iter()
                .map(|t| json!({ "id": t.id, "handler": t.handler, "eventType": t.event_type, "source": t.source }))
                .collect::<Vec<_>>()
        )),
        DELETE_FUNCTION => {
            let (id, handler) = (params.first().and_then(Value::as_str), params.get(1).and_then(Value::as_str));
            let hit = |t: &super::store::TriggerRec| Some(t.id.as_str()) == id || Some(t.handler.as_str()) == handler;
            let gone: Vec<String> = project.triggers.iter().filter(|t| hit(t)).map(|t| t.id.clone()).collect();
            project.triggers.retain(|t| !hit(t));
            Outcome::Returned(json!(gone))
        }
        _ => failed(
            format!(
                "Exception: the workspace-mcp sandbox runs only functions whose body is a single return of a \
                 literal or a throw; {function} does more"
            ),
            here(),
        ),
    }
}

/// What the seeded `buildWeeklyReport` returns: the report for the current week.
fn weekly_report() -> Value {
    use chrono::Datelike;
    let today = wsmcp_core::clock::now().date_naive();
    let monday = today - chrono::Duration::days(i64::from(today.weekday().num_days_from_monday()));
    json!({
        "project": "Atlas",
        "weekOf": monday.format("%Y-%m-%d").to_string(),
        "status": "on track",
        "highlights": ["Pilot feedback form live", "Launch checklist 60% done"],
        "owner": "alex.rivera@example.com",
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn project(code: &str) -> (ProjectRec, Vec<FileRec>) {
        let now = wsmcp_core::clock::now();
        let f =
            FileRec { name: "Code".into(), kind: "SERVER_JS".into(), source: code.into(), created: now, updated: now };
        let p = ProjectRec {
            id: "1x".into(),
            title: "t".into(),
            parent_id: None,
            created: now,
            updated: now,
            files: vec![f.clone()],
            versions: vec![],
            deployments: vec![],
            triggers: vec![],
        };
        (p, vec![f])
    }

    #[test]
    fn literal_returns_throws_and_unknowns() {
        let (mut p, files) = project(
            "function a() {\n  return {\"n\": 1};\n}\nfunction b() {\n  // why\n  throw new Error('boom');\n}\nfunction c() {\n  var x = 1;\n  return x;\n}\n",
        );
        assert_eq!(call(&mut p, &files, "a", &[]), Outcome::Returned(json!({"n": 1})));
        let Outcome::Failed { message, stack, .. } = call(&mut p, &files, "b", &[]) else { panic!() };
        assert_eq!((message.as_str(), stack), ("Error: boom", vec![("b".to_string(), 4)]));
        let Outcome::Failed { message, .. } = call(&mut p, &files, "c", &[]) else { panic!() };
        assert!(message.contains("sandbox runs only"), "{message}");
        let Outcome::Failed { message, .. } = call(&mut p, &files, "zzz", &[]) else { panic!() };
        assert_eq!(message, "Script function not found: zzz");
    }
}
