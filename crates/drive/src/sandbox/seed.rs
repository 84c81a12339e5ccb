//! The sample Drive every sandbox starts with, dated relative to now and consistent with
//! the Gmail seed (Project Atlas with Priya Shah, Marco Bianchi and Lena Fischer, the
//! Munich offsite, receipts): My Drive folders with Google Docs, Sheets and Slides,
//! real PDF, PNG, CSV, .docx, .xlsx and .pptx files, files shared with the user, a public
//! file, a domain-shared file, a trashed and starred files, non-ASCII names, and two
//! shared drives. [`ids`] names the notable items so tests and tools can refer to them.

use super::access::Role;
use super::content::Content;
use super::render::permission_id_for;
use super::store::{DriveFile, FOLDER, Permission, Person, SharedDrive, Store};

mod comments;
/// What seeded files say; other emulations (Docs) build their copies from it so they cannot drift.
pub mod content;
mod items;

pub use comments::comment_ids;
/// The kickoff deck's slides, which the Slides emulation seeds its copy of the deck from.
pub use content::kickoff_deck;

/// Stable ids of the seeded items.
pub mod ids {
    pub const MY_DRIVE_ROOT: &str = "0AExampleMyDriveRootUk9PVA";
    pub const ATLAS_TEAM_DRIVE: &str = "0AAtlasTeamDriveUk9PVA";
    pub const FINANCE_DRIVE: &str = "0AFinanceDriveUk9PVA";

