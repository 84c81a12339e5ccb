//! Index arithmetic in UTF-16 code units, the unit Google Docs counts positions in: an emoji
//! outside the Basic Multilingual Plane is 2, a CJK character 1, a combining mark 1. Rust
//! strings index by UTF-8 bytes, so every conversion between a Docs index and a `str`
//! position goes through here. Pure, used by the tools and the sandbox alike.

/// The length of `text` in UTF-16 code units.
pub fn len(text: &str) -> usize {
    text.chars().map(char::len_utf16).sum()
}

/// The byte offset in `text` of the UTF-16 offset `units`, or `None` when `units` is past the
/// end or falls between the two halves of a surrogate pair.
pub fn byte_offset(text: &str, units: usize) -> Option<usize> {
    let mut seen = 0;
    for (byte, c) in text.char_indices() {
        if seen == units {
            return Some(byte);
        }
        seen += c.len_utf16();
        if seen > units {
            return None;
        }
    }
    (seen == units).then_some(text.len())
}

/// The UTF-16 offset of the byte offset `byte` (which must be on a char boundary).
pub fn units_before(text: &str, byte: usize) -> usize {
    len(&text[..byte.min(text.len())])
}

/// The part of `text` between UTF-16 offsets `[from, to)`, or `None` when either end is out of
/// range or splits a surrogate pair.
pub fn slice(text: &str, from: usize, to: usize) -> Option<&str> {
    let (a, b) = (byte_offset(text, from)?, byte_offset(text, to)?);
    (a <= b).then(|| &text[a..b])
}

/// Every occurrence of `needle` in `haystack` as UTF-16 `(start, end)` offsets, left to right
/// and not overlapping. Without `match_case`, letters compare case-insensitively char by char
/// (so a match never changes length, as in Docs' own find).
pub fn find_all(haystack: &str, needle: &str, match_case: bool) -> Vec<(usize, usize)> {
    let hay: Vec<char> = haystack.chars().collect();
    let pat: Vec<char> = needle.chars().collect();
    let same = |a: char, b: char| a == b || (!match_case && a.to_lowercase().eq(b.to_lowercase()));
    let mut out = Vec::new();
    if pat.is_empty() {
        return out;
    }
    let (mut i, mut unit) = (0, 0);
    while i + pat.len() <= hay.len() {
        if hay[i..i + pat.len()].iter().zip(&pat).all(|(a, b)| same(*a, *b)) {
            let width: usize = hay[i..i + pat.len()].iter().map(|c| c.len_utf16()).sum();
            out.push((unit, unit + width));
            unit += width;
            i += pat.len();
        } else {
            unit += hay[i].len_utf16();
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_as_google_does() {
        assert_eq!(len("abc"), 3);
        assert_eq!(len("🚀"), 2);
        assert_eq!(len("会議"), 2);
        assert_eq!(len("e\u{301}"), 2);
        assert_eq!(len("👍🏽"), 4);
    }

    #[test]
    fn offsets_map_to_bytes_and_refuse_half_surrogates() {
        let s = "a🚀b";
        assert_eq!(byte_offset(s, 0), Some(0));
        assert_eq!(byte_offset(s, 1), Some(1));
        assert_eq!(byte_offset(s, 2), None, "inside the rocket's surrogate pair");
        assert_eq!(byte_offset(s, 3), Some(5));
        assert_eq!(byte_offset(s, 4), Some(6));
        assert_eq!(byte_offset(s, 5), None);
        assert_eq!(units_before(s, 5), 3);
        assert_eq!(slice("日本語🚀テキスト", 3, 5), Some("🚀"));
        assert_eq!(slice("ab", 2, 1), None);
    }

    #[test]
    fn finds_in_units_with_and_without_case() {
        assert_eq!(find_all("🚀 Atlas and atlas", "atlas", false), vec![(3, 8), (13, 18)]);
        assert_eq!(find_all("🚀 Atlas and atlas", "atlas", true), vec![(13, 18)]);
        assert_eq!(find_all("aaaa", "aa", true), vec![(0, 2), (2, 4)]);
        assert!(find_all("abc", "", true).is_empty());
    }
}
