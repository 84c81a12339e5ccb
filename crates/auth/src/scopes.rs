//! Whether a granted set of scopes covers a required one, by the one scope table in
//! `wsmcp_core::scope` (the same table `--permissions` reads), so a token check and the tool
//! filter cannot disagree about what a scope implies.

use wsmcp_core::scope;

/// The scopes a sign-in always asks for, so the callback can learn who signed in.
pub const IDENTITY_SCOPES: [&str; 2] = scope::IDENTITY;

/// Required scopes not covered by `granted`, in the order given.
pub fn missing_scopes(granted: &[String], required: &[&str]) -> Vec<String> {
    scope::missing(granted, required).into_iter().map(str::to_owned).collect()
}

/// Does the granted scope `g` give at least the access of `req`?
pub fn covers(g: &str, req: &str) -> bool {
    scope::implies(g, req)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    /// The cases where this module's own table used to disagree with core's.
    #[test]
    fn follows_the_core_table() {
        let granted = s(&[scope::DRIVE, scope::GMAIL_COMPOSE, scope::CALENDAR, "email"]);
        let req = [
            scope::DRIVE_READONLY,
            scope::GMAIL_SEND,
            scope::CALENDAR_EVENTS,
            scope::USERINFO_EMAIL,
            scope::GMAIL_READONLY,
            scope::GMAIL_SETTINGS_BASIC,
        ];
        assert_eq!(missing_scopes(&granted, &req), s(&[scope::GMAIL_READONLY, scope::GMAIL_SETTINGS_BASIC]));
        // Full mailbox access covers reading and sending, but Gmail's filter and vacation
        // methods accept only the settings scopes.
        assert!(covers(scope::MAIL, scope::GMAIL_SEND));
        assert!(!covers(scope::MAIL, scope::GMAIL_SETTINGS_BASIC));
        assert!(!covers(scope::DRIVE_READONLY, scope::DRIVE));
    }
}
