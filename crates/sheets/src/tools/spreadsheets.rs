//! Whole spreadsheets: create_spreadsheet, get_spreadsheet_info, list_spreadsheets.

use schemars::JsonSchema;
use serde::Deserialize;
use serde_json::json;
use wsmcp_core::scope;
use wsmcp_core::tool::ToolMeta;
use wsmcp_core::{Hints, Service, Tier, ToolCtx, ToolDef, ToolError, ToolOutput};

use super::{given, nonblank};
use crate::api;
use crate::render;

fn root() -> String {
    "root".into()
}

fn twenty_five() -> i64 {
    25
}

// Arguments of `create_spreadsheet`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct CreateSpreadsheetParams {
    /// Title of the new spreadsheet.
    pub title: String,
    /// Names of its tabs, in order; one tab named Sheet1 when omitted.
    pub sheet_names: Option<Vec<String>>,
    /// Drive folder to put it in; "root" is My Drive. In a shared drive, a folder id of that drive.
    #[serde(default = "root")]
    pub folder_id: String,
}

pub fn create_spreadsheet() -> ToolDef {
    ToolDef::new(
        ToolMeta {
            name: "create_spreadsheet",
            title: "Create Spreadsheet",
            description: "Create a Google Sheets spreadsheet with the given title and tabs, optionally in a Drive \
                folder. Returns its id (the spreadsheet_id of the other Sheets tools), link and tabs.",
            service: Service::Sheets,
            tier: Tier::Core,
            hints: Hints::CREATE,
            scopes: &[scope::SPREADSHEETS, scope::DRIVE_FILE],
        },
        create,
    )
}

/// Tab names trimmed, none blank, none repeated (Sheets compares names ignoring case).
fn tab_names(names: &[String]) -> Result<Vec<String>, ToolError> {
    let mut out: Vec<String> = Vec::new();
    for n in names.iter().map(|n| n.trim()) {
        if n.is_empty() {
            return Err(ToolError::invalid("sheet_names must not contain blank names"));
        }
        if out.iter().any(|o| o.eq_ignore_ascii_case(n)) {
            return Err(ToolError::invalid(format!("sheet_names lists '{n}' twice; tab names must be unique")));
        }
        out.push(n.to_string());
    }
    Ok(out)
}

async fn create(ctx: ToolCtx, p: CreateSpreadsheetParams) -> Result<ToolOutput, ToolError> {
    let title = nonblank(&p.title, "title")?;
    let names = tab_names(p.sheet_names.as_deref().unwrap_or_default())?;
    let folder = given(Some(&p.folder_id)).unwrap_or("root");
    let mut body = json!({ "properties": { "title": title } });
    if !names.is_empty() {
        body["sheets"] = json!(names.iter().map(|n| json!({ "properties": { "title": n } })).collect::<Vec<_>>());
    }
    let g = ctx.google().await?;
    let book = api::spreadsheets_create(&g, &body).await?;
    let id = book["spreadsheetId"].as_str().unwrap_or_default().to_string();
    let mut out = format!("Created spreadsheet \"{title}\" for {}.\n{}", g.user(), render::summary(&book));
    if folder != "root" {
        match api::drive_move_to_folder(&g, &id, folder).await {
            Ok(_) => out.push_str(&format!("Filed in folder {folder}.\n")),
            Err(e) => out.push_str(&format!(
                "WARNING: the spreadsheet was created in My Drive but could not be moved to folder {folder}: {e}\n"
            )),
        }
    }
    Ok(ToolOutput::text(out))
}

// Arguments of `get_spreadsheet_info`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct SpreadsheetInfoParams {
    /// Id of the spreadsheet (from its URL or list_spreadsheets).
    pub spreadsheet_id: String,
}

