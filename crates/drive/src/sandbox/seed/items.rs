//! Where the seeded files sit and who may see them: the user's My Drive, files others
//! shared with the user (or kept from them), and the two shared drives.

use super::super::access::Role;
use super::super::content::Content;
use super::super::office::{DOCX, PPTX, XLSX};
use super::super::store::{DOCUMENT, FORM, PRESENTATION, SCRIPT, SPREADSHEET};
use super::{Seeder, atlas_team, content as c, grant, ids::*, lena, marco, priya};

pub fn my_drive(s: &mut Seeder) {
    let root = MY_DRIVE_ROOT;
    let (priya, marco, lena) = (priya(), marco(), lena());
    let projects = s.folder(FOLDER_PROJECTS, "Projects", root, 90.0);
    s.add(projects);
    let atlas = s
        .folder(FOLDER_ATLAS, "Atlas", FOLDER_PROJECTS, 60.0)
        .color("#4986e7")
        .describe("Everything for Project Atlas, shared with the core team.")
        .share("user", &priya, Role::Writer)
        .share("user", &marco, Role::Writer)
        .share("group", &atlas_team(), Role::Reader);
    s.add(atlas);
    let design = s.folder(FOLDER_ATLAS_DESIGN, "Design", FOLDER_ATLAS, 12.0);
    s.add(design);
    let receipts = s.folder(FOLDER_RECEIPTS, "Receipts", root, 40.0);
    s.add(receipts);
    let personal = s.folder(FOLDER_PERSONAL, "Personal", root, 70.0);
    s.add(personal);

    let items = vec![
        s.item(ATLAS_PLAN_DOC, "Atlas Q3 plan", DOCUMENT, FOLDER_ATLAS, 2.0, c::atlas_plan())
            .starred()
            .edited_by(&priya)
            .describe("Goals, milestones and risks for Atlas in Q3.")
            .property("project", "atlas")
            .property("quarter", "Q3"),
        s.item(ATLAS_BUDGET_SHEET, "Atlas budget", SPREADSHEET, FOLDER_ATLAS, 5.0, c::atlas_budget())
            .edited_by(&lena)
            .property("project", "atlas")
            .property("department", "engineering"),
        s.item(ATLAS_KICKOFF_SLIDES, "Atlas kickoff deck", PRESENTATION, FOLDER_ATLAS, 50.0, c::kickoff_deck()),
        s.item(MEETING_NOTES_JA_DOC, "会議メモ – Atlas Japan pilot", DOCUMENT, FOLDER_ATLAS, 9.0, c::japan_memo()),
        s.item(ATLAS_FAQ_PUBLIC_DOC, "Atlas public FAQ", DOCUMENT, FOLDER_ATLAS, 20.0, c::public_faq())
            .with_link(Role::Reader),
        s.item(ATLAS_FEEDBACK_FORM, "Atlas pilot feedback", FORM, FOLDER_ATLAS, 6.0, Content::None),
        s.item(ATLAS_REPORT_SCRIPT, "Atlas weekly report", SCRIPT, FOLDER_ATLAS, 15.0, Content::None),
        s.item(ROADMAP_PDF, "Atlas-Q3-Roadmap.pdf", "application/pdf", FOLDER_ATLAS, 18.0, c::roadmap_pdf()).starred(),
        s.item(LOGO_PNG, "atlas-logo.png", "image/png", FOLDER_ATLAS_DESIGN, 12.0, c::logo_png()),
        s.item(REQUIREMENTS_DOCX, "Atlas requirements.docx", DOCX, FOLDER_ATLAS, 30.0, c::requirements_docx()),
        s.item(COST_MODEL_XLSX, "Atlas cost model.xlsx", XLSX, FOLDER_ATLAS, 28.0, c::cost_model_xlsx()),
        s.item(PITCH_PPTX, "Atlas pitch.pptx", PPTX, FOLDER_ATLAS, 26.0, c::pitch_pptx()),
        s.item(BUDGET_CSV, "budget-oktober.csv", "text/csv", FOLDER_PROJECTS, 30.0, c::budget_csv()),
        s.item(
            SKYLINE_RECEIPT_PDF,
            "Skyline Air e-ticket K7Q2XP.pdf",
            "application/pdf",
            FOLDER_RECEIPTS,
            25.0,
            c::skyline_receipt(),
        ),
        s.item(
            BEANLEAF_RECEIPT_PDF,
            "Bean & Leaf order BL-20931.pdf",
            "application/pdf",
            FOLDER_RECEIPTS,
            40.0,
            c::beanleaf_receipt(),
        ),
        s.item(
            HOTEL_INVOICE_SCAN_PDF,
            "Hotel Isarblick invoice (scan).pdf",
            "application/pdf",
            FOLDER_RECEIPTS,
            24.0,
            c::hotel_invoice_scan(),
        ),
        s.item(UEBERSICHT_TXT, "Übersicht 2026.txt", "text/plain", FOLDER_PERSONAL, 3.0, c::uebersicht_txt()),
        s.item(NOTES_MD, "notes.md", "text/markdown", FOLDER_PERSONAL, 1.0, c::notes_md()),
        s.item(TEAM_DINNER_PNG, "team-dinner.png", "image/png", FOLDER_PERSONAL, 16.0, c::dinner_png()),
        s.item(TRASHED_DRAFT_TXT, "Old offsite draft.txt", "text/plain", FOLDER_PERSONAL, 35.0, c::old_draft_txt()),
    ];
    for item in items {
        s.add(item);
    }
    s.trash(TRASHED_DRAFT_TXT, 10.0);
}

