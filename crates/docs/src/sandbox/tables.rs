//! Table requests: `insertTable` (Google splits the paragraph at the location with a newline,
//! so the table starts at index + 1 and the text after the location follows the table),
//! `insertTableRow`/`insertTableColumn`/`deleteTableRow`/`deleteTableColumn` at a
//! `tableCellLocation` (the table's start index, a row and a column), and
//! `pinTableHeaderRows`. A table is found by its start index in any segment, nested tables
//! included; deleting its last row or column deletes it.

use serde_json::{Value, json};

use super::edit::{self, EditResult};
use super::model::{Block, Doc, Para, Table, content_len};
use super::segments::{self, int};

/// The cells leading to a block list: (block, row, column) of each enclosing table.
type CellPath = Vec<(usize, usize, usize)>;

fn empty_cell() -> Vec<Block> {
    vec![Block::Para(Para::new("NORMAL_TEXT", ""))]
}

fn empty_table(rows: usize, columns: usize) -> Table {
    Table { rows: (0..rows).map(|_| (0..columns).map(|_| empty_cell()).collect()).collect(), pinned_header_rows: 0 }
}

/// The block starting exactly at `start` (a table when `table`, else a paragraph), searched
/// through table cells: the path to its block list and its position there.
fn find_block(blocks: &[Block], base: usize, start: usize, table: bool) -> Option<(CellPath, usize)> {
    let mut at = base;
    for (i, b) in blocks.iter().enumerate() {
        if at == start && matches!(b, Block::Table(_)) == table {
            return Some((Vec::new(), i));
        }
        if let Block::Table(t) = b
            && start > at
            && start < at + b.len()
        {
            let mut pos = at + 1;
            for (r, row) in t.rows.iter().enumerate() {
                pos += 1;
                for (c, cell) in row.iter().enumerate() {
                    let cell_len = content_len(cell);
                    if start > pos && start < pos + 1 + cell_len {
                        let (mut path, found) = find_block(cell, pos + 1, start, table)?;
                        path.insert(0, (i, r, c));
                        return Some((path, found));
                    }
                    pos += 1 + cell_len;
                }
            }
            return None;
        }
        at += b.len();
    }
    None
}

fn container<'a>(mut blocks: &'a mut Vec<Block>, path: &[(usize, usize, usize)]) -> Option<&'a mut Vec<Block>> {
    for &(b, r, c) in path {
        let Some(Block::Table(t)) = blocks.get_mut(b) else { return None };
        blocks = t.rows.get_mut(r)?.get_mut(c)?;
    }
    Some(blocks)
}

/// `insertTable`: an empty `rows` x `columns` table after a newline inserted at the location.
pub fn insert_table(doc: &mut Doc, body: &Value) -> EditResult<Value> {
    let (rows, columns) = (int(body, "rows"), int(body, "columns"));
    if rows == 0 || columns == 0 {
        return Err("A table must have at least one row and one column.".into());
    }
    let at = segments::location(body)?;
    let (blocks, base) = segments::resolve(doc, at)?.into_blocks();
    let index = match body.get("location") {
        Some(l) => segments::index(l),
        None => base + content_len(blocks) - 1,
    };
    edit::insert_text(blocks, base, index, "\n")?;
    // The paragraph that held the location now starts one further on; the table goes before it.
    let (path, i) = find_block(blocks, base, index + 1, false).ok_or("The table could not be placed.")?;
    let list = container(blocks, &path).ok_or("The table could not be placed.")?;
    list.insert(i, Block::Table(empty_table(rows, columns)));
    Ok(json!({}))
}

/// The table starting at the `tableStartLocation` in `location`: its block list and position.
fn table_at<'a>(doc: &'a mut Doc, start: &Value) -> EditResult<(&'a mut Vec<Block>, usize)> {
    let index = segments::index(start);
    let (blocks, base) = segments::resolve(doc, start)?.into_blocks();
    let missing = || format!("Invalid table start location: no table starts at index {index}.");
    let (path, i) = find_block(blocks, base, index, true).ok_or_else(missing)?;
    Ok((container(blocks, &path).ok_or_else(missing)?, i))
}

