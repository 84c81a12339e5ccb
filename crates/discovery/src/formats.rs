//! Scalar kinds (a Discovery `type` plus `format`) and the checks for their textual and JSON forms.
//!
//! Google's front end parses query strings and JSON bodies into protocol buffers, so the rules here
//! follow the proto3 JSON mapping: 64-bit integers travel as strings or numbers, bytes as base64 in
//! either alphabet, timestamps as RFC 3339, durations as seconds with an `s` suffix.

use serde_json::Value;

/// The scalar a parameter or schema leaf holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scalar {
    String,
    Bool,
    Int32,
    UInt32,
    Int64,
    UInt64,
    Float,
    Double,
    Bytes,
    /// RFC 3339 date-time (`google-datetime` and `date-time`).
    Timestamp,
    /// RFC 3339 date-time whose offset may be left out: Calendar's `EventDateTime.dateTime`,
    /// which Google reads in the sibling `timeZone` (its backend, not the front end, asks
    /// for the zone when both are missing).
    LocalTimestamp,
    /// `YYYY-MM-DD`.
    Date,
    /// `google-duration`: seconds with up to nine fractional digits and an `s` suffix.
    Duration,
    /// Anything at all (`type: any`).
    Any,
}

impl Scalar {
    /// Maps a Discovery `type`/`format` pair; `None` for object/array or an unknown type.
    pub(crate) fn from_discovery(ty: &str, format: Option<&str>) -> Option<Scalar> {
        let scalar = match (ty, format) {
            ("string", Some("int64")) => Scalar::Int64,
            ("string", Some("uint64")) => Scalar::UInt64,
            ("string", Some("byte")) => Scalar::Bytes,
            ("string", Some("google-datetime" | "date-time")) => Scalar::Timestamp,
            ("string", Some("date")) => Scalar::Date,
            ("string", Some("google-duration")) => Scalar::Duration,
            // Field masks and any other string format are free text as far as the wire goes.
            ("string", _) => Scalar::String,
            ("boolean", _) => Scalar::Bool,
            ("integer", Some("uint32")) => Scalar::UInt32,
            ("integer", Some("int64")) => Scalar::Int64,
            ("integer", Some("uint64")) => Scalar::UInt64,
            ("integer", _) => Scalar::Int32,
            ("number", Some("float")) => Scalar::Float,
            ("number", _) => Scalar::Double,
            ("any", _) => Scalar::Any,
            _ => return None,
        };
        Some(scalar)
    }

    /// The proto type label Google prints in "Invalid value at '...' (TYPE_X)" messages.
    pub(crate) fn proto_label(self) -> &'static str {
        match self {
            Scalar::String => "TYPE_STRING",
            Scalar::Bool => "TYPE_BOOL",
            Scalar::Int32 => "TYPE_INT32",
            Scalar::UInt32 => "TYPE_UINT32",
            Scalar::Int64 => "TYPE_INT64",
            Scalar::UInt64 => "TYPE_UINT64",
            Scalar::Float => "TYPE_FLOAT",
            Scalar::Double => "TYPE_DOUBLE",
            Scalar::Bytes => "TYPE_BYTES",
            Scalar::Timestamp | Scalar::LocalTimestamp => "type.googleapis.com/google.protobuf.Timestamp",
            Scalar::Date => "TYPE_STRING",
            Scalar::Duration => "type.googleapis.com/google.protobuf.Duration",
            Scalar::Any => "type.googleapis.com/google.protobuf.Value",
        }
    }

    /// Inclusive integer range of an integer kind.
    fn int_range(self) -> Option<(i128, i128)> {
        match self {
            Scalar::Int32 => Some((i32::MIN.into(), i32::MAX.into())),
            Scalar::UInt32 => Some((0, u32::MAX.into())),
            Scalar::Int64 => Some((i64::MIN.into(), i64::MAX.into())),
            Scalar::UInt64 => Some((0, u64::MAX.into())),
            _ => None,
        }
    }

    /// Checks a value as it arrives in a query string or path segment (already decoded).
    pub(crate) fn accepts_text(self, text: &str) -> bool {
        match self {
            Scalar::String | Scalar::Any => true,
            Scalar::Bool => text == "true" || text == "false",
            Scalar::Int32 | Scalar::UInt32 | Scalar::Int64 | Scalar::UInt64 => parse_int_in(self, text).is_some(),
            Scalar::Float | Scalar::Double => parse_float_text(self, text),
            Scalar::Bytes => is_base64(text),
            Scalar::Timestamp => is_rfc3339(text),
            Scalar::LocalTimestamp => is_rfc3339(text) || is_local_rfc3339(text),
            Scalar::Date => is_date(text),
            Scalar::Duration => is_duration(text),
        }
    }

    /// Checks a JSON value in a request body. `null` is handled by the caller.
    pub(crate) fn accepts_json(self, value: &Value) -> bool {
        match self {
            Scalar::Any => true,
            Scalar::String => value.is_string(),
            Scalar::Bool => value.is_boolean(),
            // proto3 JSON takes integers of every width as a number or as a decimal string.
            Scalar::Int32 | Scalar::UInt32 | Scalar::Int64 | Scalar::UInt64 => match value {
                Value::Number(n) => json_number_is_int_in(self, n),
                Value::String(s) => parse_int_in(self, s).is_some(),
                _ => false,
            },
            Scalar::Float | Scalar::Double => match value {
                Value::Number(n) => n.as_f64().is_some_and(|f| self != Scalar::Float || fits_f32(f)),
                Value::String(s) => parse_float_text(self, s),
                _ => false,
            },
            Scalar::Bytes => value.as_str().is_some_and(is_base64),
            Scalar::Timestamp => value.as_str().is_some_and(is_rfc3339),
            Scalar::LocalTimestamp => value.as_str().is_some_and(|t| is_rfc3339(t) || is_local_rfc3339(t)),
            Scalar::Date => value.as_str().is_some_and(is_date),
            Scalar::Duration => value.as_str().is_some_and(is_duration),
        }
    }
}

