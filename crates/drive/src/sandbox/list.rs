//! files.list: corpora and shared drive flags (with Drive's 400/403 rules), the `q`
//! language over each visible file, `orderBy`, paging and `fields`.

use std::cmp::Ordering;

use axum::extract::State;
use wsmcp_sandbox_kit::{QueryParams, paginate};

use super::access::{Role, effective_permissions, in_user_corpus, role_of};
use super::convert::index_text;
use super::error::DriveError;
use super::fields::{FILE_LIST_DEFAULT, project};
use super::matcher::{Subject, matches};
use super::query::{self, Expr, Scope};
use super::render::{drive_role, file_json, visibility};
use super::store::{DriveFile, SharedStore, Store};
use super::{Reply, ok, supports_all_drives};

/// Which files a list searches.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Corpus {
    User,
    Domain,
    Drive(String),
    AllDrives,
}

/// Check corpora/driveId/includeItemsFromAllDrives/supportsAllDrives the way Drive does.
fn corpus(q: &QueryParams) -> Result<(Corpus, bool), DriveError> {
    let supports = supports_all_drives(q)?;
    let include = q.flag("includeItemsFromAllDrives")? || q.flag("includeTeamDriveItems")?;
    let drive_id = q.get("driveId").or_else(|| q.get("teamDriveId")).filter(|d| !d.is_empty());
    let corpora = q.get("corpora").or_else(|| q.get("corpus")).filter(|c| !c.is_empty()).unwrap_or("user");
    let corpora = match corpora {
        "teamDrive" => "drive",
        "allTeamDrives" => "allDrives",
        other => other,
    };
    if !matches!(corpora, "user" | "domain" | "drive" | "allDrives") {
        return Err(DriveError::invalid("Invalid Value").at("corpora"));
    }
    if (corpora == "drive") != drive_id.is_some() {
        return Err(DriveError::bad_request(
            "The driveId parameter must be specified if and only if corpora is set to drive.",
        )
        .with_reason("teamDriveIdRequiresTeamDriveCorpora")
        .at("driveId"));
    }
    let all_drives = matches!(corpora, "drive" | "allDrives");
    if all_drives && !include {
        return Err(DriveError::forbidden(
            "teamDriveIncludeItemsRequired",
            "The includeItemsFromAllDrives parameter must be set to true when driveId is specified or corpora contains drive or allDrives.",
        )
        .at("includeItemsFromAllDrives"));
    }
    if include && !supports {
        return Err(DriveError::forbidden(
            "teamDrivesSupportRequired",
            "The includeItemsFromAllDrives parameter can only be set to true when supportsAllDrives is also set to true.",
        )
        .at("supportsAllDrives"));
    }
    let corpus = match (corpora, drive_id) {
        ("drive", Some(id)) => Corpus::Drive(id.to_string()),
        ("allDrives", _) => Corpus::AllDrives,
        ("domain", _) => Corpus::Domain,
        _ => Corpus::User,
    };
    Ok((corpus, include))
}

fn member_of(store: &Store, drive_id: &str) -> bool {
    store.drive(drive_id).and_then(|d| drive_role(store, d)).is_some()
}

fn in_corpus(store: &Store, file: &DriveFile, corpus: &Corpus, include: bool) -> bool {
    let shared_drive_item = file.drive_id.as_deref().is_some_and(|d| member_of(store, d));
    match corpus {
        Corpus::User => in_user_corpus(store, file) || (include && shared_drive_item),
        Corpus::Domain => {
            in_user_corpus(store, file)
                || effective_permissions(store, file).iter().any(|e| {
                    matches!(e.permission.kind.as_str(), "domain" | "anyone")
                        && e.permission.allow_file_discovery == Some(true)
                })
        }
        Corpus::Drive(id) => file.drive_id.as_deref() == Some(id.as_str()),
        Corpus::AllDrives => in_user_corpus(store, file) || shared_drive_item,
    }
}

/// A file as the query language sees it.
struct Facts<'a> {
    store: &'a Store,
    file: &'a DriveFile,
}

impl Subject for Facts<'_> {
    fn string(&self, field: &str) -> Option<String> {
        match field {
            "name" => Some(self.file.name.clone()),
            "mimeType" => Some(self.file.mime_type.clone()),
            "visibility" => Some(visibility(&effective_permissions(self.store, self.file)).to_string()),
            _ => None,
        }
    }

    fn time(&self, field: &str) -> Option<i64> {
        match field {
            "modifiedTime" => Some(self.file.modified),
            "createdTime" => Some(self.file.created),
            "viewedByMeTime" => self.file.viewed_by_me,
            _ => None,
        }
    }

    fn flag(&self, field: &str) -> Option<bool> {
        match field {
            "trashed" => Some(self.file.trashed),
            "starred" => Some(self.file.starred),
            "sharedWithMe" => Some(self.file.shared_with_me.is_some()),
            _ => None,
        }
    }

    fn number(&self, _field: &str) -> Option<f64> {
        None
    }

    fn members(&self, field: &str) -> Vec<String> {
        let me = self.store.me().email.to_lowercase();
        let mut out: Vec<String> = match field {
            "parents" => {
                let mut parents: Vec<String> = self.file.parents.iter().map(|p| p.to_lowercase()).collect();
                if self.file.parents.iter().any(|p| p == self.store.root_id()) {
                    parents.push("root".into());
                }
                return parents;
            }
            "owners" => self.file.owner.iter().map(|o| o.email.to_lowercase()).collect(),
            "writers" | "readers" => {
                let min = if field == "writers" { Role::Writer } else { Role::Reader };
                let mut people: Vec<String> = effective_permissions(self.store, self.file)
                    .iter()
                    .filter(|e| e.permission.role >= min)
                    .filter_map(|e| e.permission.email.as_deref())
                    .map(str::to_lowercase)
                    .collect();
                people.extend(self.file.owner.iter().map(|o| o.email.to_lowercase()));
                people
            }
            _ => Vec::new(),
        };
        if out.contains(&me) {
            out.push("me".into());
        }
        out
    }

    fn property(&self, field: &str, key: &str) -> Option<String> {
        let map = match field {
            "properties" => &self.file.properties,
            _ => &self.file.app_properties,
        };
        map.get(key).cloned()
    }

    fn full_text(&self) -> String {
        index_text(self.file)
    }
}

