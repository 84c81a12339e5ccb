//! The Calendar emulation over real loopback HTTP: the seed, lists and recurring
//! expansion, writes (Meet, PATCH against PUT, exceptions, tombstones), the special event
//! types, free/busy and time zones. Every test ends by checking that its requests passed
//! Discovery validation.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

mod read;
mod special;
mod write;