pub fn get_spreadsheet_info() -> ToolDef {
    ToolDef::new(
        ToolMeta {
            name: "get_spreadsheet_info",
            title: "Get Spreadsheet Info",
            description: "Describe a spreadsheet: title, link, locale and time zone, and each tab with its sheet \
                id, position, size, frozen rows and columns, visibility, merges and conditional format rules, \
                plus its named ranges.",
            service: Service::Sheets,
            tier: Tier::Extended,
            hints: Hints::READ,
            scopes: &[scope::SPREADSHEETS_READONLY],
        },
        info,
    )
}

async fn info(ctx: ToolCtx, p: SpreadsheetInfoParams) -> Result<ToolOutput, ToolError> {
    let id = nonblank(&p.spreadsheet_id, "spreadsheet_id")?;
    let g = ctx.google().await?;
    let fields = "spreadsheetId,spreadsheetUrl,properties(title,locale,timeZone),namedRanges,\
                  sheets(properties,merges,conditionalFormats)";
    let book = api::spreadsheets_get(&g, id, &[], false, Some(fields)).await?;
    Ok(ToolOutput::text(render::info(&book)))
}

// Arguments of `list_spreadsheets`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct ListSpreadsheetsParams {
    /// Spreadsheets per page (1-1000).
    #[serde(default = "twenty_five")]
    pub max_results: i64,
    /// page_token from the previous reply, for the next page.
    pub page_token: Option<String>,
    /// Where to look: user, domain, drive (needs drive_id) or allDrives. Defaults to drive when
    /// drive_id is given, else allDrives.
    pub corpora: Option<String>,
    /// A shared drive to list.
    pub drive_id: Option<String>,
}

pub fn list_spreadsheets() -> ToolDef {
    ToolDef::new(
        ToolMeta {
            name: "list_spreadsheets",
            title: "List Spreadsheets",
            description: "List the Google Sheets spreadsheets this account can open (My Drive, shared with it, \
                shared drives), most recently modified first, with their ids and links.",
            service: Service::Sheets,
            tier: Tier::Extended,
            hints: Hints::READ,
            scopes: &[scope::DRIVE_READONLY],
        },
        list,
    )
}

async fn list(ctx: ToolCtx, p: ListSpreadsheetsParams) -> Result<ToolOutput, ToolError> {
    let size = u32::try_from(p.max_results)
        .ok()
        .filter(|v| (1..=1000).contains(v))
        .ok_or_else(|| ToolError::invalid(format!("max_results must be between 1 and 1000, got {}", p.max_results)))?;
    let drive_id = given(p.drive_id.as_deref());
    let corpora = given(p.corpora.as_deref()).unwrap_or(if drive_id.is_some() { "drive" } else { "allDrives" });
    if !["user", "domain", "drive", "allDrives"].contains(&corpora) {
        return Err(ToolError::invalid(format!("corpora must be user, domain, drive or allDrives, got '{corpora}'")));
    }
    if corpora == "drive" && drive_id.is_none() {
        return Err(ToolError::invalid("corpora 'drive' needs drive_id (the shared drive to list)"));
    }
    let g = ctx.google().await?;
    let page = api::drive_files_list(&g, size, given(p.page_token.as_deref()), corpora, drive_id).await?;
    let files = page["files"].as_array().cloned().unwrap_or_default();
    if files.is_empty() {
        return Ok(ToolOutput::text(format!("No spreadsheets found for {}.", g.user())));
    }
    let mut out = format!("{} spreadsheet(s) for {}:\n", files.len(), g.user());
    for f in &files {
        out.push_str(&render::file_line(f));
    }
    if let Some(t) = page["nextPageToken"].as_str() {
        out.push_str(&format!("\nMore results: pass page_token: {t}\n"));
    }
    Ok(ToolOutput::text(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tab_names_are_checked() {
        let v = |s: &[&str]| s.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert_eq!(tab_names(&v(&[" Q1 ", "Q2"])).unwrap(), ["Q1", "Q2"]);
        assert!(tab_names(&v(&["Q1", "q1"])).unwrap_err().to_string().contains("twice"));
        assert!(tab_names(&v(&[" "])).is_err());
    }
}
