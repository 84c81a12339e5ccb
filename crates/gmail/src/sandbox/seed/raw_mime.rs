//! RFC 822 bytes written by hand, for seed mails that mail-builder would normalise away:
//! bodies in legacy charsets (encoded with encoding_rs), RFC 2047 words in those charsets,
//! quoted-printable and 7-bit ISO-2022-JP as real mail clients send them.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use encoding_rs::Encoding;

/// `text` in the charset `label` (a WHATWG label such as `iso-8859-1` or `shift_jis`).
pub fn encode(text: &str, label: &str) -> Vec<u8> {
    let encoding = Encoding::for_label(label.as_bytes()).unwrap_or(encoding_rs::UTF_8);
    encoding.encode(text).0.into_owned()
}

/// An RFC 2047 encoded word (`B` encoding) of `text` in the charset `label`.
pub fn word(text: &str, label: &str) -> String {
    format!("=?{label}?B?{}?=", STANDARD.encode(encode(text, label)))
}

/// How a leaf part's bytes are put on the wire.
#[derive(Debug, Clone, Copy)]
pub enum Transfer {
    /// 7-bit text as is (ASCII, ISO-2022-JP).
    SevenBit,
    QuotedPrintable,
    Base64,
}

/// A leaf part: its headers, a blank line, the encoded bytes.
pub fn leaf(content_type: &str, extra_headers: &[(&str, &str)], bytes: &[u8], transfer: Transfer) -> Vec<u8> {
    let (name, body) = match transfer {
        Transfer::SevenBit => ("7bit", crlf(bytes)),
        Transfer::QuotedPrintable => ("quoted-printable", quoted_printable(bytes)),
        Transfer::Base64 => ("base64", base64_lines(bytes)),
    };
    let mut out = format!("Content-Type: {content_type}\r\nContent-Transfer-Encoding: {name}\r\n").into_bytes();
    for (h, v) in extra_headers {
        out.extend_from_slice(format!("{h}: {v}\r\n").as_bytes());
    }
    out.extend_from_slice(b"\r\n");
    out.extend(body);
    out
}

/// A multipart part of the given subtype around `parts`.
pub fn multipart(subtype: &str, boundary: &str, parts: &[Vec<u8>]) -> Vec<u8> {
    let mut out = format!("Content-Type: multipart/{subtype}; boundary=\"{boundary}\"\r\n\r\n").into_bytes();
    for p in parts {
        out.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
        out.extend_from_slice(p);
        if !p.ends_with(b"\r\n") {
            out.extend_from_slice(b"\r\n");
        }
    }
    out.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    out
}

/// A `message/rfc822` part carrying `message`.
pub fn attached_message(filename: &str, message: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "Content-Type: message/rfc822; name=\"{filename}\"\r\nContent-Disposition: attachment; filename=\"{filename}\"\r\n\r\n"
    )
    .into_bytes();
    out.extend_from_slice(message);
    out
}

/// A whole message: top-level headers (values already encoded), then the body part, whose
/// own headers (Content-Type…) continue the header block.
pub fn message(headers: &[(&str, String)], body_part: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    for (name, value) in headers {
        out.extend_from_slice(format!("{name}: {value}\r\n").as_bytes());
    }
    out.extend_from_slice(b"MIME-Version: 1.0\r\n");
    out.extend_from_slice(body_part);
    out
}

/// An RFC 2822 date for Unix seconds.
pub fn date(secs: i64) -> String {
    chrono::DateTime::from_timestamp(secs, 0).unwrap_or_default().to_rfc2822()
}

fn crlf(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len() + bytes.len() / 40);
    for line in bytes.split(|b| *b == b'\n') {
        out.extend_from_slice(line.strip_suffix(b"\r").unwrap_or(line));
        out.extend_from_slice(b"\r\n");
    }
    out
}

fn base64_lines(bytes: &[u8]) -> Vec<u8> {
    let encoded = STANDARD.encode(bytes);
    let mut out = Vec::with_capacity(encoded.len() + encoded.len() / 38);
    for chunk in encoded.as_bytes().chunks(76) {
        out.extend_from_slice(chunk);
        out.extend_from_slice(b"\r\n");
    }
    out
}

/// Quoted-printable (RFC 2045): line breaks kept as CRLF, other bytes outside printable
/// ASCII (and `=`) as `=XX`, lines soft-broken before 76 characters.
fn quoted_printable(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len() * 2);
    for line in bytes.split(|b| *b == b'\n') {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        let mut width = 0;
        for (i, &b) in line.iter().enumerate() {
            let last = i + 1 == line.len();
            let literal = (b == b' ' && !last) || (b.is_ascii_graphic() && b != b'=');
            let piece = if literal { vec![b] } else { format!("={b:02X}").into_bytes() };
            if width + piece.len() > 75 {
                out.extend_from_slice(b"=\r\n");
                width = 0;
            }
            width += piece.len();
            out.extend(piece);
        }
        out.extend_from_slice(b"\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_printable_round_trips_through_mail_parser() {
        let text = format!("Grüße aus München = {}", "ä".repeat(60));
        let body = leaf("text/plain; charset=iso-8859-1", &[], &encode(&text, "iso-8859-1"), Transfer::QuotedPrintable);
        let raw = message(&[("Subject", word("verzögert", "iso-8859-1"))], &body);
        assert!(raw.is_ascii());
        let parsed = mail_parser::MessageParser::default().parse(&raw).unwrap();
        assert_eq!(parsed.subject(), Some("verzögert"));
        assert_eq!(parsed.body_text(0).unwrap().trim_end(), text);
    }
}
