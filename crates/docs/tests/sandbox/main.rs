//! The Docs emulation over loopback HTTP: documents.get with and without tabs, create, and
//! batchUpdate's index rules and errors (text; tables, page breaks, images, headers and
//! footers), each test ending with zero Discovery violations.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod documents;
mod elements;
mod styles;
mod support;
mod tabs;