    pub const FOLDER_PROJECTS: &str = "1ProjectsFolderXk7Qm2Lp9Rt4Vw8Zb3";
    pub const FOLDER_ATLAS: &str = "1AtlasFolderXk7Qm2Lp9Rt4Vw8Zb3Nc6";
    pub const FOLDER_ATLAS_DESIGN: &str = "1AtlasDesignFolderXk7Qm2Lp9Rt4Vw8";
    pub const FOLDER_RECEIPTS: &str = "1ReceiptsFolderXk7Qm2Lp9Rt4Vw8Zb3";
    pub const FOLDER_PERSONAL: &str = "1PersonalFolderXk7Qm2Lp9Rt4Vw8Zb3";
    pub const ATLAS_PLAN_DOC: &str = "1AtlasQ3PlanDocXk7Qm2Lp9Rt4Vw8Zb3";
    pub const ATLAS_BUDGET_SHEET: &str = "1AtlasBudgetSheetXk7Qm2Lp9Rt4Vw8Z";
    pub const ATLAS_KICKOFF_SLIDES: &str = "1AtlasKickoffDeckXk7Qm2Lp9Rt4Vw8Z";
    pub const MEETING_NOTES_JA_DOC: &str = "1KaigiMemoDocXk7Qm2Lp9Rt4Vw8Zb3Nc";
    pub const ATLAS_FAQ_PUBLIC_DOC: &str = "1AtlasPublicFaqDocXk7Qm2Lp9Rt4Vw8";
    /// The pilot feedback form (the Forms emulation serves its questions and responses).
    pub const ATLAS_FEEDBACK_FORM: &str = "1AtlasPilotFeedbackFormXk7Qm2Lp9R";
    /// The weekly status report script (the Apps Script emulation serves its project).
    pub const ATLAS_REPORT_SCRIPT: &str = "1AtlasWeeklyReportScriptXk7Qm2Lp9";
    pub const ROADMAP_PDF: &str = "1AtlasRoadmapPdfXk7Qm2Lp9Rt4Vw8Zb";
    pub const LOGO_PNG: &str = "1AtlasLogoPngXk7Qm2Lp9Rt4Vw8Zb3Nc";
    pub const BUDGET_CSV: &str = "1BudgetOktoberCsvXk7Qm2Lp9Rt4Vw8Z";
    pub const REQUIREMENTS_DOCX: &str = "1AtlasRequirementsDocxXk7Qm2Lp9Rt";
    pub const COST_MODEL_XLSX: &str = "1AtlasCostModelXlsxXk7Qm2Lp9Rt4Vw";
    pub const PITCH_PPTX: &str = "1AtlasPitchPptxXk7Qm2Lp9Rt4Vw8Zb3";
    pub const UEBERSICHT_TXT: &str = "1UebersichtTxtXk7Qm2Lp9Rt4Vw8Zb3N";
    pub const NOTES_MD: &str = "1PersonalNotesMdXk7Qm2Lp9Rt4Vw8Zb";
    pub const TEAM_DINNER_PNG: &str = "1TeamDinnerPngXk7Qm2Lp9Rt4Vw8Zb3N";
    pub const SKYLINE_RECEIPT_PDF: &str = "1SkylineReceiptPdfXk7Qm2Lp9Rt4Vw8";
    pub const BEANLEAF_RECEIPT_PDF: &str = "1BeanLeafReceiptPdfXk7Qm2Lp9Rt4Vw";
    /// The Munich trip's hotel invoice as scanned: two pages of pictures, no text layer.
    pub const HOTEL_INVOICE_SCAN_PDF: &str = "1HotelInvoiceScanPdfXk7Qm2Lp9Rt4V";
    pub const TRASHED_DRAFT_TXT: &str = "1OldOffsiteDraftTxtXk7Qm2Lp9Rt4Vw";
    /// Owned by Priya, shared with the user as writer (sharedWithMe).
    pub const HIRING_PLAN_DOC: &str = "1PriyaHiringPlanDocXk7Qm2Lp9Rt4Vw";
    /// Owned by Marco, shared with the user as commenter; copy/download needs writer.
    pub const MOCKUPS_PNG: &str = "1MarcoMockupsPngXk7Qm2Lp9Rt4Vw8Zb";
    /// Owned by Priya and not shared with the user: always "File not found".
    pub const PRIYA_PRIVATE_DOC: &str = "1PriyaPrivateNotesDocXk7Qm2Lp9Rt4";
    /// Owned by Lena, shared with the example.com domain (discoverable).
    pub const TRAVEL_POLICY_DOC: &str = "1TravelPolicyDocXk7Qm2Lp9Rt4Vw8Zb";
    pub const TEAM_LAUNCH_FOLDER: &str = "1TeamLaunchFolderXk7Qm2Lp9Rt4Vw8Z";
    pub const TEAM_CHECKLIST_DOC: &str = "1TeamLaunchChecklistDocXk7Qm2Lp9R";
    pub const TEAM_PRESS_KIT_PDF: &str = "1TeamPressKitPdfXk7Qm2Lp9Rt4Vw8Zb";
    pub const TEAM_OKRS_SHEET: &str = "1TeamOkrsSheetXk7Qm2Lp9Rt4Vw8Zb3N";
    /// In the Finance shared drive, where the user is only a reader.
    pub const FINANCE_FORECAST_SHEET: &str = "1FinanceForecastSheetXk7Qm2Lp9Rt4";
    /// Priya's My Drive folder holding the hiring plan (not visible to the user).
    pub const PRIYA_FOLDER: &str = "1PriyaSharedStuffFolderXk7Qm2Lp9R";
}

pub fn priya() -> Person {
    Person::new("Priya Shah", "priya.shah@example.com")
}
pub fn marco() -> Person {
    Person::new("Marco Bianchi", "marco.bianchi@example.com")
}
pub fn lena() -> Person {
    Person::new("Lena Fischer", "lena.fischer@example.com")
}
fn atlas_team() -> Person {
    Person::new("Atlas team", "atlas-team@example.com")
}

const DAY: f64 = 24.0 * 3600.0 * 1000.0;

/// A permission for a person or group.
pub fn grant(kind: &str, person: &Person, role: Role) -> Permission {
    Permission {
        id: permission_id_for(&person.email),
        kind: kind.to_string(),
        role,
        email: Some(person.email.clone()),
        domain: None,
        display_name: Some(person.name.clone()),
        allow_file_discovery: None,
        expiration_time: None,
        pending_owner: false,
    }
}

