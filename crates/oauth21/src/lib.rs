//! OAuth 2.1 for the MCP endpoint (`MCP_ENABLE_OAUTH21=true`): this server is the
//! authorization server of its own `/mcp` resource, and Google sign-in happens behind it.
//!
//! A client discovers the server (RFC 9728 protected-resource metadata, RFC 8414 server
//! metadata), registers (RFC 7591), sends the user to `/authorize` (PKCE S256 required, RFC 8707
//! `resource`), the user approves on this server's own consent page, signs in at Google (PKCE,
//! only the enabled tools' scopes), Google returns to `/oauth2callback`, and the client gets a
//! one-time code (with RFC 9207 `iss`) it exchanges at `/token` for an HS256 access token and a
//! rotating refresh token; `/revoke` is RFC 7009.
//!
//! All state lives in a shared [`wsmcp_kv::Kv`] (sealed values, hashed keys), so replicas
//! sharing a backend and a signing key serve the same clients. The protocol logic is here; the
//! server crate mounts [`AuthServer::router`], checks bearer tokens on `/mcp` with
//! [`AuthServer::verify_bearer_with_grant`] and asks [`AuthServer::google_access_token`] for the
//! Google token of the user a call acts for, handing it the grant the check read.

mod client_document;
mod clients;
mod crypto;
mod errors;
mod google;
mod jwt;
mod page;
mod records;
mod routes;
mod server;
mod settings;
mod store;
mod tokens;

pub use errors::{BearerError, GoogleTokenError, insufficient_scope_challenge};
pub use server::{AuthServer, Options, Upstream};
pub use settings::Settings;
pub use tokens::{CheckedGrant, Identity};

#[cfg(test)]
mod tests;