/// Parses a plain decimal integer (optional leading `-`, digits only) and range-checks it.
pub(crate) fn parse_int_in(kind: Scalar, text: &str) -> Option<i128> {
    let digits = text.strip_prefix('-').unwrap_or(text);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) || digits.len() > 30 {
        return None;
    }
    let value: i128 = text.parse().ok()?;
    let (lo, hi) = kind.int_range()?;
    (lo..=hi).contains(&value).then_some(value)
}

fn json_number_is_int_in(kind: Scalar, n: &serde_json::Number) -> bool {
    let Some((lo, hi)) = kind.int_range() else {
        return false;
    };
    if let Some(i) = n.as_i64() {
        return (lo..=hi).contains(&i128::from(i));
    }
    if let Some(u) = n.as_u64() {
        return (lo..=hi).contains(&i128::from(u));
    }
    // A float literal is fine when it is integral, e.g. `5.0` or `1e3`.
    match n.as_f64() {
        Some(f) if f.is_finite() && f.fract() == 0.0 => f >= lo as f64 && f <= hi as f64,
        _ => false,
    }
}

fn fits_f32(f: f64) -> bool {
    !f.is_finite() || f.abs() <= f64::from(f32::MAX)
}

fn parse_float_text(kind: Scalar, text: &str) -> bool {
    if matches!(text, "NaN" | "Infinity" | "-Infinity") {
        return true;
    }
    // Rust's parser also takes "inf" and "nan"; Google's does not, so only plain numerals pass.
    let plain = !text.is_empty()
        && text.bytes().all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'-' | b'+'))
        && text.bytes().any(|b| b.is_ascii_digit());
    plain && text.parse::<f64>().is_ok_and(|f| f.is_finite() && (kind != Scalar::Float || fits_f32(f)))
}

/// Base64 in the standard or the URL-safe alphabet (not mixed), padding optional but correct if present.
pub(crate) fn is_base64(text: &str) -> bool {
    let body = text.trim_end_matches('=');
    let pad = text.len() - body.len();
    if pad > 2 || (pad > 0 && !text.len().is_multiple_of(4)) || body.len() % 4 == 1 {
        return false;
    }
    let common = |b: u8| b.is_ascii_alphanumeric();
    let standard = body.bytes().all(|b| common(b) || b == b'+' || b == b'/');
    let url_safe = body.bytes().all(|b| common(b) || b == b'-' || b == b'_');
    standard || url_safe
}

fn all_digits(s: &str, len: usize) -> Option<u32> {
    (s.len() == len && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok()).flatten()
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => 29,
        2 => 28,
        _ => 31,
    }
}

