//! The PDF child-process runner against stand-in children (shell scripts): what each kind of
//! answer, crash, hang or flood becomes, and the limits the child runs under. The real child
//! (`workspace-mcp extract-pdf-text`) is driven in crates/cli/tests/e2e/pdf.rs.

#![cfg(target_os = "linux")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::os::unix::fs::PermissionsExt;
use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use bytes::Bytes;
use wsmcp_core::pdf::{PdfLimits, PdfReader, PdfTextOutcome};

const HEADER: &str = "wsmcp-pdf-text/1 pages=2 read=2 text-pages=1 failed-pages=0 cut=0 decrypted=0";

/// Every stand-in is written before any test spawns one: a script still open for writing in
/// one thread while another forks cannot be executed ("text file busy").
fn scripts() -> &'static (tempfile::TempDir, Vec<(&'static str, PathBuf)>) {
    static SCRIPTS: OnceLock<(tempfile::TempDir, Vec<(&'static str, PathBuf)>)> = OnceLock::new();
    SCRIPTS.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let bodies: &[(&str, String)] = &[
            ("answer", format!("cat >/dev/null\nprintf '{HEADER}\\n--- Page 1 ---\\nhello\\n\\n--- Page 2 ---\\n'")),
            ("scan", "cat >/dev/null\nprintf 'wsmcp-pdf-text/1 pages=3 read=3 text-pages=0 failed-pages=0 cut=0 decrypted=0\\n'".into()),
            ("encrypted", "cat >/dev/null\necho 'needs a password' >&2\nexit 3".into()),
            ("unreadable", "cat >/dev/null\necho 'invalid cross-reference table' >&2\nexit 5".into()),
            ("hang", "cat >/dev/null\nexec sleep 60".into()),
            ("abort", "cat >/dev/null\nkill -ABRT $$".into()),
            ("panic", "cat >/dev/null\nprintf \"thread 'main' panicked at lib.rs:974:94:\\nDescendant fonts required\\n\" >&2\nexit 101".into()),
            ("oom", "cat >/dev/null\necho 'memory allocation of 1073741824 bytes failed' >&2\nkill -ABRT $$".into()),
            ("flood", "cat >/dev/null\nexec yes".into()),
            ("stranger", "cat >/dev/null\necho 'running 0 tests'".into()),
            ("early-exit", "exit 4".into()),
            // What the child can see: its arguments, environment and limits.
            (
                "introspect",
                format!(
                    "cat >/dev/null\nprintf '{HEADER}\\nargs=%s\\nhome=%s\\nas=%s\\ncpu=%s\\ncore=%s\\n' \"$*\" \"${{HOME:-none}}\" \"$(ulimit -v)\" \"$(ulimit -t)\" \"$(ulimit -c)\""
                ),
            ),
        ];
        let mut out = Vec::new();
        for (name, body) in bodies {
            let path = dir.path().join(name);
            std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
            out.push((*name, path));
        }
        (dir, out)
    })
}

fn script(name: &str) -> PathBuf {
    scripts().1.iter().find(|(n, _)| *n == name).map(|(_, p)| p.clone()).unwrap()
}

fn limits() -> PdfLimits {
    PdfLimits { timeout: Duration::from_secs(2), max_text_bytes: 64 * 1024, ..PdfLimits::default() }
}

async fn read_with(name: &str, limits: PdfLimits) -> PdfTextOutcome {
    PdfReader::child_process(script(name), limits).read(Bytes::from_static(b"%PDF-1.4 stand-in")).await
}

async fn read(name: &str) -> PdfTextOutcome {
    read_with(name, limits()).await
}

fn failure(outcome: PdfTextOutcome) -> String {
    match outcome {
        PdfTextOutcome::Failed(why) => why,
        other => panic!("expected a failure, got {other:?}"),
    }
}

#[tokio::test]
async fn a_header_and_text_are_the_pdf_text() {
    let PdfTextOutcome::Text(report) = read("answer").await else { panic!("no text") };
    assert_eq!((report.pages, report.pages_read, report.pages_failed), (2, 2, 0));
    assert_eq!(report.text, "--- Page 1 ---\nhello\n\n--- Page 2 ---\n");
}

