//! The emulated spreadsheets: each has sheets (tabs) with properties and a sparse grid of
//! cells (what was entered, its format, note, hyperlink, smart chips, validation), merges and
//! conditional format rules, plus the spreadsheet's named ranges. A spreadsheet the user may
//! only read refuses every write with Google's 403.

use std::collections::BTreeMap;

use serde_json::{Value, json};
use wsmcp_sandbox_kit::{GoogleError, Shared};

use crate::a1::{A1, quote_sheet};

pub type SharedStore = Shared<Store>;

/// What a user typed into a cell, after USER_ENTERED parsing.
#[derive(Debug, Clone, PartialEq)]
pub enum Entered {
    Number(f64),
    Text(String),
    Bool(bool),
    Formula(String),
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Cell {
    pub value: Option<Entered>,
    /// `userEnteredFormat`, as Google's CellFormat JSON.
    pub format: Option<Value>,
    pub note: Option<String>,
    pub hyperlink: Option<String>,
    pub chip_runs: Option<Value>,
    pub validation: Option<Value>,
}

impl Cell {
    pub fn is_blank(&self) -> bool {
        *self == Cell::default()
    }
}

#[derive(Debug, Clone)]
pub struct SheetRec {
    pub id: i64,
    pub title: String,
    pub rows: u32,
    pub cols: u32,
    pub frozen_rows: u32,
    pub frozen_cols: u32,
    pub hidden: bool,
    pub hide_gridlines: bool,
    pub tab_color: Option<Value>,
    /// (row, column), 0-based.
    pub cells: BTreeMap<(u32, u32), Cell>,
    pub merges: Vec<Value>,
    pub conditional_formats: Vec<Value>,
    /// Google's `Table` JSON, ranges kept in step with row and column changes.
    pub tables: Vec<Value>,
    /// Rows and columns whose size or visibility was changed (0-based index).
    pub row_meta: BTreeMap<u32, Dim>,
    pub col_meta: BTreeMap<u32, Dim>,
}

/// A row's or column's own properties; absent ones are Sheets' defaults.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Dim {
    pub pixel_size: Option<u32>,
    pub hidden: bool,
}

/// Default sizes of a new sheet's rows and columns, in pixels.
pub const ROW_PIXELS: u32 = 21;
pub const COLUMN_PIXELS: u32 = 100;

impl SheetRec {
    pub fn new(id: i64, title: &str) -> SheetRec {
        SheetRec {
            id,
            title: title.to_string(),
            rows: 1000,
            cols: 26,
            frozen_rows: 0,
            frozen_cols: 0,
            hidden: false,
            hide_gridlines: false,
            tab_color: None,
            cells: BTreeMap::new(),
            merges: Vec::new(),
            conditional_formats: Vec::new(),
            tables: Vec::new(),
            row_meta: BTreeMap::new(),
            col_meta: BTreeMap::new(),
        }
    }

    pub fn cell(&self, row: u32, col: u32) -> Option<&Cell> {
        self.cells.get(&(row, col))
    }

    /// `DimensionProperties` of row or column `index` as `spreadsheets.get` shows them.
    pub fn dimension_json(&self, rows: bool, index: u32) -> Value {
        let (meta, default) = if rows { (&self.row_meta, ROW_PIXELS) } else { (&self.col_meta, COLUMN_PIXELS) };
        let dim = meta.get(&index).cloned().unwrap_or_default();
        let mut out = json!({ "pixelSize": dim.pixel_size.unwrap_or(default) });
        if dim.hidden {
            out["hiddenByUser"] = json!(true);
        }
        out
    }

    /// A range clamped to this sheet's grid: `(start_row, end_row, start_col, end_col)`.
    pub fn bounds(&self, r: &A1) -> (u32, u32, u32, u32) {
        let clamp = |v: Option<u32>, default: u32, max: u32| v.unwrap_or(default).min(max);
        (
            clamp(r.start_row, 0, self.rows),
            clamp(r.end_row, self.rows, self.rows),
            clamp(r.start_col, 0, self.cols),
            clamp(r.end_col, self.cols, self.cols),
        )
    }

    /// Google's error for cells beyond the grid, or `Ok` when `r` fits.
    pub fn check_within(&self, r: &A1) -> Result<(), GoogleError> {
        let over_rows = r.end_row.is_some_and(|e| e > self.rows) || r.start_row.is_some_and(|s| s >= self.rows);
        let over_cols = r.end_col.is_some_and(|e| e > self.cols) || r.start_col.is_some_and(|s| s >= self.cols);
        if over_rows || over_cols {
            return Err(GoogleError::bad_request(format!(
                "Range ('{}'!{}) exceeds grid limits. Max rows: {}, max columns: {}",
                self.title.replace('\'', "''"),
                r.cells(),
                self.rows,
                self.cols
            )));
        }
        Ok(())
    }

