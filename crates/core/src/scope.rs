//! Google OAuth scopes the tools ask for, and the one table of which broader scope implies
//! which narrower one. Both the token check (`wsmcp-auth`) and `--permissions` (the registry)
//! read this table, so they cannot disagree.
//!
//! "`broad` implies `narrow`" means: every Google method that accepts `narrow` also accepts
//! `broad`, so a token holding `broad` needs no new consent for a tool asking for `narrow`.
//! The per-method scope lists in Google's Discovery documents (vendored in
//! `vendor/google-discovery/`) are the machine-readable form of Google's scope pages, and
//! `crates/core/tests/scope_table.rs` checks this table against them.

pub const MAIL: &str = "https://mail.google.com/";
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
pub const TASKS: &str = "https://www.googleapis.com/auth/tasks";
pub const TASKS_READONLY: &str = "https://www.googleapis.com/auth/tasks.readonly";
// Keep
pub const KEEP: &str = "https://www.googleapis.com/auth/keep";
pub const KEEP_READONLY: &str = "https://www.googleapis.com/auth/keep.readonly";
// Meet
pub const MEETINGS_SPACE_CREATED: &str = "https://www.googleapis.com/auth/meetings.space.created";
pub const MEETINGS_SPACE_READONLY: &str = "https://www.googleapis.com/auth/meetings.space.readonly";
// Forms
pub const FORMS_BODY: &str = "https://www.googleapis.com/auth/forms.body";
pub const FORMS_BODY_READONLY: &str = "https://www.googleapis.com/auth/forms.body.readonly";
pub const FORMS_RESPONSES_READONLY: &str = "https://www.googleapis.com/auth/forms.responses.readonly";
// Contacts (People API)
pub const CONTACTS: &str = "https://www.googleapis.com/auth/contacts";
pub const CONTACTS_READONLY: &str = "https://www.googleapis.com/auth/contacts.readonly";
pub const CONTACTS_OTHER_READONLY: &str = "https://www.googleapis.com/auth/contacts.other.readonly";
pub const DIRECTORY_READONLY: &str = "https://www.googleapis.com/auth/directory.readonly";
// Sheets
pub const SPREADSHEETS: &str = "https://www.googleapis.com/auth/spreadsheets";
pub const SPREADSHEETS_READONLY: &str = "https://www.googleapis.com/auth/spreadsheets.readonly";
// Docs
pub const DOCUMENTS: &str = "https://www.googleapis.com/auth/documents";
pub const DOCUMENTS_READONLY: &str = "https://www.googleapis.com/auth/documents.readonly";
// Chat
pub const CHAT_MESSAGES: &str = "https://www.googleapis.com/auth/chat.messages";
pub const CHAT_MESSAGES_READONLY: &str = "https://www.googleapis.com/auth/chat.messages.readonly";
pub const CHAT_MESSAGES_REACTIONS_CREATE: &str = "https://www.googleapis.com/auth/chat.messages.reactions.create";
pub const CHAT_SPACES_READONLY: &str = "https://www.googleapis.com/auth/chat.spaces.readonly";
pub const USERINFO_EMAIL: &str = "https://www.googleapis.com/auth/userinfo.email";
pub const USERINFO_PROFILE: &str = "https://www.googleapis.com/auth/userinfo.profile";
pub const OPENID: &str = "openid";
// Apps Script
pub const SCRIPT_PROJECTS: &str = "https://www.googleapis.com/auth/script.projects";
pub const SCRIPT_PROJECTS_READONLY: &str = "https://www.googleapis.com/auth/script.projects.readonly";
pub const SCRIPT_DEPLOYMENTS: &str = "https://www.googleapis.com/auth/script.deployments";
pub const SCRIPT_DEPLOYMENTS_READONLY: &str = "https://www.googleapis.com/auth/script.deployments.readonly";
pub const SCRIPT_PROCESSES: &str = "https://www.googleapis.com/auth/script.processes";
pub const SCRIPT_METRICS: &str = "https://www.googleapis.com/auth/script.metrics";
/// Lets a script's own code manage its triggers (`ScriptApp`); not an Apps Script API scope.
pub const SCRIPT_SCRIPTAPP: &str = "https://www.googleapis.com/auth/script.scriptapp";
// Slides
pub const PRESENTATIONS: &str = "https://www.googleapis.com/auth/presentations";
pub const PRESENTATIONS_READONLY: &str = "https://www.googleapis.com/auth/presentations.readonly";

