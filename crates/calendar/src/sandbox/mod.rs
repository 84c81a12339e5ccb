//! The sandbox's emulation of the Google Calendar API (calendar/v3 on
//! `www.googleapis.com`): calendarList, calendars, events (with recurring series and
//! their instances), freebusy, colors and settings, over a seeded account. Handlers are
//! named after Discovery method ids (`events_list` serves `calendar.events.list`).
//!
//! Code map: `store` (state), `time` (event times and zones), `rrule` (recurrence),
//! `expand` (instances, rendering), `event` (the write pipeline: insert, PATCH merge,
//! PUT replace), `rules` (Calendar's checks: reminders, attendees, event types,
//! attachments, conference data), `events_read`, `events_write`, `calendars`,
//! `freebusy`, `error` (Calendar's error envelope), `seed` (the sample account).

#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

use axum::Router;
use axum::response::Response;
use axum::routing::{get, post};
use http::StatusCode;
use serde_json::Value;
use wsmcp_sandbox_kit::or_not_emulated as methods;
use wsmcp_sandbox_kit::{ServiceEmulation, json_response};

pub mod error;
pub mod seed;
pub mod store;
pub mod time;

mod calendars;
mod event;
mod events_read;
mod events_write;
mod expand;
mod freebusy;
mod rrule;
mod rules;

pub use error::CalError;
pub use seed::{ATLAS_CALENDAR, HOLIDAYS_CALENDAR, VACATIONS_CALENDAR};
pub use store::{SharedStore, Store};

/// The host this emulation answers for (shared with Drive and OAuth2).
pub const HOST: &str = "www.googleapis.com";

/// The Discovery document every request to this emulation is validated against.
pub static DISCOVERY: wsmcp_sandbox_kit::Document = wsmcp_sandbox_kit::vendored!("calendar.v3");

/// Calendar for `user`, seeded with the sample account; reseeded on reset.
pub fn emulation(user: &str) -> ServiceEmulation {
    emulation_with_store(seeded_store(user))
}

/// A fresh copy of the sample account of `user`, built on first use and dated relative to then.
pub fn seeded_store(user: &str) -> SharedStore {
    let user = user.to_string();
    SharedStore::lazy(move || seed::account(&user, wsmcp_core::clock::now()))
}

/// Calendar over a store the caller keeps a handle on (tests inspect it directly).
pub fn emulation_with_store(store: SharedStore) -> ServiceEmulation {
    ServiceEmulation::seeded(HOST, &DISCOVERY, store.clone(), router(store), |s| {
        seed::account(&s.user, wsmcp_core::clock::now())
    })
}

/// The calendar/v3 routes.
pub fn router(store: SharedStore) -> Router {
    const C: &str = "/calendar/v3";
    let r = |path: &str| format!("{C}{path}");
    Router::new()
        .route(&r("/users/me/calendarList"), methods(get(calendars::calendar_list_list)))
        .route(&r("/users/me/calendarList/{calendarId}"), methods(get(calendars::calendar_list_get)))
        .route(&r("/users/me/settings"), methods(get(calendars::settings_list)))
        .route(&r("/users/me/settings/{setting}"), methods(get(calendars::settings_get)))
        .route(&r("/calendars"), methods(post(calendars::calendars_insert)))
        .route(
            &r("/calendars/{calendarId}"),
            methods(
                get(calendars::calendars_get)
                    .patch(calendars::calendars_patch)
                    .put(calendars::calendars_update)
                    .delete(calendars::calendars_delete),
            ),
        )
        .route(
            &r("/calendars/{calendarId}/events"),
            methods(get(events_read::events_list).post(events_write::events_insert)),
        )
        .route(&r("/calendars/{calendarId}/events/quickAdd"), methods(post(events_write::events_quick_add)))
        .route(
            &r("/calendars/{calendarId}/events/{eventId}"),
            methods(
                get(events_read::events_get)
                    .patch(events_write::events_patch)
                    .put(events_write::events_update)
                    .delete(events_write::events_delete),
            ),
        )
        .route(&r("/calendars/{calendarId}/events/{eventId}/instances"), methods(get(events_read::events_instances)))
        .route(&r("/freeBusy"), methods(post(freebusy::freebusy_query)))
        .route(&r("/colors"), methods(get(calendars::colors_get)))
        .with_state(store)
}

/// What every handler returns: a Calendar JSON body or Calendar's error.
pub(crate) type Reply = Result<Response, CalError>;

pub(crate) fn ok(body: Value) -> Reply {
    Ok(json_response(StatusCode::OK, &body))
}
