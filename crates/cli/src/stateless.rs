//! `WORKSPACE_MCP_STATELESS_MODE` and what it needs: OAuth 2.1 (the bearer token names the user
//! on every request, so no replica needs a session), no `--single-user`, and an OAuth 2.1 store
//! that is not this machine's disk. Wrong combinations stop the server at start with one line.

use crate::args::{Env, Fail, first, parse_bool};

pub struct Stateless {
    pub on: bool,
    pub inline_max_bytes: u64,
}

pub fn read(env: Env, single_user: bool) -> Result<Stateless, Fail> {
    let on = first(env, &["WORKSPACE_MCP_STATELESS_MODE"])
        .map(|v| parse_bool("WORKSPACE_MCP_STATELESS_MODE", &v))
        .transpose()?
        .unwrap_or(false);
    let inline_max_bytes = match first(env, &["WORKSPACE_MCP_STATELESS_INLINE_MAX_BYTES"]) {
        None => wsmcp_server::config::DEFAULT_STATELESS_INLINE_MAX_BYTES,
        Some(v) => v.parse::<u64>().ok().filter(|n| *n > 0).ok_or_else(|| {
            format!("invalid WORKSPACE_MCP_STATELESS_INLINE_MAX_BYTES '{v}'; accepted: a positive number of bytes")
        })?,
    };
    if !on {
        return Ok(Stateless { on, inline_max_bytes });
    }
    let oauth21 = first(env, &["MCP_ENABLE_OAUTH21"]).map(|v| parse_bool("MCP_ENABLE_OAUTH21", &v)).transpose()?;
    if oauth21 != Some(true) {
        return Err("WORKSPACE_MCP_STATELESS_MODE needs MCP_ENABLE_OAUTH21=true: without sessions, only a bearer \
                    token on each request can say whose account a call uses"
            .into());
    }
    if single_user {
        return Err("--single-user (MCP_SINGLE_USER_MODE) cannot be combined with WORKSPACE_MCP_STATELESS_MODE: \
                    each bearer token names its user"
            .into());
    }
    let backend = first(env, &["WORKSPACE_MCP_OAUTH_PROXY_STORAGE_BACKEND"]).map(|b| b.to_ascii_lowercase());
    if backend.as_deref() == Some("disk") {
        return Err(
            "WORKSPACE_MCP_OAUTH_PROXY_STORAGE_BACKEND=disk cannot be used with WORKSPACE_MCP_STATELESS_MODE, \
                    which writes nothing to local disk: use valkey (shared by replicas) or memory (one replica)"
                .into(),
        );
    }
    Ok(Stateless { on, inline_max_bytes })
}
