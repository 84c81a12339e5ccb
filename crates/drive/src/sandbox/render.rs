//! Drive's JSON resources (File, Permission, User, Drive) built from the store, with
//! Drive's field names and value formats (RFC 3339 times with milliseconds, int64 as
//! strings), before the `fields` selection trims them.

use serde_json::{Map, Value, json};

use super::access::{Effective, Role, can_share, capabilities, effective_permissions};
use super::assets;
use super::convert::export_formats;
use super::store::{DOCUMENT, DriveFile, FOLDER, PRESENTATION, Person, SPREADSHEET, SharedDrive, Store};

/// RFC 3339 in UTC with milliseconds, as Drive writes times.
pub fn time(ms: i64) -> String {
    chrono::DateTime::from_timestamp_millis(ms).unwrap_or_default().format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string()
}

/// A stable 20-digit permission id for an account, shaped like Google's.
pub fn permission_id_for(email: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in email.to_ascii_lowercase().bytes() {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:020}")
}

fn photo_link(email: &str) -> String {
    format!("https://lh3.googleusercontent.com/a/default-user=s64?sbx={}", permission_id_for(email))
}

/// A `drive#user`.
pub fn user_json(store: &Store, person: &Person) -> Value {
    json!({
        "kind": "drive#user",
        "displayName": person.name,
        "emailAddress": person.email,
        "me": person.email.eq_ignore_ascii_case(&store.me().email),
        "permissionId": permission_id_for(&person.email),
        "photoLink": photo_link(&person.email),
    })
}

/// The link Drive's web UI opens a file with.
pub fn web_view_link(file: &DriveFile) -> String {
    let id = &file.id;
    match file.mime_type.as_str() {
        FOLDER => format!("https://drive.google.com/drive/folders/{id}"),
        DOCUMENT => format!("https://docs.google.com/document/d/{id}/edit?usp=drivesdk"),
        SPREADSHEET => format!("https://docs.google.com/spreadsheets/d/{id}/edit?usp=drivesdk"),
        PRESENTATION => format!("https://docs.google.com/presentation/d/{id}/edit?usp=drivesdk"),
        _ => format!("https://drive.google.com/file/d/{id}/view?usp=drivesdk"),
    }
}

fn export_link(file: &DriveFile, mime: &str) -> String {
    let id = &file.id;
    let format = match mime {
        "text/plain" => "txt",
        "text/markdown" | "text/x-markdown" => "md",
        "text/html" => "html",
        "application/pdf" => "pdf",
        "text/csv" => "csv",
        "text/tab-separated-values" => "tsv",
        "application/rtf" => "rtf",
        "application/zip" => "zip",
        "application/epub+zip" => "epub",
        "image/png" => "png",
        "image/jpeg" => "jpeg",
        "image/svg+xml" => "svg",
        m if m.ends_with("wordprocessingml.document") => "docx",
        m if m.ends_with("spreadsheetml.sheet") => "xlsx",
        m if m.ends_with("presentationml.presentation") => "pptx",
        m if m.ends_with("opendocument.text") => "odt",
        m if m.ends_with("opendocument.presentation") => "odp",
        _ => "ods",
    };
    match file.mime_type.as_str() {
        SPREADSHEET => {
            format!("https://docs.google.com/spreadsheets/export?id={id}&exportFormat={format}")
        }
        PRESENTATION => format!("https://docs.google.com/presentation/d/{id}/export/{format}"),
        _ => format!("https://docs.google.com/feeds/download/documents/export/Export?id={id}&exportFormat={format}"),
    }
}

/// `anyoneCanFind`, `anyoneWithLink`, `domainCanFind`, `domainWithLink` or `limited`.
pub fn visibility(effective: &[Effective]) -> &'static str {
    let find = |kind: &str| {
        effective
            .iter()
            .filter(|e| e.permission.kind == kind)
            .map(|e| e.permission.allow_file_discovery.unwrap_or(false))
            .max()
    };
    match (find("anyone"), find("domain")) {
        (Some(true), _) => "anyoneCanFind",
        (Some(false), _) => "anyoneWithLink",
        (None, Some(true)) => "domainCanFind",
        (None, Some(false)) => "domainWithLink",
        (None, None) => "limited",
    }
}

