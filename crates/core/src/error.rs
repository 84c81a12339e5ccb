//! What a tool call can fail with. Every variant renders as text a model can act on; the
//! server turns all of them into `isError: true` results, never protocol errors.

use crate::google::GoogleError;

#[derive(Debug, thiserror::Error)]
pub enum ToolError {
    /// The arguments are wrong; the message says which one and what is accepted.
    #[error("Invalid input: {0}")]
    InvalidInput(String),
    /// No usable credentials for the user; the message carries the authorization URL.
    #[error("{0}")]
    AuthRequired(String),
    /// Google answered with an error (already mapped to advice).
    #[error("{0}")]
    Google(#[from] GoogleError),
    /// A local file could not be read or written.
    #[error("File error: {0}")]
    File(String),
    /// A policy of this server refused the call (read-only mode, disallowed path, ...).
    #[error("Refused: {0}")]
    Refused(String),
    /// Something went wrong inside this server; reported, never silent.
    #[error("Internal error: {0}")]
    Internal(String),
}

impl ToolError {
    pub fn invalid(msg: impl Into<String>) -> Self {
        ToolError::InvalidInput(msg.into())
    }
}

pub type ToolResult<T> = std::result::Result<T, ToolError>;