/// `YYYY-MM-DD` with a real calendar day.
pub(crate) fn is_date(text: &str) -> bool {
    let mut parts = text.split('-');
    let (Some(y), Some(m), Some(d), None) = (parts.next(), parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    let (Some(y), Some(m), Some(d)) = (all_digits(y, 4), all_digits(m, 2), all_digits(d, 2)) else {
        return false;
    };
    (1..=12).contains(&m) && d >= 1 && d <= days_in_month(y, m)
}

/// RFC 3339 `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`; the offset is mandatory, as Google requires.
pub(crate) fn is_rfc3339(text: &str) -> bool {
    let Some((date, rest)) = text.split_once('T') else {
        return false;
    };
    if !is_date(date) || rest.len() < 9 {
        return false;
    }
    let (time, zone) = match rest.find(['Z', '+', '-']) {
        Some(i) => rest.split_at(i),
        None => return false,
    };
    let (hms, fraction) = match time.split_once('.') {
        Some((hms, f)) => (hms, Some(f)),
        None => (time, None),
    };
    if fraction.is_some_and(|f| f.is_empty() || f.len() > 9 || !f.bytes().all(|b| b.is_ascii_digit())) {
        return false;
    }
    let mut t = hms.split(':');
    let (Some(h), Some(mi), Some(s), None) = (t.next(), t.next(), t.next(), t.next()) else {
        return false;
    };
    let (Some(h), Some(mi), Some(s)) = (all_digits(h, 2), all_digits(mi, 2), all_digits(s, 2)) else {
        return false;
    };
    if h > 23 || mi > 59 || s > 59 {
        return false;
    }
    if zone == "Z" {
        return true;
    }
    let Some((zh, zm)) = zone[1..].split_once(':') else {
        return false;
    };
    matches!((all_digits(zh, 2), all_digits(zm, 2)), (Some(zh), Some(zm)) if zh <= 23 && zm <= 59)
}

/// RFC 3339 without the offset: `YYYY-MM-DDTHH:MM:SS[.fraction]`.
pub(crate) fn is_local_rfc3339(text: &str) -> bool {
    !text.ends_with(['Z', 'z']) && is_rfc3339(&format!("{text}Z"))
}

/// `google-duration`: `-?seconds(.fraction)?s`.
pub(crate) fn is_duration(text: &str) -> bool {
    let Some(num) = text.strip_suffix('s') else {
        return false;
    };
    let num = num.strip_prefix('-').unwrap_or(num);
    let (whole, fraction) = match num.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (num, None),
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    digits(whole) && whole.len() <= 12 && fraction.is_none_or(|f| digits(f) && f.len() <= 9)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn integers_in_text() {
        assert!(Scalar::UInt32.accepts_text("10"));
        assert!(Scalar::UInt32.accepts_text("007"));
        assert!(!Scalar::UInt32.accepts_text("-1"));
        assert!(!Scalar::UInt32.accepts_text("abc"));
        assert!(!Scalar::UInt32.accepts_text("4294967296"));
        assert!(!Scalar::Int32.accepts_text("1.5"));
        assert!(!Scalar::Int32.accepts_text(" 1"));
        assert!(!Scalar::Int32.accepts_text("+1"));
        assert!(!Scalar::Int32.accepts_text(""));
        assert!(Scalar::Int32.accepts_text("-2147483648"));
        assert!(Scalar::UInt64.accepts_text("18446744073709551615"));
        assert!(!Scalar::Int64.accepts_text("9223372036854775808"));
    }

    #[test]
    fn integers_in_json() {
        assert!(Scalar::Int32.accepts_json(&json!(5)));
        assert!(Scalar::Int32.accepts_json(&json!("5")));
        assert!(Scalar::Int32.accepts_json(&json!(5.0)));
        assert!(!Scalar::Int32.accepts_json(&json!(5.5)));
        assert!(!Scalar::UInt32.accepts_json(&json!(-1)));
        assert!(Scalar::Int64.accepts_json(&json!("1234567890123")));
        assert!(Scalar::UInt64.accepts_json(&json!(u64::MAX)));
        assert!(!Scalar::Int64.accepts_json(&json!(true)));
        assert!(!Scalar::Int64.accepts_json(&json!("12x")));
    }

    #[test]
    fn booleans_and_floats() {
        assert!(Scalar::Bool.accepts_text("true") && Scalar::Bool.accepts_text("false"));
        assert!(!Scalar::Bool.accepts_text("yes") && !Scalar::Bool.accepts_text("TRUE"));
        assert!(!Scalar::Bool.accepts_json(&json!("true")));
        assert!(Scalar::Double.accepts_text("1.5e3") && Scalar::Double.accepts_text("NaN"));
        assert!(!Scalar::Double.accepts_text("inf") && !Scalar::Double.accepts_text("nan"));
        assert!(Scalar::Float.accepts_json(&json!(1.25)) && Scalar::Float.accepts_json(&json!("Infinity")));
        assert!(!Scalar::Float.accepts_json(&json!(1e300)));
    }

    #[test]
    fn base64_both_alphabets() {
        assert!(is_base64("aGVsbG8="));
        assert!(is_base64("aGVsbG8"));
        assert!(is_base64("a-_b"));
        assert!(is_base64("a+/b"));
        assert!(is_base64(""));
        assert!(!is_base64("a+_b"), "mixed alphabets");
        assert!(!is_base64("aGVsbG8=="), "wrong padding length");
        assert!(!is_base64("abcde"), "length 1 mod 4");
        assert!(!is_base64("ab cd"));
        assert!(!is_base64("a=bc"));
    }

    #[test]
    fn dates_and_times() {
        assert!(is_date("2024-02-29") && !is_date("2023-02-29") && !is_date("2024-13-01"));
        assert!(is_rfc3339("2024-05-01T10:00:00Z"));
        assert!(is_rfc3339("2024-05-01T10:00:00.123456789+02:00"));
        assert!(is_rfc3339("2024-05-01T10:00:00-07:00"));
        assert!(!is_rfc3339("2024-05-01T10:00:00"), "offset required");
        assert!(!is_rfc3339("2024-05-01 10:00:00Z"));
        assert!(!is_rfc3339("2024-05-01T25:00:00Z"));
        assert!(is_duration("3.5s") && is_duration("-10s") && !is_duration("10") && !is_duration("1.s"));
    }
}
