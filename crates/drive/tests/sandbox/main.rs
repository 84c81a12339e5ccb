//! The Drive emulation over real loopback HTTP: the seed, the query language, paging and
//! shared drive rules, downloads and exports, uploads (media, multipart with conversion,
//! resumable in chunks), copy/update/trash/delete, permissions, drives and about. Every
//! test ends by checking that its requests passed Discovery validation.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

mod comments;
mod permissions;
mod read;
mod search;
mod upload;
mod write;
