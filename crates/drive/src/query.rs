//! Building `files.list` requests: Drive query strings (a plain phrase becomes a full-text
//! search, real Drive queries pass through), the corpus a listing covers, and sort keys.
//! Pure functions, unit-tested.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Fields a Drive query can test; a query naming one with an operator is taken as written.
const TERMS: &[&str] = &[
    "name",
    "fulltext",
    "mimetype",
    "modifiedtime",
    "createdtime",
    "viewedbymetime",
    "trashed",
    "starred",
    "sharedwithme",
    "properties",
    "appproperties",
    "visibility",
    "parents",
    "owners",
    "writers",
    "readers",
    "shortcutdetails.targetid",
    "memberCount",
    "organizermembercount",
    "hidden",
    "id",
];
const OPERATORS: &[&str] = &["!=", "<=", ">=", "=", "<", ">", "contains", "in", "has"];

/// Quotes a value for a Drive query: `'` and `\` are escaped with a backslash.
pub fn quote(value: &str) -> String {
    format!("'{}'", value.replace('\\', "\\\\").replace('\'', "\\'"))
}

/// Whether `query` already uses Drive query syntax (a field with an operator, or
/// `'x' in parents`-style membership).
pub fn is_structured(query: &str) -> bool {
    let lower = query.to_ascii_lowercase();
    let words = words_with_rest(&lower);
    words.iter().enumerate().any(|(i, (word, rest, before))| {
        let field = TERMS.iter().any(|t| t.eq_ignore_ascii_case(word));
        let op_follows = OPERATORS.iter().any(|op| {
            rest.starts_with(op)
                && (!op.chars().all(|c| c.is_ascii_alphabetic())
                    || rest.get(op.len()..).is_some_and(|after| after.starts_with([' ', '\'', '('])))
        });
        // `'id' in parents`: a quoted value, then `in`, then a collection field.
        let membership = *word == "in"
            && *before == Some('\'')
            && words.get(i + 1).is_some_and(|(next, _, _)| ["parents", "owners", "writers", "readers"].contains(next));
        (field && op_follows) || membership
    })
}

/// Each bare word of `s` (outside quotes) with the text after it (leading spaces trimmed)
/// and the last non-space character before it.
fn words_with_rest(s: &str) -> Vec<(&str, &str, Option<char>)> {
    let mut out = Vec::new();
    let bytes = s.as_bytes();
    let mut i = 0;
    let mut in_quote = false;
    while i < bytes.len() {
        let c = bytes.get(i).copied().unwrap_or(b' ');
        if c == b'\\' {
            i += 2;
            continue;
        }
        if c == b'\'' {
            in_quote = !in_quote;
            i += 1;
            continue;
        }
        if !in_quote && (c.is_ascii_alphanumeric() || c == b'.' || c == b'_') {
            let start = i;
            while bytes.get(i).is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'.' || *b == b'_') {
                i += 1;
            }
            let word = s.get(start..i).unwrap_or_default();
            let rest = s.get(i..).unwrap_or_default().trim_start();
            let before = s.get(..start).unwrap_or_default().trim_end().chars().next_back();
            out.push((word, rest, before));
            continue;
        }
        i += 1;
    }
    out
}

/// Whether the query has its own `trashed = ...` / `trashed != ...` clause.
pub fn has_trashed_clause(query: &str) -> bool {
    let lower = query.to_ascii_lowercase();
    words_with_rest(&lower)
        .iter()
        .any(|(w, rest, _)| *w == "trashed" && (rest.starts_with('=') || rest.starts_with("!=")))
}

/// The `q` of search_drive_files: the query as written when it is Drive syntax, else a
/// full-text search for the phrase; trashed files left out unless asked for (or the query
/// decides itself); optionally narrowed to one MIME type.
pub fn search_q(query: &str, include_trashed: bool, mime: Option<&str>) -> String {
    let query = query.trim();
    let mut q = if is_structured(query) { query.to_string() } else { format!("fullText contains {}", quote(query)) };
    if !include_trashed && !has_trashed_clause(&q) {
        q = format!("({q}) and trashed = false");
    }
    if let Some(m) = mime {
        q = format!("({q}) and mimeType = {}", quote(m));
    }
    q
}

/// Which collection of items a listing covers (Drive's `corpora`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
pub enum Corpora {
    #[serde(rename = "user")]
    User,
    #[serde(rename = "domain")]
    Domain,
    #[serde(rename = "drive")]
    Drive,
    #[serde(rename = "allDrives")]
    AllDrives,
}

impl Corpora {
    pub fn as_str(self) -> &'static str {
        match self {
            Corpora::User => "user",
            Corpora::Domain => "domain",
            Corpora::Drive => "drive",
            Corpora::AllDrives => "allDrives",
        }
    }
}

/// The shared-drive parameters of one `files.list` call.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Scope {
    pub corpora: Option<Corpora>,
    pub drive_id: Option<String>,
    pub include_all_drives: bool,
}

