//! list_presentation_comments and manage_presentation_comment: Drive's comments API on the
//! presentation file, built by `wsmcp_drive::comments`.

use wsmcp_core::{Service, Tier, ToolDef};
use wsmcp_drive::comments::{CommentTools, list_comments_tool, manage_comments_tool};

const COMMENTS: CommentTools = CommentTools {
    service: Service::Slides,
    tier: Tier::Complete,
    noun: "presentation",
    id_param: "presentation_id",
    list_name: "list_presentation_comments",
    manage_name: "manage_presentation_comment",
    list_title: "List Presentation Comments",
    manage_title: "Manage Presentation Comment",
    list_description: "List the comment threads of a Google Slides presentation with their ids, authors, \
        resolved state, quoted text and replies (max_comments limits how many).",
    manage_description: "Comment on a Google Slides presentation: create a file-level comment, reply to a \
        comment, resolve it, edit its text (your own comments) or delete it (your own). Comments cannot be \
        anchored to a slide element through the API.",
    cell_anchor: None,
};

pub fn list() -> ToolDef {
    list_comments_tool(&COMMENTS)
}

pub fn manage() -> ToolDef {
    manage_comments_tool(&COMMENTS)
}