pub fn shared_with_me(s: &mut Seeder) {
    let (priya, marco, lena) = (priya(), marco(), lena());
    let me = s.me.clone();
    let now = s.now;
    // Priya's own folder: the user never sees it, so the hiring plan shows no parent.
    let priya_folder = s.folder(PRIYA_FOLDER, "Hiring", MY_DRIVE_ROOT, 8.0).owner(&priya);
    let mut priya_folder = priya_folder;
    priya_folder.file.parents.clear();
    s.add(priya_folder);
    let items = vec![
        s.item(HIRING_PLAN_DOC, "Atlas hiring plan", DOCUMENT, PRIYA_FOLDER, 4.0, c::hiring_plan())
            .owner(&priya)
            .share("user", &me, Role::Writer)
            .shared_with_me(&priya, 7.0, now),
        s.item(MOCKUPS_PNG, "Dashboard mockups v2.png", "image/png", PRIYA_FOLDER, 11.0, c::mockups_png())
            .owner(&marco)
            .share("user", &me, Role::Commenter)
            .writer_only_copies()
            .shared_with_me(&marco, 11.0, now),
        s.item(PRIYA_PRIVATE_DOC, "Performance notes", DOCUMENT, PRIYA_FOLDER, 6.0, c::private_notes()).owner(&priya),
        s.item(TRAVEL_POLICY_DOC, "Example.com travel policy 2026", DOCUMENT, PRIYA_FOLDER, 45.0, c::travel_policy())
            .owner(&lena)
            .with_domain("example.com", Role::Reader),
    ];
    for mut item in items {
        // Others' files are not in the user's view of "recently viewed" unless shared.
        if item.file.shared_with_me.is_none() {
            item.file.viewed_by_me = None;
        }
        s.add(item);
    }
}

pub fn shared_drives(s: &mut Seeder) {
    let me = s.me.clone();
    let (priya, marco, lena) = (priya(), marco(), lena());
    s.shared_drive(
        ATLAS_TEAM_DRIVE,
        "Atlas Team",
        "abacus",
        "#2d5b8d",
        vec![
            grant("user", &me, Role::Organizer),
            grant("user", &priya, Role::Organizer),
            grant("user", &marco, Role::Writer),
            grant("user", &lena, Role::Commenter),
        ],
        120.0,
    );
    s.shared_drive(
        FINANCE_DRIVE,
        "Finance",
        "bok_choy",
        "#4b8f3c",
        vec![grant("user", &lena, Role::Organizer), grant("user", &me, Role::Reader)],
        300.0,
    );
    let items = vec![
        s.folder(TEAM_LAUNCH_FOLDER, "Launch", ATLAS_TEAM_DRIVE, 15.0).in_drive(ATLAS_TEAM_DRIVE),
        s.item(TEAM_CHECKLIST_DOC, "Launch checklist", DOCUMENT, TEAM_LAUNCH_FOLDER, 6.0, c::launch_checklist())
            .in_drive(ATLAS_TEAM_DRIVE)
            .edited_by(&priya),
        s.item(TEAM_PRESS_KIT_PDF, "press-kit.pdf", "application/pdf", TEAM_LAUNCH_FOLDER, 14.0, c::press_kit_pdf())
            .in_drive(ATLAS_TEAM_DRIVE),
        s.item(TEAM_OKRS_SHEET, "Atlas OKRs", SPREADSHEET, ATLAS_TEAM_DRIVE, 21.0, c::team_okrs())
            .in_drive(ATLAS_TEAM_DRIVE)
            .edited_by(&marco),
        s.item(FINANCE_FORECAST_SHEET, "2026 forecast", SPREADSHEET, FINANCE_DRIVE, 33.0, c::finance_forecast())
            .in_drive(FINANCE_DRIVE)
            .edited_by(&lena),
    ];
    for item in items {
        s.add(item);
    }
}
