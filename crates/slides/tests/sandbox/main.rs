//! The Slides emulation over real loopback HTTP: the seeded deck, batchUpdate requests and
//! their validation, revision control, pages, thumbnails served as PNGs by the content host,
//! and requests Google would refuse. Every test ends with zero Discovery violations.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod requests;

use serde_json::{Value, json};
use wsmcp_slides::sandbox::{self, seed::ids};
use wsmcp_testkit::Rest;

const USER: &str = "alex.rivera@example.com";

async fn start() -> Rest {
    let handle = wsmcp_testkit::serve_loopback(wsmcp_testkit::sandbox().service(sandbox::emulation(USER))).await;
    let base = format!("{}/v1/presentations", handle.url_for(sandbox::HOST));
    Rest::new(handle, base)
}

fn deck() -> String {
    format!("/{}", ids::KICKOFF_DECK)
}

async fn batch(s: &Rest, requests: Value) -> (u16, Value) {
    s.post(&format!("{}:batchUpdate", deck()), json!({ "requests": requests })).await
}

#[tokio::test]
async fn the_seeded_deck_matches_the_drive_seed() {
    let s = start().await;
    let (status, p) = s.get(&deck()).await;
    assert_eq!(status, 200, "{p}");
    assert_eq!(p["title"], "Atlas kickoff deck");
    let slides = p["slides"].as_array().unwrap();
    let wsmcp_drive::sandbox::Content::Presentation(drive) = wsmcp_drive::sandbox::seed::kickoff_deck() else {
        panic!("the Drive seed's deck is a presentation")
    };
    assert_eq!(slides.len(), drive.len());
    for (slide, want) in slides.iter().zip(&drive) {
        let texts: String = slide["pageElements"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|e| e.pointer("/shape/text/textElements").and_then(Value::as_array).cloned().unwrap_or_default())
            .filter_map(|t| t.pointer("/textRun/content").and_then(Value::as_str).map(str::to_string))
            .collect();
        assert_eq!(texts, want.lines.iter().map(|l| format!("{l}\n")).collect::<String>());
        let notes = &slide["slideProperties"]["notesPage"];
        let notes_id = notes["notesProperties"]["speakerNotesObjectId"].as_str().unwrap();
        assert_eq!(notes["pageElements"][0]["objectId"], notes_id);
    }
    assert_eq!(p["layouts"].as_array().unwrap().len(), 4);
    assert_eq!(p["masters"][0]["pageType"], "MASTER");
    let (status, _) = s.get("/1UnknownDeck").await;
    assert_eq!(status, 404);
    s.assert_valid();
}

#[tokio::test]
async fn thumbnails_are_pngs_on_the_content_host() {
    let s = start().await;
    let path = format!("{}/pages/{}/thumbnail?thumbnailProperties.thumbnailSize=LARGE", deck(), ids::TIMELINE_SLIDE);
    let (status, t) = s.get(&path).await;
    assert_eq!(status, 200, "{t}");
    assert_eq!((t["width"].as_u64(), t["height"].as_u64()), (Some(1600), Some(900)));
    let url = t["contentUrl"].as_str().unwrap();
    assert!(url.contains("/lh7-rt.googleusercontent.com/slidesz/thumb/"), "{url}");
    // No token needed, as on Google's image host.
    let png = reqwest::get(url).await.unwrap();
    assert_eq!(png.headers()["content-type"], "image/png");
    let bytes = png.bytes().await.unwrap();
    assert_eq!(wsmcp_sandbox_kit::assets::png_size(&bytes), Some((1600, 900)));
    let (status, _) = s.get(&format!("{}/pages/nope_page/thumbnail", deck())).await;
    assert_eq!(status, 404);
    // Google's enum: an unknown size is refused before the emulation runs.
    let (status, _) = s
        .get(&format!("{}/pages/{}/thumbnail?thumbnailProperties.thumbnailSize=HUGE", deck(), ids::TIMELINE_SLIDE))
        .await;
    assert_eq!(status, 400);
    assert_eq!(s.handle.validation_failures(), 1);
}
