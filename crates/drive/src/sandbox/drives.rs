//! Shared drives (drives.list with its own `q`, drives.get) and about.get (the user,
//! storage quota and format tables; Drive requires `fields` on it).

use std::collections::BTreeMap;

use axum::extract::{Path, State};
use http::StatusCode;
use serde_json::{Value, json};
use wsmcp_sandbox_kit::{QueryParams, paginate};

use super::access::Role;
use super::convert::{export_formats, import_formats};
use super::error::DriveError;
use super::fields::{DRIVE_DEFAULT, DRIVE_LIST_DEFAULT, project};
use super::matcher::{Subject, matches};
use super::query::{self, Scope};
use super::render::{drive_json, drive_role, user_json};
use super::store::{DOCUMENT, PRESENTATION, SPREADSHEET, SharedDrive, SharedStore};
use super::{Reply, ok};

fn drive_not_found(id: &str) -> DriveError {
    DriveError::new(StatusCode::NOT_FOUND, "notFound", format!("Shared drive not found: {id}")).at("driveId")
}

fn no_admin(q: &QueryParams) -> Result<(), DriveError> {
    if q.flag("useDomainAdminAccess")? {
        return Err(DriveError::forbidden(
            "insufficientAdministratorPrivileges",
            "The user does not have sufficient administrator privileges for this domain.",
        ));
    }
    Ok(())
}

struct DriveFacts<'a>(&'a SharedDrive);

impl Subject for DriveFacts<'_> {
    fn string(&self, field: &str) -> Option<String> {
        (field == "name").then(|| self.0.name.clone())
    }
    fn time(&self, field: &str) -> Option<i64> {
        (field == "createdTime").then_some(self.0.created)
    }
    fn flag(&self, field: &str) -> Option<bool> {
        (field == "hidden").then_some(self.0.hidden)
    }
    fn number(&self, field: &str) -> Option<f64> {
        let count = |min: Role| self.0.members.iter().filter(|m| m.role >= min).count() as f64;
        match field {
            "memberCount" => Some(count(Role::Reader)),
            "organizerCount" => Some(count(Role::Organizer)),
            _ => None,
        }
    }
    fn members(&self, _field: &str) -> Vec<String> {
        Vec::new()
    }
    fn property(&self, _field: &str, _key: &str) -> Option<String> {
        None
    }
    fn full_text(&self) -> String {
        self.0.name.to_lowercase()
    }
}

/// `GET /drive/v3/drives`
pub async fn drives_list(State(store): State<SharedStore>, q: QueryParams) -> Reply {
    no_admin(&q)?;
    let expr = query::parse(q.get("q").unwrap_or(""), Scope::Drives)?;
    let size = q.uint("pageSize")?.unwrap_or(10).clamp(1, 100);
    let store = store.lock();
    let mut drives: Vec<(&SharedDrive, Role)> = store
        .drives()
        .iter()
        .filter_map(|d| drive_role(&store, d).map(|r| (d, r)))
        .filter(|(d, _)| expr.as_ref().is_none_or(|e| matches(e, &DriveFacts(d))))
        .collect();
    drives.sort_by_key(|(d, _)| d.name.to_lowercase());
    let page = paginate(drives, q.get("pageToken"), usize::try_from(size).unwrap_or(10))?;
    let items: Vec<Value> = page.items.iter().map(|(d, r)| drive_json(d, *r)).collect();
    let mut body = json!({ "kind": "drive#driveList", "drives": items });
    if let (Some(token), Some(obj)) = (page.next_page_token, body.as_object_mut()) {
        obj.insert("nextPageToken".into(), token.into());
    }
    ok(project(&body, q.get("fields"), DRIVE_LIST_DEFAULT))
}

/// `GET /drive/v3/drives/{driveId}`
pub async fn drives_get(State(store): State<SharedStore>, Path(drive_id): Path<String>, q: QueryParams) -> Reply {
    no_admin(&q)?;
    let store = store.lock();
    let drive = store.drive(&drive_id).ok_or_else(|| drive_not_found(&drive_id))?;
    let role = drive_role(&store, drive).ok_or_else(|| drive_not_found(&drive_id))?;
    ok(project(&drive_json(drive, role), q.get("fields"), DRIVE_DEFAULT))
}

/// `GET /drive/v3/about` (Drive answers 400 without `fields`).
pub async fn about_get(State(store): State<SharedStore>, q: QueryParams) -> Reply {
    let Some(fields) = q.get("fields").filter(|f| !f.trim().is_empty()) else {
        return Err(DriveError::required("The 'fields' parameter is required for this method.").at("fields"));
    };
    let store = store.lock();
    let me = store.me().clone();
    let mine = store
        .files()
        .filter(|f| f.drive_id.is_none())
        .filter(|f| f.owner.as_ref().is_some_and(|o| o.email == me.email));
    let (mut usage, mut trash) = (0u64, 0u64);
    for f in mine {
        let size = f.content.byte_len().unwrap_or(0);
        usage += size;
        if f.trashed {
            trash += size;
        }
    }
    let mut imports: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (source, target) in import_formats() {
        imports.entry(source).or_default().push(target);
    }
    let exports: BTreeMap<&str, &[&str]> = [DOCUMENT, SPREADSHEET, PRESENTATION, "application/vnd.google-apps.drawing"]
        .into_iter()
        .map(|m| (m, export_formats(m)))
        .collect();
    let body = json!({
        "kind": "drive#about",
        "user": user_json(&store, &me),
        "storageQuota": {
            "limit": "16106127360",
            "usage": usage.to_string(),
            "usageInDrive": usage.to_string(),
            "usageInDriveTrash": trash.to_string(),
        },
        "importFormats": imports,
        "exportFormats": exports,
        "maxImportSizes": {
            DOCUMENT: "10485760",
            SPREADSHEET: "104857600",
            PRESENTATION: "104857600",
        },
        "maxUploadSize": "5497558138880",
        "appInstalled": false,
        "canCreateDrives": true,
        "canCreateTeamDrives": true,
        "folderColorPalette": ["#ac725e", "#d06b64", "#f83a22", "#fa573c", "#ff7537", "#ffad46", "#42d692", "#16a765", "#7bd148", "#b3dc6c", "#fbe983", "#fad165", "#92e1c0", "#9fe1e7", "#9fc6e7", "#4986e7", "#9a9cff", "#b99aff", "#c2c2c2", "#cabdbf", "#cca6ac", "#f691b2", "#cd74e6", "#a47ae2"],
        "driveThemes": [
            {"id": "abacus", "colorRgb": "#2d5b8d", "backgroundImageLink": "https://ssl.gstatic.com/team_drive_themes/abacus_background.jpg"},
            {"id": "bok_choy", "colorRgb": "#4b8f3c", "backgroundImageLink": "https://ssl.gstatic.com/team_drive_themes/bok_choy_background.jpg"},
        ],
    });
    ok(project(&body, Some(fields), "*"))
}