/// A `drive#permission` as the file shows it.
pub fn permission_json(e: &Effective, in_shared_drive: bool) -> Value {
    let p = &e.permission;
    let mut out = Map::new();
    out.insert("kind".into(), json!("drive#permission"));
    out.insert("id".into(), json!(p.id));
    out.insert("type".into(), json!(p.kind));
    out.insert("role".into(), json!(p.role.as_str()));
    if let Some(email) = &p.email {
        out.insert("emailAddress".into(), json!(email));
        out.insert("photoLink".into(), json!(photo_link(email)));
    }
    if let Some(domain) = &p.domain {
        out.insert("domain".into(), json!(domain));
    }
    if let Some(name) = &p.display_name {
        out.insert("displayName".into(), json!(name));
    }
    if let Some(allow) = p.allow_file_discovery {
        out.insert("allowFileDiscovery".into(), json!(allow));
    }
    if let Some(expiration) = &p.expiration_time {
        out.insert("expirationTime".into(), json!(expiration));
    }
    out.insert("deleted".into(), json!(false));
    out.insert("pendingOwner".into(), json!(p.pending_owner));
    if in_shared_drive {
        let permission_type = if e.inherited_from.is_some() && p.kind != "anyone" { "member" } else { "file" };
        let mut detail = json!({
            "permissionType": permission_type,
            "role": p.role.as_str(),
            "inherited": e.inherited_from.is_some(),
        });
        if let (Some(from), Some(obj)) = (&e.inherited_from, detail.as_object_mut()) {
            obj.insert("inheritedFrom".into(), json!(from));
        }
        out.insert("permissionDetails".into(), json!([detail]));
    }
    Value::Object(out)
}

/// The complete `drive#file` for the user holding `role` on it.
pub fn file_json(store: &Store, file: &DriveFile, role: Role) -> Value {
    let effective = effective_permissions(store, file);
    let me = store.me();
    let mut o = Map::new();
    let mut put = |k: &str, v: Value| {
        o.insert(k.to_string(), v);
    };
    put("kind", json!("drive#file"));
    put("id", json!(file.id));
    put("name", json!(file.name));
    put("mimeType", json!(file.mime_type));
    if let Some(d) = &file.description {
        put("description", json!(d));
    }
    put("starred", json!(file.starred));
    put("trashed", json!(file.trashed));
    put("explicitlyTrashed", json!(file.explicitly_trashed));
    if let Some(t) = file.trashed_time {
        put("trashedTime", json!(time(t)));
    }
    if let Some(p) = &file.trashing_user {
        put("trashingUser", user_json(store, p));
    }
    // Drive shows only the parents the user can see.
    let parents: Vec<&String> = file
        .parents
        .iter()
        .filter(|p| {
            store.drive(p).is_some()
                || store.files.get(p.as_str()).is_some_and(|f| super::access::role_of(store, f).is_some())
        })
        .collect();
    if !parents.is_empty() {
        put("parents", json!(parents));
    }
    if !file.properties.is_empty() {
        put("properties", json!(file.properties));
    }
    if !file.app_properties.is_empty() {
        put("appProperties", json!(file.app_properties));
    }
    put("spaces", json!(["drive"]));
    put("version", json!(file.version.to_string()));
    put("webViewLink", json!(web_view_link(file)));
    put("iconLink", json!(format!("https://drive-thirdparty.googleusercontent.com/16/type/{}", file.mime_type)));
    put("hasThumbnail", json!(file.content.bytes().is_some() && file.mime_type.starts_with("image/")));
    put("thumbnailVersion", json!("0"));
    put("viewedByMe", json!(file.viewed_by_me.is_some()));
    if let Some(t) = file.viewed_by_me {
        put("viewedByMeTime", json!(time(t)));
    }
    put("createdTime", json!(time(file.created)));
    put("modifiedTime", json!(time(file.modified)));
    let modified_by_me = file.last_modifying.email.eq_ignore_ascii_case(&me.email);
    put("modifiedByMe", json!(modified_by_me));
    if modified_by_me {
        put("modifiedByMeTime", json!(time(file.modified)));
    }
    if let Some(t) = file.shared_with_me {
        put("sharedWithMeTime", json!(time(t)));
    }
    if let Some(p) = &file.sharing_user {
        put("sharingUser", user_json(store, p));
    }
    if let Some(owner) = &file.owner {
        put("owners", json!([user_json(store, owner)]));
    }
    if let Some(drive) = &file.drive_id {
        put("driveId", json!(drive));
        put("teamDriveId", json!(drive));
        put("hasAugmentedPermissions", json!(!file.permissions.is_empty()));
    }
    put("lastModifyingUser", user_json(store, &file.last_modifying));
    let shared = effective.iter().any(|e| e.permission.role != Role::Owner && e.permission.kind != "member");
    put("shared", json!(shared));
    put("ownedByMe", json!(file.owner.as_ref().is_some_and(|o| o.email.eq_ignore_ascii_case(&me.email))));
    put("capabilities", capabilities(file, role));
    put("viewersCanCopyContent", json!(!file.copy_requires_writer_permission));
    put("copyRequiresWriterPermission", json!(file.copy_requires_writer_permission));
    put("writersCanShare", json!(file.writers_can_share));
    // Only sharers see the access list, and never inline for shared drive items.
    if file.drive_id.is_none() && can_share(file, role) {
        let perms: Vec<Value> = effective.iter().map(|e| permission_json(e, false)).collect();
        let ids: Vec<&String> = effective.iter().map(|e| &e.permission.id).collect();
        put("permissions", json!(perms));
        put("permissionIds", json!(ids));
    }
    put("isAppAuthorized", json!(false));
    put("linkShareMetadata", json!({"securityUpdateEligible": false, "securityUpdateEnabled": true}));
    put("inheritedPermissionsDisabled", json!(false));
    if let Some(color) = file.folder_color_rgb.as_ref().filter(|_| file.is_folder()) {
        put("folderColorRgb", json!(color));
    }
    if let Some(n) = &file.original_filename {
        put("originalFilename", json!(n));
    }
    if let Some(bytes) = file.content.bytes() {
        let size = bytes.len().to_string();
        put("webContentLink", json!(format!("https://drive.google.com/uc?id={}&export=download", file.id)));
        put("size", json!(size));
        put("quotaBytesUsed", json!(size));
        put("headRevisionId", json!(format!("0B{}v{}", file.id.chars().take(12).collect::<String>(), file.version)));
        if let Some(sha) = &file.sha256 {
            put("sha256Checksum", json!(sha));
        }
        if let Some((_, ext)) = file.name.rsplit_once('.') {
            put("fileExtension", json!(ext));
            let full = file.name.split_once('.').map_or(ext, |(_, f)| f);
            put("fullFileExtension", json!(full));
        }
        if let Some((width, height)) = assets::png_size(bytes) {
            put("imageMediaMetadata", json!({"width": width, "height": height, "rotation": 0}));
        }
    } else {
        put("quotaBytesUsed", json!("0"));
    }
    let formats = export_formats(&file.mime_type);
    if !formats.is_empty() {
        let links: Map<String, Value> = formats.iter().map(|m| (m.to_string(), json!(export_link(file, m)))).collect();
        put("exportLinks", Value::Object(links));
    }
    Value::Object(o)
}

