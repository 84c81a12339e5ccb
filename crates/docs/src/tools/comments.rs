//! list_document_comments and manage_document_comment: Drive's comments API on the document's
//! file, built by `wsmcp_drive::comments` as for spreadsheets and presentations.

use wsmcp_core::{Service, Tier, ToolDef};
use wsmcp_drive::comments::{CommentTools, list_comments_tool, manage_comments_tool};

const COMMENTS: CommentTools = CommentTools {
    service: Service::Docs,
    tier: Tier::Extended,
    noun: "document",
    id_param: "document_id",
    list_name: "list_document_comments",
    manage_name: "manage_document_comment",
    list_title: "List Document Comments",
    manage_title: "Manage Document Comment",
    list_description: "List the comment threads of a Google Doc with their ids, authors, resolved state, the \
        text they quote and their replies (max_comments limits how many).",
    manage_description: "Comment on a Google Doc: create a document-level comment, reply to a comment, resolve \
        it, edit its text (your own comments) or delete it (your own). The API cannot anchor a new comment to \
        a passage of text; only the Docs editor can.",
    cell_anchor: None,
};

pub fn list_document_comments() -> ToolDef {
    list_comments_tool(&COMMENTS)
}

pub fn manage_document_comment() -> ToolDef {
    manage_comments_tool(&COMMENTS)
}
