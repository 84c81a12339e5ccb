//! Labels: list_gmail_labels, manage_gmail_label, modify_gmail_message_labels,
//! batch_modify_gmail_message_labels.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::json;
use wsmcp_core::google::GoogleCtx;
use wsmcp_core::scope;
use wsmcp_core::tool::ToolMeta;
use wsmcp_core::{Hints, Service, Tier, ToolCtx, ToolDef, ToolError, ToolOutput};

use super::{READ_CHUNK, clean_ids};
use crate::api::{self, Format};
use crate::palette;
use crate::wire::{BatchModifyRequest, Label, LabelColor, Message, ModifyRequest};

fn yes() -> bool {
    true
}

// Arguments of `list_gmail_labels`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct ListGmailLabelsParams {
    /// Only labels whose name starts with this exact, case-sensitive text (e.g. "Projects/").
    /// Gmail has no server-side filter: all labels are read and narrowed here.
    pub prefix: Option<String>,
    /// Return compact JSON {"count", "labels": [{"id", "name"}]} sorted by name instead of
    /// the text listing (for callers that parse the result).
    #[serde(default)]
    pub compact: bool,
    /// Include system labels (INBOX, SENT, TRASH, ...); false lists user labels only.
    #[serde(default = "yes")]
    pub include_system: bool,
}

pub fn list_gmail_labels() -> ToolDef {
    ToolDef::new(
        ToolMeta {
            name: "list_gmail_labels",
            title: "List Gmail Labels",
            description: "List the mailbox's labels with their ids (needed to add or remove labels), type, \
                visibility and color.",
            service: Service::Gmail,
            tier: Tier::Extended,
            hints: Hints::READ,
            scopes: &[scope::GMAIL_READONLY],
        },
        list_labels,
    )
}

async fn list_labels(ctx: ToolCtx, p: ListGmailLabelsParams) -> Result<ToolOutput, ToolError> {
    let g = ctx.google().await?;
    let mut labels = api::users_labels_list(&g).await?.labels;
    let prefix = p.prefix.as_deref().unwrap_or_default();
    labels.retain(|l| l.name.as_deref().unwrap_or_default().starts_with(prefix));
    if !p.include_system {
        labels.retain(|l| !is_system(l));
    }
    labels.sort_by(|a, b| a.name.cmp(&b.name));
    if p.compact {
        let list: Vec<_> = labels.iter().map(|l| json!({"id": l.id, "name": l.name})).collect();
        let value = json!({"count": list.len(), "labels": list});
        return Ok(ToolOutput { text: value.to_string(), structured: Some(value), ..Default::default() });
    }
    if labels.is_empty() {
        return Ok(ToolOutput::text(if prefix.is_empty() {
            "No labels found.".into()
        } else {
            format!("No labels start with \"{prefix}\".")
        }));
    }
    let (system, user): (Vec<&Label>, Vec<&Label>) = labels.iter().partition(|l| is_system(l));
    let mut out = format!("{} label(s).\n", labels.len());
    for (title, group) in [("System labels", system), ("User labels", user)] {
        if group.is_empty() {
            continue;
        }
        out.push_str(&format!("\n{title} ({}):\n", group.len()));
        for l in group {
            out.push_str(&format!("  {} (id: {})", l.name.as_deref().unwrap_or("?"), l.id.as_deref().unwrap_or("?")));
            if let Some(c) = &l.color {
                out.push_str(&format!(
                    " color: {} on {}",
                    c.text_color.as_deref().unwrap_or("?"),
                    c.background_color.as_deref().unwrap_or("?")
                ));
            }
            if let Some(v) = l.label_list_visibility.as_deref().filter(|v| *v != "labelShow") {
                out.push_str(&format!(" [{v}]"));
            }
            out.push('\n');
        }
    }
    Ok(ToolOutput::text(out))
}

