//! The Forms emulation over real loopback HTTP: the seed, create (titles only), batchUpdate
//! (items, masks, locations, writeControl, all or nothing), publish settings, responses with
//! the timestamp filter and paging, and Google's errors. Every test ends by checking that its
//! requests passed Discovery validation.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

mod batch;
mod forms;
mod responses;
