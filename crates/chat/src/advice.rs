//! Chat's most confusing failure, explained. Google refuses every Chat API call from a Cloud
//! project that has no Chat app configured, even calls made with a user's own authorization,
//! and says so as a bare 404 (or 400) "Google Chat app not found". The tools turn that into
//! the steps that fix it.

use wsmcp_core::ToolError;
use wsmcp_core::google::GoogleError;

/// The words Google's reply starts with when the project has no Chat app.
pub const APP_NOT_FOUND: &str = "Google Chat app not found";

/// Where a project's Chat app is configured.
pub const CONFIGURATION_URL: &str = "https://console.cloud.google.com/apis/api/chat.googleapis.com/hangouts-chat";

/// What to do when the project has no Chat app.
pub fn app_setup_steps() -> String {
    format!(
        "The Google Cloud project of this server's OAuth client has no Google Chat app configured. Google requires \
         one before it answers any Chat API call, even calls made as the signed-in user. To fix it: open {CONFIGURATION_URL} \
         (Google Cloud console > APIs & Services > Google Chat API > Configuration), enter an App name, an Avatar URL \
         (any https image URL) and a Description, leave the interactive features off if you do not need them, and \
         Save. Then retry; no new sign-in is needed."
    )
}

/// A Google error from a Chat call, with the Chat app advice when that is the cause.
pub fn chat_error(mut e: GoogleError) -> ToolError {
    if matches!(e.status, Some(400 | 404)) && e.message.contains(APP_NOT_FOUND) {
        e.advice = app_setup_steps();
    }
    ToolError::Google(e)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(status: u16, message: &str) -> GoogleError {
        GoogleError {
            api: "Google Chat API",
            call: "GET /v1/spaces".into(),
            status: Some(status),
            reason: None,
            message: message.into(),
            advice: "Check the id.".into(),
            outcome_unknown: false,
        }
    }

    #[test]
    fn the_missing_app_gets_setup_steps() {
        let text =
            chat_error(error(404, "Google Chat app not found. To create a Chat app, you must turn on the Chat API"))
                .to_string();
        assert!(
            text.contains("Configuration") && text.contains("App name") && text.contains("signed-in user"),
            "{text}"
        );
    }

    #[test]
    fn other_errors_keep_their_advice() {
        let text = chat_error(error(404, "Requested entity was not found")).to_string();
        assert!(text.contains("Check the id.") && !text.contains("App name"), "{text}");
    }
}
