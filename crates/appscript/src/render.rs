//! Apps Script objects as short text for a model: ids first, then what the next call needs.
//! Pure functions, no I/O.

use crate::wire::*;

fn user(u: &Option<User>) -> Option<String> {
    let u = u.as_ref()?;
    match (&u.name, &u.email) {
        (Some(n), Some(e)) => Some(format!("{n} <{e}>")),
        (n, e) => n.clone().or_else(|| e.clone()),
    }
}

/// A project's header: title, id, container, people and times.
pub fn project(p: &Project) -> String {
    let mut out = format!("Project \"{}\" (Script ID: {})\n", p.title.as_deref().unwrap_or("(untitled)"), p.script_id);
    if let Some(parent) = &p.parent_id {
        out.push_str(&format!("Bound to file: {parent}\n"));
    }
    if let Some(c) = user(&p.creator) {
        out.push_str(&format!("Created by: {c}\n"));
    }
    for (label, value) in [("Created", &p.create_time), ("Updated", &p.update_time)] {
        if let Some(v) = value {
            out.push_str(&format!("{label}: {v}\n"));
        }
    }
    if let Some(m) = user(&p.last_modify_user) {
        out.push_str(&format!("Last modified by: {m}\n"));
    }
    out
}

/// A file's name as the editor shows it (`Code.gs`, `Page.html`, `appsscript.json`).
pub fn file_name(f: &ScriptFile) -> String {
    let ext = match f.kind.as_str() {
        "SERVER_JS" => ".gs",
        "HTML" => ".html",
        "JSON" => ".json",
        _ => "",
    };
    format!("{}{ext}", f.name)
}

/// One file with its source.
pub fn file(f: &ScriptFile) -> String {
    format!("--- {} (name: {}, type: {}) ---\n{}\n", file_name(f), f.name, f.kind, f.source.trim_end())
}

/// One line per file: name, type and size.
pub fn file_list(files: &[ScriptFile]) -> String {
    files
        .iter()
        .map(|f| {
            format!("- {} (name: {}, type: {}, {} lines)\n", file_name(f), f.name, f.kind, f.source.lines().count())
        })
        .collect()
}

pub fn version(v: &Version) -> String {
    let mut out = format!("- Version {}", v.version_number.unwrap_or_default());
    if let Some(d) = v.description.as_deref().filter(|d| !d.is_empty()) {
        out.push_str(&format!(": {d}"));
    }
    if let Some(t) = &v.create_time {
        out.push_str(&format!(" (created {t})"));
    }
    out
}

fn entry_point(e: &EntryPoint) -> String {
    let access = |v: &Option<serde_json::Value>| {
        v.as_ref()
            .and_then(|x| x["entryPointConfig"]["access"].as_str())
            .map(|a| format!(", access {a}"))
            .unwrap_or_default()
    };
    match e.entry_point_type.as_str() {
        "EXECUTION_API" => format!("API executable{}", access(&e.execution_api)),
        "WEB_APP" => {
            let url =
                e.web_app.as_ref().and_then(|w| w["url"].as_str()).map(|u| format!(" at {u}")).unwrap_or_default();
            format!("web app{url}{}", access(&e.web_app))
        }
        "ADD_ON" => "add-on".into(),
        other => other.to_lowercase(),
    }
}

pub fn deployment(d: &Deployment) -> String {
    let c = &d.deployment_config;
    let version =
        c.version_number.map_or("HEAD (latest saved code, read-only)".to_string(), |n| format!("version {n}"));
    let mut out = format!("- {} | {version}", d.deployment_id);
    if let Some(desc) = c.description.as_deref().filter(|d| !d.is_empty()) {
        out.push_str(&format!(" | \"{desc}\""));
    }
    if !d.entry_points.is_empty() {
        let kinds: Vec<String> = d.entry_points.iter().map(entry_point).collect();
        out.push_str(&format!(" | {}", kinds.join("; ")));
    }
    if let Some(t) = &d.update_time {
        out.push_str(&format!(" | updated {t}"));
    }
    out
}

pub fn process(p: &Process) -> String {
    let s = |v: &Option<String>| v.clone().unwrap_or_else(|| "?".into());
    format!(
        "- {} | {} in \"{}\" | {} | {} | {}",
        s(&p.start_time),
        s(&p.function_name),
        s(&p.project_name),
        s(&p.process_type),
        s(&p.process_status),
        p.duration.as_deref().unwrap_or("-"),
    )
}

/// Metrics as one line per period, the three series side by side.
pub fn metrics(m: &Metrics) -> String {
    let value =
        |series: &[MetricsValue], i: usize| series.get(i).and_then(|v| v.value.clone()).unwrap_or_else(|| "0".into());
    let periods = m.total_executions.len().max(m.active_users.len()).max(m.failed_executions.len());
    let mut out = String::new();
    for i in 0..periods {
        let span = [&m.total_executions, &m.active_users, &m.failed_executions]
            .iter()
            .find_map(|s| s.get(i))
            .map(|v| format!("{} to {}", v.start_time.as_deref().unwrap_or("?"), v.end_time.as_deref().unwrap_or("?")))
            .unwrap_or_default();
        out.push_str(&format!(
            "- {span}: {} executions, {} failed, {} active users\n",
            value(&m.total_executions, i),
            value(&m.failed_executions, i),
            value(&m.active_users, i)
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn head_deployments_say_so() {
        let d = Deployment { deployment_id: "AKfy".into(), ..Default::default() };
        assert!(deployment(&d).starts_with("- AKfy | HEAD"));
        let f = ScriptFile { name: "Code".into(), kind: "SERVER_JS".into(), source: "a\nb\n".into() };
        assert_eq!(file_list(std::slice::from_ref(&f)), "- Code.gs (name: Code, type: SERVER_JS, 2 lines)\n");
    }
}