/// The scopes a sign-in always asks for, so the callback can learn who signed in.
pub const IDENTITY: [&str; 2] = [OPENID, USERINFO_EMAIL];

/// Direct implications `(broad, narrow)`, each stated once; `implies` follows chains
/// (`mail.google.com` → `gmail.modify` → `gmail.readonly`).
pub const IMPLIES: &[(&str, &str)] = &[
    // Gmail: https://developers.google.com/workspace/gmail/api/auth/scopes
    // `mail.google.com` is full mailbox access, but Gmail's settings methods (filters.create,
    // updateVacation, ...) accept only `gmail.settings.*`, so it does not imply those.
    (MAIL, GMAIL_MODIFY),
    (GMAIL_MODIFY, GMAIL_READONLY),
    (GMAIL_MODIFY, GMAIL_COMPOSE),
    (GMAIL_MODIFY, GMAIL_LABELS),
    // "Manage drafts and send emails": messages.send and drafts.send accept compose.
    (GMAIL_COMPOSE, GMAIL_SEND),
    // Drive: https://developers.google.com/workspace/drive/api/guides/api-specific-auth
    // (`drive.file` does not imply `drive.readonly`: it covers only files the app opened.)
    (DRIVE, DRIVE_READONLY),
    (DRIVE, DRIVE_FILE),
    // Calendar: https://developers.google.com/workspace/calendar/api/auth
    (CALENDAR, CALENDAR_READONLY),
    (CALENDAR, CALENDAR_EVENTS),
    (CALENDAR_READONLY, CALENDAR_EVENTS_READONLY),
    (CALENDAR_EVENTS, CALENDAR_EVENTS_READONLY),
    // Tasks: https://developers.google.com/workspace/tasks/auth
    (TASKS, TASKS_READONLY),
    // Keep: https://developers.google.com/workspace/keep/api/reference/rest
    (KEEP, KEEP_READONLY),
    // Meet: https://developers.google.com/workspace/meet/api/guides/authenticate-authorize
    // No row: every method that accepts `meetings.space.readonly` also accepts
    // `meetings.space.created`, but `created` reaches only the spaces this app created, while
    // `readonly` reads all of the user's meetings. (crates/core/tests/scope_table.rs notes it.)
    // Forms: https://developers.google.com/workspace/forms/api/guides/authorization
    // (`forms.body` reads and edits questions only; responses need their own scope.)
    (FORMS_BODY, FORMS_BODY_READONLY),
    // Apps Script: https://developers.google.com/apps-script/api/reference/rest
    (SCRIPT_PROJECTS, SCRIPT_PROJECTS_READONLY),
    (SCRIPT_DEPLOYMENTS, SCRIPT_DEPLOYMENTS_READONLY),
    // Contacts: https://developers.google.com/people/api/rest/v1/people/searchContacts#authorization-scopes
    // (`contacts` does not cover "other contacts" or the domain directory: those have their
    // own read-only scopes that no broader scope implies.)
    (CONTACTS, CONTACTS_READONLY),
    // Slides: https://developers.google.com/workspace/slides/api/scopes
    (PRESENTATIONS, PRESENTATIONS_READONLY),
    // Sheets: https://developers.google.com/workspace/sheets/api/scopes
    (SPREADSHEETS, SPREADSHEETS_READONLY),
    // Docs: https://developers.google.com/workspace/docs/api/auth
    (DOCUMENTS, DOCUMENTS_READONLY),
    // Chat: https://developers.google.com/workspace/chat/authenticate-authorize#chat-api-scopes
    (CHAT_MESSAGES, CHAT_MESSAGES_READONLY),
    (CHAT_MESSAGES, CHAT_MESSAGES_REACTIONS_CREATE),
];

