//! Facts about each Google API that calls and error messages need. A service crate may declare
//! its own (`pub const API: &ApiInfo = &ApiInfo { … }` in its `api.rs`); the ones here are those
//! shared across crates (tests, the sign-in emulation) or older than that rule.

/// One Google API: where it lives and how to name it to a user.
#[derive(Debug)]
pub struct ApiInfo {
    /// Host of the API's root URL, e.g. `gmail.googleapis.com`.
    pub host: &'static str,
    /// Name for messages, e.g. "Gmail API".
    pub title: &'static str,
    /// Service name in the Cloud console, for the "enable this API" link.
    pub console_id: &'static str,
    /// Path of the API's batch endpoint.
    pub batch_path: &'static str,
}

impl ApiInfo {
    pub const GMAIL: ApiInfo = ApiInfo {
        host: "gmail.googleapis.com",
        title: "Gmail API",
        console_id: "gmail.googleapis.com",
        batch_path: "/batch/gmail/v1",
    };
    pub const DRIVE: ApiInfo = ApiInfo {
        host: "www.googleapis.com",
        title: "Google Drive API",
        console_id: "drive.googleapis.com",
        batch_path: "/batch/drive/v3",
    };
    pub const CALENDAR: ApiInfo = ApiInfo {
        host: "www.googleapis.com",
        title: "Google Calendar API",
        console_id: "calendar-json.googleapis.com",
        batch_path: "/batch/calendar/v3",
    };
    pub const OAUTH2: ApiInfo = ApiInfo {
        host: "www.googleapis.com",
        title: "Google OAuth2 API",
        console_id: "oauth2.googleapis.com",
        batch_path: "/batch/oauth2/v2",
    };

    /// Where to enable this API in the Cloud console.
    pub fn console_url(&self) -> String {
        format!("https://console.cloud.google.com/apis/library/{}", self.console_id)
    }
}
