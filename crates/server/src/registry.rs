//! The tool registry: every service's tool declarations composed in one explicit list, then
//! filtered by the selection flags. The `tools/list` reply is built once here, so listing
//! costs a clone of a prepared vector.

use std::collections::HashMap;
use std::sync::Arc;

use rmcp::model::{Tool, ToolAnnotations};
use serde_json::{Map, Value, json};
use wsmcp_core::{Service, ToolDef, scope};

use crate::config::ToolSelection;

/// What `--permissions svc:level` grants a service.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Grant {
    /// Only tools whose scopes all just read.
    ReadOnly,
    /// Exactly these scopes (and what they imply).
    Scopes(Vec<&'static str>),
    Full,
}

/// Gmail's cumulative permission levels, from least to most.
const GMAIL_LEVELS: &[(&str, &[&str])] = &[
    ("readonly", &[scope::GMAIL_READONLY]),
    ("organize", &[scope::GMAIL_LABELS, scope::GMAIL_MODIFY]),
    ("drafts", &[scope::GMAIL_COMPOSE]),
    ("send", &[scope::GMAIL_SEND]),
    ("full", &[scope::GMAIL_SETTINGS_BASIC]),
];

/// Parses one `svc:level` (levels joined with `+` grant exactly those levels).
pub fn parse_permission(item: &str) -> Result<(Service, Grant), String> {
    let (svc, level) = item
        .split_once(':')
        .ok_or_else(|| format!("--permissions: '{item}' is not service:level (e.g. gmail:readonly)"))?;
    let service = Service::parse(svc)
        .ok_or_else(|| format!("--permissions: unknown service '{svc}'; accepted: {}", service_names().join(", ")))?;
    let levels: Vec<&str> = match service {
        Service::Gmail => GMAIL_LEVELS.iter().map(|(n, _)| *n).collect(),
        Service::Tasks => vec!["readonly", "manage", "full"],
        _ => vec!["readonly", "full"],
    };
    let unknown = |l: &str| format!("--permissions: unknown level '{l}' for {svc}; accepted: {}", levels.join(", "));
    if service != Service::Gmail {
        return match level {
            "readonly" => Ok((service, Grant::ReadOnly)),
            "full" | "manage" if levels.contains(&level) => Ok((service, Grant::Full)),
            l => Err(unknown(l)),
        };
    }
    let mut scopes: Vec<&'static str> = Vec::new();
    if level.contains('+') {
        for l in level.split('+') {
            let (_, s) = GMAIL_LEVELS.iter().find(|(n, _)| *n == l).ok_or_else(|| unknown(l))?;
            scopes.extend(s.iter());
        }
    } else {
        let upto = GMAIL_LEVELS.iter().position(|(n, _)| *n == level).ok_or_else(|| unknown(level))?;
        for (_, s) in GMAIL_LEVELS.iter().take(upto + 1) {
            scopes.extend(s.iter());
        }
    }
    Ok((service, Grant::Scopes(scopes)))
}

pub fn service_names() -> Vec<&'static str> {
    Service::ALL.iter().map(|s| s.as_str()).collect()
}

/// Every tool this build knows, in a stable order. The one place services are composed.
pub fn all_tools() -> Vec<ToolDef> {
    let mut tools = wsmcp_gmail::tools();
    tools.push(crate::auth::start_google_auth_tool());
    tools.extend(wsmcp_drive::tools());
    tools.extend(wsmcp_calendar::tools());
    tools
}

/// The enabled tools, indexed for calls and prepared for listing.
pub struct Registry {
    tools: HashMap<&'static str, ToolDef>,
    listed: Arc<Vec<Tool>>,
    scopes: Vec<&'static str>,
}

impl Registry {
    /// Applies the selection; `default_user` makes `user_google_email` optional.
    pub fn build(all: Vec<ToolDef>, sel: &ToolSelection, default_user: Option<&str>) -> Registry {
        let enabled: Vec<ToolDef> = all.into_iter().filter(|t| selected(t, sel)).collect();
        let mut scopes: Vec<&'static str> = enabled.iter().flat_map(|t| t.scopes.iter().copied()).collect();
        scopes.sort_unstable();
        scopes.dedup();
        let listed = Arc::new(enabled.iter().map(|t| describe(t, default_user)).collect());
        let tools = enabled.into_iter().map(|t| (t.name, t)).collect();
        Registry { tools, listed, scopes }
    }

