//! Seed threads with colleagues at example.com: Project Atlas, the Munich offsite, the
//! budget, a team dinner, 1:1s, a calendar invitation, an IT notice, a trashed lunch.

use chrono::{TimeZone, Utc};

use super::{ATLAS, Body, Mail, Person, Place, Seeder, assets, person};

pub fn priya() -> Person {
    person("Priya Shah", "priya.shah@example.com")
}
pub fn marco() -> Person {
    person("Marco Bianchi", "marco.bianchi@example.com")
}
pub fn lena() -> Person {
    person("Lena Fischer", "lena.fischer@example.com")
}
fn it_desk() -> Person {
    person("IT Helpdesk", "it-helpdesk@example.com")
}

fn text(s: &str) -> Body {
    Body::Text(s.to_string())
}

fn alt(text: &str, html: &str) -> Body {
    Body::Alternative { text: text.to_string(), html: html.to_string() }
}

pub fn threads(s: &mut Seeder) {
    let (me, priya, marco, lena) = (s.me.clone(), priya(), marco(), lena());
    let day = 24.0;

    s.thread(
        "atlas-welcome",
        vec![
            Mail::new(
                &priya,
                &[&me],
                58.0 * day,
                text(
                    "Hi Alex,\n\nWelcome to the Atlas project! A few pointers to get you started:\n\n\
             - Project doc: https://docs.google.com/document/d/1AtlasProjectBrief/edit\n\
             - Roadmap sheet: https://docs.google.com/spreadsheets/d/1AtlasRoadmap2024/edit\n\
             - Weekly sync: Thursdays, I'll send an invite.\n\nGlad to have you on board,\nPriya",
                ),
            )
            .subject("Welcome to the Atlas project")
            .label(ATLAS),
        ],
    );

    s.thread("offsite-munich", vec![
        Mail::new(&lena, &[&me, &marco], 45.0 * day, alt(
            "Hallo zusammen,\n\nfür das Offsite in München habe ich drei Hotels angefragt. Das Hotel am Viktualienmarkt \
             wäre mein Favorit: zentral, Frühstück inklusive, 139 € pro Nacht.\n\nBitte bis Freitag Bescheid geben, \
             wer ab Mittwoch anreist.\n\nViele Grüße\nLena",
            "<p>Hallo zusammen,</p><p>für das Offsite in München habe ich drei Hotels angefragt. Das \
             <b>Hotel am Viktualienmarkt</b> wäre mein Favorit: zentral, Frühstück inklusive, 139&nbsp;€ pro Nacht.</p>\
             <p>Bitte bis Freitag Bescheid geben, wer ab Mittwoch anreist.</p><p>Viele Grüße<br>Lena</p>",
        )).subject("Offsite in München – Hotelbuchung").cc(&[&priya]),
        Mail::new(&me, &[&lena, &marco], 44.8 * day, text(
            "Danke Lena! Viktualienmarkt sounds great. I'll arrive Wednesday evening, please book me for 3 nights.\n\nAlex",
        )).cc(&[&priya]),
        Mail::new(&marco, &[&lena, &me], 44.0 * day, text(
            "Same for me, arriving Wednesday around 18:00 from Milano. Grazie!\n\nMarco",
        )).cc(&[&priya]),
        Mail::new(&lena, &[&me, &marco], 43.0 * day, text(
            "Perfekt, alles gebucht. Bestätigungen folgen per Mail. Bis bald in München!\n\nLena",
        )).cc(&[&priya]),
    ]);

    s.thread("budget-oct", vec![
        Mail::new(&lena, &[&me], 30.0 * day, text(
            "Hi Alex,\n\nanbei die Budget-Übersicht für Oktober. Reisekosten München liegen etwas über Plan \
             (+615 €), Cloud-Infrastruktur dafür darunter.\n\nKannst du die Abweichungen bis Mittwoch kommentieren?\n\nGrüße\nLena",
        )).subject("Budget-Übersicht Oktober").attach("text/csv", "budget-oktober.csv", assets::budget_csv()),
        Mail::new(&me, &[&lena], 29.9 * day, text(
            "Hi Lena,\n\nthanks! The travel overrun is the extra offsite night, expected. Workshops: two more people joined \
             the Rust training. I'll add notes in the sheet.\n\nAlex",
        )),
        Mail::new(&lena, &[&me], 29.0 * day, text("Danke dir! Passt so. Schöne Grüße aus Köln 🙂\n\nLena")),
    ]);

    let roadmap = assets::pdf(&[
        "Atlas Q3 Roadmap",
        "1. Sync engine v2 (July)",
        "2. Dashboard redesign (August)",
        "3. Offline mode beta (September)",
    ]);
    s.thread("atlas-roadmap", vec![
        Mail::new(&priya, &[&me], 20.0 * day, text(
            "Hi Alex,\n\ncan we review the Q3 roadmap before Thursday? Main open question is whether offline mode \
             fits into September or slips to Q4.\n\nPriya",
        )).subject("Atlas Q3 roadmap review").cc(&[&marco]).label(ATLAS).important(),
        Mail::new(&me, &[&priya], 19.8 * day, text(
            "Sure. I think offline mode fits if we cut the conflict-resolution UI to a minimum. Wednesday 2pm?\n\nAlex",
        )).cc(&[&marco]).label(ATLAS),
        Mail::new(&marco, &[&priya, &me], 19.0 * day, text(
            "Design-wise the dashboard redesign is on track; mockups v2 next week. +1 to a minimal conflict UI.\n\nMarco",
        )).label(ATLAS),
        Mail::new(&priya, &[&me], 18.0 * day, text(
            "Thanks both. Final roadmap attached: offline mode stays in September as a beta.\n\nPriya",
        )).cc(&[&marco]).attach("application/pdf", "Atlas-Q3-Roadmap.pdf", roadmap).label(ATLAS).starred().important(),
    ]);

    s.thread(
        "team-dinner",
        vec![
            Mail::new(
                &marco,
                &[&me, &lena, &priya],
                16.0 * day,
                text("Ciao a tutti! Photos from last night's team dinner attached. The tiramisù was a 10/10.\n\nMarco"),
            )
            .subject("Photos from the team dinner 📸")
            .attach("image/png", "team-dinner.png", assets::dinner_png()),
            Mail::new(&lena, &[&marco, &me, &priya], 15.9 * day, text("So schön! 😍 Danke fürs Teilen, Marco.")),
        ],
    );

    s.thread("atlas-mockups", vec![
        Mail::new(&marco, &[&me], 12.0 * day, Body::Related {
            text: "Hi Alex,\n\nhere are the dashboard mockups v2. The new header uses the Atlas logo. Full screenshot attached.\n\nMarco".into(),
            html: "<p>Hi Alex,</p><p>here are the <b>dashboard mockups v2</b>. The new header uses the Atlas logo:</p>\
                   <p><img src=\"cid:atlas-logo@example.com\" alt=\"Atlas logo\" width=\"24\" height=\"24\"></p>\
                   <p>Full screenshot attached. Figma: <a href=\"https://www.figma.com/file/atlas-dashboard-v2\">atlas-dashboard-v2</a></p>\
                   <p>Marco</p>".into(),
            cid: "atlas-logo@example.com",
            name: "atlas-logo.png",
            image: assets::logo_png(),
        }).subject("Atlas: design mockups v2").attach("image/png", "mockup-v2.png", assets::mockup_png()).label(ATLAS).starred(),
        Mail::new(&me, &[&marco], 11.9 * day, text(
            "Looks great! Two notes: the sidebar could be narrower, and can we try the cards without shadows?\n\nAlex",
        )).label(ATLAS),
        Mail::new(&marco, &[&me], 11.0 * day, text("Good calls, both done in the Figma file. Grazie!\n\nMarco")).label(ATLAS),
    ]);

    s.thread(
        "lunch-friday",
        vec![
            Mail::new(
                &marco,
                &[&me],
                35.0 * day,
                text("Pizza or sushi for Friday's lunch? I'm ordering at 11.\n\nMarco"),
            )
            .subject("Lunch order for Friday?")
            .place(Place::Trash),
        ],
    );

    s.thread("one-on-one", vec![
        Mail::new(&me, &[&priya], 6.0 * day, text(
            "Hi Priya,\n\nagenda for our 1:1:\n1. Offline mode staffing\n2. Northwind escalation\n3. My conference talk in May\n\nAlex",
        )).subject("1:1 agenda"),
        Mail::new(&priya, &[&me], 5.9 * day, text("Thanks, looks good. Let's start with Northwind.\n\nPriya")),
    ]);

    let now = Utc.timestamp_millis_opt(s.now_ms).single().unwrap_or_else(Utc::now);
    let attendees = [
        (me.name.as_str(), me.email.as_str()),
        ("Marco Bianchi", "marco.bianchi@example.com"),
        ("Lena Fischer", "lena.fischer@example.com"),
    ];
    let ics = assets::weekly_sync_ics(now, ("Priya Shah", "priya.shah@example.com"), &attendees);
    s.thread("weekly-sync", vec![
        Mail::new(&priya, &[&me, &marco, &lena], 2.0 * day, Body::Invite {
            text: "You have been invited to the following event.\n\nAtlas weekly sync\nWeekly, 16:00 – 16:30 (UTC)\n\
                   Location: Room 4.2 / Google Meet\nJoin: https://meet.google.com/abc-defg-hij\n\nOrganizer: Priya Shah".into(),
            html: "<p>You have been invited to the following event.</p><h3>Atlas weekly sync</h3>\
                   <p>Weekly, 16:00 – 16:30 (UTC)<br>Room 4.2 / <a href=\"https://meet.google.com/abc-defg-hij\">Google Meet</a></p>\
                   <p>Organizer: Priya Shah</p>".into(),
            ics: ics.clone(),
        })
        .subject("Invitation: Atlas weekly sync (weekly, 16:00 UTC)")
        .attach("application/ics", "invite.ics", ics.into_bytes())
        .unread(),
    ]);

    s.thread("api-limits", vec![
        Mail::new(&me, &[&priya], 5.0, text(
            "Quick question: do we know the per-user rate limit of the sync API? Northwind hit 429s this morning.\n\nAlex",
        )).subject("Quick question about API limits"),
        Mail::new(&priya, &[&me], 3.0, text(
            "It's 250 requests per user per minute. I'll ask the platform team whether we can raise it for Northwind.\n\nPriya",
        )).unread(),
    ]);

    s.thread(
        "password-expiry",
        vec![
            Mail::new(
                &it_desk(),
                &[&me],
                day,
                alt(
                    "Your example.com password expires in 5 days. Change it at https://accounts.example.com/password",
                    "<p>Your example.com password expires in <b>5 days</b>.</p>\
             <p><a href=\"https://accounts.example.com/password\">Change your password</a></p>",
                ),
            )
            .subject("Action required: your password expires in 5 days")
            .category("CATEGORY_UPDATES")
            .unread()
            .important(),
        ],
    );
}