fn is_system(l: &Label) -> bool {
    l.r#type.as_deref() == Some("system")
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum LabelAction {
    Create,
    Update,
    Delete,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
#[allow(clippy::enum_variant_names)] // Gmail's own values: labelShow, labelShowIfUnread, labelHide
pub enum LabelListVisibility {
    LabelShow,
    LabelShowIfUnread,
    LabelHide,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum MessageListVisibility {
    Show,
    Hide,
}

fn wire_name<T: Serialize>(v: T) -> Option<String> {
    serde_json::to_value(v).ok().and_then(|v| v.as_str().map(str::to_string))
}

// Arguments of `manage_gmail_label`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct ManageGmailLabelParams {
    /// What to do with the label.
    pub action: LabelAction,
    /// Label name (use "/" for nesting, e.g. "Projects/2025"). Required for create;
    /// renames on update.
    pub name: Option<String>,
    /// Label id (from list_gmail_labels). Required for update and delete.
    pub label_id: Option<String>,
    /// Whether the label shows in the label list. Create defaults to "labelShow"; update
    /// keeps the current value when omitted.
    pub label_list_visibility: Option<LabelListVisibility>,
    /// Whether the label's messages show in the message list. Create defaults to "show";
    /// update keeps the current value when omitted.
    pub message_list_visibility: Option<MessageListVisibility>,
    /// Background color as hex, e.g. "#fb4c2f"; give text_color too. Only Gmail's label
    /// palette is accepted (checked before calling Gmail). User labels only.
    pub background_color: Option<String>,
    /// Text color as hex, e.g. "#ffffff"; give background_color too. Same palette. Update
    /// keeps the current colors when both are omitted.
    pub text_color: Option<String>,
    /// Update only: remove the label's color. Not combinable with the color arguments.
    #[serde(default)]
    pub clear_color: bool,
}

pub fn manage_gmail_label() -> ToolDef {
    ToolDef::new(
        ToolMeta {
            name: "manage_gmail_label",
            title: "Manage Gmail Label",
            description: "Create, update (rename, visibility, color) or delete a label. Update changes only the \
                fields given; delete removes the label from every message.",
            service: Service::Gmail,
            tier: Tier::Extended,
            hints: Hints::DESTRUCTIVE,
            scopes: &[scope::GMAIL_LABELS],
        },
        manage_label,
    )
}

async fn manage_label(ctx: ToolCtx, p: ManageGmailLabelParams) -> Result<ToolOutput, ToolError> {
    let color = color_of(&p)?;
    let name = p.name.as_deref().map(str::trim).filter(|n| !n.is_empty());
    let label_id = p.label_id.as_deref().map(str::trim).filter(|n| !n.is_empty());
    let g = ctx.google().await?;
    match p.action {
        LabelAction::Create => {
            let name = name.ok_or_else(|| ToolError::invalid("name is required to create a label"))?;
            create_label(&g, &p, name, color).await
        }
        LabelAction::Update => {
            let id = label_id
                .ok_or_else(|| ToolError::invalid("label_id is required to update a label (see list_gmail_labels)"))?;
            update_label(&g, &p, id, name, color).await
        }
        LabelAction::Delete => {
            let id = label_id
                .ok_or_else(|| ToolError::invalid("label_id is required to delete a label (see list_gmail_labels)"))?;
            api::users_labels_delete(&g, id).await?;
            Ok(ToolOutput::text(format!("Deleted label {id}. Messages keep existing; they just lose this label.")))
        }
    }
}

/// The color the arguments ask for, checked against Gmail's palette before any request.
fn color_of(p: &ManageGmailLabelParams) -> Result<Option<LabelColor>, ToolError> {
    if p.clear_color && (p.background_color.is_some() || p.text_color.is_some()) {
        return Err(ToolError::invalid(
            "clear_color removes the color; do not pass background_color or text_color with it",
        ));
    }
    if p.clear_color && p.action != LabelAction::Update {
        return Err(ToolError::invalid("clear_color only applies to action \"update\""));
    }
    match (p.background_color.as_deref(), p.text_color.as_deref()) {
        (None, None) => Ok(None),
        (Some(bg), Some(fg)) => Ok(Some(LabelColor {
            background_color: Some(palette::check(bg, "background_color").map_err(ToolError::invalid)?),
            text_color: Some(palette::check(fg, "text_color").map_err(ToolError::invalid)?),
        })),
        _ => Err(ToolError::invalid("Gmail needs both background_color and text_color to color a label; pass both")),
    }
}

async fn create_label(
    g: &GoogleCtx,
    p: &ManageGmailLabelParams,
    name: &str,
    color: Option<LabelColor>,
) -> Result<ToolOutput, ToolError> {
    let label = Label {
        name: Some(name.to_string()),
        label_list_visibility: wire_name(p.label_list_visibility.unwrap_or(LabelListVisibility::LabelShow)),
        message_list_visibility: wire_name(p.message_list_visibility.unwrap_or(MessageListVisibility::Show)),
        color,
        ..Default::default()
    };
    let created = api::users_labels_create(g, &label).await?;
    Ok(ToolOutput::text(format!("Created label \"{}\".\n{}", name, describe(&created))))
}

/// Reads the label, then sends only what differs: a PATCH, or a full update when the color must
/// go (PATCH keeps fields it is not given).
async fn update_label(
    g: &GoogleCtx,
    p: &ManageGmailLabelParams,
    id: &str,
    name: Option<&str>,
    color: Option<LabelColor>,
) -> Result<ToolOutput, ToolError> {
    let current = api::users_labels_get(g, id).await?;
    let (mut changes, mut changed) = differences(&current, p, name, color);
    if p.clear_color {
        if current.color.is_none() {
            return Ok(ToolOutput::text(format!("Label {id} has no color; nothing changed.\n{}", describe(&current))));
        }
        let mut replacement = current.clone();
        replacement.color = None;
        replacement.name = changes.name.take().or(replacement.name);
        replacement.label_list_visibility = changes.label_list_visibility.take().or(replacement.label_list_visibility);
        replacement.message_list_visibility =
            changes.message_list_visibility.take().or(replacement.message_list_visibility);
        let updated = api::users_labels_update(g, id, &replacement).await?;
        changed.push("color (cleared)");
        return Ok(ToolOutput::text(format!("Updated label {id}: {}.\n{}", changed.join(", "), describe(&updated))));
    }
    if changed.is_empty() {
        return Ok(ToolOutput::text(format!(
            "Nothing to change: label {id} already has these values.\n{}",
            describe(&current)
        )));
    }
    let updated = api::users_labels_patch(g, id, &changes).await?;
    Ok(ToolOutput::text(format!("Updated label {id}: {}.\n{}", changed.join(", "), describe(&updated))))
}

/// The fields the arguments change on `current`, and their names for the reply.
fn differences(
    current: &Label,
    p: &ManageGmailLabelParams,
    name: Option<&str>,
    color: Option<LabelColor>,
) -> (Label, Vec<&'static str>) {
    let mut changes = Label::default();
    let mut changed = Vec::new();
    if let Some(n) = name.filter(|n| current.name.as_deref() != Some(*n)) {
        changes.name = Some(n.to_string());
        changed.push("name");
    }
    if let Some(v) =
        p.label_list_visibility.and_then(wire_name).filter(|v| current.label_list_visibility.as_ref() != Some(v))
    {
        changes.label_list_visibility = Some(v);
        changed.push("label_list_visibility");
    }
    if let Some(v) =
        p.message_list_visibility.and_then(wire_name).filter(|v| current.message_list_visibility.as_ref() != Some(v))
    {
        changes.message_list_visibility = Some(v);
        changed.push("message_list_visibility");
    }
    if let Some(c) = color.filter(|c| current.color.as_ref() != Some(c)) {
        changes.color = Some(c);
        changed.push("color");
    }
    (changes, changed)
}

fn describe(l: &Label) -> String {
    let mut out = format!(
        "Label: {} (id: {})\nLabel list: {}\nMessage list: {}\n",
        l.name.as_deref().unwrap_or("?"),
        l.id.as_deref().unwrap_or("?"),
        l.label_list_visibility.as_deref().unwrap_or("default"),
        l.message_list_visibility.as_deref().unwrap_or("default"),
    );
    match &l.color {
        Some(c) => out.push_str(&format!(
            "Color: text {} on background {}\n",
            c.text_color.as_deref().unwrap_or("?"),
            c.background_color.as_deref().unwrap_or("?")
        )),
        None => out.push_str("Color: none\n"),
    }
    out
}

// Arguments of `modify_gmail_message_labels`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct ModifyGmailMessageLabelsParams {
    /// The message to change.
    pub message_id: String,
    /// Label ids to add (e.g. "STARRED", "TRASH", or a user label id).
    pub add_label_ids: Option<Vec<String>>,
    /// Label ids to remove (e.g. "INBOX" to archive, "UNREAD" to mark read).
    pub remove_label_ids: Option<Vec<String>>,
}

pub fn modify_gmail_message_labels() -> ToolDef {
    ToolDef::new(
        ToolMeta {
            name: "modify_gmail_message_labels",
            title: "Modify Gmail Message Labels",
            description: "Add or remove labels on one message. Archive: remove INBOX. Mark read: remove UNREAD. \
                Move to trash: add TRASH.",
            service: Service::Gmail,
            tier: Tier::Extended,
            hints: Hints::DESTRUCTIVE,
            scopes: &[scope::GMAIL_MODIFY],
        },
        modify_labels,
    )
}

async fn modify_labels(ctx: ToolCtx, p: ModifyGmailMessageLabelsParams) -> Result<ToolOutput, ToolError> {
    let id = super::required(Some(&p.message_id), "message_id is required")?;
    let (add, remove) = label_lists(p.add_label_ids, p.remove_label_ids)?;
    let g = ctx.google().await?;
    let msg =
        api::users_messages_modify(&g, id, &ModifyRequest { add_label_ids: &add, remove_label_ids: &remove }).await?;
    let mut out = format!("Updated labels of message {id}.\n");
    if !add.is_empty() {
        out.push_str(&format!("Added: {}\n", add.join(", ")));
    }
    if !remove.is_empty() {
        out.push_str(&format!("Removed: {}\n", remove.join(", ")));
    }
    out.push_str(&format!(
        "Labels now: {}\n",
        if msg.label_ids.is_empty() { "(none)".into() } else { msg.label_ids.join(", ") }
    ));
    Ok(ToolOutput::text(out))
}

/// Cleans the add/remove lists and checks they make sense together.
fn label_lists(add: Option<Vec<String>>, remove: Option<Vec<String>>) -> Result<(Vec<String>, Vec<String>), ToolError> {
    let add = clean_ids(&add.unwrap_or_default());
    let remove = clean_ids(&remove.unwrap_or_default());
    if add.is_empty() && remove.is_empty() {
        return Err(ToolError::invalid(
            "pass add_label_ids and/or remove_label_ids (label ids from list_gmail_labels)",
        ));
    }
    if let Some(both) = add.iter().find(|a| remove.contains(a)) {
        return Err(ToolError::invalid(format!("label {both} is both added and removed; pick one")));
    }
    Ok((add, remove))
}

// Arguments of `batch_modify_gmail_message_labels`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct BatchModifyGmailMessageLabelsParams {
    /// Message ids to change (sent in calls of up to 1000 ids).
    pub message_ids: Option<Vec<String>>,
    /// Label ids to add.
    pub add_label_ids: Option<Vec<String>>,
    /// Label ids to remove.
    pub remove_label_ids: Option<Vec<String>>,
    /// Read message_ids back afterwards and report, per id, whether it now has the
    /// requested labels (Gmail's batch call reports nothing and skips unknown ids). Costs
    /// one read per id; false skips it for big sweeps. Threads always report per thread.
    #[serde(default = "yes")]
    pub verify: bool,
    /// Thread ids whose every message should change (one call per thread).
    pub thread_ids: Option<Vec<String>>,
}

