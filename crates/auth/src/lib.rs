//! Google OAuth 2.0 for workspace-mcp: the reference's legacy (per-user token
//! file) mode, with tokens encrypted at rest.
//!
//! - [`OAuthClientConfig`] / [`Endpoints`]: which OAuth client, which Google endpoints.
//! - [`AuthFlows`]: sign-in links (authorization code + PKCE S256) and the callback.
//! - [`TokenStore`]: one ChaCha20-Poly1305 encrypted file per account; migrates the
//!   reference's plaintext `<email>.json` files on first use.
//! - [`Credentials`]: valid access tokens, refreshed once per account at a time.
//! - [`ServiceAccount`]: domain-wide delegation, tokens from a signed JWT assertion, cached
//!   per user.
//! - [`gateway`]: identity JWTs a trusted proxy injects, verified against its JWKS.
//!
//! The HTTP client is always passed in, so proxy and CA settings stay with the caller.
//! Tokens are [`Secret`]s and print as `***`.

mod config;
mod credentials;
mod error;
mod flow;
pub mod gateway;
pub mod google;
mod jwt;
pub mod scopes;
mod secret;
mod service_account;
mod store;

pub use config::{Endpoints, OAuthClientConfig};
pub use credentials::Credentials;
pub use error::AuthError;
pub use flow::{AuthFlows, AuthStart, CompletedAuth};
pub use jwt::pem_der;
pub use secret::Secret;
pub use service_account::{JWT_BEARER_GRANT, ServiceAccount, ServiceAccountKey};
pub use store::{StoredToken, TokenStore, normalize_email};
