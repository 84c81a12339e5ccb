//! Identifiers shaped like Google's: Gmail's 16-hex-digit message ids (a millisecond
//! timestamp shifted left 20 bits, so newer ids sort higher), random tokens, and the
//! url-safe opaque ids Drive and Calendar use.

use rand::RngExt as _;
use rand::distr::{Alphanumeric, SampleString};

/// A Gmail-style id for something created at `millis` (Unix ms): `(millis << 20) | random`,
/// in lower-case hex, 16 digits for any date after 2005.
pub fn time_hex_id(millis: i64) -> String {
    let ms = u64::try_from(millis).unwrap_or(0);
    let low: u64 = rand::rng().random_range(0..(1 << 20));
    format!("{:016x}", (ms << 20) | low)
}

/// A random 16-digit hex id.
pub fn hex_id() -> String {
    format!("{:016x}", rand::rng().random::<u64>())
}

/// A random alphanumeric string of `len` characters.
pub fn alphanumeric(len: usize) -> String {
    Alphanumeric.sample_string(&mut rand::rng(), len)
}

/// `prefix` followed by `len` random alphanumerics (`sbx-at-…`, `ANe1Bm…`).
pub fn token(prefix: &str, len: usize) -> String {
    format!("{prefix}{}", alphanumeric(len))
}

/// The current time in Unix milliseconds, from the one clock tests can fix.
pub fn now_millis() -> i64 {
    wsmcp_core::clock::now_millis()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gmail_ids_are_sixteen_hex_digits_and_sort_by_time() {
        let a = time_hex_id(1_700_000_000_000);
        let b = time_hex_id(1_700_000_001_000);
        assert_eq!(a.len(), 16);
        assert!(a.chars().all(|c| c.is_ascii_hexdigit()));
        assert!(a < b);
        assert_eq!(hex_id().len(), 16);
        assert!(token("sbx-at-", 8).starts_with("sbx-at-"));
    }
}