pub fn batch_modify_gmail_message_labels() -> ToolDef {
    ToolDef::new(
        ToolMeta {
            name: "batch_modify_gmail_message_labels",
            title: "Batch Modify Gmail Message Labels",
            description: "Add or remove labels on many messages, or on whole conversations via thread_ids (e.g. \
                remove INBOX to archive them). Reports the outcome per message (verify) and per thread.",
            service: Service::Gmail,
            tier: Tier::Complete,
            hints: Hints::DESTRUCTIVE,
            scopes: &[scope::GMAIL_MODIFY],
        },
        batch_modify,
    )
}

/// Gmail's cap on ids per batchModify call.
const BATCH_MODIFY_MAX: usize = 1000;

async fn batch_modify(ctx: ToolCtx, p: BatchModifyGmailMessageLabelsParams) -> Result<ToolOutput, ToolError> {
    let message_ids = clean_ids(&p.message_ids.unwrap_or_default());
    let thread_ids = clean_ids(&p.thread_ids.unwrap_or_default());
    if message_ids.is_empty() && thread_ids.is_empty() {
        return Err(ToolError::invalid("pass message_ids and/or thread_ids: there is nothing to modify"));
    }
    let (add, remove) = label_lists(p.add_label_ids, p.remove_label_ids)?;
    let g = ctx.google().await?;
    let mut out = String::new();
    if !message_ids.is_empty() {
        for chunk in message_ids.chunks(BATCH_MODIFY_MAX) {
            let body = BatchModifyRequest { ids: chunk, add_label_ids: &add, remove_label_ids: &remove };
            api::users_messages_batch_modify(&g, &body).await?;
        }
        out.push_str(&format!(
            "Messages: sent {} id(s) to Gmail (add: {}; remove: {}).\n",
            message_ids.len(),
            or_none(&add),
            or_none(&remove)
        ));
        if p.verify {
            out.push_str(&verify_messages(&g, &message_ids, &add, &remove).await);
        } else {
            out.push_str("  Not verified (verify=false): Gmail does not report which ids it changed.\n");
        }
    }
    if !thread_ids.is_empty() {
        out.push_str(&format!("Threads ({}):\n", thread_ids.len()));
        let body = ModifyRequest { add_label_ids: &add, remove_label_ids: &remove };
        let mut done = 0;
        for id in &thread_ids {
            match api::users_threads_modify(&g, id, &body).await {
                Ok(t) => {
                    done += 1;
                    out.push_str(&format!("  {id}: updated ({} message(s))\n", t.messages.len()));
                }
                Err(e) => out.push_str(&format!("  {id}: FAILED: {e}\n")),
            }
        }
        out.push_str(&format!("  {done} of {} thread(s) updated.\n", thread_ids.len()));
    }
    Ok(ToolOutput::text(out))
}

