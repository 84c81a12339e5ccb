//! Writing documents: create_doc (a new document, its text, its folder) and
//! find_and_replace_doc (replaceAllText, in one tab or all).

use schemars::JsonSchema;
use serde::Deserialize;
use serde_json::{Value, json};
use wsmcp_core::scope;
use wsmcp_core::tool::ToolMeta;
use wsmcp_core::{Hints, Service, Tier, ToolCtx, ToolDef, ToolError, ToolOutput};

use super::{doc_ref, nonblank};
use crate::{api, utf16};

fn root() -> String {
    "root".into()
}

// Arguments of `create_doc`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct CreateDocParams {
    /// Title of the new document.
    pub title: String,
    /// Plain text to start the document with (empty for a blank document).
    #[serde(default)]
    pub content: String,
    /// Drive folder to put the document in ("root" is My Drive); in a shared drive, one of
    /// its folders.
    #[serde(default = "root")]
    pub folder_id: String,
}

pub fn create_doc() -> ToolDef {
    ToolDef::new(
        ToolMeta {
            name: "create_doc",
            title: "Create Google Doc",
            description: "Create a Google Doc with a title, optional starting text, in My Drive or a given \
                folder. Returns its document_id and link.",
            service: Service::Docs,
            tier: Tier::Core,
            hints: Hints::CREATE,
            scopes: &[scope::DOCUMENTS, scope::DRIVE_FILE],
        },
        create,
    )
}

/// Google's error with what already happened in front of its advice, so the caller neither
/// creates the document again nor believes it absent.
fn after_create(mut e: wsmcp_core::google::GoogleError, id: &str, step: &str) -> ToolError {
    e.advice = format!("The document was created (document_id: {id}) but {step} failed. {}", e.advice);
    ToolError::Google(e)
}

async fn create(ctx: ToolCtx, p: CreateDocParams) -> Result<ToolOutput, ToolError> {
    let title = nonblank(&p.title, "title")?;
    let folder = nonblank(&p.folder_id, "folder_id")?;
    let g = ctx.google().await?;
    let doc = api::documents_create(&g, title).await?;
    let id = doc.document_id.clone();
    let mut out = format!("Created Google Doc \"{}\" (document_id: {id})\n", doc.title);
    if !p.content.is_empty() {
        let insert = json!({"insertText": {"location": {"index": 1}, "text": p.content}});
        api::documents_batch_update(&g, &id, vec![insert], None)
            .await
            .map_err(|e| after_create(e, &id, "inserting its content"))?;
        out.push_str(&format!("Content: {} characters inserted at index 1.\n", utf16::len(&p.content)));
    }
    if folder != "root" {
        api::drive_move(&g, &id, "root", folder).await.map_err(|e| after_create(e, &id, "moving it to the folder"))?;
        out.push_str(&format!("Folder: {folder}\n"));
    }
    out.push_str(&format!("Link: https://docs.google.com/document/d/{id}/edit\n"));
    Ok(ToolOutput::text(out))
}

// Arguments of `find_and_replace_doc`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct FindAndReplaceDocParams {
    /// The document's id or its docs.google.com URL.
    pub document_id: String,
    /// Text to find (within one paragraph; it cannot span a line break).
    pub find_text: String,
    /// What replaces each match (empty deletes the matches).
    pub replace_text: String,
    /// Match upper and lower case exactly.
    #[serde(default)]
    pub match_case: bool,
    /// Replace only in this tab (default: every tab).
    pub tab_id: Option<String>,
}

pub fn find_and_replace_doc() -> ToolDef {
    ToolDef::new(
        ToolMeta {
            name: "find_and_replace_doc",
            title: "Find and Replace in Google Doc",
            description: "Replace every occurrence of a text in a Google Doc, in one tab or all of them, and \
                report how many were replaced.",
            service: Service::Docs,
            tier: Tier::Extended,
            hints: Hints::DESTRUCTIVE,
            scopes: &[scope::DOCUMENTS],
        },
        find_and_replace,
    )
}

async fn find_and_replace(ctx: ToolCtx, p: FindAndReplaceDocParams) -> Result<ToolOutput, ToolError> {
    let (id, url_tab) = doc_ref(&p.document_id)?;
    if p.find_text.is_empty() {
        return Err(ToolError::invalid("find_text must not be empty"));
    }
    if p.find_text.contains('\n') {
        return Err(ToolError::invalid("find_text cannot contain a line break: Docs matches within one paragraph"));
    }
    let tab = match p.tab_id.as_deref().map(str::trim) {
        Some("") => None,
        Some(t) => Some(t.to_string()),
        None => url_tab,
    };
    let mut request = json!({"replaceAllText": {
        "containsText": {"text": p.find_text, "matchCase": p.match_case},
        "replaceText": p.replace_text,
    }});
    if let Some(t) = &tab {
        request["replaceAllText"]["tabsCriteria"] = json!({"tabIds": [t]});
    }
    let g = ctx.google().await?;
    let reply = api::documents_batch_update(&g, &id, vec![request], None).await?;
    let count = reply
        .replies
        .first()
        .and_then(|r| r.pointer("/replaceAllText/occurrencesChanged"))
        .and_then(Value::as_u64)
        .unwrap_or(0);
    let scope = tab.map_or("every tab".to_string(), |t| format!("tab {t}"));
    let mut out = format!(
        "Replaced {count} occurrence(s) of \"{}\" with \"{}\" in {scope} of document {id}",
        p.find_text, p.replace_text
    );
    if let Some(rev) = reply.write_control.and_then(|w| w.required_revision_id) {
        out.push_str(&format!(" (revision now {rev})"));
    }
    out.push_str(".\n");
    if count == 0 {
        out.push_str(if p.match_case { "Nothing matched; try match_case: false.\n" } else { "Nothing matched.\n" });
    }
    Ok(ToolOutput::text(out))
}
