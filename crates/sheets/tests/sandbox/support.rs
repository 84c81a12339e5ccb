//! The sandbox served on loopback and a small Sheets REST client over reqwest.

use std::ops::Deref;

use serde_json::Value;
use wsmcp_sheets::sandbox;
use wsmcp_testkit::{Rest, enc};

pub use wsmcp_sheets::sandbox::seed::{ATLAS_BUDGET_SHEET, FINANCE_FORECAST_SHEET, TEAM_OKRS_SHEET};

pub const USER: &str = "alex.rivera@example.com";

/// A REST client rooted at `v4/spreadsheets` (see [`Rest`]).
pub struct Sheets(Rest);

impl Deref for Sheets {
    type Target = Rest;
    fn deref(&self) -> &Rest {
        &self.0
    }
}

pub async fn start() -> Sheets {
    let handle = wsmcp_testkit::serve_loopback(wsmcp_testkit::sandbox().service(sandbox::emulation(USER))).await;
    let base = format!("{}/v4/spreadsheets", handle.url_for(sandbox::HOST));
    Sheets(Rest::new(handle, base))
}

impl Sheets {
    /// `values.get` of `range` with a `query` (e.g. `valueRenderOption=FORMULA`, or "").
    pub async fn values(&self, id: &str, range: &str, query: &str) -> (u16, Value) {
        self.get(&format!("/{id}/values/{}?{query}", enc(range))).await
    }
    /// `values.update` with USER_ENTERED (or RAW when `raw`).
    pub async fn update(&self, id: &str, range: &str, values: Value, raw: bool) -> (u16, Value) {
        let option = if raw { "RAW" } else { "USER_ENTERED" };
        self.put(
            &format!("/{id}/values/{}?valueInputOption={option}", enc(range)),
            serde_json::json!({ "values": values }),
        )
        .await
    }
    pub async fn batch(&self, id: &str, requests: Value) -> (u16, Value) {
        self.post(&format!("/{id}:batchUpdate"), serde_json::json!({ "requests": requests })).await
    }
}
