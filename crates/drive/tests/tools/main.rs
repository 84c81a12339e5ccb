//! Every Drive tool driven through its `ToolDef.handler` against the sandbox over real HTTP:
//! the success path, error paths, and the requests Drive (the sandbox) saw. Each test gets
//! its own sandbox and checks that no request broke the Discovery contract.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod content;
mod create;
mod pdf;
mod search;
mod sharing;
mod update;
mod uploads;
mod url_fetch;

use std::ops::Deref;
use std::path::PathBuf;
use std::sync::Arc;

use serde_json::{Value, json};
use wsmcp_core::ToolError;
use wsmcp_core::local_files::FilePolicy;
use wsmcp_drive::DriveOptions;
use wsmcp_drive::sandbox::seed::ids;
use wsmcp_sandbox_kit::Fault;
use wsmcp_testkit::{DirStore, Harness};

const USER: &str = "alex.rivera@example.com";

struct Env {
    h: Harness,
    /// Holds saved files (`out/`), the allowed upload directory (`allowed/`, with a
    /// refused `allowed/secret/`), the server's attachment directory (`attachments/`) and a
    /// fake home with `.ssh` (`home/`).
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
        Env::with(|o| o).await
    }

    /// An environment whose tool options are adjusted by `tune`.
    async fn with(tune: impl FnOnce(DriveOptions) -> DriveOptions) -> Env {
        let handle =
            wsmcp_testkit::serve_loopback(wsmcp_testkit::sandbox().service(wsmcp_drive::sandbox::emulation(USER)))
                .await;
        let dir = tempfile::tempdir().unwrap();
        for sub in ["out", "allowed/secret", "attachments", "home/.ssh"] {
            std::fs::create_dir_all(dir.path().join(sub)).unwrap();
        }
        let files = Arc::new(DirStore::new(dir.path().join("out")));
        let policy = FilePolicy::new(
            vec![dir.path().join("allowed")],
            vec![dir.path().join("allowed/secret"), dir.path().join("home/.ssh")],
        );
        // PDFs are read in-process here; the server's child process is tested end to end.
        let pdf = wsmcp_pdftext::in_process::InProcess::reader();
        let options = tune(DriveOptions { pdf, ..DriveOptions::new(policy, dir.path().join("attachments")) });
        Env { h: Harness::new(handle, USER, wsmcp_drive::tools_with(options), files), dir }
    }

    /// A path inside the allowed upload directory, with `bytes` written to it.
    fn allowed_file(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.dir.path().join("allowed").join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }

    /// Every Drive call that may take supportsAllDrives took it.
    fn all_drives_everywhere(&self) {
        for r in self.handle.requests() {
            let takes = r
                .method_id
                .as_deref()
                .is_some_and(|m| m.starts_with("drive.files.") || m.starts_with("drive.permissions."))
                && r.method_id.as_deref() != Some("drive.files.export");
            if takes {
                assert_eq!(r.query_param("supportsAllDrives"), Some("true"), "{} {} {:?}", r.method, r.path, r.query);
            }
        }
    }

    fn done(&self) {
        self.h.done();
        self.all_drives_everywhere();
    }
}

fn is_invalid(e: &ToolError) -> bool {
    matches!(e, ToolError::InvalidInput(_))
}

fn is_refused(e: &ToolError) -> bool {
    matches!(e, ToolError::Refused(_))
}

fn google_status(e: &ToolError) -> Option<u16> {
    match e {
        ToolError::Google(g) => g.status,
        _ => None,
    }
}

/// The `id: X` after `label` in a tool's text.
fn id_after(text: &str, label: &str) -> String {
    let rest = text.split(label).nth(1).unwrap_or_else(|| panic!("no {label} in:\n{text}"));
    rest.trim_start().split(|c: char| c == ')' || c == ',' || c.is_whitespace()).next().unwrap().to_string()
}

/// Drive file metadata straight from the API.
async fn file_json(env: &Env, id: &str, fields: &str) -> Value {
    env.g()
        .get(&wsmcp_core::google::ApiInfo::DRIVE, format!("/drive/v3/files/{id}"))
        .query("supportsAllDrives", "true")
        .query("fields", fields)
        .send()
        .await
        .unwrap()
}
