//! Builders of `list_<x>_comments` and `manage_<x>_comment` for documents, spreadsheets and
//! presentations. The three pairs differ only in names, the id parameter and (for
//! spreadsheets) a `cell` anchor, so one parameter type serves all: its `file_id` property is
//! renamed in the schema to the service's id parameter, and back in the arguments.

use std::sync::Arc;

use schemars::JsonSchema;
use serde::Deserialize;
use serde_json::Value;
use wsmcp_core::args::{given, nonblank, required};
use wsmcp_core::tool::ToolMeta;
use wsmcp_core::{Hints, Service, Tier, ToolCtx, ToolDef, ToolError, ToolOutput, scope};

use super::{Comment, Reply, render};

/// Turns a spreadsheet `cell` argument into a comment `anchor`.
pub type CellAnchor = fn(&str) -> Result<String, ToolError>;

/// Which editor's comment tools to build, and how.
#[derive(Clone, Copy)]
pub struct CommentTools {
    pub service: Service,
    pub tier: Tier,
    /// "document", "spreadsheet" or "presentation", as the text says it.
    pub noun: &'static str,
    /// The id parameter, e.g. `presentation_id`.
    pub id_param: &'static str,
    pub list_name: &'static str,
    pub manage_name: &'static str,
    pub list_title: &'static str,
    pub manage_title: &'static str,
    pub list_description: &'static str,
    pub manage_description: &'static str,
    /// Spreadsheets: the `anchor` a new comment gets for a `cell` argument. `None` leaves
    /// `cell` out of the tool.
    pub cell_anchor: Option<CellAnchor>,
}

