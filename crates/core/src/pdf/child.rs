//! Running the PDF reader as a child process: the server's own binary with the hidden
//! subcommand, the PDF on its stdin, its answer on stdout. The child gets an empty environment
//! (no credentials reach the parser), resource limits (address space, CPU time, no core file)
//! that it sets on itself before reading input and that the parent sets on it from outside as
//! well, and a wall-clock timeout after which it is killed. At most [`PdfLimits::concurrent`]
//! children run at once; other calls wait their turn.
//!
//! The limits are not set between fork and exec (`CommandExt::pre_exec`) because that API is
//! `unsafe` and the workspace forbids unsafe code; `prlimit` on the new child before its stdin
//! gets a byte has the same effect, since the child parses nothing before then.

use std::path::PathBuf;
use std::process::{ExitStatus, Stdio};
use std::time::Duration;

use bytes::Bytes;
use futures::future::BoxFuture;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWriteExt};
use tokio::process::Command;
use tokio::sync::Semaphore;

use super::protocol::{self, ChildArgs, Header};
use super::{PdfTextOutcome, PdfTextReport, PdfTextSource};

/// The bounds of one PDF read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PdfLimits {
    /// Largest PDF handed to the reader.
    pub max_input_bytes: u64,
    /// Pages read, from the first.
    pub max_pages: u32,
    /// Bytes of text kept (the tools show 100,000 characters inline and save the rest).
    pub max_text_bytes: u64,
    /// Wall-clock time before the child is killed.
    pub timeout: Duration,
    /// CPU seconds (RLIMIT_CPU).
    pub max_cpu_seconds: u64,
    /// Address space (RLIMIT_AS) on top of the size of the binary, which is mapped into it.
    pub max_memory_bytes: u64,
    /// Children running at once.
    pub concurrent: usize,
}

impl Default for PdfLimits {
    fn default() -> Self {
        PdfLimits {
            max_input_bytes: 32 * 1024 * 1024,
            max_pages: 500,
            max_text_bytes: 8 * 1024 * 1024,
            timeout: Duration::from_secs(30),
            max_cpu_seconds: 30,
            max_memory_bytes: 1024 * 1024 * 1024,
            concurrent: 2,
        }
    }
}

/// Bytes of stderr kept for the log and the message.
const STDERR_CAP: u64 = 4096;
/// Room for the header line on top of the text cap.
const HEADER_ROOM: u64 = 256;

/// Reads PDFs by running `program extract-pdf-text`.
pub struct ChildProcessReader {
    program: PathBuf,
    limits: PdfLimits,
    args: ChildArgs,
    slots: Semaphore,
}

impl ChildProcessReader {
    pub fn new(program: PathBuf, limits: PdfLimits) -> Self {
        // The binary is mapped into the child's address space, so the memory limit sits on top.
        let binary = std::fs::metadata(&program).map(|m| m.len()).unwrap_or(0);
        let args = ChildArgs {
            max_pages: limits.max_pages,
            max_text_bytes: limits.max_text_bytes,
            max_input_bytes: limits.max_input_bytes,
            max_memory_bytes: limits.max_memory_bytes.saturating_add(binary),
            max_cpu_seconds: limits.max_cpu_seconds,
        };
        ChildProcessReader { program, limits, args, slots: Semaphore::new(limits.concurrent.max(1)) }
    }