/// One `orderBy` key and its direction.
fn order_keys(text: &str) -> Result<Vec<(String, bool)>, DriveError> {
    let mut keys = Vec::new();
    for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let (key, desc) = match part.split_once(char::is_whitespace) {
            Some((k, dir)) if dir.trim().eq_ignore_ascii_case("desc") => (k, true),
            Some((k, dir)) if dir.trim().eq_ignore_ascii_case("asc") => (k, false),
            Some(_) => return Err(DriveError::invalid("Invalid Value").at("orderBy")),
            None => (part, false),
        };
        const KNOWN: &[&str] = &[
            "createdTime",
            "folder",
            "modifiedByMeTime",
            "modifiedTime",
            "name",
            "name_natural",
            "quotaBytesUsed",
            "recency",
            "sharedWithMeTime",
            "starred",
            "viewedByMeTime",
        ];
        if !KNOWN.contains(&key) {
            return Err(DriveError::invalid("Invalid Value").at("orderBy"));
        }
        keys.push((key.to_string(), desc));
    }
    Ok(keys)
}

fn compare_by(key: &str, a: &DriveFile, b: &DriveFile, me: &str) -> Ordering {
    let by_me = |f: &DriveFile| f.last_modifying.email.eq_ignore_ascii_case(me).then_some(f.modified);
    match key {
        "createdTime" => a.created.cmp(&b.created),
        // Folders first, as Drive's UI.
        "folder" => b.is_folder().cmp(&a.is_folder()),
        "modifiedByMeTime" => by_me(a).cmp(&by_me(b)),
        "modifiedTime" => a.modified.cmp(&b.modified),
        "name" | "name_natural" => a.name.to_lowercase().cmp(&b.name.to_lowercase()),
        "quotaBytesUsed" => a.content.byte_len().cmp(&b.content.byte_len()),
        "recency" => a.modified.max(a.viewed_by_me.unwrap_or(0)).cmp(&b.modified.max(b.viewed_by_me.unwrap_or(0))),
        "sharedWithMeTime" => a.shared_with_me.cmp(&b.shared_with_me),
        "starred" => b.starred.cmp(&a.starred),
        "viewedByMeTime" => a.viewed_by_me.cmp(&b.viewed_by_me),
        _ => Ordering::Equal,
    }
}

/// `GET /drive/v3/files`
pub async fn files_list(State(store): State<SharedStore>, q: QueryParams) -> Reply {
    let (corpus, include) = corpus(&q)?;
    let expr: Option<Expr> = query::parse(q.get("q").unwrap_or(""), Scope::Files)?;
    let keys = order_keys(q.get("orderBy").unwrap_or("modifiedTime desc"))?;
    let spaces = q.get("spaces").unwrap_or("drive");
    let mut app_data_only = true;
    for space in spaces.split(',').map(str::trim) {
        match space {
            "drive" => app_data_only = false,
            "appDataFolder" => {}
            _ => return Err(DriveError::invalid("Invalid Value").at("spaces")),
        }
    }
    let page_size = q.uint("pageSize")?.unwrap_or(100).clamp(1, 1000);
    let store = store.lock();
    if let Corpus::Drive(id) = &corpus
        && !member_of(&store, id)
    {
        return Err(DriveError::new(http::StatusCode::NOT_FOUND, "notFound", format!("Shared drive not found: {id}"))
            .at("driveId"));
    }
    let me = store.me().email.clone();
    let mut found: Vec<(&DriveFile, Role)> = store
        .files()
        .filter(|_| !app_data_only)
        .filter(|f| f.id != store.root_id() && f.drive_id.as_deref() != Some(f.id.as_str()))
        .filter_map(|f| role_of(&store, f).map(|r| (f, r)))
        .filter(|(f, _)| in_corpus(&store, f, &corpus, include))
        .filter(|(f, _)| expr.as_ref().is_none_or(|e| matches(e, &Facts { store: &store, file: f })))
        .collect();
    found.sort_by(|(a, _), (b, _)| {
        keys.iter()
            .map(|(key, desc)| {
                let o = compare_by(key, a, b, &me);
                if *desc { o.reverse() } else { o }
            })
            .find(|o| *o != Ordering::Equal)
            .unwrap_or_else(|| a.id.cmp(&b.id))
    });
    let page = paginate(found, q.get("pageToken"), usize::try_from(page_size).unwrap_or(100))?;
    let files: Vec<serde_json::Value> = page.items.iter().map(|(f, role)| file_json(&store, f, *role)).collect();
    let mut body = serde_json::json!({
        "kind": "drive#fileList",
        "incompleteSearch": false,
        "files": files,
    });
    if let (Some(token), Some(obj)) = (page.next_page_token, body.as_object_mut()) {
        obj.insert("nextPageToken".into(), token.into());
    }
    ok(project(&body, q.get("fields"), FILE_LIST_DEFAULT))
}
