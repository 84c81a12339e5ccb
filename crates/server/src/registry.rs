//! The tool registry: every service's tool declarations composed in one explicit list, then
//! filtered by the selection flags. The `tools/list` reply is built once here, so listing
//! costs a clone of a prepared vector.

use std::collections::HashMap;
use std::sync::Arc;

use rmcp::model::{Tool, ToolAnnotations};
use serde_json::{Map, Value, json};
use wsmcp_core::{Service, ServiceOptions, ToolDef};

use crate::config::ToolSelection;
use crate::selection::selected;
pub use crate::selection::{Grant, parse_permission, permission_levels, service_names};

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

/// How a tool call names the Google account it acts for.
#[derive(Debug, Clone, Copy)]
pub enum UserParam<'a> {
    /// `user_google_email` is a parameter, required unless there is a default account.
    Argument { default_user: Option<&'a str> },
    /// Trusted gateway: the gateway's verified token names the account, so the parameter is
    /// optional; naming anyone else is refused (`identity::check_named_user`).
    FromGateway,
    /// OAuth 2.1: the bearer token names the account, so the parameter is not offered.
    FromToken,
}

impl Registry {
    /// Applies the selection; `default_user` makes `user_google_email` optional.
    pub fn build(all: Vec<ToolDef>, sel: &ToolSelection, default_user: Option<&str>) -> Registry {
        Self::build_with(all, sel, UserParam::Argument { default_user })
    }

    pub fn build_with(all: Vec<ToolDef>, sel: &ToolSelection, user: UserParam<'_>) -> Registry {
        let enabled: Vec<ToolDef> = all.into_iter().filter(|t| selected(t, sel)).collect();
        let mut scopes: Vec<&'static str> = enabled.iter().flat_map(|t| t.scopes.iter().copied()).collect();
        scopes.sort_unstable();
        scopes.dedup();
        let listed = Arc::new(enabled.iter().map(|t| describe(t, user)).collect());
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

/// The MCP view of a tool: its schema with `user_google_email` added when it acts for a user
/// and the caller names the account.
fn describe(t: &ToolDef, user: UserParam<'_>) -> Tool {
    let mut schema: Map<String, Value> = (*t.input_schema).clone();
    let (description, default_user, required) = match user {
        UserParam::Argument { default_user } => {
            ("The Google account to act for, e.g. name@example.com.", default_user, default_user.is_none())
        }
        UserParam::FromGateway => (
            "The Google account to act for; omit it to act for the user the identity gateway signed in (the only \
             account this connection may use).",
            None,
            false,
        ),
        UserParam::FromToken => return finish(t, schema),
    };
    if t.acts_for_user {
        let mut prop = json!({"type": "string", "description": description});
        if let (Some(user), Some(obj)) = (default_user, prop.as_object_mut()) {
            obj.insert("default".into(), Value::String(user.to_string()));
        }
        if let Some(Value::Object(props)) = schema.get_mut("properties") {
            props.insert("user_google_email".into(), prop);
        }
        if required {
            let required = schema.entry("required").or_insert_with(|| Value::Array(Vec::new()));
            if let Value::Array(list) = required {
                list.push(Value::String("user_google_email".into()));
            }
        }
    }
    finish(t, schema)
}

fn finish(t: &ToolDef, schema: Map<String, Value>) -> Tool {
    let annotations = ToolAnnotations::with_title(t.title)
        .read_only(t.hints.read_only)
        .destructive(t.hints.destructive)
        .idempotent(t.hints.idempotent)
        .open_world(t.hints.open_world);
    Tool::new(t.name, t.description, Arc::new(schema)).with_title(t.title).with_annotations(annotations)
}