    async fn run(&self, pdf: Bytes) -> PdfTextOutcome {
        if pdf.len() as u64 > self.limits.max_input_bytes {
            return PdfTextOutcome::Failed(format!(
                "the file is {} bytes, over the {} bytes the PDF reader takes",
                pdf.len(),
                self.limits.max_input_bytes
            ));
        }
        let Ok(_slot) = self.slots.acquire().await else {
            return PdfTextOutcome::Failed("the PDF reader is shutting down".into());
        };
        let mut child = match Command::new(&self.program)
            .arg(protocol::SUBCOMMAND)
            .args(self.args.to_args())
            .env_clear()
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .kill_on_drop(true)
            .spawn()
        {
            Ok(c) => c,
            Err(e) => return PdfTextOutcome::Failed(format!("the PDF reader could not start ({e})")),
        };
        if let Some(pid) = child.id()
            && let Err(e) = limit_child(pid, &self.args)
        {
            // The child limits itself too; this is the second lock on the same door.
            tracing::debug!(error = %e, "prlimit on the PDF reader failed");
        }
        let (Some(mut stdin), Some(stdout), Some(stderr)) =
            (child.stdin.take(), child.stdout.take(), child.stderr.take())
        else {
            return PdfTextOutcome::Failed("the PDF reader's pipes were not set up".into());
        };
        let out_cap = self.args.max_text_bytes.saturating_add(HEADER_ROOM);
        let exchange = async {
            let write = async move {
                // A child that stops reading early (not a PDF) closes the pipe: not our error.
                let _ = stdin.write_all(&pdf).await;
                let _ = stdin.shutdown().await;
            };
            let pid = child.id();
            let read_out = async move {
                let out = read_capped(stdout, out_cap).await;
                if out.len() as u64 > out_cap {
                    // Stop a flood now rather than at the timeout (the child is not yet reaped,
                    // so its pid is still its own).
                    kill(pid);
                }
                out
            };
            let (_, out, err) = tokio::join!(write, read_out, read_capped(stderr, STDERR_CAP));
            (out, err, child.wait().await)
        };
        let (out, err, status) = match tokio::time::timeout(self.limits.timeout, exchange).await {
            Ok(done) => done,
            Err(_) => {
                let _ = child.start_kill();
                let _ = child.wait().await;
                tracing::warn!(timeout = ?self.limits.timeout, "PDF reader killed after its time limit");
                return PdfTextOutcome::Failed(format!(
                    "the reader took longer than {} s on this file and was stopped",
                    self.limits.timeout.as_secs_f64()
                ));
            }
        };
        let err = String::from_utf8_lossy(&err);
        let status = match status {
            Ok(s) => s,
            Err(e) => return PdfTextOutcome::Failed(format!("the PDF reader could not be waited for ({e})")),
        };
        if out.len() as u64 > out_cap {
            return PdfTextOutcome::Failed("the reader wrote more than its text limit".into());
        }
        let outcome = interpret(status, &out, &err, &self.args);
        if let PdfTextOutcome::Failed(why) = &outcome {
            tracing::warn!(%status, stderr = %err.trim(), "PDF reader failed: {why}");
        }
        outcome
    }
}

impl PdfTextSource for ChildProcessReader {
    fn read(&self, pdf: Bytes) -> BoxFuture<'_, PdfTextOutcome> {
        Box::pin(self.run(pdf))
    }
}

/// SIGKILL to a child not yet waited for.
fn kill(pid: Option<u32>) {
    #[cfg(unix)]
    if let Some(pid) = pid.and_then(|p| i32::try_from(p).ok()).and_then(rustix::process::Pid::from_raw) {
        let _ = rustix::process::kill_process(pid, rustix::process::Signal::KILL);
    }
    #[cfg(not(unix))]
    let _ = pid;
}

/// Up to `cap + 1` bytes of `from` (one more than allowed shows that there was more).
async fn read_capped(from: impl AsyncRead + Unpin, cap: u64) -> Vec<u8> {
    let mut buf = Vec::new();
    let _ = from.take(cap.saturating_add(1)).read_to_end(&mut buf).await;
    buf
}

/// The child's exit and output as an outcome.
fn interpret(status: ExitStatus, out: &[u8], err: &str, args: &ChildArgs) -> PdfTextOutcome {
    match status.code() {
        Some(code) => outcome_of_exit(code, out, err, args),
        None => PdfTextOutcome::Failed(killed(status, err, args)),
    }
}

