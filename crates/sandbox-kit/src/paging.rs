//! Page tokens and list pagination shared by the emulations. A token is opaque to clients
//! (base64url of `o:<offset>`), as Google's are; a token we did not issue is a 400.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

use crate::error::GoogleError;

/// The opaque token for the page starting at `offset`.
pub fn encode_page_token(offset: usize) -> String {
    URL_SAFE_NO_PAD.encode(format!("o:{offset}"))
}

/// The offset a token stands for, or `None` if we did not issue it.
pub fn decode_page_token(token: &str) -> Option<usize> {
    let bytes = URL_SAFE_NO_PAD.decode(token.trim_end_matches('=')).ok()?;
    let text = std::str::from_utf8(&bytes).ok()?;
    text.strip_prefix("o:")?.parse().ok()
}

/// One page of a list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub next_page_token: Option<String>,
    /// The size of the whole result, for `resultSizeEstimate`.
    pub total: usize,
}

/// Cut the page `page_token` points at, `page_size` items long, out of `items`.
pub fn paginate<T>(items: Vec<T>, page_token: Option<&str>, page_size: usize) -> Result<Page<T>, GoogleError> {
    let offset = match page_token.filter(|t| !t.is_empty()) {
        None => 0,
        Some(t) => decode_page_token(t).ok_or_else(|| GoogleError::invalid_argument("Invalid pageToken"))?,
    };
    let total = items.len();
    let page_size = page_size.max(1);
    let end = offset.saturating_add(page_size).min(total);
    let next_page_token = (end < total).then(|| encode_page_token(end));
    let items = items.into_iter().skip(offset).take(end.saturating_sub(offset)).collect();
    Ok(Page { items, next_page_token, total })
}

/// `maxResults` clamped to Google's bounds: `default` when absent, at most `max`.
pub fn page_size(requested: Option<u64>, default: usize, max: usize) -> usize {
    match requested {
        None | Some(0) => default,
        Some(n) => usize::try_from(n).unwrap_or(max).min(max),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_pages_to_the_end() {
        let items: Vec<u32> = (0..7).collect();
        let first = paginate(items.clone(), None, 3).unwrap();
        assert_eq!(first.items, vec![0, 1, 2]);
        let second = paginate(items.clone(), first.next_page_token.as_deref(), 3).unwrap();
        assert_eq!(second.items, vec![3, 4, 5]);
        let third = paginate(items.clone(), second.next_page_token.as_deref(), 3).unwrap();
        assert_eq!(third.items, vec![6]);
        assert_eq!(third.next_page_token, None);
        assert_eq!(third.total, 7);
        assert!(paginate(items, Some("garbage!"), 3).is_err());
        assert_eq!(page_size(Some(900), 100, 500), 500);
        assert_eq!(page_size(None, 100, 500), 100);
    }
}
