//! A table with its data as ONE batchUpdate: `insertTable`, then `insertText` into each cell
//! from the last cell backwards (text written into a later cell leaves every earlier index as
//! it was, so each cell's index can be computed from the empty table's structure alone), then
//! the header row's bold and the pinned header rows at their final indices. Pure.

use serde_json::{Value, json};

use crate::utf16;

/// Where the text of cell (`row`, `column`) of a new, empty table starting at `start` goes:
/// past the table's own marker, each earlier row (its marker and two units per cell: the
/// cell's marker and its empty paragraph's newline), this row's marker and the earlier cells,
/// and this cell's marker.
pub fn empty_cell_index(start: usize, columns: usize, row: usize, column: usize) -> usize {
    start + 1 + row * (1 + 2 * columns) + 1 + 2 * column + 1
}

/// What to build: rows of cell texts, where, and how to mark the header.
pub struct TablePlan<'a> {
    /// The location given to insertTable; Google puts a newline there, so the table starts one later.
    pub index: usize,
    pub data: &'a [Vec<String>],
    pub tab_id: Option<&'a str>,
    pub bold_headers: bool,
    pub header_rows: usize,
}

impl TablePlan<'_> {
    pub fn table_start(&self) -> usize {
        self.index + 1
    }

    fn columns(&self) -> usize {
        self.data.first().map_or(0, Vec::len)
    }

    fn at(&self, index: usize) -> Value {
        let mut location = json!({"index": index});
        if let Some(tab) = self.tab_id {
            location["tabId"] = json!(tab);
        }
        location
    }

    fn range(&self, from: usize, to: usize) -> Value {
        let mut range = json!({"startIndex": from, "endIndex": to});
        if let Some(tab) = self.tab_id {
            range["tabId"] = json!(tab);
        }
        range
    }

    /// The requests, in the order they must run.
    pub fn requests(&self) -> Vec<Value> {
        let (start, columns) = (self.table_start(), self.columns());
        let mut out = vec![
            json!({"insertTable": {"rows": self.data.len(), "columns": columns, "location": self.at(self.index)}}),
        ];
        let cells: Vec<(usize, usize, &String)> = self
            .data
            .iter()
            .enumerate()
            .flat_map(|(r, row)| row.iter().enumerate().map(move |(c, text)| (r, c, text)))
            .collect();
        for &(r, c, text) in cells.iter().rev().filter(|(_, _, t)| !t.is_empty()) {
            out.push(
                json!({"insertText": {"location": self.at(empty_cell_index(start, columns, r, c)), "text": text}}),
            );
        }
        if self.bold_headers {
            // After filling, a cell starts later by the length of every text before it.
            let mut shift = 0;
            for &(r, c, text) in &cells {
                let len = utf16::len(text);
                if r == 0 && len > 0 {
                    let from = empty_cell_index(start, columns, r, c) + shift;
                    let range = self.range(from, from + len);
                    out.push(
                        json!({"updateTextStyle": {"range": range, "textStyle": {"bold": true}, "fields": "bold"}}),
                    );
                }
                shift += len;
            }
        }
        if self.header_rows > 0 {
            out.push(json!({"pinTableHeaderRows": {
                "tableStartLocation": self.at(start),
                "pinnedHeaderRowsCount": self.header_rows,
            }}));
        }
        out
    }
}

/// The data checked: at least one row, every row as wide as the first and at least one cell.
pub fn check_shape(data: &[Vec<String>]) -> Result<(usize, usize), String> {
    let columns = data.first().map_or(0, Vec::len);
    if data.is_empty() || columns == 0 {
        return Err("table_data must hold at least one row with at least one cell, e.g. [[\"Name\", \"Role\"]]".into());
    }
    if let Some((i, row)) = data.iter().enumerate().find(|(_, row)| row.len() != columns) {
        return Err(format!(
            "table_data row {i} has {} cells but row 0 has {columns}; every row needs the same number of cells \
             (use \"\" for an empty one)",
            row.len()
        ));
    }
    Ok((data.len(), columns))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(data: &[&[&str]]) -> Vec<Vec<String>> {
        data.iter().map(|r| r.iter().map(|c| c.to_string()).collect()).collect()
    }

    #[test]
    fn empty_cells_sit_where_google_puts_them() {
        // A 2x2 table inserted at 1 starts at 2; its cells take text at 5, 7, 10 and 12.
        let at: Vec<usize> =
            [(0, 0), (0, 1), (1, 0), (1, 1)].iter().map(|&(r, c)| empty_cell_index(2, 2, r, c)).collect();
        assert_eq!(at, [5, 7, 10, 12]);
    }

    #[test]
    fn cells_are_filled_last_first_and_headers_bolded_at_final_indices() {
        let data = rows(&[&["Ab", "🚀"], &["", "東京"]]);
        let plan = TablePlan { index: 1, data: &data, tab_id: Some("t.x"), bold_headers: true, header_rows: 1 };
        let r = plan.requests();
        assert_eq!(r[0]["insertTable"], json!({"rows": 2, "columns": 2, "location": {"index": 1, "tabId": "t.x"}}));
        let inserts: Vec<(u64, &str)> = r
            .iter()
            .filter_map(|q| q.get("insertText"))
            .map(|q| (q["location"]["index"].as_u64().unwrap(), q["text"].as_str().unwrap()))
            .collect();
        assert_eq!(inserts, [(12, "東京"), (7, "🚀"), (5, "Ab")], "empty cells are skipped");
        let bold: Vec<(u64, u64)> = r
            .iter()
            .filter_map(|q| q.get("updateTextStyle"))
            .map(|q| (q["range"]["startIndex"].as_u64().unwrap(), q["range"]["endIndex"].as_u64().unwrap()))
            .collect();
        // "Ab" stays at 5..7; the rocket's cell moved by 2 ("Ab") to 9..11.
        assert_eq!(bold, [(5, 7), (9, 11)]);
        assert_eq!(r[4]["updateTextStyle"]["range"]["tabId"], "t.x");
        assert_eq!(
            r[6]["pinTableHeaderRows"],
            json!({"tableStartLocation": {"index": 2, "tabId": "t.x"}, "pinnedHeaderRowsCount": 1})
        );
    }

    #[test]
    fn shapes_are_checked() {
        assert_eq!(check_shape(&rows(&[&["a", "b"], &["", "d"]])), Ok((2, 2)));
        assert!(check_shape(&[]).is_err());
        assert!(check_shape(&rows(&[&[]])).is_err());
        assert!(check_shape(&rows(&[&["a", "b"], &["c"]])).unwrap_err().contains("row 1 has 1 cells"));
    }
}
