//! The spreadsheets of this emulation as the Drive emulation of the same sandbox keeps them
//! (see `wsmcp_drive::sandbox::editors`): every spreadsheet is a Google Sheets file in Drive
//! whose export shows the cells' current formatted values, and a Drive rename or delete
//! reaches it here.

use wsmcp_drive::sandbox::store::SPREADSHEET;
use wsmcp_drive::sandbox::{Content, Editor, EditorFile, Sheet};

use super::cells::rendered;
use super::store::{SharedStore, Spreadsheet};

/// The Sheets store, lent to Drive.
pub struct SheetsInDrive(pub SharedStore);

impl Editor for SheetsInDrive {
    fn mime_type(&self) -> &'static str {
        SPREADSHEET
    }

    fn files(&self) -> Vec<EditorFile> {
        let store = self.0.lock();
        store
            .spreadsheets
            .iter()
            .map(|book| EditorFile {
                id: book.id.clone(),
                mime_type: SPREADSHEET,
                title: book.title.clone(),
                content: drive_content(book),
            })
            .collect()
    }

    fn renamed(&self, id: &str, name: &str) {
        if let Some(book) = self.0.lock().spreadsheets.iter_mut().find(|b| b.id == id) {
            book.title = name.to_string();
        }
    }

    fn deleted(&self, id: &str) {
        self.0.lock().spreadsheets.retain(|b| b.id != id);
    }
}

/// Each sheet's used range as rows of formatted values (what Sheets' CSV export shows).
fn drive_content(book: &Spreadsheet) -> Content {
    let sheets = book
        .sheets
        .iter()
        .enumerate()
        .map(|(i, sheet)| {
            let used = sheet.cells.iter().filter(|(_, c)| c.value.is_some()).map(|(at, _)| *at);
            let (rows, cols) = used.fold((0, 0), |(r, c), (row, col)| (r.max(row + 1), c.max(col + 1)));
            let rows = (0..rows)
                .map(|r| {
                    (0..cols)
                        .map(|c| match rendered(book, i, r, c, "FORMATTED_VALUE") {
                            serde_json::Value::String(s) => s,
                            other => other.to_string(),
                        })
                        .collect()
                })
                .collect();
            Sheet { title: sheet.title.clone(), rows }
        })
        .collect();
    Content::Spreadsheet(sheets)
}
