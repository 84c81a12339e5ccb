//! What the seeded files say: document paragraphs, sheet rows, slide texts, and the
//! generated binaries (PDF, PNG, CSV, text, .docx, .xlsx, .pptx).

use super::super::assets::{pdf, png};
use super::super::content::{Block, BlockKind, Content, Sheet, Slide};
use super::super::office;
use super::ids;

fn blocks(items: &[(BlockKind, &str)]) -> Vec<Block> {
    items.iter().map(|(k, t)| Block::new(*k, t)).collect()
}

fn rows(lines: &[&[&str]]) -> Vec<Vec<String>> {
    lines.iter().map(|r| r.iter().map(|c| c.to_string()).collect()).collect()
}

fn slides(items: &[&[&str]]) -> Vec<Slide> {
    items.iter().map(|lines| Slide { lines: lines.iter().map(|l| l.to_string()).collect() }).collect()
}

fn bytes(data: Vec<u8>) -> Content {
    Content::Bytes(data.into())
}

fn lines(text: &[&str]) -> Vec<String> {
    text.iter().map(|l| l.to_string()).collect()
}

use BlockKind::{Bullet, Heading, Paragraph, Title};

pub fn atlas_plan() -> Content {
    let budget = format!(
        "Spend is tracked in the [Atlas budget](https://docs.google.com/spreadsheets/d/{}/edit) sheet; \
         travel for the Munich offsite is 615 EUR over plan.",
        ids::ATLAS_BUDGET_SHEET
    );
    let roadmap = format!("[Roadmap PDF](https://drive.google.com/file/d/{}/view)", ids::ROADMAP_PDF);
    Content::Document(blocks(&[
        (Title, "Atlas Q3 plan"),
        (
            Paragraph,
            "Owner: Alex Rivera. Reviewed with Priya Shah (PM) and Marco Bianchi (design) on the Q3 roadmap call.",
        ),
        (Heading(1), "Goals"),
        (Bullet, "Sync engine v2 ships in July."),
        (Bullet, "Dashboard redesign in August, based on Marco's mockups v2."),
        (Bullet, "Offline mode beta in September."),
        (Heading(1), "Milestones"),
        (
            Paragraph,
            "July 15: sync engine v2 code freeze. August 20: dashboard launch. September 30: offline beta for 20 pilot customers, Northwind included.",
        ),
        (Heading(1), "Risks"),
        (Paragraph, "Offline mode may slip to Q4 if conflict resolution grows; we keep the conflict UI minimal."),
        (Heading(2), "Budget"),
        (Paragraph, &budget),
        (Heading(1), "Links"),
        (Bullet, &roadmap),
        (Bullet, "[Dashboard design in Figma](https://www.figma.com/file/atlas-dashboard-v2)"),
    ]))
}

pub fn atlas_budget() -> Content {
    Content::Spreadsheet(vec![
        Sheet {
            title: "Budget".into(),
            rows: rows(&[
                &["Category", "Planned (EUR)", "Actual (EUR)", "Owner", "Notes"],
                &["Cloud infrastructure", "12000", "10850", "Alex Rivera", "Reserved instances"],
                &["Travel, Munich offsite", "4200", "4815", "Lena Fischer", "Extra night"],
                &["Workshops", "3000", "3400", "Lena Fischer", "Two more people in the Rust training"],
                &["Design tools", "1800", "1800", "Marco Bianchi", ""],
                &["Total", "21000", "20865", "", ""],
            ]),
        },
        Sheet {
            title: "Notes".into(),
            rows: rows(&[&["Note"], &["Budget owner: Lena Fischer"], &["Reviewed monthly with Priya"]]),
        },
    ])
}

pub fn kickoff_deck() -> Content {
    Content::Presentation(slides(&[
        &["Atlas kickoff", "One workspace for field teams", "Priya Shah, Alex Rivera, Marco Bianchi"],
        &["Why Atlas", "Field teams lose hours syncing spreadsheets", "Offline first, real time when online"],
        &["Timeline", "July: sync engine v2", "August: dashboard redesign", "September: offline mode beta"],
        &["Next steps", "Weekly sync on Thursdays", "Pilot with Northwind in September"],
    ]))
}

