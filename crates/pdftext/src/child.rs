//! The body of `workspace-mcp extract-pdf-text` (registered in `crates/cli`): limits itself,
//! reads the PDF from stdin, writes the header and the text to stdout, or exits with a code
//! from `wsmcp_core::pdf::protocol` and a line on stderr.

use std::io::{Read, Write};

use wsmcp_core::pdf::limit_this_process;
use wsmcp_core::pdf::protocol::{
    ChildArgs, EXIT_ENCRYPTED, EXIT_NOT_PDF, EXIT_TOO_LARGE, EXIT_UNREADABLE, EXIT_USAGE, Header,
};

use crate::{Limits, PdfError, extract};

/// Runs the subcommand with the arguments after its name; returns the exit code.
pub fn main(args: &[String]) -> i32 {
    let args = match ChildArgs::parse(args) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("extract-pdf-text: {e}");
            return EXIT_USAGE;
        }
    };
    // Before a byte of input: a hostile PDF meets these limits, whatever the parent managed.
    if let Err(e) = limit_this_process(&args) {
        eprintln!("extract-pdf-text: cannot set resource limits: {e}");
        return 1;
    }
    let mut input = Vec::new();
    if let Err(e) = std::io::stdin().lock().take(args.max_input_bytes.saturating_add(1)).read_to_end(&mut input) {
        eprintln!("extract-pdf-text: cannot read stdin: {e}");
        return 1;
    }
    let answer = answer(&input, &args);
    if !answer.stderr.is_empty() {
        eprintln!("{}", answer.stderr);
    }
    let mut stdout = std::io::stdout().lock();
    if let Err(e) = stdout.write_all(&answer.stdout).and_then(|()| stdout.flush()) {
        eprintln!("extract-pdf-text: cannot write the text: {e}");
        return 1;
    }
    answer.code
}

/// What the subcommand answers for `input`: its exit code, stdout and stderr.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    pub code: i32,
    pub stdout: Vec<u8>,
    pub stderr: String,
}

/// The answer for `input`, without a process (tests call this in-process).
pub fn answer(input: &[u8], args: &ChildArgs) -> Answer {
    let fail = |code: i32, stderr: String| Answer { code, stdout: Vec::new(), stderr };
    if input.len() as u64 > args.max_input_bytes {
        return fail(EXIT_TOO_LARGE, format!("more than {} bytes of input", args.max_input_bytes));
    }
    let limits = Limits {
        max_pages: args.max_pages,
        max_text_bytes: usize::try_from(args.max_text_bytes).unwrap_or(usize::MAX),
    };
    match extract(input, limits) {
        Ok(t) => {
            let header = Header {
                pages: t.pages,
                pages_read: t.pages_read,
                pages_with_text: t.pages_with_text,
                pages_failed: t.pages_failed,
                cut: t.cut,
                decrypted: t.decrypted,
            };
            let mut stdout = header.encode().into_bytes();
            stdout.extend_from_slice(t.text.as_bytes());
            Answer { code: 0, stdout, stderr: String::new() }
        }
        Err(PdfError::NotPdf) => fail(EXIT_NOT_PDF, PdfError::NotPdf.to_string()),
        Err(PdfError::Encrypted) => fail(EXIT_ENCRYPTED, PdfError::Encrypted.to_string()),
        Err(PdfError::Unreadable(why)) => fail(EXIT_UNREADABLE, why),
    }
}
