//! The sample Keep account of the sandbox user: notes about Project Atlas with the same people
//! as the mailbox and calendar (Priya Shah, Marco Bianchi), a checklist shared with the team,
//! a whiteboard photo, a note Priya shares with the user, and one in the trash.

use chrono::{DateTime, Duration, Utc};
use serde_json::{Value, json};

use super::store::{AttachmentRec, NoteRec, PermissionRec, Store};

pub const LAUNCH_CHECKLIST: &str = "1AtlasLaunchChecklistKeepNote7Qm2";
pub const WHITEBOARD: &str = "1SyncEngineWhiteboardKeepNote7Qm2";
pub const WHITEBOARD_PHOTO: &str = "1WhiteboardPhotoAttachment7Qm2Lp9";
pub const HIRING_QUESTIONS: &str = "1PriyaHiringQuestionsKeepNote7Qm2";
pub const OFFSITE_IDEAS: &str = "1OffsiteIdeasKeepNoteXk7Qm2Lp9Rt4";
pub const PACKING_LIST: &str = "1TokyoPackingListKeepNoteXk7Qm2Lp";
pub const PARKING_SPOT: &str = "1OldParkingSpotKeepNoteXk7Qm2Lp9R";

const PRIYA: &str = "priya.shah@example.com";
const MARCO: &str = "marco.bianchi@example.com";
pub const ATLAS_TEAM: &str = "atlas-team@example.com";

fn text(t: &str) -> Value {
    json!({ "text": { "text": t } })
}

fn item(t: &str, checked: bool, children: &[(&str, bool)]) -> Value {
    let mut v = json!({ "text": { "text": t }, "checked": checked });
    if !children.is_empty() {
        v["childListItems"] =
            children.iter().map(|(c, done)| json!({ "text": { "text": c }, "checked": done })).collect();
    }
    v
}

fn list(items: Vec<Value>) -> Value {
    json!({ "list": { "listItems": items } })
}

fn perm(id: &str, role: &'static str, email: &str, group: bool) -> PermissionRec {
    PermissionRec { id: id.to_string(), role, email: email.to_string(), group }
}

/// A small whiteboard sketch: boxes for the sync engine's parts on white.
pub fn whiteboard_png() -> Vec<u8> {
    wsmcp_sandbox_kit::assets::png(64, 40, |x, y| {
        let in_box = |x0: u32, y0: u32| (x0..x0 + 20).contains(&x) && (y0..y0 + 12).contains(&y);
        if in_box(4, 6) || in_box(40, 6) || in_box(22, 24) { [52, 110, 220] } else { [255, 255, 255] }
    })
}

pub fn account(user: &str, now: DateTime<Utc>) -> Store {
    let ago = |days: i64| now - Duration::days(days) - Duration::minutes(37);
    let me = |id: &str| perm(id, "OWNER", user, false);
    let note = |id: &str, title: &str, body: Value, days: i64, permissions: Vec<PermissionRec>| NoteRec {
        id: id.to_string(),
        title: Some(title.to_string()),
        body: Some(body),
        created: ago(days + 4),
        updated: ago(days),
        trashed: None,
        attachments: Vec::new(),
        permissions,
    };
    let mut whiteboard = note(
        WHITEBOARD,
        "Whiteboard – sync engine v2",
        text("Photo from Thursday's sync. Queue → merge → store; conflict policy still open (ask Marco)."),
        3,
        vec![me("p1"), perm("p2", "WRITER", MARCO, false)],
    );
    whiteboard.attachments.push(AttachmentRec {
        id: WHITEBOARD_PHOTO.to_string(),
        variants: vec![("image/png".to_string(), whiteboard_png())],
    });
    let mut parking = note(PARKING_SPOT, "Parking spot", text("Level P2, row 14, near the lifts."), 20, vec![me("p1")]);
    parking.trashed = Some(ago(2));
    let notes = vec![
        note(
            LAUNCH_CHECKLIST,
            "Atlas launch checklist",
            list(vec![
                item("Confirm Northwind pilot date", true, &[]),
                item("Send beta invites", false, &[("Draft invite email", true), ("Pick 20 pilot customers", false)]),
                item("Offline mode smoke test", false, &[]),
                item("Update the public FAQ", false, &[]),
            ]),
            1,
            vec![me("p1"), perm("p2", "WRITER", PRIYA, false), perm("p3", "WRITER", ATLAS_TEAM, true)],
        ),
        whiteboard,
        note(
            HIRING_QUESTIONS,
            "Hiring loop questions",
            text(
                "1. Tell us about a sync conflict you resolved.\n2. How would you test offline mode?\n3. What makes a good on-call handover?",
            ),
            5,
            vec![perm("p1", "OWNER", PRIYA, false), perm("p2", "WRITER", user, false)],
        ),
        note(
            OFFSITE_IDEAS,
            "Offsite ideas",
            text("Lake Geneva in spring? Half a day of roadmap, half a day hiking. Budget ~ 400 € per person."),
            9,
            vec![me("p1")],
        ),
        note(
            PACKING_LIST,
            "Packing list – Tokyo 東京",
            list(vec![
                item("Passport", true, &[]),
                item("Adapters", false, &[("Type A plug", false), ("USB-C charger", true)]),
                item("Business cards (名刺)", false, &[]),
            ]),
            12,
            vec![me("p1")],
        ),
        parking,
    ];
    Store { user: user.to_string(), notes }
}
