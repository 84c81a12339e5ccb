//! The sandbox's emulation of the Google Slides API (slides/v1 on `slides.googleapis.com`):
//! presentations.create/get/batchUpdate, pages.get and pages.getThumbnail, over the seeded
//! Atlas kickoff deck; and the content host its thumbnail `contentUrl`s point at, serving
//! the rendered PNGs without a token as Google's image host does. Handlers are named after
//! Discovery method ids.
//!
//! Code map: `model` (pages and elements), `text` (text with UTF-16 indices and styles),
//! `json` (Slides' resources), `store`, `batch/` (the batchUpdate requests), `thumbnail`
//! (PNG rendering), `seed`.

#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

use axum::Router;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use http::{StatusCode, header};
use serde_json::{Value, json};
use wsmcp_sandbox_kit::or_not_emulated as methods;
use wsmcp_sandbox_kit::{GoogleError, GoogleJson, PublicBase, QueryParams, ServiceEmulation, ids, json_response};

pub mod model;
pub mod seed;
pub mod store;
pub mod text;

mod batch;
mod drive_link;
mod json;
mod thumbnail;

pub use store::{SharedStore, Store};

/// The host this emulation answers for.
pub const HOST: &str = "slides.googleapis.com";
/// The image host thumbnail links point at.
pub const CONTENT_HOST: &str = "lh7-rt.googleusercontent.com";

/// The Discovery document every request to this emulation is validated against.
pub static DISCOVERY: wsmcp_sandbox_kit::Document = wsmcp_sandbox_kit::vendored!("slides.v1");

/// Slides for `user`, seeded with the sample deck; reseeded on reset.
pub fn emulation(user: &str) -> ServiceEmulation {
    let user = user.to_string();
    emulation_with_store(SharedStore::lazy(move || seed::account(&user)))
}

/// Slides over a store the caller keeps a handle on (tests inspect it directly). With a Drive
/// emulation in the same sandbox, the presentations are files of that Drive (`drive_link`).
pub fn emulation_with_store(store: SharedStore) -> ServiceEmulation {
    let content =
        ServiceEmulation::new(CONTENT_HOST, content_router(store.clone())).without_auth().without_validation();
    let in_drive = drive_link::SlidesInDrive(store.clone());
    ServiceEmulation::seeded(HOST, &DISCOVERY, store.clone(), router(store), |s| seed::account(&s.user))
        .with_companion(content)
        .on_peer(move |drive: &wsmcp_drive::sandbox::Editors| drive.attach(in_drive))
}

/// The slides/v1 routes. `{presentationId}:batchUpdate` arrives as one path segment.
pub fn router(store: SharedStore) -> Router {
    Router::new()
        .route("/v1/presentations", methods(axum::routing::post(presentations_create)))
        .route("/v1/presentations/{id}", methods(get(presentations_get).post(presentations_batch_update)))
        .route("/v1/presentations/{id}/pages/{page}", methods(get(pages_get)))
        .route("/v1/presentations/{id}/pages/{page}/thumbnail", methods(get(pages_get_thumbnail)))
        .with_state(store)
}

fn content_router(store: SharedStore) -> Router {
    Router::new().route("/slidesz/thumb/{token}", get(thumbnail_content)).with_state(store)
}

type Reply = Result<Response, GoogleError>;

fn ok(body: Value) -> Reply {
    Ok(json_response(StatusCode::OK, &body))
}

/// `POST /v1/presentations`: a new deck with one title slide.
async fn presentations_create(State(store): State<SharedStore>, GoogleJson(body): GoogleJson<Value>) -> Reply {
    let title = body.get("title").and_then(Value::as_str).unwrap_or("Untitled presentation").to_string();
    let mut store = store.lock();
    let id = match body.get("presentationId").and_then(Value::as_str).filter(|s| !s.is_empty()) {
        Some(id) if store.presentations.contains_key(id) => {
            return Err(GoogleError::conflict(format!("A presentation with ID {id} already exists.")));
        }
        Some(id) => id.to_string(),
        None => ids::token("1", 43),
    };
    let mut deck = store::empty_deck(&id, &title);
    let slide_id = deck.fresh_id();
    let slide = store::slide_from_layout(&mut deck, &slide_id, "TITLE", &|_| None);
    deck.slides.push(slide);
    let reply = json::presentation_json(&deck);
    store.presentations.insert(id, deck);
    ok(reply)
}

