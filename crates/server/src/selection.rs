//! Which tools a server offers: the `--tools`, `--tool-tier`, `--read-only`, `--permissions` and
//! `--disabled-tools` selection applied to one tool, and the parsing of permission levels (each
//! service declares its own levels; see `crate::services`).

use wsmcp_core::{PermissionLevel, Service, ToolDef, permission, scope};

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

/// A service's permission levels, from least to most access.
pub fn permission_levels(service: Service) -> &'static [PermissionLevel] {
    match crate::services::SERVICES.iter().find(|p| p.def.service == service) {
        Some(plugged) => plugged.def.levels,
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

/// Whether `t` is offered under `sel`.
pub(crate) fn selected(t: &ToolDef, sel: &ToolSelection) -> bool {
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
