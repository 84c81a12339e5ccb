//! The protocol end to end through the router, and every refusal it owes.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod checked_grant;
mod document_clients;
mod document_rules;
mod document_site;
mod flow;
mod harness;
mod refusals;
mod revocation;
