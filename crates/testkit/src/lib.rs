//! The harness for service tests (gmail, drive, calendar, …), shared by their `tests/`.
//!
//! - [`tools`]: a [`Harness`] that serves a sandbox, points a [`GoogleClient`] at it with a
//!   fast retry policy, and calls a tool's `ToolDef.handler` with a fixed-token
//!   [`FixedToken`] credential source and a [`FileStore`] (e.g. [`DirStore`]).
//! - [`rest`]: a [`Rest`] client that talks to an emulation over loopback HTTP, plus
//!   percent-encoding helpers.
//! - [`site`]: a loopback web [`Site`] of fixed pages and redirects, for URL-fetch tests.
//! - [`tls`]: [`serve_tls`](tls::serve_tls), a router served over TLS on loopback.
//!
//! Each service keeps its own specifics (emulation, user, tool options, helpers) in its own
//! test crate; only what they all repeat lives here.
//!
//! [`GoogleClient`]: wsmcp_core::google::GoogleClient
//! [`FileStore`]: wsmcp_core::files::FileStore

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

pub mod clock;
pub mod rest;
pub mod site;
pub mod tls;
pub mod tools;

pub use clock::{fix_clock, now, sandbox};
pub use rest::{Rest, enc, form, serve_loopback};
pub use site::{Page, Site};
pub use tools::{DirStore, FixedToken, Harness, NoFiles, Recorder, fast_retry};