/// The user's role on a shared drive (by membership).
pub fn drive_role(store: &Store, drive: &SharedDrive) -> Option<Role> {
    drive.members.iter().filter(|p| p.applies_to(&store.me().email)).map(|p| p.role).max()
}

/// A `drive#drive`.
pub fn drive_json(drive: &SharedDrive, role: Role) -> Value {
    let manage = role >= Role::Organizer;
    let edit = role >= Role::Writer;
    json!({
        "kind": "drive#drive",
        "id": drive.id,
        "name": drive.name,
        "colorRgb": drive.color_rgb,
        "themeId": drive.theme_id,
        "backgroundImageLink": format!("https://ssl.gstatic.com/team_drive_themes/{}_background.jpg", drive.theme_id),
        "createdTime": time(drive.created),
        "hidden": drive.hidden,
        "capabilities": {
            "canAddChildren": edit,
            "canChangeCopyRequiresWriterPermissionRestriction": manage,
            "canChangeDomainUsersOnlyRestriction": manage,
            "canChangeDriveBackground": manage,
            "canChangeDriveMembersOnlyRestriction": manage,
            "canComment": role >= Role::Commenter,
            "canCopy": true,
            "canDeleteChildren": manage,
            "canDeleteDrive": manage,
            "canDownload": true,
            "canEdit": edit,
            "canListChildren": true,
            "canManageMembers": manage,
            "canReadRevisions": edit,
            "canRename": edit,
            "canRenameDrive": manage,
            "canResetDriveRestrictions": manage,
            "canShare": manage,
            "canTrashChildren": role >= Role::FileOrganizer,
        },
        "restrictions": {
            "adminManagedRestrictions": false,
            "copyRequiresWriterPermission": false,
            "domainUsersOnly": false,
            "driveMembersOnly": false,
            "sharingFoldersRequiresOrganizerPermission": false,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert_eq!(time(0), "1970-01-01T00:00:00.000Z");
        let id = permission_id_for("Priya.Shah@example.com");
        assert_eq!(id.len(), 20);
        assert_eq!(id, permission_id_for("priya.shah@example.com"));
    }
}
