//! What the server and its PDF child say to each other. The server runs
//! `workspace-mcp extract-pdf-text --max-pages N …` (its own binary), writes the PDF on the
//! child's stdin and closes it; the child answers on stdout with one header line and the text:
//!
//! ```text
//! wsmcp-pdf-text/1 pages=12 read=12 text-pages=11 failed-pages=0 cut=0 decrypted=0
//! --- Page 1 ---
//! …
//! ```
//!
//! or exits with one of the codes below and a line on stderr. Anything else (a signal, a panic's
//! exit code 101, a header that does not parse) means the child failed.

/// The hidden subcommand that reads a PDF (not listed in `--help`).
pub const SUBCOMMAND: &str = "extract-pdf-text";

/// The arguments were not understood.
pub const EXIT_USAGE: i32 = 2;
/// The PDF needs a password.
pub const EXIT_ENCRYPTED: i32 = 3;
/// The input is not a PDF.
pub const EXIT_NOT_PDF: i32 = 4;
/// The PDF could not be parsed; stderr says why.
pub const EXIT_UNREADABLE: i32 = 5;
/// More input arrived than `--max-input-bytes`.
pub const EXIT_TOO_LARGE: i32 = 6;

const MAGIC: &str = "wsmcp-pdf-text/1";

/// The child's limits, passed as arguments so that it applies them to itself before it reads a
/// byte of the PDF (the parent applies the same resource limits from outside as well).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChildArgs {
    pub max_pages: u32,
    pub max_text_bytes: u64,
    pub max_input_bytes: u64,
    /// RLIMIT_AS: address space, which includes the mapped binary.
    pub max_memory_bytes: u64,
    /// RLIMIT_CPU: past it the kernel sends SIGXCPU, one second later SIGKILL.
    pub max_cpu_seconds: u64,
}

impl ChildArgs {
    /// The arguments after the subcommand.
    pub fn to_args(&self) -> Vec<String> {
        vec![
            "--max-pages".into(),
            self.max_pages.to_string(),
            "--max-text-bytes".into(),
            self.max_text_bytes.to_string(),
            "--max-input-bytes".into(),
            self.max_input_bytes.to_string(),
            "--max-memory-bytes".into(),
            self.max_memory_bytes.to_string(),
            "--max-cpu-seconds".into(),
            self.max_cpu_seconds.to_string(),
        ]
    }

    /// Parses what [`ChildArgs::to_args`] wrote; every flag is required.
    pub fn parse(args: &[String]) -> Result<ChildArgs, String> {
        let mut values: [Option<u64>; 5] = [None; 5];
        let names = ["--max-pages", "--max-text-bytes", "--max-input-bytes", "--max-memory-bytes", "--max-cpu-seconds"];
        let mut it = args.iter();
        while let Some(flag) = it.next() {
            let slot = names.iter().position(|n| n == flag).ok_or_else(|| format!("unknown argument {flag}"))?;
            let value = it.next().ok_or_else(|| format!("{flag} needs a value"))?;
            let parsed = value.parse::<u64>().map_err(|_| format!("{flag}: not a number: {value}"))?;
            if let Some(v) = values.get_mut(slot) {
                *v = Some(parsed);
            }
        }
        let get = |i: usize| values.get(i).copied().flatten().ok_or_else(|| format!("{} is required", names[i % 5]));
        Ok(ChildArgs {
            max_pages: u32::try_from(get(0)?).map_err(|_| "--max-pages is too large".to_string())?,
            max_text_bytes: get(1)?,
            max_input_bytes: get(2)?,
            max_memory_bytes: get(3)?,
            max_cpu_seconds: get(4)?,
        })
    }
}

/// The first line of a successful answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Header {
    pub pages: u32,
    pub pages_read: u32,
    pub pages_with_text: u32,
    pub pages_failed: u32,
    pub cut: bool,
    pub decrypted: bool,
}

impl Header {
    /// The line, with its newline.
    pub fn encode(&self) -> String {
        format!(
            "{MAGIC} pages={} read={} text-pages={} failed-pages={} cut={} decrypted={}\n",
            self.pages,
            self.pages_read,
            self.pages_with_text,
            self.pages_failed,
            u8::from(self.cut),
            u8::from(self.decrypted)
        )
    }

    /// The header and the bytes after it, or None when `out` does not start with one.
    pub fn decode(out: &[u8]) -> Option<(Header, &[u8])> {
        let end = out.iter().take(256).position(|b| *b == b'\n')?;
        let line = std::str::from_utf8(out.get(..end)?).ok()?;
        let mut words = line.split(' ');
        if words.next()? != MAGIC {
            return None;
        }
        let mut h = Header::default();
        let mut seen = 0;
        for word in words {
            let (key, value) = word.split_once('=')?;
            let n: u32 = value.parse().ok()?;
            match key {
                "pages" => h.pages = n,
                "read" => h.pages_read = n,
                "text-pages" => h.pages_with_text = n,
                "failed-pages" => h.pages_failed = n,
                "cut" => h.cut = n == 1,
                "decrypted" => h.decrypted = n == 1,
                _ => return None,
            }
            seen += 1;
        }
        (seen == 6).then_some((h, out.get(end + 1..)?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_round_trips_and_rejects_other_output() {
        let h = Header { pages: 12, pages_read: 10, pages_with_text: 9, pages_failed: 1, cut: true, decrypted: false };
        let mut out = h.encode().into_bytes();
        out.extend_from_slice("--- Page 1 ---\nΩ".as_bytes());
        let (back, rest) = Header::decode(&out).unwrap();
        assert_eq!(back, h);
        assert_eq!(rest, "--- Page 1 ---\nΩ".as_bytes());
        // libtest's output, when a test binary is run with the subcommand by mistake.
        assert!(Header::decode(b"\nrunning 0 tests\n").is_none());
        assert!(Header::decode(b"wsmcp-pdf-text/1 pages=1\n").is_none(), "fields missing");
        assert!(Header::decode(b"wsmcp-pdf-text/1 pages=1 read=1").is_none(), "no newline");
    }

    #[test]
    fn child_args_round_trip_and_need_every_flag() {
        let a =
            ChildArgs { max_pages: 3, max_text_bytes: 4, max_input_bytes: 5, max_memory_bytes: 6, max_cpu_seconds: 7 };
        assert_eq!(ChildArgs::parse(&a.to_args()), Ok(a));
        let short: Vec<String> = a.to_args().into_iter().take(8).collect();
        assert_eq!(ChildArgs::parse(&short), Err("--max-cpu-seconds is required".to_string()));
        assert!(ChildArgs::parse(&["--max-pages".into(), "x".into()]).is_err());
        assert!(ChildArgs::parse(&["--evil".into()]).is_err());
    }
}
