//! Tables: create_table_with_data (a table and its contents in one batchUpdate) and
//! debug_table_structure (a table's cells with the indices that target them).

use schemars::JsonSchema;
use serde::Deserialize;
use serde_json::{Value, json};
use wsmcp_core::scope;
use wsmcp_core::tool::ToolMeta;
use wsmcp_core::{Hints, Service, Tier, ToolCtx, ToolDef, ToolError, ToolOutput};

use super::doc_ref;
use super::read::SuggestionsViewMode;
use crate::read::{TabView, tab, tabs};
use crate::tables::{TablePlan, check_shape};
use crate::wire::{Document, StructuralElement, Table};
use crate::{api, render, utf16};

fn yes() -> bool {
    true
}

// Arguments of `create_table_with_data`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct CreateTableWithDataParams {
    /// The document's id or its docs.google.com URL.
    pub document_id: String,
    /// The cells, row by row: [["Name", "Role"], ["Priya", "Lead"]]. Every row needs the same
    /// number of cells; use "" for an empty one.
    pub table_data: Vec<Vec<String>>,
    /// Where the table goes, a UTF-16 index inside a paragraph (from inspect_doc_structure).
    /// The tab's end index (the "Body indices 1 to N" value) appends the table at the end; 0
    /// means the start.
    pub index: i64,
    /// Make the first row's text bold.
    #[serde(default = "yes")]
    pub bold_headers: bool,
    /// The tab to put the table in (default: the first tab, or the URL's ?tab=).
    pub tab_id: Option<String>,
    /// How many leading rows repeat at the top of each page the table continues on (0 to the
    /// number of rows).
    #[serde(default)]
    pub header_rows: i64,
}

pub fn create_table_with_data() -> ToolDef {
    ToolDef::new(
        ToolMeta {
            name: "create_table_with_data",
            title: "Create Table with Data",
            description: "Insert a table filled with data into a Google Doc in one request: the table, every \
                cell's text, optionally a bold first row and repeating header rows. Take the index from \
                inspect_doc_structure (the end index appends at the end); check the result with \
                debug_table_structure.",
            service: Service::Docs,
            tier: Tier::Complete,
            hints: Hints::CREATE,
            scopes: &[scope::DOCUMENTS],
        },
        create_table,
    )
}

/// The tab a call names: an explicit `tab_id` wins over the URL's.
fn wanted_tab(explicit: Option<&str>, from_url: Option<String>) -> Option<String> {
    explicit.map(str::trim).filter(|t| !t.is_empty()).map(String::from).or(from_url)
}

/// The tab `wanted` names, or the first.
fn pick_tab<'a>(doc: &'a Document, wanted: Option<&str>) -> Result<TabView<'a>, ToolError> {
    match wanted {
        Some(id) => tab(doc, id).map_err(ToolError::invalid),
        None => tabs(doc)
            .first()
            .copied()
            .ok_or_else(|| ToolError::invalid(format!("Document {} has no content", doc.document_id))),
    }
}

fn top_level_tables(content: &[StructuralElement]) -> impl Iterator<Item = (&StructuralElement, &Table)> {
    content.iter().filter_map(|e| e.table.as_ref().map(|t| (e, t)))
}

async fn create_table(ctx: ToolCtx, p: CreateTableWithDataParams) -> Result<ToolOutput, ToolError> {
    let (id, url_tab) = doc_ref(&p.document_id)?;
    let (rows, columns) = check_shape(&p.table_data).map_err(ToolError::invalid)?;
    let header_rows = usize::try_from(p.header_rows).ok().filter(|n| *n <= rows).ok_or_else(|| {
        ToolError::invalid(format!("header_rows must be 0 to {rows} (the table's rows), got {}", p.header_rows))
    })?;
    let requested = usize::try_from(p.index)
        .map_err(|_| ToolError::invalid(format!("index must be 0 or more, got {}", p.index)))?;
    let wanted = wanted_tab(p.tab_id.as_deref(), url_tab);
    let g = ctx.google().await?;
    // Read first: to know the tab and its end (so its end index can mean "append"), and to
    // apply the table only to the revision those indices came from.
    let doc = api::documents_get(&g, &id, SuggestionsViewMode::DefaultForCurrentAccess.as_str()).await?;
    let t = pick_tab(&doc, wanted.as_deref())?;
    let end = t.end_index();
    let index = match requested {
        0 => 1,
        i if i == end => end - 1,
        i if i > end => {
            return Err(ToolError::invalid(format!(
                "index {i} is past the end of tab \"{}\" ({} is its end index; use 1 to {} inside the text, or {end} to append)",
                t.title,
                end,
                end - 1
            )));
        }
        i => i,
    };
    let plan = TablePlan {
        index,
        data: &p.table_data,
        tab_id: Some(t.id).filter(|id| !id.is_empty()),
        bold_headers: p.bold_headers,
        header_rows,
    };
    let reply = api::documents_batch_update(&g, &id, plan.requests(), doc.revision_id.as_deref()).await?;
    let filled = p.table_data.iter().flatten().filter(|c| !c.is_empty()).count();
    let start = plan.table_start();
    let mut out = format!(
        "Created a {rows}x{columns} table in tab \"{}\" (tab_id: {}) of document {id}: inserted at index {index}, the \
         table starts at {start}.\nFilled {filled} of {} cells",
        t.title,
        t.id,
        rows * columns
    );
    if p.bold_headers {
        out.push_str("; first row bold");
    }
    if header_rows > 0 {
        out.push_str(&format!("; {header_rows} header row(s) repeat on each page"));
    }
    out.push_str(".\n");
    let inside = top_level_tables(t.content).any(|(e, _)| e.start_index <= index && index < e.end_index);
    if inside {
        out.push_str("The table is nested inside a table cell.\n");
    } else {
        let position = top_level_tables(t.content).filter(|(e, _)| e.start_index < start).count();
        out.push_str(&format!(
            "Check its cells with debug_table_structure (table_index: {position}, tab_id: {}).\n",
            t.id
        ));
    }
    if let Some(rev) = reply.write_control.and_then(|w| w.required_revision_id) {
        out.push_str(&format!("Revision now {rev}.\n"));
    }
    Ok(ToolOutput::text(out))
}

