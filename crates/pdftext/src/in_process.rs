//! The reader without a child process, for tests of the tools: the subcommand's own code run
//! in the test's process, its answer read as the server reads the child's. A panic is caught
//! (tests unwind), which the release server could not do; that is why it uses the child.

use bytes::Bytes;
use futures::future::BoxFuture;
use std::sync::Arc;
use wsmcp_core::pdf::protocol::ChildArgs;
use wsmcp_core::pdf::{PdfLimits, PdfReader, PdfTextOutcome, PdfTextSource, outcome_of_exit};

use crate::child::answer;

/// Reads PDFs in this process with the server's default limits.
pub struct InProcess {
    args: ChildArgs,
}

impl InProcess {
    /// A [`PdfReader`] over this, for a service's options in tests.
    pub fn reader() -> PdfReader {
        let l = PdfLimits::default();
        let args = ChildArgs {
            max_pages: l.max_pages,
            max_text_bytes: l.max_text_bytes,
            max_input_bytes: l.max_input_bytes,
            max_memory_bytes: l.max_memory_bytes,
            max_cpu_seconds: l.max_cpu_seconds,
        };
        PdfReader::new("in process", Arc::new(InProcess { args }))
    }
}

impl PdfTextSource for InProcess {
    fn read(&self, pdf: Bytes) -> BoxFuture<'_, PdfTextOutcome> {
        Box::pin(async move {
            match std::panic::catch_unwind(|| answer(&pdf, &self.args)) {
                Ok(a) => outcome_of_exit(a.code, &a.stdout, &a.stderr, &self.args),
                Err(_) => PdfTextOutcome::Failed("the reader panicked on this file".into()),
            }
        })
    }
}