pub fn japan_memo() -> Content {
    Content::Document(blocks(&[
        (Title, "会議メモ – Atlas Japan pilot"),
        (Paragraph, "日時: 来週火曜日 14:00（JST）"),
        (Paragraph, "参加者: 渡辺 健二 (Kenji Watanabe), Alex Rivera"),
        (Heading(1), "議題"),
        (Bullet, "パイロットの対象チーム"),
        (Bullet, "データ保存場所（東京リージョン）"),
        (Bullet, "日本語 UI の翻訳"),
        (
            Paragraph,
            "(English: agenda for the Atlas Japan pilot: pilot teams, data residency in Tokyo, Japanese UI translation.)",
        ),
    ]))
}

pub fn public_faq() -> Content {
    Content::Document(blocks(&[
        (Title, "Atlas FAQ"),
        (Heading(2), "What is Atlas?"),
        (Paragraph, "Atlas is a workspace for field teams that works offline and syncs when a connection is back."),
        (Heading(2), "When is the offline beta?"),
        (Paragraph, "The offline mode beta starts in September. Ask your account manager to join."),
        (Heading(2), "Where is my data stored?"),
        (Paragraph, "In the EU by default; a Tokyo region is planned for the Japan pilot."),
    ]))
}

pub fn hiring_plan() -> Content {
    Content::Document(blocks(&[
        (Title, "Atlas hiring plan H2"),
        (Paragraph, "Draft by Priya Shah. Alex, please add the interview questions for the backend role."),
        (Heading(1), "Roles"),
        (Bullet, "Senior backend engineer (sync engine)"),
        (Bullet, "Product designer, joining Marco"),
        (Heading(1), "Interview loop"),
        (Paragraph, "Priya (hiring manager), Alex (technical), Marco (design exercise)."),
    ]))
}

pub fn private_notes() -> Content {
    Content::Document(blocks(&[(Title, "Performance notes"), (Paragraph, "Confidential.")]))
}

pub fn travel_policy() -> Content {
    Content::Document(blocks(&[
        (Title, "Example.com travel policy 2026"),
        (Paragraph, "Book flights in economy for trips under six hours. Hotels up to 150 EUR per night in Munich."),
        (Paragraph, "Submit receipts within 30 days; airline and coffee receipts go to the Receipts folder."),
    ]))
}

pub fn launch_checklist() -> Content {
    Content::Document(blocks(&[
        (Title, "Atlas launch checklist"),
        (Bullet, "Press kit approved by Priya"),
        (Bullet, "Pricing page live"),
        (Bullet, "Support rota for launch week"),
        (Bullet, "Northwind pilot onboarding call"),
    ]))
}

pub fn team_okrs() -> Content {
    Content::Spreadsheet(vec![Sheet {
        title: "OKRs".into(),
        rows: rows(&[
            &["Objective", "Key result", "Owner", "Progress"],
            &["Ship offline mode", "Beta with 20 pilot customers", "Alex Rivera", "40%"],
            &["Delight field teams", "NPS above 45", "Priya Shah", "30%"],
            &["Refresh the brand", "Dashboard redesign live", "Marco Bianchi", "70%"],
        ]),
    }])
}

pub fn finance_forecast() -> Content {
    Content::Spreadsheet(vec![Sheet {
        title: "Forecast".into(),
        rows: rows(&[
            &["Quarter", "Revenue (EUR)", "Costs (EUR)"],
            &["Q1", "410000", "380000"],
            &["Q2", "455000", "392000"],
            &["Q3", "520000", "401000"],
        ]),
    }])
}

pub fn roadmap_pdf() -> Content {
    bytes(pdf(&lines(&[
        "Atlas Q3 Roadmap",
        "1. Sync engine v2 (July)",
        "2. Dashboard redesign (August)",
        "3. Offline mode beta (September)",
    ])))
}

pub fn press_kit_pdf() -> Content {
    bytes(pdf(&lines(&["Atlas press kit", "Atlas: one workspace for field teams.", "Contact: press@example.com"])))
}

pub fn skyline_receipt() -> Content {
    bytes(pdf(&lines(&[
        "Skyline Air - e-ticket receipt",
        "Booking ref: K7Q2XP",
        "BER - MUC, economy, 1 passenger",
        "Total: EUR 189.40 (incl. VAT 30.24)",
    ])))
}

