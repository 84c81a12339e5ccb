//! Text in the charset mail declares. Gmail hands a part's bytes over untranscoded, in the
//! charset of its `Content-Type`, and leaves some headers as RFC 2047 encoded words or
//! RFC 2231 parameters. Charset labels are read as browsers read them (the WHATWG Encoding
//! Standard, through `encoding_rs`): `iso-8859-1` and `us-ascii` mean Windows-1252,
//! `gb2312` means GBK, `shift_jis` includes the vendor extensions. An unknown label falls
//! back to lossy UTF-8, never to an error.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD_NO_PAD;
use encoding_rs::{Encoding, UTF_8};

/// Decodes `bytes` written in the charset `label` (UTF-8 when absent or unknown).
pub fn decode(bytes: &[u8], label: Option<&str>) -> String {
    // `for_label_no_replacement`: labels such as `iso-2022-kr` map to WHATWG's
    // "replacement" encoding, which would turn the whole text into one U+FFFD.
    let encoding = label.and_then(|l| Encoding::for_label_no_replacement(l.trim().as_bytes())).unwrap_or(UTF_8);
    encoding.decode_without_bom_handling(strip_bom(bytes, encoding)).0.into_owned()
}

/// A UTF-8 byte order mark is dropped only where UTF-8 is meant; elsewhere it is text.
fn strip_bom<'a>(bytes: &'a [u8], encoding: &'static Encoding) -> &'a [u8] {
    if encoding == UTF_8 { bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes) } else { bytes }
}

/// The parameters of a structured header value (`text/plain; charset="koi8-r"`), names
/// lower-cased, values unquoted, in order.
pub fn params(value: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = match value.split_once(';') {
        Some((_, r)) => r,
        None => return out,
    };
    while !rest.trim().is_empty() {
        let Some((name, after)) = rest.split_once('=') else { break };
        let after = after.trim_start();
        let (value, next) = if let Some(quoted) = after.strip_prefix('"') {
            let mut val = String::new();
            let mut chars = quoted.char_indices();
            let mut end = quoted.len();
            while let Some((i, c)) = chars.next() {
                match c {
                    '\\' => val.extend(chars.next().map(|(_, c)| c)),
                    '"' => {
                        end = i + 1;
                        break;
                    }
                    _ => val.push(c),
                }
            }
            let tail = quoted.get(end..).unwrap_or_default();
            (val, tail.split_once(';').map_or("", |(_, n)| n))
        } else {
            match after.split_once(';') {
                Some((v, n)) => (v.trim().to_string(), n),
                None => (after.trim().to_string(), ""),
            }
        };
        out.push((name.trim().to_ascii_lowercase(), value));
        rest = next;
    }
    out
}

/// The `charset` parameter of a `Content-Type` value.
pub fn charset_of(content_type: &str) -> Option<String> {
    params(content_type).into_iter().find(|(n, _)| n == "charset").map(|(_, v)| v).filter(|v| !v.is_empty())
}

/// The parameter `name` of a header value, with RFC 2231 extended values (`name*=`) and
/// continuations (`name*0*=`, `name*1=`…) joined and decoded, and RFC 2047 words in a
/// plain value decoded as mail clients write them.
pub fn param(value: &str, name: &str) -> Option<String> {
    let all = params(value);
    let mut segments: Vec<(u32, bool, String)> = Vec::new();
    let mut plain = None;
    for (n, v) in all {
        if n == name {
            plain = Some(v);
        } else if let Some(tail) = n.strip_prefix(name).and_then(|t| t.strip_prefix('*')) {
            let (index, extended) = match tail.strip_suffix('*') {
                Some(i) => (i, true),
                None if tail.is_empty() => ("", true),
                None => (tail, false),
            };
            let index = if index.is_empty() { Some(0) } else { index.parse().ok() };
            if let Some(index) = index {
                segments.push((index, extended, v));
            }
        }
    }
    if segments.is_empty() {
        return plain.map(|p| decode_words(&p));
    }
    segments.sort_by_key(|(i, _, _)| *i);
    let mut charset = None;
    let mut bytes = Vec::new();
    for (n, (_, extended, v)) in segments.iter().enumerate() {
        let mut text = v.as_str();
        if n == 0 && *extended {
            // charset'language'percent-encoded-value
            let mut pieces = text.splitn(3, '\'');
            if let (Some(cs), Some(_lang), Some(rest)) = (pieces.next(), pieces.next(), pieces.next()) {
                charset = Some(cs.to_string()).filter(|c| !c.is_empty());
                text = rest;
            }
        }
        if *extended {
            bytes.extend(percent_encoding::percent_decode_str(text));
        } else {
            bytes.extend_from_slice(text.as_bytes());
        }
    }
    Some(decode(&bytes, charset.as_deref()))
}

