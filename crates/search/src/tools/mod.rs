//! The search tools: search_custom and get_search_engine_info, both over one Programmable
//! Search Engine and an API key from the server's configuration.

use std::sync::Arc;

use wsmcp_core::google::{ApiKey, GoogleCtx, GoogleError};
use wsmcp_core::{ServiceOptions, ToolCtx, ToolDef, ToolError};

mod engine;
mod search;

/// The key and engine the server was configured with (either may be missing).
#[derive(Debug, Clone)]
pub(crate) struct Pse {
    pub key: Option<ApiKey>,
    pub engine: Option<String>,
}

pub(crate) fn all(options: &ServiceOptions) -> Vec<ToolDef> {
    let pse = Arc::new(Pse {
        key: options.pse_api_key.clone().filter(|k| !k.expose().trim().is_empty()),
        engine: options.pse_engine_id.clone().map(|e| e.trim().to_string()).filter(|e| !e.is_empty()),
    });
    vec![search::search_custom(pse.clone()), engine::get_search_engine_info(pse)]
}

/// What to set when the key or the engine id is missing.
pub(crate) fn not_configured(missing: &[&str]) -> ToolError {
    ToolError::Refused(format!(
        "Custom Search is not configured: set {} in the server's environment and restart it. \
         GOOGLE_PSE_API_KEY is an API key (Google Cloud console > APIs & Services > Credentials) of a \
         project with the Custom Search API enabled; GOOGLE_PSE_ENGINE_ID is the Search engine ID shown \
         in the Programmable Search Engine control panel (https://programmablesearchengine.google.com/).",
        missing.join(" and ")
    ))
}

impl Pse {
    /// A client authenticated by the key, and the engine id; or what to configure.
    pub fn client(&self, ctx: &ToolCtx) -> Result<(GoogleCtx, &str), ToolError> {
        let missing: Vec<&str> = [
            self.key.is_none().then_some("GOOGLE_PSE_API_KEY"),
            self.engine.is_none().then_some("GOOGLE_PSE_ENGINE_ID"),
        ]
        .into_iter()
        .flatten()
        .collect();
        match (&self.key, &self.engine) {
            (Some(key), Some(engine)) => Ok((ctx.google_with_key(key.clone()), engine.as_str())),
            _ => Err(not_configured(&missing)),
        }
    }

    /// Google's error with the key (should Google ever repeat it) blanked out, and advice
    /// for a key Google refuses.
    pub fn error(&self, mut e: GoogleError) -> ToolError {
        if let Some(k) = &self.key {
            e.message = e.message.replace(k.expose(), "***");
        }
        let key_refused = e.message.contains("API key not valid")
            || e.message.contains("unregistered callers")
            || e.reason.as_deref() == Some("API_KEY_INVALID");
        if key_refused {
            e.advice = "Google refused GOOGLE_PSE_API_KEY: check it is an API key of a project with the Custom Search \
                API enabled, and that its API restrictions allow that API."
                .into();
        } else if e.status == Some(400) && !e.message.contains("API key") {
            e.advice =
                "Check the arguments (num 1-10, start + num at most 101, date_restrict like d5/w2/m3/y1) and that \
                GOOGLE_PSE_ENGINE_ID is the engine's Search engine ID."
                    .into();
        }
        ToolError::Google(e)
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use serde_json::Value;

    use super::*;

    #[test]
    fn two_tools_that_take_the_account_for_compatibility_only() {
        let opts = ServiceOptions::new(
            wsmcp_core::local_files::FilePolicy::standard(vec![], None, &PathBuf::from("/c")),
            "/a".into(),
        );
        let tools = all(&opts);
        assert_eq!(tools.len(), 2);
        for t in &tools {
            assert!(t.scopes.is_empty() && !t.acts_for_user && t.hints.read_only, "{}", t.name);
            let props = t.input_schema.get("properties").and_then(Value::as_object).unwrap();
            assert!(props.contains_key("user_google_email"), "{}", t.name);
            let required = t.input_schema.get("required").and_then(Value::as_array).unwrap();
            assert!(required.contains(&Value::from("user_google_email")), "{}", t.name);
        }
    }

    #[test]
    fn the_missing_settings_are_named() {
        let text = not_configured(&["GOOGLE_PSE_API_KEY", "GOOGLE_PSE_ENGINE_ID"]).to_string();
        assert!(text.contains("set GOOGLE_PSE_API_KEY and GOOGLE_PSE_ENGINE_ID"), "{text}");
    }
}
