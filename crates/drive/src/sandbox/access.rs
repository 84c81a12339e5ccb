//! Who may do what: roles, the permissions a file has (its own, those inherited from its
//! folders, and a shared drive's members), the user's effective role, and the
//! `capabilities` object Drive derives from it.

use serde_json::{Map, Value};

use super::store::{DriveFile, Permission, Store};

/// Drive's roles, weakest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Role {
    Reader,
    Commenter,
    Writer,
    FileOrganizer,
    Organizer,
    Owner,
}

impl Role {
    pub fn parse(text: &str) -> Option<Role> {
        Some(match text {
            "reader" => Role::Reader,
            "commenter" => Role::Commenter,
            "writer" => Role::Writer,
            "fileOrganizer" => Role::FileOrganizer,
            "organizer" => Role::Organizer,
            "owner" => Role::Owner,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Reader => "reader",
            Role::Commenter => "commenter",
            Role::Writer => "writer",
            Role::FileOrganizer => "fileOrganizer",
            Role::Organizer => "organizer",
            Role::Owner => "owner",
        }
    }
}

/// A permission as `permissions.list` shows it for a file.
#[derive(Debug, Clone)]
pub struct Effective {
    pub permission: Permission,
    /// The folder or shared drive it comes from; `None` when set on the file itself.
    pub inherited_from: Option<String>,
}

fn expired(p: &Permission) -> bool {
    p.expiration_time
        .as_deref()
        .and_then(|t| chrono::DateTime::parse_from_rfc3339(t).ok())
        .is_some_and(|t| t.timestamp_millis() < wsmcp_sandbox_kit::ids::now_millis())
}

/// The file's own permissions, then those inherited from its folders (My Drive) or its
/// shared drive's members; one entry per permission id, the strongest role winning.
pub fn effective_permissions(store: &Store, file: &DriveFile) -> Vec<Effective> {
    let mut out: Vec<Effective> = file
        .permissions
        .iter()
        .filter(|p| !expired(p))
        .map(|p| Effective { permission: p.clone(), inherited_from: None })
        .collect();
    let add = |p: &Permission, from: &str, out: &mut Vec<Effective>| {
        if expired(p) {
            return;
        }
        match out.iter_mut().find(|e| e.permission.id == p.id) {
            Some(existing) if existing.permission.role < p.role => {
                existing.permission.role = p.role;
                existing.inherited_from = Some(from.to_string());
            }
            Some(_) => {}
            None => out.push(Effective { permission: p.clone(), inherited_from: Some(from.to_string()) }),
        }
    };
    for folder in store.ancestors(&file.id) {
        // A folder's owner does not become an owner of what is inside it.
        for p in folder.permissions.iter().filter(|p| p.role != Role::Owner) {
            add(p, &folder.id, &mut out);
        }
    }
    if let Some(drive) = file.drive_id.as_deref().and_then(|d| store.drive(d)) {
        for p in &drive.members {
            add(p, &drive.id, &mut out);
        }
    }
    out
}

/// The user's role on `file`, from every permission that reaches them (link and domain
/// sharing included); `None` means the file is invisible to them.
pub fn role_of(store: &Store, file: &DriveFile) -> Option<Role> {
    if file.drive_id.is_none() && file.owner.as_ref().is_some_and(|o| o.email.eq_ignore_ascii_case(&store.me().email)) {
        return Some(Role::Owner);
    }
    effective_permissions(store, file)
        .iter()
        .filter(|e| e.permission.applies_to(&store.me().email))
        .map(|e| e.permission.role)
        .max()
}

/// Whether the file belongs to the user's own corpus (`corpora=user`): owned by them or
/// shared with them by address (directly or through a folder); link and domain sharing
/// alone do not put a file there.
pub fn in_user_corpus(store: &Store, file: &DriveFile) -> bool {
    if file.drive_id.is_some() {
        return false;
    }
    let me = &store.me().email;
    if file.owner.as_ref().is_some_and(|o| o.email.eq_ignore_ascii_case(me)) {
        return true;
    }
    effective_permissions(store, file)
        .iter()
        .any(|e| matches!(e.permission.kind.as_str(), "user" | "group") && e.permission.applies_to(me))
}

/// Whether the user may share the file (create, change and delete permissions).
pub fn can_share(file: &DriveFile, role: Role) -> bool {
    match role {
        Role::Owner | Role::Organizer | Role::FileOrganizer => true,
        Role::Writer => file.drive_id.is_some() || file.writers_can_share,
        Role::Commenter | Role::Reader => false,
    }
}

/// Trash and untrash: the owner in My Drive, content managers and up in a shared drive.
pub fn can_trash(file: &DriveFile, role: Role) -> bool {
    if file.drive_id.is_some() { role >= Role::FileOrganizer } else { role == Role::Owner }
}

/// Delete for good: the owner in My Drive, managers in a shared drive.
pub fn can_delete(file: &DriveFile, role: Role) -> bool {
    if file.drive_id.is_some() { role >= Role::Organizer } else { role == Role::Owner }
}

/// Copy and download: anyone who can read, unless the owner limited that to writers.
pub fn can_copy(file: &DriveFile, role: Role) -> bool {
    !file.is_folder() && (role >= Role::Writer || !file.copy_requires_writer_permission)
}

/// Drive's `capabilities` for the user with `role` on `file`.
pub fn capabilities(file: &DriveFile, role: Role) -> Value {
    let folder = file.is_folder();
    let shared_drive = file.drive_id.is_some();
    let edit = role >= Role::Writer;
    let mut caps = Map::new();
    let mut set = |name: &str, value: bool| {
        caps.insert(name.to_string(), Value::Bool(value));
    };
    set("canAcceptOwnership", false);
    set("canAddChildren", folder && edit);
    set("canAddMyDriveParent", !shared_drive && role == Role::Owner);
    set("canChangeCopyRequiresWriterPermission", edit && !folder);
    set("canChangeViewersCanCopyContent", edit && !folder);
    set("canComment", role >= Role::Commenter);
    set("canCopy", can_copy(file, role));
    set("canDelete", can_delete(file, role));
    set("canDownload", can_copy(file, role));
    set("canEdit", edit);
    set("canListChildren", folder);
    set("canModifyContent", edit && !folder);
    set("canModifyLabels", edit);
    set("canMoveItemWithinDrive", if shared_drive { role >= Role::FileOrganizer } else { edit });
    set("canMoveItemOutOfDrive", if shared_drive { role >= Role::Organizer } else { role == Role::Owner });
    set("canReadLabels", true);
    set("canReadRevisions", edit);
    set("canRemoveChildren", folder && edit);
    set("canRemoveMyDriveParent", !shared_drive && role == Role::Owner);
    set("canRename", edit);
    set("canShare", can_share(file, role));
    set("canTrash", can_trash(file, role));
    set("canUntrash", can_trash(file, role));
    if shared_drive {
        set("canReadDrive", true);
        set("canDeleteChildren", folder && role >= Role::Organizer);
        set("canTrashChildren", folder && role >= Role::FileOrganizer);
        set("canMoveChildrenWithinDrive", folder && role >= Role::FileOrganizer);
        set("canMoveChildrenOutOfDrive", folder && role >= Role::Organizer);
        set("canAddFolderFromAnotherDrive", folder && role >= Role::Organizer);
    }
    Value::Object(caps)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_order_and_parse() {
        assert!(Role::Owner > Role::Organizer);
        assert!(Role::Writer > Role::Commenter);
        assert_eq!(Role::parse("fileOrganizer"), Some(Role::FileOrganizer));
        assert_eq!(Role::parse("admin"), None);
        assert_eq!(Role::Commenter.as_str(), "commenter");
    }
}