/// Decodes RFC 2047 encoded words (`=?ISO-2022-JP?B?…?=`) in a header value. Adjacent
/// words in one charset are joined before decoding, since a multi-byte character may be
/// split across them; the space between encoded words is dropped as the RFC says.
/// Anything malformed stays as written.
pub fn decode_words(value: &str) -> String {
    if !value.contains("=?") {
        return value.to_string();
    }
    let mut out = String::with_capacity(value.len());
    let mut pending: Option<(String, Vec<u8>)> = None;
    let mut rest = value;
    while !rest.is_empty() {
        let Some(start) = rest.find("=?") else { break };
        let Some((word, len)) = encoded_word(&rest[start..]) else {
            // Not a word: keep the text up to and including "=?" as it is.
            flush(&mut out, &mut pending);
            out.push_str(&rest[..start + 2]);
            rest = &rest[start + 2..];
            continue;
        };
        let before = &rest[..start];
        if pending.is_some() && before.chars().all(char::is_whitespace) {
            // Whitespace between two encoded words is not part of the text.
        } else {
            flush(&mut out, &mut pending);
            out.push_str(before);
        }
        match &mut pending {
            Some((cs, bytes)) if cs.eq_ignore_ascii_case(&word.0) => bytes.extend(word.1),
            _ => {
                flush(&mut out, &mut pending);
                pending = Some(word);
            }
        }
        rest = &rest[start + len..];
    }
    flush(&mut out, &mut pending);
    out.push_str(rest);
    out
}

fn flush(out: &mut String, pending: &mut Option<(String, Vec<u8>)>) {
    if let Some((charset, bytes)) = pending.take() {
        out.push_str(&decode(&bytes, Some(&charset)));
    }
}

/// One encoded word at the start of `s`: its charset, its bytes and its length in `s`.
fn encoded_word(s: &str) -> Option<((String, Vec<u8>), usize)> {
    let inner = s.strip_prefix("=?")?;
    let (charset, rest) = inner.split_once('?')?;
    let (encoding, rest) = rest.split_once('?')?;
    let end = rest.find("?=")?;
    let text = &rest[..end];
    if charset.is_empty() || text.contains(char::is_whitespace) {
        return None;
    }
    // RFC 2231 allows a language after the charset: `UTF-8*de`.
    let charset = charset.split('*').next().unwrap_or(charset).to_string();
    let bytes = match encoding {
        "B" | "b" => STANDARD_NO_PAD.decode(text.trim_end_matches('=')).ok()?,
        "Q" | "q" => q_decode(text)?,
        _ => return None,
    };
    let len = 2 + charset_len(inner) + encoding.len() + 1 + end + 2;
    Some(((charset, bytes), len))
}

/// Length of `charset?` (with any `*language`) at the start of a word's inside.
fn charset_len(inner: &str) -> usize {
    inner.find('?').map_or(0, |i| i + 1)
}

