//! The Tasks emulation over real loopback HTTP: the seed, list filters and paging, writes
//! (completion, due dates, PATCH), placement and `move`, `clear`, deletes and Google's
//! errors. Every test ends by checking that its requests passed Discovery validation.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

mod read;
mod write;