    pub fn get(&self, name: &str) -> Option<&ToolDef> {
        self.tools.get(name)
    }

    pub fn list(&self) -> Arc<Vec<Tool>> {
        self.listed.clone()
    }

    /// Listed tool by name (for argument checks against its final schema).
    pub fn listed(&self, name: &str) -> Option<&Tool> {
        self.listed.iter().find(|t| t.name == name)
    }

    /// Union of the enabled tools' scopes: what an authorization asks for.
    pub fn scopes(&self) -> &[&'static str] {
        &self.scopes
    }

    pub fn len(&self) -> usize {
        self.tools.len()
    }

    pub fn is_empty(&self) -> bool {
        self.tools.is_empty()
    }
}

fn selected(t: &ToolDef, sel: &ToolSelection) -> bool {
    let is_auth_tool = t.name == crate::auth::START_GOOGLE_AUTH;
    // Signing in must stay possible whatever services were chosen.
    let service_ok = is_auth_tool
        || match (&sel.permissions, &sel.services) {
            (Some(perms), _) => perms.iter().any(|(s, g)| *s == t.service && granted(g, t.scopes)),
            (None, Some(services)) => services.contains(&t.service),
            (None, None) => true,
        };
    // Tiers apply to the sign-in tool too (it is a `complete` tool, as in the reference): tool
    // errors carry the sign-in link anyway.
    let tier_ok = sel.tier.is_none_or(|tier| t.tier <= tier);
    let read_only_ok = !sel.read_only || t.scopes.iter().all(|s| scope::is_read_only(s));
    let not_disabled = !sel.disabled.iter().any(|d| d == t.name);
    service_ok && tier_ok && read_only_ok && not_disabled
}

fn granted(grant: &Grant, wanted: &[&str]) -> bool {
    match grant {
        Grant::Full => true,
        Grant::ReadOnly => wanted.iter().all(|s| scope::is_read_only(s)),
        Grant::Scopes(scopes) => {
            let owned: Vec<String> = scopes.iter().map(|s| s.to_string()).collect();
            wanted.iter().all(|w| scope::satisfies(&owned, w))
        }
    }
}

/// The MCP view of a tool: its schema with `user_google_email` added when it acts for a user.
fn describe(t: &ToolDef, default_user: Option<&str>) -> Tool {
    let mut schema: Map<String, Value> = (*t.input_schema).clone();
    if t.acts_for_user {
        let mut prop =
            json!({"type": "string", "description": "The Google account to act for, e.g. name@example.com."});
        if let (Some(user), Some(obj)) = (default_user, prop.as_object_mut()) {
            obj.insert("default".into(), Value::String(user.to_string()));
        }
        if let Some(Value::Object(props)) = schema.get_mut("properties") {
            props.insert("user_google_email".into(), prop);
        }
        if default_user.is_none() {
            let required = schema.entry("required").or_insert_with(|| Value::Array(Vec::new()));
            if let Value::Array(list) = required {
                list.push(Value::String("user_google_email".into()));
            }
        }
    }
    let annotations = ToolAnnotations::with_title(t.title)
        .read_only(t.hints.read_only)
        .destructive(t.hints.destructive)
        .idempotent(t.hints.idempotent)
        .open_world(t.hints.open_world);
    Tool::new(t.name, t.description, Arc::new(schema)).with_title(t.title).with_annotations(annotations)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gmail_levels_are_cumulative_unless_joined() {
        let (_, g) = parse_permission("gmail:drafts").unwrap();
        assert_eq!(
            g,
            Grant::Scopes(vec![scope::GMAIL_READONLY, scope::GMAIL_LABELS, scope::GMAIL_MODIFY, scope::GMAIL_COMPOSE])
        );
        let (_, g) = parse_permission("gmail:readonly+send").unwrap();
        assert_eq!(g, Grant::Scopes(vec![scope::GMAIL_READONLY, scope::GMAIL_SEND]));
        assert!(
            parse_permission("gmail:everything")
                .unwrap_err()
                .contains("accepted: readonly, organize, drafts, send, full")
        );
        assert!(parse_permission("mail:readonly").is_err());
        assert_eq!(parse_permission("drive:full").unwrap(), (Service::Drive, Grant::Full));
    }
}
