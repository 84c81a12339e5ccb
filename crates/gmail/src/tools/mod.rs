//! The Gmail tools, one explicit list. Each file holds the declarations and thin handlers of
//! one resource: messages (search, read), threads, send (send + draft), attachments, labels,
//! filters.

use std::path::PathBuf;
use std::sync::Arc;

use wsmcp_core::pdf::PdfReader;
use wsmcp_core::{ServiceOptions, ToolCtx, ToolDef};

use crate::local_files::FilePolicy;

mod attachments;
mod filters;
mod labels;
mod messages;
mod send;
mod threads;

/// What the Gmail tools need from their environment.
#[derive(Debug, Clone)]
pub struct GmailOptions {
    /// Which local files may be attached by `path`.
    pub files: FilePolicy,
    /// Where this server keeps saved files; `.../attachments/<id>` URLs resolve here.
    pub attachment_dir: PathBuf,
    /// False under `WORKSPACE_MCP_DISABLE_LOCAL_FILES`: attachments by `path` leave the
    /// schemas and are refused, as Drive's `file_path` is.
    pub local_files: bool,
    /// Reads the text of PDF attachments (a child process in the server).
    pub pdf: PdfReader,
}

impl GmailOptions {
    /// Options over explicit directories, local files allowed (tests, embedding).
    pub fn new(files: FilePolicy, attachment_dir: PathBuf) -> Self {
        GmailOptions {
            files,
            attachment_dir,
            local_files: true,
            pdf: PdfReader::unavailable("no PDF reader was configured"),
        }
    }

    /// The options the server's configuration gives every service.
    pub fn from_service(o: &ServiceOptions) -> Self {
        GmailOptions {
            local_files: o.local_files,
            pdf: o.pdf.clone(),
            ..GmailOptions::new(o.files.clone(), o.attachment_dir.clone())
        }
    }
}

pub(crate) fn all(options: GmailOptions) -> Vec<ToolDef> {
    let options = Arc::new(options);
    let compose = |tool: ToolDef| if options.local_files { tool } else { send::without_local_paths(tool) };
    vec![
        messages::search_gmail_messages(),
        messages::get_gmail_message_content(),
        messages::get_gmail_messages_content_batch(),
        compose(send::send_gmail_message(options.clone())),
        compose(send::draft_gmail_message(options.clone())),
        attachments::get_gmail_attachment_content(options.clone()),
        threads::get_gmail_thread_content(),
        threads::get_gmail_threads_content_batch(),
        labels::list_gmail_labels(),
        labels::manage_gmail_label(),
        labels::modify_gmail_message_labels(),
        labels::batch_modify_gmail_message_labels(),
        filters::list_gmail_filters(),
        filters::manage_gmail_filter(),
    ]
}

/// The same call asking for more scopes: some actions of a tool need more than its
/// declared minimum (a reply must read the thread; applying a filter must modify mail).
pub(crate) fn with_scopes(ctx: &ToolCtx, scopes: &'static [&'static str]) -> ToolCtx {
    ToolCtx { scopes, ..ctx.clone() }
}

pub(crate) use wsmcp_core::args::{clean_ids, required};

/// Chunk size for batched reads: Gmail runs a batch's items concurrently and throttles
/// more than a few dozen at once.
pub(crate) const READ_CHUNK: usize = 25;

#[cfg(test)]
mod tests {
    use super::*;

    fn opts() -> GmailOptions {
        GmailOptions::new(FilePolicy::new(vec![], vec![]), PathBuf::from("/nonexistent"))
    }

    /// As Drive drops `file_path`, Gmail drops the `path` source of attachments from the
    /// schemas when local files are off; everything else stays the same.
    #[test]
    fn disabling_local_files_drops_attachment_paths() {
        let attachments = |tools: &[ToolDef], name: &str| {
            let t = tools.iter().find(|t| t.name == name).unwrap();
            t.input_schema["properties"]["attachments"].clone()
        };
        let with = all(opts());
        let without = all(GmailOptions { local_files: false, ..opts() });
        for name in ["send_gmail_message", "draft_gmail_message"] {
            let on = attachments(&with, name);
            assert!(on["description"].as_str().unwrap().contains("\"path\""), "{on}");
            let off = attachments(&without, name);
            assert!(!off.to_string().contains("path"), "{off}");
            assert_eq!(off["items"]["additionalProperties"], false, "{off}");
            assert!(
                off["items"]["properties"].get("url").is_some() && off["items"]["properties"].get("content").is_some()
            );
        }
        let same = |a: &[ToolDef], b: &[ToolDef]| {
            a.iter().zip(b).filter(|(x, y)| x.input_schema != y.input_schema).map(|(x, _)| x.name).collect::<Vec<_>>()
        };
        assert_eq!(same(&with, &without), ["send_gmail_message", "draft_gmail_message"]);
    }

    #[test]
    fn fourteen_unique_tools_with_all_four_hints_and_scopes() {
        let tools = all(opts());
        assert_eq!(tools.len(), 14);
        let mut names: Vec<_> = tools.iter().map(|t| t.name).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), 14);
        for t in &tools {
            assert!(!t.scopes.is_empty(), "{} has no scope", t.name);
            assert!(!t.title.is_empty() && !t.description.is_empty());
            assert!(t.acts_for_user);
            let props = t.input_schema.get("properties").and_then(|p| p.as_object()).unwrap();
            assert!(!props.contains_key("user_google_email"), "{}: the registry adds it", t.name);
            for combinator in ["anyOf", "oneOf", "allOf"] {
                assert!(!t.input_schema.contains_key(combinator), "{} top-level {combinator}", t.name);
            }
        }
    }
}