// Arguments of `list_<x>_comments` (`file_id` is renamed per service).
#[derive(Debug, Deserialize, JsonSchema)]
struct ListParams {
    file_id: String,
    /// Most comment threads to return (all when omitted).
    max_comments: Option<i64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
enum CommentAction {
    Create,
    Reply,
    Resolve,
    Update,
    Delete,
}

// Arguments of `manage_<x>_comment`.
#[derive(Debug, Deserialize, JsonSchema)]
struct ManageParams {
    file_id: String,
    /// create (a new comment), reply (to comment_id), resolve (comment_id), update (edit
    /// comment_id's text) or delete (comment_id).
    action: CommentAction,
    /// The text of the new comment, reply or edit; required for create, reply and update.
    comment_content: Option<String>,
    /// The comment to act on (from the list tool); required for reply, resolve, update and delete.
    comment_id: Option<String>,
    /// The cell to anchor a new comment to, in A1 notation (e.g. 'Sheet1!B2'); file-level
    /// when omitted.
    cell: Option<String>,
}

/// Rename `file_id` to the service's id parameter in a built tool's schema and arguments.
fn renamed(mut tool: ToolDef, spec: &CommentTools, keep_cell: bool) -> ToolDef {
    let schema = Arc::make_mut(&mut tool.input_schema);
    if let Some(props) = schema.get_mut("properties").and_then(Value::as_object_mut) {
        if props.remove("file_id").is_some() {
            let description = format!("Id of the {} (from its URL or a Drive search).", spec.noun);
            props
                .insert(spec.id_param.to_string(), serde_json::json!({ "type": "string", "description": description }));
        }
        if !keep_cell {
            props.remove("cell");
        }
    }
    if let Some(required) = schema.get_mut("required").and_then(Value::as_array_mut) {
        for r in required.iter_mut().filter(|r| r.as_str() == Some("file_id")) {
            *r = Value::from(spec.id_param);
        }
    }
    let inner = tool.handler.clone();
    let id_param = spec.id_param;
    tool.handler = Arc::new(move |ctx, mut args| {
        if let Some(obj) = args.as_object_mut()
            && let Some(id) = obj.remove(id_param)
        {
            obj.insert("file_id".to_string(), id);
        }
        inner(ctx, args)
    });
    tool
}

/// `list_<x>_comments`: every comment thread of the file with its replies.
pub fn list_comments_tool(spec: &CommentTools) -> ToolDef {
    let s = *spec;
    let meta = ToolMeta {
        name: s.list_name,
        title: s.list_title,
        description: s.list_description,
        service: s.service,
        tier: s.tier,
        hints: Hints::READ,
        scopes: &[scope::DRIVE_READONLY],
    };
    renamed(ToolDef::new(meta, move |ctx, p: ListParams| list(ctx, p, s)), spec, false)
}

/// `manage_<x>_comment`: create, reply, resolve, update, delete.
pub fn manage_comments_tool(spec: &CommentTools) -> ToolDef {
    let s = *spec;
    let meta = ToolMeta {
        name: s.manage_name,
        title: s.manage_title,
        description: s.manage_description,
        service: s.service,
        tier: s.tier,
        hints: Hints::DESTRUCTIVE,
        scopes: &[scope::DRIVE],
    };
    renamed(ToolDef::new(meta, move |ctx, p: ManageParams| manage(ctx, p, s)), spec, s.cell_anchor.is_some())
}

async fn list(ctx: ToolCtx, p: ListParams, s: CommentTools) -> Result<ToolOutput, ToolError> {
    let file_id = nonblank(&p.file_id, s.id_param)?;
    let max = match p.max_comments {
        Some(n) if n < 1 => return Err(ToolError::invalid(format!("max_comments must be at least 1, got {n}"))),
        Some(n) => usize::try_from(n).unwrap_or(usize::MAX),
        None => usize::MAX,
    };
    let g = ctx.google().await?;
    let mut all: Vec<Comment> = Vec::new();
    let mut token: Option<String> = None;
    let truncated = loop {
        let want = u32::try_from((max - all.len()).min(100)).unwrap_or(100);
        let page = super::comments_list(&g, file_id, want, token.as_deref()).await?;
        all.extend(page.comments);
        token = page.next_page_token;
        if all.len() >= max {
            all.truncate(max);
            break token.is_some();
        }
        if token.is_none() {
            break false;
        }
    };
    Ok(ToolOutput::text(render::comments_text(s.noun, file_id, &all, truncated)))
}

async fn manage(ctx: ToolCtx, p: ManageParams, s: CommentTools) -> Result<ToolOutput, ToolError> {
    let file_id = nonblank(&p.file_id, s.id_param)?.to_string();
    let content = || required(p.comment_content.as_deref(), "comment_content is required for this action");
    let comment_id = || required(p.comment_id.as_deref(), "comment_id is required for this action");
    if p.action != CommentAction::Create && given(p.cell.as_deref()).is_some() {
        return Err(ToolError::invalid("cell applies only to create"));
    }
    let out = match p.action {
        CommentAction::Create => {
            let anchor = match (given(p.cell.as_deref()), s.cell_anchor) {
                (Some(cell), Some(f)) => Some(f(cell)?),
                _ => None,
            };
            let body = Comment { content: Some(content()?.to_string()), anchor, ..Default::default() };
            let g = ctx.google().await?;
            let c = super::comments_create(&g, &file_id, &body).await?;
            format!("Created a comment on {} {file_id}:\n{}", s.noun, render::comment_block(&c))
        }
        CommentAction::Reply => {
            let (id, body) = (comment_id()?, Reply { content: Some(content()?.to_string()), ..Default::default() });
            let g = ctx.google().await?;
            let r = super::replies_create(&g, &file_id, id, &body).await?;
            format!("Replied to comment {id} (reply id {}).\n", r.id.unwrap_or_default())
        }
        CommentAction::Resolve => {
            let id = comment_id()?;
            let body = Reply {
                action: Some("resolve".into()),
                content: given(p.comment_content.as_deref()).map(str::to_string),
                ..Default::default()
            };
            let g = ctx.google().await?;
            super::replies_create(&g, &file_id, id, &body).await?;
            format!("Resolved comment {id} on {} {file_id}.\n", s.noun)
        }
        CommentAction::Update => {
            let (id, body) = (comment_id()?, Comment { content: Some(content()?.to_string()), ..Default::default() });
            let g = ctx.google().await?;
            let c = super::comments_update(&g, &file_id, id, &body).await?;
            format!("Updated comment {id}:\n{}", render::comment_block(&c))
        }
        CommentAction::Delete => {
            let id = comment_id()?;
            let g = ctx.google().await?;
            super::comments_delete(&g, &file_id, id).await?;
            format!("Deleted comment {id} from {} {file_id}.\n", s.noun)
        }
    };
    Ok(ToolOutput::text(out))
}
