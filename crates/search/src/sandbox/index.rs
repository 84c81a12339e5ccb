//! The seeded index: public pages about Project Atlas and its neighbours (the company site,
//! docs, blog, a PDF, a German partner page, pages with images), each dated relative to the
//! clock so `dateRestrict` behaves the same on any day.

use chrono::{DateTime, Duration, Utc};

#[derive(Debug, Clone)]
pub struct Page {
    pub title: &'static str,
    pub link: &'static str,
    pub snippet: &'static str,
    /// `lr` code, e.g. `lang_en`.
    pub lang: &'static str,
    /// `cr` code, e.g. `countryUS`.
    pub country: &'static str,
    pub published: DateTime<Utc>,
    /// `(fileFormat, mime, extension)` for documents that are not HTML.
    pub file: Option<(&'static str, &'static str, &'static str)>,
    /// `(image link, width, height)` for pages with a main image.
    pub image: Option<(&'static str, u32, u32)>,
}

impl Page {
    pub fn host(&self) -> &str {
        let rest = self.link.split_once("://").map_or(self.link, |(_, r)| r);
        rest.split('/').next().unwrap_or(rest)
    }
}

pub fn pages(now: DateTime<Utc>) -> Vec<Page> {
    let d = Duration::days;
    let page = |title, link, snippet, ago: Duration| Page {
        title,
        link,
        snippet,
        lang: "lang_en",
        country: "countryUS",
        published: now - ago,
        file: None,
        image: None,
    };
    vec![
        page(
            "Project Atlas - Example Co.",
            "https://atlas.example.com/",
            "Project Atlas brings every team's planning data into one place. Launch timeline, pilot results and FAQ.",
            d(3),
        ),
        Page {
            image: Some(("https://atlas.example.com/img/architecture.png", 1200, 800)),
            ..page(
                "Atlas architecture overview",
                "https://docs.example.com/atlas/architecture",
                "How Atlas ingests, stores and serves planning data: the ingestion service, the event store and the API gateway.",
                d(12),
            )
        },
        page(
            "Getting started with the Atlas API",
            "https://docs.example.com/atlas/api/getting-started",
            "Authenticate, create your first workspace and query plans with the Atlas REST API in five minutes.",
            d(40),
        ),
        Page {
            image: Some(("https://blog.example.com/images/atlas-launch-team.jpg", 1600, 900)),
            ..page(
                "We are launching Atlas",
                "https://blog.example.com/2026/atlas-launch",
                "After a six-month pilot with three teams, Atlas is ready for everyone. Here is what we learned.",
                d(2),
            )
        },
        page(
            "Atlas pilot feedback summary",
            "https://blog.example.com/2026/atlas-pilot-feedback",
            "Pilot teams rated Atlas 4.6 out of 5; the top requests were offline mode and calendar sync.",
            d(75),
        ),
        Page {
            file: Some(("PDF/Adobe Acrobat", "application/pdf", "pdf")),
            ..page(
                "Atlas security whitepaper (PDF)",
                "https://atlas.example.com/files/atlas-security-whitepaper.pdf",
                "Encryption at rest and in transit, access reviews and audit logging in Atlas.",
                d(150),
            )
        },
        Page {
            lang: "lang_de",
            country: "countryDE",
            ..page(
                "Atlas für Partner - Einführung",
                "https://partner.example.de/atlas/einfuehrung",
                "Wie Partner Atlas einsetzen: Planung, Berichte und die Atlas-Schnittstelle im Überblick.",
                d(20),
            )
        },
        page(
            "Atlas release notes 1.0",
            "https://docs.example.com/atlas/release-notes/1.0",
            "New in Atlas 1.0: shared dashboards, Google Calendar sync and an export to Sheets.",
            d(1),
        ),
        page(
            "Quarterly planning checklist",
            "https://www.example.com/resources/quarterly-planning",
            "A checklist for quarterly planning: goals, owners, milestones and the review cadence.",
            d(400),
        ),
        Page {
            image: Some(("https://www.example.com/img/team-offsite.jpg", 1024, 683)),
            ..page(
                "Example Co. team offsite 2026",
                "https://www.example.com/news/team-offsite-2026",
                "Photos from the team offsite, including the Atlas hackathon winners.",
                d(30),
            )
        },
        Page {
            file: Some(("Microsoft Word", "application/msword", "doc")),
            ..page(
                "Atlas onboarding guide (DOC)",
                "https://atlas.example.com/files/atlas-onboarding-guide.doc",
                "Step-by-step onboarding for new Atlas workspace administrators.",
                d(60),
            )
        },
        page(
            "Atlas status page",
            "https://status.atlas.example.com/",
            "Current status of the Atlas API, web app and sync services. All systems operational.",
            Duration::hours(6),
        ),
    ]
}
