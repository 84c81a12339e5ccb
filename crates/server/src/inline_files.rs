//! Files in stateless mode (`WORKSPACE_MCP_STATELESS_MODE`): nothing is written to disk and no
//! `/attachments/{id}` link is handed out, since the replica that saved a file is not the one a
//! balancer sends the download to. The bytes travel in the tool result instead (the dispatcher
//! turns them into an embedded resource), up to `WORKSPACE_MCP_STATELESS_INLINE_MAX_BYTES`;
//! a larger file is a tool error that says so, never a truncated file.

use futures::future::BoxFuture;
use wsmcp_core::ToolError;
use wsmcp_core::files::{FileStore, InlineBytes, SavedFile};

pub struct InlineFiles {
    max_bytes: u64,
}

impl InlineFiles {
    pub fn new(max_bytes: u64) -> Self {
        InlineFiles { max_bytes }
    }
}

impl FileStore for InlineFiles {
    fn save<'a>(
        &'a self,
        name: &'a str,
        mime_type: &'a str,
        bytes: &'a [u8],
    ) -> BoxFuture<'a, Result<SavedFile, ToolError>> {
        Box::pin(async move {
            let size = bytes.len() as u64;
            if size > self.max_bytes {
                return Err(ToolError::File(format!(
                    "\"{name}\" is {size} bytes, more than this stateless server returns inline \
                     (WORKSPACE_MCP_STATELESS_INLINE_MAX_BYTES = {} bytes), and a stateless server keeps no files \
                     to download later. Ask for a smaller file or another export format, or raise the cap.",
                    self.max_bytes
                )));
            }
            Ok(SavedFile {
                id: uuid::Uuid::new_v4().to_string(),
                path: std::path::PathBuf::new(),
                url: None,
                size,
                mime_type: mime_type.to_string(),
                name: name.to_string(),
                inline: Some(InlineBytes(bytes.into())),
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn files_up_to_the_cap_are_inline_and_larger_ones_refused() {
        let store = InlineFiles::new(4);
        let saved = store.save("a.txt", "text/plain", b"abcd").await.unwrap();
        assert_eq!(saved.inline.as_ref().map(|b| &b.0[..]), Some(&b"abcd"[..]));
        assert!(saved.url.is_none() && saved.path.as_os_str().is_empty(), "nothing on disk, no link");
        assert!(saved.location().contains(&saved.inline_uri()));
        let err = store.save("b.txt", "text/plain", b"abcde").await.unwrap_err().to_string();
        assert!(err.contains("5 bytes") && err.contains("WORKSPACE_MCP_STATELESS_INLINE_MAX_BYTES = 4"), "{err}");
    }
}
