//! The table-styling operations of batch_update_doc as Docs requests.

use serde_json::{Value, json};

use super::translate::{Translated, cell as table_cell, index as checked_index, masked, maybe_color, one, points};
use super::{CellEdge, UpdateTableCellStyle, UpdateTableColumnProperties, UpdateTableRowStyle};
use crate::edits::Target;

pub(super) fn cell_style(o: &UpdateTableCellStyle, t: &Target) -> Result<Translated, String> {
    let border_asked = o.border_color.is_some() || o.border_width.is_some() || o.border_edges.is_some();
    let border = border_asked
        .then(|| -> Result<Value, String> {
            let color = maybe_color(&o.border_color, "border_color")?.unwrap_or(json!({"color": {"rgbColor": {}}}));
            Ok(json!({"color": color, "width": points(o.border_width.unwrap_or(1.0)), "dashStyle": "SOLID"}))
        })
        .transpose()?;
    let edges = match &o.border_edges {
        Some(e) if e.is_empty() => return Err("border_edges must name at least one edge".into()),
        Some(e) => e.clone(),
        None => vec![CellEdge::Top, CellEdge::Bottom, CellEdge::Left, CellEdge::Right],
    };
    let edge_border = |edge: CellEdge| if edges.contains(&edge) { border.clone() } else { None };
    let alignment = match o.content_alignment.as_deref().map(|a| a.trim().to_ascii_uppercase()) {
        Some(a) if ["TOP", "MIDDLE", "BOTTOM"].contains(&a.as_str()) => Some(json!(a)),
        Some(a) => return Err(format!("content_alignment must be TOP, MIDDLE or BOTTOM, got \"{a}\"")),
        None => None,
    };
    let (style, fields) = masked(vec![
        ("backgroundColor", maybe_color(&o.background_color, "background_color")?),
        ("borderTop", edge_border(CellEdge::Top)),
        ("borderBottom", edge_border(CellEdge::Bottom)),
        ("borderLeft", edge_border(CellEdge::Left)),
        ("borderRight", edge_border(CellEdge::Right)),
        ("paddingTop", o.padding_top.map(points)),
        ("paddingBottom", o.padding_bottom.map(points)),
        ("paddingLeft", o.padding_left.map(points)),
        ("paddingRight", o.padding_right.map(points)),
        ("contentAlignment", alignment),
    ])
    .ok_or("no cell style given (background_color, border_*, padding_*, content_alignment)")?;
    let table = checked_index(o.table_start_index, "table_start_index")?;
    let mut req = json!({"tableCellStyle": style, "fields": fields});
    match (o.row_index, o.column_index) {
        (None, None) => req["tableStartLocation"] = t.location(table),
        (row, column) => {
            let (rows, columns) = (o.row_span.unwrap_or(1), o.column_span.unwrap_or(1));
            if rows < 1 || columns < 1 {
                return Err("row_span and column_span must be 1 or more".into());
            }
            let at = table_cell(t, o.table_start_index, row.unwrap_or(0), column.unwrap_or(0))?;
            req["tableRange"] = json!({"tableCellLocation": at, "rowSpan": rows, "columnSpan": columns});
        }
    }
    one(json!({"updateTableCellStyle": req}), format!("style cells of the table at {table}"))
}

pub(super) fn column_properties(o: &UpdateTableColumnProperties, t: &Target) -> Result<Translated, String> {
    let columns =
        o.column_indices.iter().map(|c| checked_index(*c, "column_indices")).collect::<Result<Vec<_>, _>>()?;
    let width_type = match o.width_type.as_deref().map(|w| w.trim().to_ascii_uppercase()) {
        Some(w) if w == "FIXED_WIDTH" || w == "EVENLY_DISTRIBUTED" => Some(json!(w)),
        Some(w) => return Err(format!("width_type must be FIXED_WIDTH or EVENLY_DISTRIBUTED, got \"{w}\"")),
        None if o.width.is_some() => Some(json!("FIXED_WIDTH")),
        None => None,
    };
    if let Some(w) = o.width
        && w < 5.0
    {
        return Err(format!("width must be at least 5 points, got {w}"));
    }
    let (props, fields) = masked(vec![("width", o.width.map(points)), ("widthType", width_type)])
        .ok_or("give width and/or width_type")?;
    let table = checked_index(o.table_start_index, "table_start_index")?;
    let req = json!({"updateTableColumnProperties": {"tableStartLocation": t.location(table),
        "columnIndices": columns, "tableColumnProperties": props, "fields": fields}});
    one(req, format!("set column properties of the table at {table}"))
}

pub(super) fn row_style(o: &UpdateTableRowStyle, t: &Target) -> Result<Translated, String> {
    let rows = o.row_indices.iter().map(|r| checked_index(*r, "row_indices")).collect::<Result<Vec<_>, _>>()?;
    let height = o.min_row_height.ok_or("give min_row_height")?;
    if height < 0.0 {
        return Err(format!("min_row_height must be 0 or more points, got {height}"));
    }
    let table = checked_index(o.table_start_index, "table_start_index")?;
    let req = json!({"updateTableRowStyle": {"tableStartLocation": t.location(table), "rowIndices": rows,
        "tableRowStyle": {"minRowHeight": points(height)}, "fields": "minRowHeight"}});
    one(req, format!("set the minimum height of rows of the table at {table}"))
}