fn or_none(list: &[String]) -> String {
    if list.is_empty() { "none".into() } else { list.join(", ") }
}

/// Reads the messages back and sorts them into: has the requested labels / does not /
/// could not be read.
async fn verify_messages(
    g: &wsmcp_core::google::GoogleCtx,
    ids: &[String],
    add: &[String],
    remove: &[String],
) -> String {
    let items: Vec<_> = ids.iter().map(|id| api::users_messages_get_item(id, Format::Minimal)).collect();
    let results = api::batch_get::<Message>(g, &items, READ_CHUNK).await;
    let (mut ok, mut mismatched, mut missing, mut failed) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for (id, r) in ids.iter().zip(results) {
        match r {
            Ok(m) => {
                let good =
                    add.iter().all(|l| m.label_ids.contains(l)) && remove.iter().all(|l| !m.label_ids.contains(l));
                if good {
                    ok.push(id.as_str())
                } else {
                    mismatched.push(format!("{id} (labels: {})", m.label_ids.join(", ")))
                }
            }
            Err(e) if e.is_not_found() => missing.push(id.as_str()),
            Err(e) => failed.push(format!("{id} ({e})")),
        }
    }
    let mut out = format!("  Verified: {} of {} message(s) now have the requested labels.\n", ok.len(), ids.len());
    if !mismatched.is_empty() {
        out.push_str(&format!("  Not changed as requested: {}\n", mismatched.join("; ")));
    }
    if !missing.is_empty() {
        out.push_str(&format!("  Not found (Gmail skipped them): {}\n", missing.join(", ")));
    }
    if !failed.is_empty() {
        out.push_str(&format!("  Could not be read back: {}\n", failed.join("; ")));
    }
    out
}