/// Works out `corpora`, `driveId` and `includeItemsFromAllDrives`: a drive id implies the
/// `drive` corpus; without one, all drives are searched when items from all drives are
/// wanted. Drive refuses `drive` without an id and shared-drive corpora without
/// `includeItemsFromAllDrives`, so those are settled here.
pub fn scope(drive_id: Option<&str>, corpora: Option<Corpora>, include_all_drives: bool) -> Result<Scope, String> {
    let drive_id = drive_id.map(str::trim).filter(|d| !d.is_empty());
    match (drive_id, corpora) {
        (Some(id), None | Some(Corpora::Drive)) => {
            Ok(Scope { corpora: Some(Corpora::Drive), drive_id: Some(id.to_string()), include_all_drives: true })
        }
        (Some(_), Some(other)) => Err(format!(
            "drive_id limits the listing to one shared drive, which is corpora \"drive\"; drop corpora \"{}\" or drive_id",
            other.as_str()
        )),
        (None, Some(Corpora::Drive)) => Err("corpora \"drive\" needs drive_id (the shared drive's id; list_drive_items with resource_type \"shared_drives\" lists them)".into()),
        (None, Some(Corpora::AllDrives)) => Ok(Scope { corpora: Some(Corpora::AllDrives), drive_id: None, include_all_drives: true }),
        (None, Some(c)) => Ok(Scope { corpora: Some(c), drive_id: None, include_all_drives }),
        (None, None) if include_all_drives => Ok(Scope { corpora: Some(Corpora::AllDrives), drive_id: None, include_all_drives: true }),
        (None, None) => Ok(Scope { corpora: None, drive_id: None, include_all_drives: false }),
    }
}

const ORDER_KEYS: &[&str] = &[
    "createdTime",
    "folder",
    "modifiedByMeTime",
    "modifiedTime",
    "name",
    "name_natural",
    "quotaBytesUsed",
    "recency",
    "sharedWithMeTime",
    "starred",
    "viewedByMeTime",
];

/// Checks an `orderBy` value ("folder,modifiedTime desc,name") and returns it tidied.
pub fn order_by(value: &str) -> Result<String, String> {
    let mut keys = Vec::new();
    for part in value.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let mut words = part.split_whitespace();
        let key = words.next().unwrap_or_default();
        let modifier = words.next();
        if !ORDER_KEYS.contains(&key) || words.next().is_some() || modifier.is_some_and(|m| m != "desc" && m != "asc") {
            return Err(format!(
                "order_by \"{part}\" is not a sort key; use keys from {} with an optional \" desc\", comma-separated",
                ORDER_KEYS.join(", ")
            ));
        }
        keys.push(match modifier {
            Some("desc") => format!("{key} desc"),
            _ => key.to_string(),
        });
    }
    if keys.is_empty() {
        return Err("order_by is empty; omit it for Drive's default order".into());
    }
    Ok(keys.join(","))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_phrases_become_full_text() {
        assert_eq!(
            search_q("quarterly report", false, None),
            "(fullText contains 'quarterly report') and trashed = false"
        );
        assert_eq!(search_q("Priya's notes", true, None), "fullText contains 'Priya\\'s notes'");
        assert_eq!(search_q(r"C:\temp", true, None), r"fullText contains 'C:\\temp'");
        // Words that only look like fields stay a phrase.
        assert_eq!(search_q("name of the game", true, None), "fullText contains 'name of the game'");
        assert_eq!(search_q("in parents we trust", true, None), "fullText contains 'in parents we trust'");
        assert_eq!(search_q("we trust in parents", true, None), "fullText contains 'we trust in parents'");
    }

    #[test]
    fn drive_queries_pass_through() {
        for q in [
            "name contains 'Atlas'",
            "mimeType='application/pdf'",
            "'1abc' in parents",
            "modifiedTime > '2024-01-01T00:00:00'",
            "starred = true and not name contains 'x'",
            "properties has { key='team' and value='atlas' }",
            "fullText contains 'budget'",
        ] {
            assert!(is_structured(q), "{q}");
            assert_eq!(search_q(q, true, None), q);
        }
        assert!(!is_structured("'name = x' is a phrase"));
    }

    #[test]
    fn trashed_and_type_filters() {
        assert_eq!(search_q("name = 'a'", false, None), "(name = 'a') and trashed = false");
        assert_eq!(search_q("name = 'a' and trashed=true", false, None), "name = 'a' and trashed=true");
        assert_eq!(
            search_q("budget", true, Some("application/pdf")),
            "(fullText contains 'budget') and mimeType = 'application/pdf'"
        );
        assert!(has_trashed_clause("trashed != false") && !has_trashed_clause("fullText contains 'trashed = x'"));
    }

    #[test]
    fn corpora_rules() {
        let s = scope(Some("d1"), None, false).unwrap();
        assert_eq!((s.corpora, s.drive_id.as_deref(), s.include_all_drives), (Some(Corpora::Drive), Some("d1"), true));
        assert_eq!(scope(None, None, true).unwrap().corpora, Some(Corpora::AllDrives));
        assert_eq!(scope(None, None, false).unwrap(), Scope::default());
        assert_eq!(scope(None, Some(Corpora::User), true).unwrap().corpora, Some(Corpora::User));
        assert!(scope(None, Some(Corpora::Drive), true).unwrap_err().contains("needs drive_id"));
        assert!(scope(Some("d1"), Some(Corpora::User), true).is_err());
        assert!(scope(None, Some(Corpora::AllDrives), false).unwrap().include_all_drives);
    }

    #[test]
    fn sort_keys() {
        assert_eq!(order_by("folder, modifiedTime desc ,name").unwrap(), "folder,modifiedTime desc,name");
        assert!(order_by("size desc").unwrap_err().contains("not a sort key"));
        assert!(order_by("name sideways").is_err());
        assert!(order_by(" , ").is_err());
    }
}