/// What the reader's exit code, stdout and stderr mean (also used by in-process readers in
/// tests, which run the child's code without a process).
pub fn outcome_of_exit(code: i32, out: &[u8], err: &str, args: &ChildArgs) -> PdfTextOutcome {
    let first_line = || err.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or("no reason given").to_string();
    match code {
        0 => match Header::decode(out) {
            Some((h, _)) if h.pages == 0 => PdfTextOutcome::Unreadable("it has no pages".into()),
            Some((h, _)) if h.pages_with_text == 0 => PdfTextOutcome::NoTextLayer { pages: h.pages },
            Some((h, text)) => PdfTextOutcome::Text(PdfTextReport {
                text: String::from_utf8_lossy(text).into_owned(),
                pages: h.pages,
                pages_read: h.pages_read,
                pages_failed: h.pages_failed,
                cut: h.cut,
                decrypted: h.decrypted,
                max_pages: args.max_pages,
            }),
            None => {
                PdfTextOutcome::Failed("the reader's answer was not understood (is this binary built with it?)".into())
            }
        },
        protocol::EXIT_ENCRYPTED => PdfTextOutcome::Encrypted,
        protocol::EXIT_NOT_PDF => PdfTextOutcome::NotPdf,
        protocol::EXIT_UNREADABLE => PdfTextOutcome::Unreadable(first_line()),
        protocol::EXIT_TOO_LARGE => PdfTextOutcome::Failed("the file is over the reader's size limit".into()),
        code => PdfTextOutcome::Failed(
            crash(err).unwrap_or_else(|| format!("the reader exited with code {code} ({})", first_line())),
        ),
    }
}

/// What a crashed child said: a panic's message, or running out of memory.
fn crash(err: &str) -> Option<String> {
    if err.contains("memory allocation of") {
        return Some("the reader ran out of its memory limit on this file".into());
    }
    let mut lines = err.lines();
    lines.by_ref().find(|l| l.contains("panicked at"))?;
    let message: String = lines.next().unwrap_or("").trim().chars().take(160).collect();
    Some(format!("the reader stopped on a malformed or unusual PDF ({message})"))
}

#[cfg(unix)]
fn killed(status: ExitStatus, err: &str, args: &ChildArgs) -> String {
    use std::os::unix::process::ExitStatusExt;
    let signal = status.signal().unwrap_or(0);
    match signal {
        // SIGXCPU at the soft limit, SIGKILL a second later at the hard one.
        24 => format!("the reader used more than its {} s of CPU time on this file", args.max_cpu_seconds),
        _ => crash(err)
            .unwrap_or_else(|| format!("the reader was killed by signal {signal} (a malformed or hostile PDF?)")),
    }
}

#[cfg(not(unix))]
fn killed(_status: ExitStatus, err: &str, _args: &ChildArgs) -> String {
    crash(err).unwrap_or_else(|| "the reader was killed".into())
}

/// The child's resource limits, set on itself by the child before it reads its input.
pub fn limit_this_process(args: &ChildArgs) -> std::io::Result<()> {
    #[cfg(unix)]
    for (resource, soft, hard) in limits(args) {
        rustix::process::setrlimit(resource, within_inherited(resource, soft, hard))?;
    }
    #[cfg(not(unix))]
    let _ = args;
    Ok(())
}

/// The same limits, set by the parent on the child.
fn limit_child(pid: u32, args: &ChildArgs) -> std::io::Result<()> {
    #[cfg(target_os = "linux")]
    {
        use rustix::process::{Pid, prlimit};
        let pid = i32::try_from(pid).ok().and_then(Pid::from_raw).ok_or(std::io::ErrorKind::InvalidInput)?;
        for (resource, soft, hard) in limits(args) {
            prlimit(Some(pid), resource, within_inherited(resource, soft, hard))?;
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = (pid, args);
    Ok(())
}

/// `soft`/`hard`, never above the hard limit this process has (and its child inherited):
/// raising a hard limit needs privileges, and a tighter limit set by the operator stays.
#[cfg(unix)]
fn within_inherited(resource: rustix::process::Resource, soft: u64, hard: u64) -> rustix::process::Rlimit {
    let inherited = rustix::process::getrlimit(resource).maximum.unwrap_or(u64::MAX);
    let hard = hard.min(inherited);
    rustix::process::Rlimit { current: Some(soft.min(hard)), maximum: Some(hard) }
}

/// (resource, soft, hard): address space, CPU seconds (SIGXCPU, then SIGKILL a second later),
/// and no core file when the child aborts.
#[cfg(unix)]
fn limits(args: &ChildArgs) -> [(rustix::process::Resource, u64, u64); 3] {
    use rustix::process::Resource;
    [
        (Resource::As, args.max_memory_bytes, args.max_memory_bytes),
        (Resource::Cpu, args.max_cpu_seconds, args.max_cpu_seconds.saturating_add(1)),
        (Resource::Core, 0, 0),
    ]
}
