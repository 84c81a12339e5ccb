//! The Gmail emulation over real loopback HTTP: seed, search, formats, send and
//! threading, labels, drafts, filters, batch. Every test also checks that the requests
//! it made passed Discovery validation.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

mod read;
mod write;
