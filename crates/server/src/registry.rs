//! The tool registry: every service's tool declarations composed in one explicit list, then
//! filtered by the selection flags. The `tools/list` reply is built once here, so listing
//! costs a clone of a prepared vector.

use std::collections::HashMap;
use std::sync::Arc;

use rmcp::model::{Tool, ToolAnnotations};
use serde_json::{Map, Value, json};
use wsmcp_core::{PermissionLevel, Service, ServiceOptions, ToolDef, permission, scope};

use crate::config::ToolSelection;

/// What `--permissions svc:level` grants a service: the scopes its tools may need.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grant {
    allowed: Vec<&'static str>,
}

impl Grant {
    /// Whether a tool needing `wanted` is allowed: each scope must be one the level allows.
    /// Not "implied by": implications are already in `allowed`, minus what the user withheld.
    pub fn allows(&self, wanted: &[&str]) -> bool {
        wanted.iter().all(|w| self.allowed.contains(w))
    }
}

/// Level names for services that have no tools yet, so the reference's flags still parse
/// (they select nothing). A service crate declares its real levels next to its tools.
const LEVELS_TO_COME: &[PermissionLevel] =
    &[PermissionLevel { name: "readonly", adds: &[] }, PermissionLevel { name: "full", adds: &[] }];
const TASKS_LEVELS_TO_COME: &[PermissionLevel] = &[
    PermissionLevel { name: "readonly", adds: &[] },
    PermissionLevel { name: "manage", adds: &[] },
    PermissionLevel { name: "full", adds: &[] },
];

/// A service's permission levels, from least to most access.
pub fn permission_levels(service: Service) -> &'static [PermissionLevel] {
    match crate::services::SERVICES.iter().find(|p| p.def.service == service) {
        Some(plugged) => plugged.def.levels,
        None if service == Service::Tasks => TASKS_LEVELS_TO_COME,
        None => LEVELS_TO_COME,
    }
}

/// Parses one `svc:level` (levels joined with `+` grant exactly those levels).
pub fn parse_permission(item: &str) -> Result<(Service, Grant), String> {
    let (svc, level) = item
        .split_once(':')
        .ok_or_else(|| format!("--permissions: '{item}' is not service:level (e.g. gmail:readonly)"))?;
    let service = Service::parse(svc)
        .ok_or_else(|| format!("--permissions: unknown service '{svc}'; accepted: {}", service_names().join(", ")))?;
    let levels = permission_levels(service);
    let allowed = permission::allowed_scopes(levels, level).map_err(|l| {
        format!("--permissions: unknown level '{l}' for {svc}; accepted: {}", permission::names(levels).join(", "))
    })?;
    Ok((service, Grant { allowed }))
}

pub fn service_names() -> Vec<&'static str> {
    Service::ALL.iter().map(|s| s.as_str()).collect()
}

/// Every tool this build knows, configured by `options`, in a stable order: each service's in
/// the order of [`crate::services::SERVICES`], the sign-in tool after Gmail's (as the reference).
pub fn all_tools(options: &ServiceOptions) -> Vec<ToolDef> {
    let mut tools = Vec::new();
    for plugged in crate::services::SERVICES {
        tools.extend((plugged.def.tools)(options));
        if plugged.def.service == Service::Gmail {
            tools.push(crate::auth::start_google_auth_tool());
        }
    }
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
            (Some(perms), _) => perms.iter().any(|(s, g)| *s == t.service && g.allows(t.scopes)),
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
    fn levels_parse_and_errors_name_the_choices() {
        let (_, drafts) = parse_permission("gmail:drafts").unwrap();
        assert!(drafts.allows(&[scope::GMAIL_COMPOSE, scope::GMAIL_MODIFY]));
        assert!(!drafts.allows(&[scope::GMAIL_SEND]));
        let (_, g) = parse_permission("gmail:readonly+send").unwrap();
        assert!(g.allows(&[scope::GMAIL_READONLY, scope::GMAIL_SEND]) && !g.allows(&[scope::GMAIL_LABELS]));
        assert!(
            parse_permission("gmail:everything")
                .unwrap_err()
                .contains("accepted: readonly, organize, drafts, send, full")
        );
        assert!(parse_permission("gmail:readonly+everything").unwrap_err().contains("unknown level 'everything'"));
        assert!(parse_permission("mail:readonly").is_err());
        assert_eq!(parse_permission("drive:full").unwrap().0, Service::Drive);
        // Services without tools yet accept the reference's level names.
        assert!(parse_permission("tasks:manage").is_ok() && parse_permission("docs:manage").is_err());
    }
}
