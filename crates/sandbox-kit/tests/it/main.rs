//! Integration tests of the sandbox plumbing: one binary, one module per concern.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

mod batch;
mod faults;
mod jwt_bearer;
mod oauth;
mod peers;
mod pipeline;
mod routing;
mod uploads;
