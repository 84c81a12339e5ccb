//! Every Gmail tool driven through its `ToolDef.handler` against the sandbox over real HTTP:
//! the success path, at least one error path, and the requests Gmail (the sandbox) saw.
//! Each test gets its own sandbox and checks that no request broke the Discovery contract.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod filters;
mod labels;
mod pdf;
mod read;
mod real_world;
mod send;
mod unknown_outcome;
mod url_fetch;

use std::ops::Deref;
use std::sync::Arc;

use mail_parser::{MessageParser, MimeHeaders};
use serde_json::{Value, json};
use wsmcp_core::ToolError;
use wsmcp_gmail::api::{self, Format};
use wsmcp_gmail::local_files::FilePolicy;
use wsmcp_gmail::mime::{decode_base64url, encode_raw};
use wsmcp_gmail::{GmailOptions, render};
use wsmcp_sandbox_kit::{Fault, LoggedRequest};
use wsmcp_testkit::{DirStore, Harness};

const USER: &str = "alex.rivera@example.com";

struct Env {
    h: Harness,
    /// Holds the saved files (`out/`), the allowed attachment directory (`allowed/`) and
    /// the server's own attachment directory (`attachments/`).
    dir: tempfile::TempDir,
}

impl Deref for Env {
    type Target = Harness;
    fn deref(&self) -> &Harness {
        &self.h
    }
}

impl Env {
    async fn new() -> Env {
        Env::with(wsmcp_core::google::build_http_client(&Default::default()).unwrap(), |o| o).await
    }

    /// An env whose tools run with WORKSPACE_MCP_DISABLE_LOCAL_FILES.
    async fn without_local_files() -> Env {
        let http = wsmcp_core::google::build_http_client(&Default::default()).unwrap();
        Env::with(http, |o| GmailOptions { local_files: false, ..o }).await
    }

    /// An env whose Google requests time out after `timeout`.
    async fn with_google_timeout(timeout: std::time::Duration) -> Env {
        let settings = wsmcp_core::google::HttpSettings { timeout, ..Default::default() };
        Env::with(wsmcp_core::google::build_http_client(&settings).unwrap(), |o| o).await
    }

    async fn with(http: reqwest::Client, configure: impl FnOnce(GmailOptions) -> GmailOptions) -> Env {
        let handle =
            wsmcp_testkit::serve_loopback(wsmcp_testkit::sandbox().service(wsmcp_gmail::sandbox::emulation(USER)))
                .await;
        let dir = tempfile::tempdir().unwrap();
        for sub in ["out", "allowed", "attachments"] {
            std::fs::create_dir_all(dir.path().join(sub)).unwrap();
        }
        let files = Arc::new(DirStore::new(dir.path().join("out")));
        let options = GmailOptions::new(
            FilePolicy::new(vec![dir.path().join("allowed")], vec![dir.path().join("allowed/secret")]),
            dir.path().join("attachments"),
        );
        // PDFs are read in-process here; the server's child process is tested end to end.
        let options = configure(GmailOptions { pdf: wsmcp_pdftext::in_process::InProcess::reader(), ..options });
        Env { h: Harness::with_http(handle, USER, wsmcp_gmail::tools_with(options), files, http), dir }
    }

    /// The ids of messages matching `q`.
    async fn find(&self, q: &str) -> Vec<(String, String)> {
        let list = api::users_messages_list(&self.g(), q, 50, None).await.unwrap();
        list.messages.into_iter().map(|m| (m.id, m.thread_id)).collect()
    }

    /// Puts a raw message into the inbox (users.messages.insert) and returns its id.
    async fn insert(&self, raw: &[u8]) -> String {
        let body = json!({"raw": encode_raw(raw), "labelIds": ["INBOX", "UNREAD"]});
        let v: Value = self
            .g()
            .post(&wsmcp_core::google::ApiInfo::GMAIL, "/gmail/v1/users/me/messages")
            .json(&body)
            .send()
            .await
            .unwrap();
        v["id"].as_str().unwrap().to_string()
    }
}

fn is_invalid(e: &ToolError) -> bool {
    matches!(e, ToolError::InvalidInput(_))
}

/// The raw message of a logged send (`{raw}`) or draft (`{message: {raw}}`) request.
fn raw_of(r: &LoggedRequest) -> Vec<u8> {
    let body = r.body.as_ref().unwrap();
    let raw = body["raw"].as_str().or_else(|| body["message"]["raw"].as_str()).unwrap();
    decode_base64url(raw).unwrap()
}

fn html_mail(subject: &str, html: &str) -> Vec<u8> {
    format!(
        "From: News <news@letters.example>\r\nTo: {USER}\r\nSubject: {subject}\r\nMessage-ID: <{}@letters.example>\r\n\
         Date: Mon, 1 Jan 2024 10:00:00 +0000\r\nMIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{html}\r\n",
        subject.replace(' ', "-")
    )
    .into_bytes()
}