/// Scopes that only read although their names lack `.readonly` (Apps Script's "view processes"
/// and "view metrics").
const READ_ONLY_BY_NAME: &[&str] = &[SCRIPT_PROCESSES, SCRIPT_METRICS];

/// Google reports `email`/`profile` for the long userinfo URLs and accepts either.
pub fn canonical(scope: &str) -> &str {
    match scope {
        "email" => USERINFO_EMAIL,
        "profile" => USERINFO_PROFILE,
        other => other,
    }
}

/// Whether holding `broad` gives at least the access of `narrow` (equal, or through a chain
/// of `IMPLIES` rows).
pub fn implies(broad: &str, narrow: &str) -> bool {
    let (broad, narrow) = (canonical(broad), canonical(narrow));
    broad == narrow || IMPLIES.iter().any(|(b, n)| *b == broad && implies(n, narrow))
}

/// Every scope that holding `scope` implies, itself first.
pub fn implied_by(scope: &'static str) -> Vec<&'static str> {
    let mut out = vec![scope];
    let mut i = 0;
    while let Some(s) = out.get(i).copied() {
        for (_, narrow) in IMPLIES.iter().filter(|(b, _)| *b == s) {
            if !out.contains(narrow) {
                out.push(narrow);
            }
        }
        i += 1;
    }
    out
}

/// Whether `granted` covers `wanted`, directly or through a broader scope.
pub fn satisfies(granted: &[String], wanted: &str) -> bool {
    granted.iter().any(|g| implies(g, wanted))
}

/// Scopes from `wanted` that `granted` does not cover, in the order given.
pub fn missing<'a>(granted: &[String], wanted: &[&'a str]) -> Vec<&'a str> {
    wanted.iter().copied().filter(|w| !satisfies(granted, w)).collect()
}

/// Whether a scope only reads (used by `--read-only` to drop tools that need more).
pub fn is_read_only(scope: &str) -> bool {
    scope.ends_with(".readonly") || scope == USERINFO_EMAIL || scope == OPENID || READ_ONLY_BY_NAME.contains(&scope)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn owned(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn chains_are_followed_but_settings_stay_separate() {
        let granted = owned(&[MAIL]);
        assert!(satisfies(&granted, GMAIL_READONLY));
        assert!(satisfies(&granted, GMAIL_SEND));
        assert_eq!(missing(&granted, &[GMAIL_LABELS, GMAIL_SETTINGS_BASIC]), vec![GMAIL_SETTINGS_BASIC]);
        assert!(implies(CALENDAR, CALENDAR_EVENTS_READONLY));
        assert!(!implies(DRIVE_FILE, DRIVE_READONLY));
        assert!(!implies(DRIVE_READONLY, DRIVE));
    }

    #[test]
    fn short_userinfo_names_count() {
        assert!(satisfies(&owned(&["email"]), USERINFO_EMAIL));
        assert!(implies(USERINFO_PROFILE, "profile"));
    }

    #[test]
    fn implied_by_lists_the_closure_once() {
        let mut all = implied_by(MAIL);
        all.sort_unstable();
        let mut want = vec![MAIL, GMAIL_MODIFY, GMAIL_READONLY, GMAIL_COMPOSE, GMAIL_LABELS, GMAIL_SEND];
        want.sort_unstable();
        assert_eq!(all, want);
    }

    #[test]
    fn readonly_scopes() {
        assert!(is_read_only(GMAIL_READONLY));
        assert!(!is_read_only(GMAIL_SEND));
    }
}
