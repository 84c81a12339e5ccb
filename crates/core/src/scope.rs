//! Google OAuth scopes the tools ask for, and which broader scope implies which narrower one.

pub const GMAIL_READONLY: &str = "https://www.googleapis.com/auth/gmail.readonly";
pub const GMAIL_SEND: &str = "https://www.googleapis.com/auth/gmail.send";
pub const GMAIL_COMPOSE: &str = "https://www.googleapis.com/auth/gmail.compose";
pub const GMAIL_MODIFY: &str = "https://www.googleapis.com/auth/gmail.modify";
pub const GMAIL_LABELS: &str = "https://www.googleapis.com/auth/gmail.labels";
pub const GMAIL_SETTINGS_BASIC: &str = "https://www.googleapis.com/auth/gmail.settings.basic";
pub const DRIVE: &str = "https://www.googleapis.com/auth/drive";
pub const DRIVE_READONLY: &str = "https://www.googleapis.com/auth/drive.readonly";
pub const DRIVE_FILE: &str = "https://www.googleapis.com/auth/drive.file";
pub const CALENDAR: &str = "https://www.googleapis.com/auth/calendar";
pub const CALENDAR_READONLY: &str = "https://www.googleapis.com/auth/calendar.readonly";
pub const CALENDAR_EVENTS: &str = "https://www.googleapis.com/auth/calendar.events";
pub const CALENDAR_EVENTS_READONLY: &str = "https://www.googleapis.com/auth/calendar.events.readonly";
pub const USERINFO_EMAIL: &str = "https://www.googleapis.com/auth/userinfo.email";
pub const OPENID: &str = "openid";

/// Pairs (broad, narrow): holding `broad` satisfies a tool that asks for `narrow`.
/// Google itself treats these as supersets, so a user who granted gmail.modify need not be
/// sent through consent again for a read-only tool.
const IMPLIES: &[(&str, &str)] = &[
    (GMAIL_MODIFY, GMAIL_READONLY),
    (GMAIL_MODIFY, GMAIL_COMPOSE),
    (GMAIL_MODIFY, GMAIL_SEND),
    (GMAIL_MODIFY, GMAIL_LABELS),
    (GMAIL_COMPOSE, GMAIL_SEND),
    (DRIVE, DRIVE_READONLY),
    (DRIVE, DRIVE_FILE),
    (CALENDAR, CALENDAR_READONLY),
    (CALENDAR, CALENDAR_EVENTS),
    (CALENDAR, CALENDAR_EVENTS_READONLY),
    (CALENDAR_EVENTS, CALENDAR_EVENTS_READONLY),
];

/// Whether `granted` covers `wanted`, directly or through a broader scope.
pub fn satisfies(granted: &[String], wanted: &str) -> bool {
    granted.iter().any(|g| g == wanted || IMPLIES.iter().any(|(broad, narrow)| g == broad && *narrow == wanted))
}

/// Scopes from `wanted` that `granted` does not cover.
pub fn missing<'a>(granted: &[String], wanted: &[&'a str]) -> Vec<&'a str> {
    wanted.iter().copied().filter(|w| !satisfies(granted, w)).collect()
}

/// Whether a scope only reads (used by `--read-only` to drop tools that need more).
pub fn is_read_only(scope: &str) -> bool {
    scope.ends_with(".readonly") || scope == USERINFO_EMAIL || scope == OPENID
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modify_covers_readonly_but_not_settings() {
        let granted = vec![GMAIL_MODIFY.to_string()];
        assert!(satisfies(&granted, GMAIL_READONLY));
        assert!(satisfies(&granted, GMAIL_SEND));
        assert_eq!(missing(&granted, &[GMAIL_READONLY, GMAIL_SETTINGS_BASIC]), vec![GMAIL_SETTINGS_BASIC]);
    }

    #[test]
    fn readonly_scopes() {
        assert!(is_read_only(GMAIL_READONLY));
        assert!(!is_read_only(GMAIL_SEND));
    }
}
