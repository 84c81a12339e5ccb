//! Step-up authorization (RFC 6750 §3.1, the MCP authorization spec's scope challenge): a
//! `tools/call` whose tool needs Google scopes the bearer token does not hold is answered 403
//! with `WWW-Authenticate: Bearer error="insufficient_scope", scope="…"` before the tool runs,
//! so the client re-runs the authorization asking for the named scopes and retries.
//!
//! Only the JSON-RPC `method` and `params.name` of the (already size-capped, buffered) body
//! are read; everything else is skipped without being built.

use std::borrow::Cow;

use serde::Deserialize;

use crate::registry::Registry;

#[derive(Deserialize)]
struct Message<'a> {
    #[serde(borrow)]
    method: Option<Cow<'a, str>>,
    #[serde(borrow)]
    params: Option<Params<'a>>,
}

#[derive(Deserialize)]
struct Params<'a> {
    #[serde(borrow)]
    name: Option<Cow<'a, str>>,
}

/// The name of the tool a JSON-RPC request body calls, if it is a `tools/call`.
pub fn called_tool(body: &[u8]) -> Option<String> {
    let message: Message<'_> = serde_json::from_slice(body).ok()?;
    if message.method? != "tools/call" {
        return None;
    }
    message.params?.name.map(|n| n.into_owned())
}

/// The scopes to ask for when `held` does not cover what `tool` needs: everything held plus
/// the tool's scopes (so the new token loses nothing), or `None` when nothing is missing or
/// the tool is not one this server offers (rmcp answers that call itself).
pub fn wider_scopes(registry: &Registry, tool: &str, held: &[String]) -> Option<Vec<String>> {
    let needed = registry.get(tool)?.scopes;
    if wsmcp_auth::scopes::missing_scopes(held, needed).is_empty() {
        return None;
    }
    let mut all: Vec<String> = held.to_vec();
    for s in needed {
        if !all.iter().any(|h| h == s) {
            all.push(s.to_string());
        }
    }
    Some(all)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_tool_calls_name_a_tool() {
        let call = br#"{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"send_gmail_message","arguments":{"to":"a"}}}"#;
        assert_eq!(called_tool(call).as_deref(), Some("send_gmail_message"));
        let escaped = br#"{"method":"tools/call","params":{"arguments":{},"name":"send_gmail\u005fmessage"}}"#;
        assert_eq!(called_tool(escaped).as_deref(), Some("send_gmail_message"));
        assert_eq!(called_tool(br#"{"method":"tools/list","params":{"name":"x"}}"#), None);
        assert_eq!(called_tool(br#"{"method":"tools/call","params":{}}"#), None);
        assert_eq!(called_tool(br#"[{"method":"tools/call","params":{"name":"x"}}]"#), None);
        assert_eq!(called_tool(b"not json"), None);
    }
}
