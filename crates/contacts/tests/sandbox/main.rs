//! The People emulation over real loopback HTTP: the seed, field masks, connections with
//! sorting and sync tokens, writes with etags (a stale one is Google's FAILED_PRECONDITION),
//! the search warm-up, batches, contact groups and Google's errors. Every test ends by
//! checking that its requests passed Discovery validation.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

mod groups;
mod people;
mod search;