pub fn beanleaf_receipt() -> Content {
    bytes(pdf(&lines(&[
        "Bean & Leaf Coffee",
        "Order #BL-20931",
        "2 x House Blend 250g  EUR 17.80",
        "Shipping EUR 4.90",
        "Total EUR 22.70",
    ])))
}

/// A scanner's PDF: each page one picture, no text to extract.
pub fn hotel_invoice_scan() -> Content {
    use wsmcp_sandbox_kit::pdf::{PdfPage, pdf};
    bytes(pdf("Scan 2026-03-14 0912", &[PdfPage::Image, PdfPage::Image]))
}

pub fn logo_png() -> Content {
    bytes(png(64, 64, |x, y| if (24..40).contains(&x) && y > 8 && y < 56 { [255, 255, 255] } else { [26, 115, 232] }))
}

pub fn dinner_png() -> Content {
    bytes(png(48, 32, |x, y| [200 + (x % 50) as u8, 120 + (y % 60) as u8, 60]))
}

pub fn mockups_png() -> Content {
    bytes(png(80, 48, |x, y| {
        if y < 8 {
            [26, 115, 232]
        } else if x < 16 {
            [241, 243, 244]
        } else {
            [255, 255, 255]
        }
    }))
}

pub fn budget_csv() -> Content {
    bytes(
        "Posten,Plan (EUR),Ist (EUR)\nReisekosten München,4200,4815\nCloud-Infrastruktur,12000,10850\nWorkshops,3000,3400\n"
            .as_bytes()
            .to_vec(),
    )
}

pub fn uebersicht_txt() -> Content {
    bytes(
        "Übersicht 2026\n\nZiele:\n- Atlas Offline-Modus bis September\n- Team-Offsite in München (Oktober)\n\
         - Budget: 21.000 € geplant\n\nNotizen: Lena kümmert sich um die Hotelbuchung.\n"
            .as_bytes()
            .to_vec(),
    )
}

pub fn notes_md() -> Content {
    bytes(
        format!(
            "# Notes\n\n## To do\n\n- Review Priya's hiring plan\n- Send Marco feedback on mockups v2\n- Book the Munich hotel with Lena\n\n\
             See the [Atlas Q3 plan](https://docs.google.com/document/d/{}/edit).\n",
            ids::ATLAS_PLAN_DOC
        )
        .into_bytes(),
    )
}

pub fn old_draft_txt() -> Content {
    bytes(b"Draft: offsite agenda (superseded by Lena's plan)\n".to_vec())
}

pub fn requirements_docx() -> Content {
    bytes(office::docx(&blocks(&[
        (Heading(1), "Atlas requirements"),
        (Paragraph, "Version 0.3, owner Priya Shah."),
        (Heading(2), "Functional"),
        (Bullet, "Offline editing of forms"),
        (Bullet, "Conflict resolution with a minimal UI"),
        (Bullet, "Export to CSV and PDF"),
        (Heading(2), "Non-functional"),
        (Bullet, "Sync in under 2 seconds on 4G"),
        (Bullet, "Data residency in the EU and Tokyo"),
        (Paragraph, "Details: [sync design](https://docs.example.com/atlas/sync)."),
    ])))
}

pub fn cost_model_xlsx() -> Content {
    bytes(office::xlsx(&[
        Sheet {
            title: "Costs".into(),
            rows: rows(&[
                &["Item", "Monthly (EUR)", "Annual (EUR)"],
                &["Compute", "900", "10800"],
                &["Storage", "250", "3000"],
                &["Support", "400", "4800"],
            ]),
        },
        Sheet {
            title: "Assumptions".into(),
            rows: rows(&[&["Assumption", "Value"], &["Pilot customers", "20"], &["Seats per customer", "120"]]),
        },
    ]))
}

pub fn pitch_pptx() -> Content {
    bytes(office::pptx(&slides(&[
        &["Atlas for Northwind", "Offline-first field operations"],
        &["The problem", "Crews work without signal", "Paper forms get lost"],
        &["The plan", "Pilot in September", "120 seats"],
    ])))
}