/// The table a `tableCellLocation` names, checked to have that cell; then `edit` on it. When
/// `change` leaves the table without rows or columns, the table is removed.
fn at_cell(
    doc: &mut Doc,
    body: &Value,
    change: impl FnOnce(&mut Table, usize, usize) -> EditResult<()>,
) -> EditResult<Value> {
    let cell = body.get("tableCellLocation").ok_or("tableCellLocation must be set.")?;
    let (row, column) = (int(cell, "rowIndex"), int(cell, "columnIndex"));
    let start = cell.get("tableStartLocation").ok_or("tableCellLocation.tableStartLocation must be set.")?;
    let (list, i) = table_at(doc, start)?;
    let Some(Block::Table(table)) = list.get_mut(i) else {
        return Err("Invalid table start location.".into());
    };
    let row_count = table.rows.len();
    let Some(cells) = table.rows.get(row) else {
        return Err(format!("Row index {row} is out of bounds: the table has {row_count} rows."));
    };
    if column >= cells.len() {
        return Err(format!("Column index {column} is out of bounds: the row has {} cells.", cells.len()));
    }
    change(table, row, column)?;
    if table.rows.is_empty() || table.rows.iter().any(Vec::is_empty) {
        list.remove(i);
    }
    Ok(json!({}))
}

pub fn insert_row(doc: &mut Doc, body: &Value) -> EditResult<Value> {
    let below = body.get("insertBelow").and_then(Value::as_bool).unwrap_or(false);
    at_cell(doc, body, |t, row, _| {
        let width = t.rows.get(row).map_or(0, Vec::len);
        let at = if below { row + 1 } else { row };
        t.rows.insert(at, (0..width).map(|_| empty_cell()).collect());
        // A row added among the pinned header rows becomes one of them.
        if at < t.pinned_header_rows {
            t.pinned_header_rows += 1;
        }
        Ok(())
    })
}

pub fn insert_column(doc: &mut Doc, body: &Value) -> EditResult<Value> {
    let right = body.get("insertRight").and_then(Value::as_bool).unwrap_or(false);
    at_cell(doc, body, |t, _, column| {
        let at = if right { column + 1 } else { column };
        for row in &mut t.rows {
            row.insert(at.min(row.len()), empty_cell());
        }
        Ok(())
    })
}

pub fn delete_row(doc: &mut Doc, body: &Value) -> EditResult<Value> {
    at_cell(doc, body, |t, row, _| {
        t.rows.remove(row);
        if row < t.pinned_header_rows {
            t.pinned_header_rows -= 1;
        }
        Ok(())
    })
}

pub fn delete_column(doc: &mut Doc, body: &Value) -> EditResult<Value> {
    at_cell(doc, body, |t, _, column| {
        for row in &mut t.rows {
            if column < row.len() {
                row.remove(column);
            }
        }
        Ok(())
    })
}

/// `pinTableHeaderRows`: how many leading rows repeat on each page (0 unpins them).
pub fn pin_header_rows(doc: &mut Doc, body: &Value) -> EditResult<Value> {
    let start = body.get("tableStartLocation").ok_or("tableStartLocation must be set.")?;
    let count = int(body, "pinnedHeaderRowsCount");
    let (list, i) = table_at(doc, start)?;
    let Some(Block::Table(table)) = list.get_mut(i) else {
        return Err("Invalid table start location.".into());
    };
    if count > table.rows.len() {
        return Err(format!("pinnedHeaderRowsCount {count} is more than the table's {} rows.", table.rows.len()));
    }
    table.pinned_header_rows = count;
    Ok(json!({}))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_are_found_by_start_index_even_nested() {
        let mut inner = empty_table(1, 1);
        inner.rows[0][0] = vec![Block::Para(Para::new("NORMAL_TEXT", "x"))];
        let mut outer = empty_table(1, 2);
        outer.rows[0][1] = vec![Block::Para(Para::new("NORMAL_TEXT", "")), Block::Table(inner)];
        let blocks = vec![Block::Para(Para::new("NORMAL_TEXT", "ab")), Block::Table(outer)];
        // "ab\n" 1..4; outer table 4, row 5, cell 6, "\n" 7..8, cell 8, "\n" 9..10, inner table 10.
        assert_eq!(find_block(&blocks, 1, 4, true), Some((vec![], 1)));
        assert_eq!(find_block(&blocks, 1, 10, true), Some((vec![(1, 0, 1)], 1)));
        assert_eq!(find_block(&blocks, 1, 9, false), Some((vec![(1, 0, 1)], 0)));
        assert_eq!(find_block(&blocks, 1, 5, true), None);
    }
}