/// One seeded file, built up by the chained methods below.
pub(crate) struct Item {
    pub file: DriveFile,
}

impl Item {
    pub fn owner(mut self, person: &Person) -> Self {
        self.file.permissions.retain(|p| p.role != Role::Owner);
        self.file.permissions.insert(0, grant("user", person, Role::Owner));
        self.file.owner = Some(person.clone());
        self.file.last_modifying = person.clone();
        self
    }
    pub fn share(mut self, kind: &str, person: &Person, role: Role) -> Self {
        self.file.permissions.push(grant(kind, person, role));
        self
    }
    pub fn with_link(mut self, role: Role) -> Self {
        self.file.permissions.push(Permission {
            id: "anyoneWithLink".into(),
            kind: "anyone".into(),
            role,
            email: None,
            domain: None,
            display_name: None,
            allow_file_discovery: Some(false),
            expiration_time: None,
            pending_owner: false,
        });
        self
    }
    pub fn with_domain(mut self, domain: &str, role: Role) -> Self {
        self.file.permissions.push(Permission {
            id: format!("{}k", permission_id_for(domain)),
            kind: "domain".into(),
            role,
            email: None,
            domain: Some(domain.to_string()),
            display_name: Some(domain.to_string()),
            allow_file_discovery: Some(true),
            expiration_time: None,
            pending_owner: false,
        });
        self
    }
    pub fn shared_with_me(mut self, by: &Person, days_ago: f64, now: i64) -> Self {
        self.file.shared_with_me = Some(now - (days_ago * DAY) as i64);
        self.file.sharing_user = Some(by.clone());
        self
    }
    pub fn starred(mut self) -> Self {
        self.file.starred = true;
        self
    }
    pub fn edited_by(mut self, person: &Person) -> Self {
        self.file.last_modifying = person.clone();
        self
    }
    pub fn describe(mut self, text: &str) -> Self {
        self.file.description = Some(text.to_string());
        self
    }
    pub fn property(mut self, key: &str, value: &str) -> Self {
        self.file.properties.insert(key.to_string(), value.to_string());
        self
    }
    pub fn color(mut self, rgb: &str) -> Self {
        self.file.folder_color_rgb = Some(rgb.to_string());
        self
    }
    pub fn writer_only_copies(mut self) -> Self {
        self.file.copy_requires_writer_permission = true;
        self
    }
    /// Put the file in a shared drive: the drive owns it.
    pub fn in_drive(mut self, drive_id: &str) -> Self {
        self.file.drive_id = Some(drive_id.to_string());
        self.file.owner = None;
        self.file.permissions.clear();
        self
    }
}

/// Builds the store: dates relative to `now`, the user owning by default.
pub(crate) struct Seeder {
    pub store: Store,
    pub now: i64,
    pub me: Person,
}

impl Seeder {
    fn ago(&self, days: f64) -> i64 {
        self.now - (days * DAY) as i64
    }

    /// A file of the user in `parent`, modified `days_ago` (created a little earlier).
    pub fn item(&self, id: &str, name: &str, mime: &str, parent: &str, days_ago: f64, content: Content) -> Item {
        let modified = self.ago(days_ago);
        let mut file = DriveFile {
            id: id.to_string(),
            name: name.to_string(),
            mime_type: mime.to_string(),
            description: None,
            parents: vec![parent.to_string()],
            drive_id: None,
            owner: Some(self.me.clone()),
            created: modified - (3.0 * DAY) as i64,
            modified,
            viewed_by_me: Some(modified + (0.2 * DAY) as i64),
            shared_with_me: None,
            sharing_user: None,
            last_modifying: self.me.clone(),
            starred: false,
            trashed: false,
            explicitly_trashed: false,
            trashed_time: None,
            trashing_user: None,
            properties: Default::default(),
            app_properties: Default::default(),
            content: Content::None,
            permissions: vec![grant("user", &self.me, Role::Owner)],
            writers_can_share: true,
            copy_requires_writer_permission: false,
            version: 1 + (days_ago as u64 % 7) * 3,
            original_filename: None,
            folder_color_rgb: None,
            indexable_text: None,
            sha256: None,
        };
        if !mime.starts_with("application/vnd.google-apps.") {
            file.original_filename = Some(name.to_string());
        }
        file.set_content(content);
        Item { file }
    }

