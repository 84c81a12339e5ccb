//! End-to-end tests: the real `workspace-mcp` binary, driven by rmcp's MCP client over stdio
//! and streamable HTTP, against the sandbox. Each test asserts on tool results and on the
//! Google requests the sandbox saw, and every test ends with zero Discovery violations.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod harness;

mod attachments;
mod calendar;
mod capabilities;
mod cli;
mod clock;
mod contacts;
mod drive;
mod dwd;
mod external_provider;
mod gateway;
mod gmail_read;
mod gmail_write;
mod hardening;
mod http;
mod logs;
mod notifications;
mod oauth21;
mod oauth21_documents;
mod oauth_client;
mod pdf;
mod real_mode;
mod replicas;
mod spans;
mod stateless;
mod stdio;
mod store_outage;
mod tasks;
// Slides
mod slides;
mod tls_proxy;
// Keep
mod keep;
// Meet
mod meet;
// Forms
mod forms;
// Apps Script
mod appscript;
// Sheets
mod sheets;
// Docs
mod docs;
// Chat
mod chat;
// Search
mod search;
