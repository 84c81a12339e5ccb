//! Who may act as which Google account, and how tokens are obtained: the OAuth 2.0 flow with
//! stored, encrypted tokens, or the sandbox's built-in account. Also `start_google_auth`.

mod sandbox;
mod tool;

pub use sandbox::SandboxCredentials;
pub use tool::{START_GOOGLE_AUTH, start_google_auth_tool};
