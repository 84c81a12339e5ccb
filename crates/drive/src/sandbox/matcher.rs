//! Evaluating a parsed `q` against a file or a shared drive, with Drive's semantics:
//! `name contains` matches from the start of a word, `fullText contains` anywhere in the
//! indexed text, `in` is membership, times compare as instants.

use super::query::{Expr, Literal, Op, parse_time};

/// What a query is evaluated against (a file or a shared drive).
pub trait Subject {
    fn string(&self, field: &str) -> Option<String>;
    /// Unix milliseconds.
    fn time(&self, field: &str) -> Option<i64>;
    fn flag(&self, field: &str) -> Option<bool>;
    fn number(&self, field: &str) -> Option<f64>;
    /// Lower-cased members of a collection (`parents`, `owners`, `writers`, `readers`).
    fn members(&self, field: &str) -> Vec<String>;
    fn property(&self, field: &str, key: &str) -> Option<String>;
    /// Lower-cased searchable text for `fullText`.
    fn full_text(&self) -> String;
}

/// Drive's `name contains`: a case-insensitive match starting at a word boundary.
fn name_contains(name: &str, needle: &str) -> bool {
    let name = name.to_lowercase();
    let needle = needle.to_lowercase();
    if needle.is_empty() {
        return true;
    }
    let mut previous: Option<char> = None;
    for (i, c) in name.char_indices() {
        let boundary = match previous {
            None => true,
            // Scripts without spaces (CJK) match anywhere.
            Some(p) => !p.is_alphanumeric() || u32::from(c) >= 0x2E80 || u32::from(p) >= 0x2E80,
        };
        if boundary && name.get(i..).is_some_and(|rest| rest.starts_with(&needle)) {
            return true;
        }
        previous = Some(c);
    }
    false
}

fn compare<T: PartialOrd>(left: T, op: Op, right: T) -> bool {
    match op {
        Op::Eq => left == right,
        Op::Ne => left != right,
        Op::Lt => left < right,
        Op::Le => left <= right,
        Op::Gt => left > right,
        Op::Ge => left >= right,
        Op::Contains => false,
    }
}

/// Evaluate a checked query against one subject.
pub fn matches(expr: &Expr, subject: &dyn Subject) -> bool {
    match expr {
        Expr::And(a, b) => matches(a, subject) && matches(b, subject),
        Expr::Or(a, b) => matches(a, subject) || matches(b, subject),
        Expr::Not(a) => !matches(a, subject),
        Expr::In { value, field } => subject.members(field).contains(&value.to_lowercase()),
        Expr::Has { field, key, value } => subject.property(field, key).as_deref() == Some(value.as_str()),
        Expr::Compare { field, op, value } => match value {
            Literal::Bool(b) => subject.flag(field).is_some_and(|actual| compare(actual, *op, *b)),
            Literal::Number(n) => subject.number(field).is_some_and(|actual| compare(actual, *op, *n)),
            Literal::Str(text) => match field.as_str() {
                "fullText" => {
                    let needle = text.trim_matches('"').to_lowercase();
                    subject.full_text().contains(&needle)
                }
                "modifiedTime" | "viewedByMeTime" | "createdTime" => match (subject.time(field), parse_time(text)) {
                    (Some(actual), Some(wanted)) => compare(actual, *op, wanted),
                    _ => false,
                },
                _ => {
                    let actual = subject.string(field).unwrap_or_default();
                    match op {
                        Op::Contains if field == "name" => name_contains(&actual, text),
                        Op::Contains => actual.to_lowercase().contains(&text.to_lowercase()),
                        _ => compare(actual.as_str(), *op, text.as_str()),
                    }
                }
            },
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sandbox::query::{Scope, parse};

    struct File;
    impl Subject for File {
        fn string(&self, field: &str) -> Option<String> {
            match field {
                "name" => Some("Atlas Q3 plan".into()),
                "mimeType" => Some("application/vnd.google-apps.document".into()),
                _ => None,
            }
        }
        fn time(&self, _: &str) -> Option<i64> {
            parse_time("2026-03-01T10:00:00Z")
        }
        fn flag(&self, field: &str) -> Option<bool> {
            Some(field == "starred")
        }
        fn number(&self, _: &str) -> Option<f64> {
            None
        }
        fn members(&self, field: &str) -> Vec<String> {
            if field == "parents" { vec!["folder1".into()] } else { vec!["alex@example.com".into()] }
        }
        fn property(&self, _: &str, key: &str) -> Option<String> {
            (key == "team").then(|| "atlas".into())
        }
        fn full_text(&self) -> String {
            "atlas q3 plan goals sync engine".into()
        }
    }

    fn eval(q: &str) -> bool {
        let expr = parse(q, Scope::Files).unwrap().unwrap();
        matches(&expr, &File)
    }

    #[test]
    fn evaluates_terms_and_logic() {
        assert!(eval("name contains 'plan'"));
        assert!(eval("name contains 'Q3 pl'"));
        assert!(!eval("name contains 'lan'"));
        assert!(eval("name = 'Atlas Q3 plan' and trashed = false"));
        assert!(eval("'folder1' in parents and not starred = false"));
        assert!(eval("(name contains 'x' or fullText contains 'sync engine') and starred"));
        assert!(eval("modifiedTime > '2026-02-01T00:00:00' and modifiedTime < '2026-04-01'"));
        assert!(eval("mimeType contains 'google-apps'"));
        assert!(eval("properties has { key='team' and value='atlas' }"));
        assert!(!eval("properties has { key='team' and value='other' }"));
        assert!(eval("'ALEX@example.com' in owners"));
        assert!(eval("name contains 'it\\'s' or sharedWithMe = false"));
    }

    #[test]
    fn refuses_what_drive_refuses() {
        for q in [
            "name",
            "name contains",
            "name = 'x' and",
            "parents = 'x'",
            "trashed = 'yes'",
            "'x' in names",
            "modifiedTime > 'yesterday'",
            "fullText = 'x'",
            "(name = 'x'",
            "name = 'unterminated",
            "properties has { key='a' }",
        ] {
            let err = parse(q, Scope::Files).unwrap_err();
            assert_eq!(err.message, "Invalid Value", "{q}");
            assert_eq!(err.location.as_deref(), Some("q"));
        }
        assert!(parse("  ", Scope::Files).unwrap().is_none());
        assert!(parse("hidden = false and name contains 'Atlas'", Scope::Drives).is_ok());
        assert!(parse("trashed = false", Scope::Drives).is_err());
    }
}