// Arguments of `debug_table_structure`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct DebugTableStructureParams {
    /// The document's id or its docs.google.com URL.
    pub document_id: String,
    /// Which table of the tab, in document order: 0 is the first.
    #[serde(default)]
    pub table_index: i64,
    /// The tab holding the table (ids from inspect_doc_structure; default: the first tab).
    pub tab_id: Option<String>,
}

pub fn debug_table_structure() -> ToolDef {
    ToolDef::new(
        ToolMeta {
            name: "debug_table_structure",
            title: "Debug Table Structure",
            description: "Show one table of a Google Doc as JSON: its dimensions and index range, and for each \
                cell its (row,col) position, start and end index, current text, the insertion_index where text \
                typed into it goes and the append_index before its final newline. Use it to target cells with \
                editing tools and to check a table after creating it.",
            service: Service::Docs,
            tier: Tier::Complete,
            hints: Hints::READ,
            scopes: &[scope::DOCUMENTS_READONLY],
        },
        debug_table,
    )
}

fn cell_json(row: usize, column: usize, cell: &crate::wire::TableCell) -> Value {
    let text = render::plain(&cell.content);
    let text = text.strip_suffix('\n').unwrap_or(&text);
    json!({
        "position": format!("({row},{column})"),
        "start_index": cell.start_index,
        "end_index": cell.end_index,
        "current_content": text,
        "content_length_utf16": utf16::len(text),
        // The cell's first paragraph starts one past the cell's own marker.
        "insertion_index": cell.start_index + 1,
        "append_index": cell.end_index.saturating_sub(1),
    })
}

async fn debug_table(ctx: ToolCtx, p: DebugTableStructureParams) -> Result<ToolOutput, ToolError> {
    let (id, url_tab) = doc_ref(&p.document_id)?;
    let wanted_index = usize::try_from(p.table_index)
        .map_err(|_| ToolError::invalid(format!("table_index must be 0 or more, got {}", p.table_index)))?;
    let wanted = wanted_tab(p.tab_id.as_deref(), url_tab);
    let g = ctx.google().await?;
    let doc = api::documents_get(&g, &id, SuggestionsViewMode::DefaultForCurrentAccess.as_str()).await?;
    let t = pick_tab(&doc, wanted.as_deref())?;
    let all: Vec<_> = top_level_tables(t.content).collect();
    let Some((element, table)) = all.get(wanted_index) else {
        let found = match all.len() {
            0 => "it has no tables; create one with create_table_with_data".to_string(),
            n => format!("it has {n} table(s), table_index 0 to {}", n - 1),
        };
        return Err(ToolError::invalid(format!(
            "Tab \"{}\" (tab_id: {}) of document {id} has no table_index {wanted_index}: {found}",
            t.title, t.id
        )));
    };
    let cells: Vec<Vec<Value>> = table
        .table_rows
        .iter()
        .enumerate()
        .map(|(r, row)| row.table_cells.iter().enumerate().map(|(c, cell)| cell_json(r, c, cell)).collect())
        .collect();
    let out = json!({
        "document_id": id,
        "tab_id": t.id,
        "tab_title": t.title,
        "table_index": wanted_index,
        "tables_in_tab": all.len(),
        "dimensions": format!("{}x{}", table.rows, table.columns),
        "rows": table.rows,
        "columns": table.columns,
        "table_range": {"start_index": element.start_index, "end_index": element.end_index},
        "cells": cells,
        "how_to_fill": "Insert text at a cell's insertion_index (or append_index to add after its text); when \
            filling several cells in one batch, go from the last cell backwards so earlier indices stay valid.",
    });
    let text = serde_json::to_string_pretty(&out).map_err(|e| ToolError::Internal(e.to_string()))?;
    Ok(ToolOutput { text, structured: Some(out), ..Default::default() })
}
