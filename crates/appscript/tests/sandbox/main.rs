//! The Apps Script emulation over real loopback HTTP: the seed (and its agreement with the
//! Drive seed), content rules, versions and deployments with Google's errors, runs with their
//! `Operation` replies, processes and paging. Every test ends by checking that its requests
//! passed Discovery validation.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

mod projects;
mod runs;
