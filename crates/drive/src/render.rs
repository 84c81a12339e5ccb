//! Text for the model: file lines, permissions, sizes, and long text cut with a note.
//! Pure functions, unit-tested.

use crate::formats;
use crate::wire::{File, Permission, SharedDrive, User};

/// Human-readable size: "512 B", "1.5 KB", "3.2 MB".
pub fn size(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["KB", "MB", "GB", "TB"];
    if bytes < 1024 {
        return format!("{bytes} B");
    }
    let mut value = bytes as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit < UNITS.len() - 1 {
        value /= 1024.0;
        unit += 1;
    }
    format!("{value:.1} {}", UNITS.get(unit).copied().unwrap_or("TB"))
}

/// "Name <email>", "Name" or "email".
pub fn who(u: &User) -> String {
    match (u.display_name.as_deref(), u.email_address.as_deref()) {
        (Some(n), Some(e)) if !n.is_empty() => format!("{n} <{e}>"),
        (_, Some(e)) => e.to_string(),
        (Some(n), None) => n.to_string(),
        (None, None) => "unknown".to_string(),
    }
}

/// One file of a listing: `- "Name" (id: X, Google Doc, 1.2 MB, modified ...) link`.
pub fn file_line(f: &File, detailed: bool) -> String {
    let mut facts = vec![format!("id: {}", f.id()), formats::kind_name(f.mime()).to_string()];
    if !detailed {
        return format!("- \"{}\" ({})", f.name(), facts.join(", "));
    }
    if let Some(s) = f.size_bytes() {
        facts.push(size(s));
    }
    if let Some(t) = &f.modified_time {
        facts.push(format!("modified {t}"));
    }
    if let Some(u) = &f.last_modifying_user {
        facts.push(format!("by {}", who(u)));
    }
    if let Some(d) = &f.drive_id {
        facts.push(format!("shared drive {d}"));
    }
    if let Some(target) = f.shortcut_details.as_ref().and_then(|s| s.target_id.as_deref()) {
        facts.push(format!("points to {target}"));
    }
    if let Some(role) =
        f.permissions.iter().flatten().find(|p| p.r#type.as_deref() == Some("anyone")).and_then(|p| p.role.as_deref())
    {
        facts.push(format!("anyone with the link: {role}"));
    }
    let mut line = format!("- \"{}\" ({})", f.name(), facts.join(", "));
    if let Some(link) = &f.web_view_link {
        line.push(' ');
        line.push_str(link);
    }
    line
}

/// A listing: a header, one line per file, and how to get the next page.
pub fn listing(header: &str, files: &[File], detailed: bool, next: Option<&str>, incomplete: bool) -> String {
    let mut out = format!("{header}\n");
    for f in files {
        out.push_str(&file_line(f, detailed));
        out.push('\n');
    }
    if incomplete {
        out.push_str(
            "Note: Drive searched only part of the corpus (incompleteSearch); narrow the query or pass drive_id.\n",
        );
    }
    if let Some(t) = next.filter(|t| !t.is_empty()) {
        out.push_str(&format!("More results: pass page_token=\"{t}\" for the next page.\n"));
    }
    out
}

/// One permission: `writer: user bob@example.com (Bob) [id: 123, expires ...]`.
pub fn permission(p: &Permission) -> String {
    let kind = p.r#type.as_deref().unwrap_or("?");
    let role = p.role.as_deref().unwrap_or("?");
    let target = match kind {
        "anyone" => "anyone with the link".to_string(),
        "domain" => format!("domain {}", p.domain.as_deref().unwrap_or("?")),
        _ => {
            let mut t = format!("{kind} {}", p.email_address.as_deref().unwrap_or("?"));
            if let Some(n) = p.display_name.as_deref().filter(|n| !n.is_empty()) {
                t.push_str(&format!(" ({n})"));
            }
            t
        }
    };
    let mut extra = vec![format!("id: {}", p.id.as_deref().unwrap_or("?"))];
    if let Some(e) = &p.expiration_time {
        extra.push(format!("expires {e}"));
    }
    if p.allow_file_discovery == Some(true) {
        extra.push("findable in search".into());
    }
    format!("{role}: {target} [{}]", extra.join(", "))
}

/// The `anyone` permissions, i.e. link sharing.
pub fn public_roles(perms: &[Permission]) -> Vec<&str> {
    perms.iter().filter(|p| p.r#type.as_deref() == Some("anyone")).filter_map(|p| p.role.as_deref()).collect()
}

/// One shared drive of a listing.
pub fn shared_drive(d: &SharedDrive) -> String {
    let flags = |m: &std::collections::BTreeMap<String, serde_json::Value>| {
        let on: Vec<&str> = m.iter().filter(|(_, v)| v.as_bool() == Some(true)).map(|(k, _)| k.as_str()).collect();
        if on.is_empty() { "none".to_string() } else { on.join(", ") }
    };
    format!(
        "- \"{}\" (id: {}, created {}){} capabilities: {}; restrictions: {}",
        d.name.as_deref().unwrap_or("(unnamed)"),
        d.id.as_deref().unwrap_or("?"),
        d.created_time.as_deref().unwrap_or("?"),
        if d.hidden == Some(true) { " [hidden]" } else { "" },
        flags(&d.capabilities),
        flags(&d.restrictions),
    )
}

/// `text` cut to `max` characters at a line break when one is near, and how much was cut.
pub fn cap(text: &str, max: usize) -> (&str, Option<usize>) {
    let total = text.chars().count();
    if total <= max {
        return (text, None);
    }
    let end = text.char_indices().nth(max).map_or(text.len(), |(i, _)| i);
    let head = text.get(..end).unwrap_or(text);
    // Prefer ending on a whole line when the last one starts in the final tenth.
    let head = match head.rfind('\n') {
        Some(nl) if nl >= end - end / 10 => head.get(..nl).unwrap_or(head),
        _ => head,
    };
    let shown = head.chars().count();
    (head, Some(total - shown))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes() {
        assert_eq!(size(512), "512 B");
        assert_eq!(size(1536), "1.5 KB");
        assert_eq!(size(50 * 1024 * 1024), "50.0 MB");
    }

    #[test]
    fn file_lines() {
        let f = File {
            id: Some("f1".into()),
            name: Some("Plan".into()),
            mime_type: Some(formats::DOC.into()),
            size: Some("2048".into()),
            modified_time: Some("2024-05-01T10:00:00Z".into()),
            web_view_link: Some("https://docs.google.com/document/d/f1".into()),
            permissions: Some(vec![Permission {
                r#type: Some("anyone".into()),
                role: Some("reader".into()),
                ..Default::default()
            }]),
            ..Default::default()
        };
        assert_eq!(
            file_line(&f, true),
            "- \"Plan\" (id: f1, Google Doc, 2.0 KB, modified 2024-05-01T10:00:00Z, anyone with the link: reader) https://docs.google.com/document/d/f1"
        );
        assert_eq!(file_line(&f, false), "- \"Plan\" (id: f1, Google Doc)");
        let text = listing("Found 1:", &[f], false, Some("tok"), true);
        assert!(text.contains("page_token=\"tok\"") && text.contains("incompleteSearch"), "{text}");
    }

    #[test]
    fn permissions() {
        let p = Permission {
            id: Some("p1".into()),
            r#type: Some("user".into()),
            role: Some("writer".into()),
            email_address: Some("bob@example.com".into()),
            display_name: Some("Bob".into()),
            expiration_time: Some("2030-01-01T00:00:00Z".into()),
            ..Default::default()
        };
        assert_eq!(permission(&p), "writer: user bob@example.com (Bob) [id: p1, expires 2030-01-01T00:00:00Z]");
        let anyone = Permission {
            id: Some("anyoneWithLink".into()),
            r#type: Some("anyone".into()),
            role: Some("reader".into()),
            ..Default::default()
        };
        assert_eq!(permission(&anyone), "reader: anyone with the link [id: anyoneWithLink]");
        assert_eq!(public_roles(&[p, anyone]), vec!["reader"]);
    }

    #[test]
    fn capping_text() {
        assert_eq!(cap("short", 10), ("short", None));
        let (head, cut) = cap("héllo wörld", 5);
        assert_eq!((head, cut), ("héllo", Some(6)));
        let text = format!("{}\n{}", "a".repeat(95), "b".repeat(20));
        let (head, cut) = cap(&text, 100);
        assert_eq!(head, "a".repeat(95));
        assert_eq!(cut, Some(21));
    }
}