    pub fn properties(&self, index: usize) -> Value {
        let mut grid = json!({ "rowCount": self.rows, "columnCount": self.cols });
        if self.frozen_rows > 0 {
            grid["frozenRowCount"] = json!(self.frozen_rows);
        }
        if self.frozen_cols > 0 {
            grid["frozenColumnCount"] = json!(self.frozen_cols);
        }
        if self.hide_gridlines {
            grid["hideGridlines"] = json!(true);
        }
        let mut p = json!({
            "sheetId": self.id, "title": self.title, "index": index, "sheetType": "GRID", "gridProperties": grid,
        });
        if self.hidden {
            p["hidden"] = json!(true);
        }
        if let Some(c) = &self.tab_color {
            p["tabColorStyle"] = json!({ "rgbColor": c });
        }
        p
    }
}

#[derive(Debug, Clone)]
pub struct NamedRange {
    pub id: String,
    pub name: String,
    pub range: Value,
}

#[derive(Debug, Clone)]
pub struct Spreadsheet {
    pub id: String,
    pub title: String,
    pub sheets: Vec<SheetRec>,
    pub named_ranges: Vec<NamedRange>,
    /// The user is only a reader: writes answer 403.
    pub read_only: bool,
}

impl Spreadsheet {
    /// The sheet a range names, or the first sheet when it names none.
    pub fn sheet_for(&self, r: &A1) -> Result<usize, GoogleError> {
        match &r.sheet {
            None => Ok(0),
            Some(name) => self
                .sheets
                .iter()
                .position(|s| s.title == *name)
                .ok_or_else(|| GoogleError::bad_request(format!("Unable to parse range: {}", r.to_a1()))),
        }
    }

    /// Parses a range as Google does: unknown sheets and bad notation are "Unable to parse range".
    pub fn locate(&self, range: &str) -> Result<(usize, A1), GoogleError> {
        let r = A1::parse(range).map_err(|_| GoogleError::bad_request(format!("Unable to parse range: {range}")))?;
        let i = self.sheet_for(&r)?;
        let title = self.sheets[i].title.clone();
        Ok((i, r.on(&title)))
    }

    pub fn sheet_by_id(&self, id: i64) -> Result<usize, GoogleError> {
        self.sheets
            .iter()
            .position(|s| s.id == id)
            .ok_or_else(|| GoogleError::bad_request(format!("Invalid requests: No grid with id: {id}")))
    }

    pub fn writable(&self) -> Result<(), GoogleError> {
        if self.read_only {
            return Err(GoogleError::forbidden("The caller does not have permission"));
        }
        Ok(())
    }

    /// A new sheet id, unused in this spreadsheet.
    pub fn new_sheet_id(&self) -> i64 {
        let mut id = 1_000_000_000 + self.sheets.iter().map(|s| s.id).max().unwrap_or(0) % 1_000_000_000;
        while self.sheets.iter().any(|s| s.id == id) {
            id += 7919;
        }
        id
    }

    pub fn url(&self) -> String {
        format!("https://docs.google.com/spreadsheets/d/{}/edit", self.id)
    }
}

/// A1 text of a range on sheet `title` (quoted as needed), for replies.
pub fn a1_text(title: &str, rows: (u32, u32), cols: (u32, u32)) -> String {
    let r = A1 {
        sheet: None,
        start_row: Some(rows.0),
        end_row: Some(rows.1.max(rows.0 + 1)),
        start_col: Some(cols.0),
        end_col: Some(cols.1.max(cols.0 + 1)),
    };
    format!("{}!{}", quote_sheet(title), r.cells())
}

#[derive(Debug, Clone)]
pub struct Store {
    pub user: String,
    pub spreadsheets: Vec<Spreadsheet>,
}

impl Store {
    pub fn get(&self, id: &str) -> Result<&Spreadsheet, GoogleError> {
        self.spreadsheets.iter().find(|s| s.id == id).ok_or_else(not_found)
    }

    pub fn get_mut(&mut self, id: &str) -> Result<&mut Spreadsheet, GoogleError> {
        self.spreadsheets.iter_mut().find(|s| s.id == id).ok_or_else(not_found)
    }
}

fn not_found() -> GoogleError {
    GoogleError::new(http::StatusCode::NOT_FOUND, "notFound", "Requested entity was not found.")
}