    pub fn folder(&self, id: &str, name: &str, parent: &str, days_ago: f64) -> Item {
        self.item(id, name, FOLDER, parent, days_ago, Content::None)
    }

    pub fn add(&mut self, item: Item) {
        self.store.insert(item.file);
    }

    /// Trash a seeded file on its own, `days_ago`.
    pub fn trash(&mut self, id: &str, days_ago: f64) {
        let when = self.ago(days_ago);
        let me = self.me.clone();
        if let Some(f) = self.store.file_mut(id) {
            f.trashed = true;
            f.explicitly_trashed = true;
            f.trashed_time = Some(when);
            f.trashing_user = Some(me);
        }
    }

    /// A shared drive with its members and its root folder.
    pub fn shared_drive(
        &mut self,
        id: &str,
        name: &str,
        theme: &str,
        color: &str,
        members: Vec<Permission>,
        days_ago: f64,
    ) {
        let created = self.ago(days_ago);
        self.store.drives.push(SharedDrive {
            id: id.to_string(),
            name: name.to_string(),
            created,
            color_rgb: color.to_string(),
            theme_id: theme.to_string(),
            hidden: false,
            members,
        });
        let mut root = self.folder(id, name, "", days_ago).in_drive(id);
        root.file.parents.clear();
        root.file.created = created;
        self.add(root);
    }
}

/// The sample Drive of `user_email`.
pub fn drive(user_email: &str) -> Store {
    let name = wsmcp_sandbox_kit::oauth::display_name_for(user_email);
    let me = Person::new(&name, user_email);
    let now = wsmcp_sandbox_kit::ids::now_millis();
    let mut store = Store::new(me.clone(), ids::MY_DRIVE_ROOT, now - (400.0 * DAY) as i64);
    store.directory.extend([
        priya(),
        marco(),
        lena(),
        atlas_team(),
        Person::new("Kenji Watanabe", "kenji.watanabe@example.jp"),
        Person::new("Dana Whitfield", "dana.whitfield@northwind.example"),
    ]);
    let mut seeder = Seeder { store, now, me };
    items::my_drive(&mut seeder);
    items::shared_with_me(&mut seeder);
    items::shared_drives(&mut seeder);
    comments::comments(&mut seeder);
    seeder.store
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sandbox::access::role_of;

    #[test]
    fn seed_has_the_promised_shape() {
        let store = drive("alex.rivera@example.com");
        assert!(store.files().count() >= 30);
        let role = |id: &str| store.file(id).and_then(|f| role_of(&store, f));
        assert_eq!(role(ids::ATLAS_PLAN_DOC), Some(Role::Owner));
        assert_eq!(role(ids::HIRING_PLAN_DOC), Some(Role::Writer));
        assert_eq!(role(ids::MOCKUPS_PNG), Some(Role::Commenter));
        assert_eq!(role(ids::PRIYA_PRIVATE_DOC), None);
        assert_eq!(role(ids::TRAVEL_POLICY_DOC), Some(Role::Reader));
        assert_eq!(role(ids::TEAM_CHECKLIST_DOC), Some(Role::Organizer));
        assert_eq!(role(ids::FINANCE_FORECAST_SHEET), Some(Role::Reader));
        assert!(store.file(ids::TRASHED_DRAFT_TXT).is_some_and(|f| f.trashed));
        assert!(store.file("root").is_some_and(|f| f.name == "My Drive"));
    }
}
