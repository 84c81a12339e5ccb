//! `--permissions svc:level`: what the user lets the agent do in one service. Each service
//! crate declares its levels next to its tools; this module turns a chosen level into the
//! scopes a tool may need.
//!
//! A level is what the user allows, whatever more Google's scope technically permits:
//! `gmail:drafts` grants `gmail.compose`, which Google also accepts for sending, yet the user
//! chose drafts and not `send`, so tools needing `gmail.send` stay hidden.

use crate::scope;

/// One level of a service, in the order from least to most access.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PermissionLevel {
    pub name: &'static str,
    /// The scopes this level adds to the levels below it.
    pub adds: &'static [&'static str],
}

/// Parses a level spec against a service's levels: `name` grants that level and every level
/// below it; `a+b` grants exactly the named levels. Returns the scopes a tool may need.
///
/// Those are the granted levels' scopes and what they imply at Google (the one table in
/// `scope`), minus any scope a level that was not granted adds: that scope is the user's to
/// give separately.
pub fn allowed_scopes(levels: &[PermissionLevel], spec: &str) -> Result<Vec<&'static str>, String> {
    let find = |name: &str| levels.iter().position(|l| l.name == name).ok_or_else(|| name.to_string());
    let granted: Vec<usize> = if spec.contains('+') {
        spec.split('+').map(find).collect::<Result<_, _>>()?
    } else {
        (0..=find(spec)?).collect()
    };
    let withheld: Vec<&str> =
        (0..levels.len()).filter(|i| !granted.contains(i)).flat_map(|i| levels[i].adds.iter().copied()).collect();
    let mut allowed: Vec<&'static str> = Vec::new();
    for s in granted.iter().flat_map(|&i| levels[i].adds.iter().copied()) {
        for implied in scope::implied_by(s) {
            let own = granted.iter().any(|&i| levels[i].adds.contains(&implied));
            if (own || !withheld.contains(&implied)) && !allowed.contains(&implied) {
                allowed.push(implied);
            }
        }
    }
    Ok(allowed)
}

/// The level names of a service, for error messages.
pub fn names(levels: &[PermissionLevel]) -> Vec<&'static str> {
    levels.iter().map(|l| l.name).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scope::*;

    const LADDER: &[PermissionLevel] = &[
        PermissionLevel { name: "read", adds: &[GMAIL_READONLY] },
        PermissionLevel { name: "draft", adds: &[GMAIL_COMPOSE] },
        PermissionLevel { name: "send", adds: &[GMAIL_SEND] },
    ];

    #[test]
    fn a_level_withholds_what_a_higher_level_adds() {
        // Google lets compose send; the user who chose "draft" did not.
        assert_eq!(allowed_scopes(LADDER, "draft").unwrap(), vec![GMAIL_READONLY, GMAIL_COMPOSE]);
        assert_eq!(allowed_scopes(LADDER, "send").unwrap(), vec![GMAIL_READONLY, GMAIL_COMPOSE, GMAIL_SEND]);
    }

    #[test]
    fn joined_levels_grant_exactly_those() {
        assert_eq!(allowed_scopes(LADDER, "read+send").unwrap(), vec![GMAIL_READONLY, GMAIL_SEND]);
        assert_eq!(allowed_scopes(LADDER, "read+nope").unwrap_err(), "nope");
    }

    #[test]
    fn implied_scopes_no_level_claims_are_allowed() {
        let levels = [PermissionLevel { name: "full", adds: &[CALENDAR] }];
        let allowed = allowed_scopes(&levels, "full").unwrap();
        assert!(allowed.contains(&CALENDAR_EVENTS_READONLY), "{allowed:?}");
    }
}