#[tokio::test]
async fn pages_without_text_are_a_missing_text_layer() {
    assert_eq!(read("scan").await, PdfTextOutcome::NoTextLayer { pages: 3 });
}

#[tokio::test]
async fn exit_codes_name_encryption_and_parse_errors() {
    assert_eq!(read("encrypted").await, PdfTextOutcome::Encrypted);
    assert_eq!(read("unreadable").await, PdfTextOutcome::Unreadable("invalid cross-reference table".into()));
    // A child that exits without reading its input: the parent's write fails quietly.
    assert_eq!(read("early-exit").await, PdfTextOutcome::NotPdf);
}

#[tokio::test]
async fn a_hanging_child_is_killed_at_the_timeout() {
    let start = Instant::now();
    let why = failure(read_with("hang", PdfLimits { timeout: Duration::from_millis(500), ..limits() }).await);
    assert_eq!(why, "the reader took longer than 0.5 s on this file and was stopped");
    assert!(start.elapsed() < Duration::from_secs(10), "not killed: {:?}", start.elapsed());
}

#[tokio::test]
async fn crashes_become_messages() {
    let why = failure(read("abort").await);
    assert!(why.contains("killed by signal 6"), "{why}");
    let why = failure(read("panic").await);
    assert_eq!(why, "the reader stopped on a malformed or unusual PDF (Descendant fonts required)");
    let why = failure(read("oom").await);
    assert_eq!(why, "the reader ran out of its memory limit on this file");
}

#[tokio::test]
async fn output_past_the_cap_is_refused_and_the_child_stopped() {
    let start = Instant::now();
    let why = failure(read_with("flood", PdfLimits { timeout: Duration::from_secs(20), ..limits() }).await);
    assert_eq!(why, "the reader wrote more than its text limit");
    assert!(start.elapsed() < Duration::from_secs(10), "waited for the timeout: {:?}", start.elapsed());
}

#[tokio::test]
async fn output_that_is_not_the_protocol_is_a_failure() {
    let why = failure(read("stranger").await);
    assert!(why.contains("answer was not understood"), "{why}");
}

#[tokio::test]
async fn missing_programs_and_oversized_input_fail_before_running() {
    let reader = PdfReader::child_process("/nonexistent/workspace-mcp".into(), limits());
    let why = failure(reader.read(Bytes::from_static(b"%PDF-")).await);
    assert!(why.starts_with("the PDF reader could not start"), "{why}");
    let small = PdfLimits { max_input_bytes: 4, ..limits() };
    let why = failure(PdfReader::child_process(script("answer"), small).read(Bytes::from_static(b"%PDF-1.4")).await);
    assert_eq!(why, "the file is 8 bytes, over the 4 bytes the PDF reader takes");
}

#[tokio::test]
async fn the_child_gets_its_limits_as_arguments_and_resource_limits_and_no_environment() {
    let l = PdfLimits { max_memory_bytes: 512 * 1024 * 1024, max_cpu_seconds: 7, ..limits() };
    let PdfTextOutcome::Text(report) = read_with("introspect", l).await else { panic!("no text") };
    let binary = std::fs::metadata(script("introspect")).unwrap().len();
    let field = |name: &str| {
        report.text.lines().find_map(|l| l.strip_prefix(&format!("{name}="))).unwrap_or_default().to_string()
    };
    assert_eq!(
        field("args"),
        format!(
            "extract-pdf-text --max-pages 500 --max-text-bytes 65536 --max-input-bytes 33554432 \
             --max-memory-bytes {} --max-cpu-seconds 7",
            512 * 1024 * 1024 + binary
        )
    );
    assert_eq!(field("home"), "none", "the environment is not passed on");
    // Set by the parent with prlimit: this stand-in sets nothing itself.
    assert_eq!(field("as"), ((512 * 1024 * 1024 + binary) / 1024).to_string());
    assert_eq!(field("cpu"), "7");
    assert_eq!(field("core"), "0");
}