fn missing() -> GoogleError {
    GoogleError::not_found()
}

/// `GET /v1/presentations/{presentationId}`
async fn presentations_get(State(store): State<SharedStore>, Path(id): Path<String>) -> Reply {
    let store = store.lock();
    let deck = store.presentations.get(&id).ok_or_else(missing)?;
    ok(json::presentation_json(deck))
}

/// `POST /v1/presentations/{presentationId}:batchUpdate`
async fn presentations_batch_update(
    State(store): State<SharedStore>,
    Path(segment): Path<String>,
    GoogleJson(body): GoogleJson<Value>,
) -> Reply {
    let Some(id) = segment.strip_suffix(":batchUpdate") else {
        return Err(GoogleError::not_emulated("POST", &format!("/v1/presentations/{segment}")));
    };
    let mut store = store.lock();
    let deck = store.presentations.get_mut(id).ok_or_else(missing)?;
    ok(batch::apply(deck, &body)?)
}

/// `GET /v1/presentations/{presentationId}/pages/{pageObjectId}`
async fn pages_get(State(store): State<SharedStore>, Path((id, page)): Path<(String, String)>) -> Reply {
    let store = store.lock();
    let deck = store.presentations.get(&id).ok_or_else(missing)?;
    let page = deck.page(&page).ok_or_else(missing)?;
    ok(json::page_json(deck, page))
}

/// `GET .../pages/{pageObjectId}/thumbnail`: renders the page now and hands out a link to
/// the PNG on the content host.
async fn pages_get_thumbnail(
    State(store): State<SharedStore>,
    Path((id, page)): Path<(String, String)>,
    q: QueryParams,
    base: Option<axum::Extension<PublicBase>>,
) -> Reply {
    let width = match q.get("thumbnailProperties.thumbnailSize").unwrap_or("LARGE") {
        "SMALL" => 200,
        "MEDIUM" => 800,
        "LARGE" | "THUMBNAIL_SIZE_UNSPECIFIED" => 1600,
        _ => 2000, // WIDTH2000_PX (the validator refused anything else)
    };
    if q.get("thumbnailProperties.mimeType").is_some_and(|m| m != "PNG") {
        return Err(GoogleError::invalid_argument("Only PNG thumbnails are supported."));
    }
    let mut store = store.lock();
    let deck = store.presentations.get(&id).ok_or_else(missing)?;
    let page = deck.page(&page).ok_or_else(missing)?;
    let (png, height) = thumbnail::render(page, width);
    let token = ids::alphanumeric(24);
    store.thumbnails.insert(token.clone(), png);
    // The content host sits next to this one: `{base}/slides.googleapis.com` becomes
    // `{base}/lh7-rt.googleusercontent.com`, `https://slides...` the real image host.
    let public = base.map(|b| b.0.0.clone()).unwrap_or_else(|| format!("https://{HOST}"));
    let content_base = match public.strip_suffix(HOST) {
        Some(prefix) => format!("{prefix}{CONTENT_HOST}"),
        None => format!("https://{CONTENT_HOST}"),
    };
    ok(json!({ "width": width, "height": height, "contentUrl": format!("{content_base}/slidesz/thumb/{token}") }))
}

/// The PNG behind a thumbnail link (no token needed, as on Google's image host).
async fn thumbnail_content(State(store): State<SharedStore>, Path(token): Path<String>) -> Response {
    match store.lock().thumbnails.get(&token) {
        Some(png) => ([(header::CONTENT_TYPE, "image/png")], png.clone()).into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}
