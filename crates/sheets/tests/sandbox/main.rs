//! The Sheets emulation over real loopback HTTP: the seed (from Drive's seed content),
//! values read and written with Google's shapes and errors, formulas, append, clear, and
//! batchUpdate (tabs, cells, borders, merges, atomicity). Every test ends by checking that its
//! requests passed Discovery validation.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

mod batch;
mod dimensions;
mod values;
