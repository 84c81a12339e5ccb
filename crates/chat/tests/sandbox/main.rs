//! The Chat emulation over real loopback HTTP: the seed, space and message filters, paging,
//! threads and `requestId`, edits, reactions, media downloads and Google's errors. Every test
//! ends by checking that its requests passed Discovery validation.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

mod read;
mod write;
