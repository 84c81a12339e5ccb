//! A small MIME multipart reader for the two places Google accepts one: batch requests
//! (`multipart/mixed` of `application/http` parts) and multipart uploads
//! (`multipart/related`: JSON metadata, then the media).

use bytes::Bytes;

/// One body part: its headers (names as sent) and its raw content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    pub headers: Vec<(String, String)>,
    pub body: Bytes,
}

impl Part {
    /// The first header called `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        header(&self.headers, name)
    }
}

/// The first header called `name` (case-insensitive) in a parsed header block.
pub fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
}

/// The `boundary` parameter of a `multipart/*` content type, unquoted.
pub fn boundary(content_type: &str) -> Option<String> {
    let mut params = content_type.split(';');
    let media = params.next()?.trim();
    if !media.to_ascii_lowercase().starts_with("multipart/") {
        return None;
    }
    params
        .find_map(|p| {
            let (name, value) = p.split_once('=')?;
            name.trim().eq_ignore_ascii_case("boundary").then(|| value.trim().trim_matches('"').to_string())
        })
        .filter(|b| !b.is_empty())
}

/// Split a multipart body into its parts. Accepts CRLF or bare LF line ends, ignores the
/// preamble and epilogue, and fails only when no delimiter is found at all.
pub fn parse(body: &[u8], boundary: &str) -> Result<Vec<Part>, String> {
    let delimiter = format!("--{boundary}");
    let starts = delimiter_positions(body, delimiter.as_bytes());
    if starts.is_empty() {
        return Err(format!("no multipart boundary \"{boundary}\" found in the body"));
    }
    let mut parts = Vec::new();
    for (i, &start) in starts.iter().enumerate() {
        let after = start + delimiter.len();
        if body.get(after..after + 2) == Some(b"--") {
            break; // the close delimiter
        }
        let Some(content_start) = next_line(body, after) else {
            break;
        };
        let end = starts.get(i + 1).copied().unwrap_or(body.len());
        let content = body.get(content_start..trim_line_end(body, content_start, end)).unwrap_or(&[]);
        let (headers, rest) = split_headers(content);
        parts.push(Part { headers, body: Bytes::copy_from_slice(rest) });
    }
    Ok(parts)
}

/// Parse an RFC 822 style header block (folded lines allowed) up to the first blank line;
/// returns the headers and whatever follows the blank line.
pub fn split_headers(block: &[u8]) -> (Vec<(String, String)>, &[u8]) {
    let mut headers: Vec<(String, String)> = Vec::new();
    let mut pos = 0;
    while pos < block.len() {
        let line_end = block.get(pos..).and_then(|b| b.iter().position(|&c| c == b'\n'));
        let (line, next) = match line_end {
            Some(n) => (block.get(pos..pos + n).unwrap_or(&[]), pos + n + 1),
            None => (block.get(pos..).unwrap_or(&[]), block.len()),
        };
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if line.is_empty() {
            return (headers, block.get(next..).unwrap_or(&[]));
        }
        let text = String::from_utf8_lossy(line);
        if text.starts_with([' ', '\t']) {
            if let Some((_, value)) = headers.last_mut() {
                value.push(' ');
                value.push_str(text.trim());
            }
        } else if let Some((name, value)) = text.split_once(':') {
            headers.push((name.trim().to_string(), value.trim().to_string()));
        }
        pos = next;
    }
    (headers, &[])
}

/// Offsets of every delimiter that starts a line.
fn delimiter_positions(body: &[u8], delimiter: &[u8]) -> Vec<usize> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(rel) = find(body.get(from..).unwrap_or(&[]), delimiter) {
        let at = from + rel;
        if at == 0 || body.get(at - 1) == Some(&b'\n') {
            found.push(at);
        }
        from = at + delimiter.len();
    }
    found
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || haystack.len() < needle.len() {
        return None;
    }
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// The offset just past the end of the line containing `from`.
fn next_line(body: &[u8], from: usize) -> Option<usize> {
    let rel = body.get(from..)?.iter().position(|&c| c == b'\n')?;
    Some(from + rel + 1)
}

/// Drop the line break that belongs to the next delimiter.
fn trim_line_end(body: &[u8], start: usize, end: usize) -> usize {
    let mut end = end;
    if end > start && body.get(end - 1) == Some(&b'\n') {
        end -= 1;
        if end > start && body.get(end - 1) == Some(&b'\r') {
            end -= 1;
        }
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_crlf_and_lf_bodies() {
        let body = b"preamble\r\n--xyz\r\nContent-Type: application/json\r\n\r\n{\"a\":1}\r\n--xyz\r\nContent-Type: text/plain\r\nX-Long: one\r\n two\r\n\r\nhello\r\n--xyz--\r\n";
        let parts = parse(body, "xyz").unwrap();
        assert_eq!(parts.len(), 2);
        assert_eq!(parts[0].header("content-type"), Some("application/json"));
        assert_eq!(&parts[0].body[..], b"{\"a\":1}");
        assert_eq!(parts[1].header("X-Long"), Some("one two"));
        assert_eq!(&parts[1].body[..], b"hello");
        let lf = parse(b"--b\nA: 1\n\nx\n--b--\n", "b").unwrap();
        assert_eq!(&lf[0].body[..], b"x");
        assert_eq!(boundary("multipart/mixed; boundary=\"batch_1\""), Some("batch_1".into()));
        assert_eq!(boundary("application/json"), None);
        assert!(parse(b"nothing", "b").is_err());
    }
}
