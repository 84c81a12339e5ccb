//! Small readers of tool arguments that every service needs: trimmed strings where blank means
//! absent, required strings with the caller's own message, and lists of ids cleaned of blanks and
//! repeats. One definition here keeps every service's answers to bad input alike.

use crate::ToolError;

/// A trimmed, non-empty string argument, or `None`.
pub fn given(value: Option<&str>) -> Option<&str> {
    value.map(str::trim).filter(|v| !v.is_empty())
}

/// [`given`] over an owned optional argument.
pub fn given_owned(value: &Option<String>) -> Option<&str> {
    given(value.as_deref())
}

/// A string argument that must be given; `message` says which and how to fix it.
pub fn required<'a>(value: Option<&'a str>, message: &str) -> Result<&'a str, ToolError> {
    given(value).ok_or_else(|| ToolError::invalid(message.to_string()))
}

/// A declared-required string argument that must not be blank: "`what` is required" otherwise.
pub fn nonblank<'a>(value: &'a str, what: &str) -> Result<&'a str, ToolError> {
    given(Some(value)).ok_or_else(|| ToolError::invalid(format!("{what} is required")))
}

/// Trimmed, non-empty, de-duplicated ids in their first-seen order.
pub fn clean_ids(ids: &[String]) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    ids.iter().map(|s| s.trim().to_string()).filter(|s| !s.is_empty() && seen.insert(s.clone())).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blanks_are_absent_and_repeats_dropped() {
        assert_eq!(given(Some("  a ")), Some("a"));
        assert_eq!(given(Some("   ")), None);
        assert_eq!(given_owned(&Some(" x".into())), Some("x"));
        assert!(required(None, "query is required").unwrap_err().to_string().contains("query is required"));
        assert!(nonblank(" ", "file_id").unwrap_err().to_string().contains("file_id is required"));
        assert_eq!(nonblank(" id ", "file_id").unwrap(), "id");
        let ids: Vec<String> = [" b", "a", "", "b ", "a"].iter().map(|s| s.to_string()).collect();
        assert_eq!(clean_ids(&ids), ["b", "a"]);
    }
}