fn q_decode(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len());
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'_' => out.push(b' '),
            b'=' => {
                let hex = text.get(i + 1..i + 3)?;
                out.push(u8::from_str_radix(hex, 16).ok()?);
                i += 2;
            }
            b => out.push(b),
        }
        i += 1;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encode(text: &str, label: &str) -> Vec<u8> {
        let encoding = Encoding::for_label(label.as_bytes()).unwrap();
        encoding.encode(text).0.into_owned()
    }

    #[test]
    fn decodes_bodies_by_their_declared_charset() {
        for (label, text) in [
            ("ISO-8859-1", "Lieferung verzögert, Grüße"),
            ("windows-1252", "“Quoted” – costs €12"),
            ("ISO-2022-JP", "リベラ様、納期について"),
            ("Shift_JIS", "見積書を送付いたします"),
            ("gb2312", "交货时间推迟"),
            ("GBK", "交货时间推迟"),
            ("KOI8-R", "Поставка задерживается"),
            ("utf-8", "naïve ☕"),
        ] {
            assert_eq!(decode(&encode(text, label), Some(label)), text, "{label}");
        }
        // iso-8859-1 is read as Windows-1252, as browsers do: 0x80 is the euro sign.
        assert_eq!(decode(b"\x80 5", Some("iso-8859-1")), "€ 5");
        // Shift_JIS with its vendor extensions (NEC row 13: circled digits).
        assert_eq!(decode(b"\x87\x40", Some("shift_jis")), "①");
    }

    #[test]
    fn unknown_or_missing_labels_fall_back_to_lossy_utf8() {
        assert_eq!(decode("grüße".as_bytes(), Some("x-no-such-charset")), "grüße");
        assert_eq!(decode(b"a\xffb", None), "a\u{fffd}b");
        assert_eq!(decode(b"plain", Some("iso-2022-kr")), "plain");
        assert_eq!(decode(b"\xEF\xBB\xBFhi", Some("utf-8")), "hi");
    }

    #[test]
    fn reads_content_type_parameters() {
        assert_eq!(charset_of("text/plain; charset=\"ISO-8859-1\"; format=flowed").as_deref(), Some("ISO-8859-1"));
        assert_eq!(charset_of("text/html;charset=koi8-r").as_deref(), Some("koi8-r"));
        assert_eq!(charset_of("text/plain"), None);
        assert_eq!(
            params(r#"attachment; filename="a \"b\"; c.txt"; size=3"#),
            vec![("filename".to_string(), "a \"b\"; c.txt".to_string()), ("size".to_string(), "3".to_string())]
        );
    }

    #[test]
    fn decodes_rfc2047_words() {
        assert_eq!(decode_words("=?ISO-8859-1?Q?Lieferung_verz=F6gert?="), "Lieferung verzögert");
        assert_eq!(decode_words("=?UTF-8?B?8J+OiSBIaQ==?= and more"), "🎉 Hi and more");
        // A character split across two words, with folding whitespace between them.
        assert_eq!(decode_words("=?UTF-8?Q?gr=C3?=\r\n =?UTF-8?Q?=BC=C3=9Fe?="), "grüße");
        let jis = STANDARD_NO_PAD.encode(encode("納期について", "iso-2022-jp"));
        assert_eq!(decode_words(&format!("Re: =?ISO-2022-JP?B?{jis}?=")), "Re: 納期について");
        let koi = STANDARD_NO_PAD.encode(encode("Поставка", "koi8-r"));
        assert_eq!(decode_words(&format!("=?koi8-r?B?{koi}?= (Ivan)")), "Поставка (Ivan)");
        assert_eq!(decode_words("a =?x?Q?b?= c"), "a b c");
        assert_eq!(decode_words("1 =? 2 and =?utf-8?Z?bad?="), "1 =? 2 and =?utf-8?Z?bad?=");
        assert_eq!(decode_words("no words"), "no words");
    }

    #[test]
    fn decodes_rfc2231_parameters() {
        let cd = "attachment; filename*=UTF-8''Angebot%20f%C3%BCr%20Atlas.pdf";
        assert_eq!(param(cd, "filename").as_deref(), Some("Angebot für Atlas.pdf"));
        let continued = "attachment; filename*0*=iso-8859-1'de'Pr%FCf; filename*1=\"bericht \"; filename*2*=2026.txt";
        assert_eq!(param(continued, "filename").as_deref(), Some("Prüfbericht 2026.txt"));
        assert_eq!(
            param("attachment; filename=\"=?UTF-8?Q?K=C3=B6ln.txt?=\"", "filename").as_deref(),
            Some("Köln.txt")
        );
        assert_eq!(param("inline", "filename"), None);
    }
}
