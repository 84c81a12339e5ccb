//! Gmail's search language (`q`), parsed into a tree and matched against stored
//! messages: free words and "phrases", `from:` `to:` `cc:` `bcc:` `subject:` `label:`
//! `in:` `is:` `has:` `filename:` `category:` `after:` `before:` `newer_than:`
//! `older_than:` `larger:` `smaller:` `rfc822msgid:`, `-` negation, `OR` (binding
//! tighter than the implicit AND, as in Gmail), `( )` grouping and `{a b}` (any of).

use chrono::NaiveDate;

use super::store::{Label, StoredMessage};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Query {
    All(Vec<Query>),
    Any(Vec<Query>),
    Not(Box<Query>),
    /// `op:value`; `op` is empty for free text.
    Term {
        op: String,
        value: String,
    },
}

/// What matching needs besides the message.
pub struct Context<'a> {
    pub now_ms: i64,
    pub user_email: &'a str,
    pub labels: &'a [Label],
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    Word(String),
    /// `op:` followed by a quoted or parenthesised value.
    OpValue(String, String),
    Phrase(String),
    Open,
    Close,
    OpenBrace,
    CloseBrace,
    Minus,
    Or,
}

pub fn parse(q: &str) -> Query {
    let tokens = tokenize(q);
    // Stray closing brackets and a dangling OR are skipped, as Gmail does.
    Parser { tokens, pos: 0 }.sequence(None)
}

fn tokenize(q: &str) -> Vec<Token> {
    let chars: Vec<char> = q.chars().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        match c {
            c if c.is_whitespace() => i += 1,
            '(' => {
                tokens.push(Token::Open);
                i += 1;
            }
            ')' => {
                tokens.push(Token::Close);
                i += 1;
            }
            '{' => {
                tokens.push(Token::OpenBrace);
                i += 1;
            }
            '}' => {
                tokens.push(Token::CloseBrace);
                i += 1;
            }
            '"' => {
                let (text, next) = read_until(&chars, i + 1, '"');
                tokens.push(Token::Phrase(text));
                i = next;
            }
            '-' if chars.get(i + 1).is_some_and(|n| !n.is_whitespace()) => {
                tokens.push(Token::Minus);
                i += 1;
            }
            '|' => {
                tokens.push(Token::Or);
                i += 1;
            }
            _ => {
                let start = i;
                while chars.get(i).is_some_and(|c| !c.is_whitespace() && !"(){}\"".contains(*c)) {
                    i += 1;
                }
                let word: String = chars.get(start..i).map(|s| s.iter().collect()).unwrap_or_default();
                // `subject:"two words"` and `subject:(two words)`.
                if word.ends_with(':') && matches!(chars.get(i), Some('"') | Some('(')) {
                    let close = if chars.get(i) == Some(&'"') { '"' } else { ')' };
                    let (value, next) = read_until(&chars, i + 1, close);
                    tokens.push(Token::OpValue(word.trim_end_matches(':').to_lowercase(), value));
                    i = next;
                } else if word == "OR" {
                    tokens.push(Token::Or);
                } else if word != "AND" && !word.is_empty() {
                    tokens.push(Token::Word(word));
                }
            }
        }
    }
    tokens
}

/// Text up to `close` (exclusive) and the index after it.
fn read_until(chars: &[char], from: usize, close: char) -> (String, usize) {
    let end =
        chars.get(from..).and_then(|rest| rest.iter().position(|c| *c == close)).map_or(chars.len(), |p| from + p);
    let text = chars.get(from..end).map(|s| s.iter().collect()).unwrap_or_default();
    (text, end + 1)
}

struct Parser {
    tokens: Vec<Token>,
    pos: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.pos)
    }

    /// Terms up to `end` (or the end of input), ANDed.
    fn sequence(&mut self, end: Option<&Token>) -> Query {
        let mut items = Vec::new();
        while let Some(token) = self.peek() {
            if Some(token) == end {
                self.pos += 1;
                break;
            }
            if matches!(token, Token::Close | Token::CloseBrace | Token::Or) {
                self.pos += 1;
                continue;
            }
            if let Some(item) = self.disjunction() {
                items.push(item);
            }
        }
        if items.len() == 1
            && let Some(only) = items.pop()
        {
            return only;
        }
        Query::All(items)
    }

    fn disjunction(&mut self) -> Option<Query> {
        let first = self.unary()?;
        let mut options = vec![first];
        while self.peek() == Some(&Token::Or) {
            self.pos += 1;
            if let Some(next) = self.unary() {
                options.push(next);
            }
        }
        if options.len() == 1 {
            return options.pop();
        }
        Some(Query::Any(options))
    }

    fn unary(&mut self) -> Option<Query> {
        let token = self.peek()?.clone();
        self.pos += 1;
        match token {
            Token::Minus => self.unary().map(|q| Query::Not(Box::new(q))),
            Token::Open => Some(self.sequence(Some(&Token::Close))),
            Token::OpenBrace => match self.sequence(Some(&Token::CloseBrace)) {
                Query::All(items) => Some(Query::Any(items)),
                one => Some(one),
            },
            Token::Phrase(text) => Some(Query::Term { op: String::new(), value: text }),
            Token::OpValue(op, value) => Some(Query::Term { op, value }),
            Token::Word(word) => Some(word_term(&word)),
            Token::Close | Token::CloseBrace | Token::Or => None,
        }
    }
}

/// Operators we know; anything else with a colon is searched as text, like Gmail.
const OPERATORS: &[&str] = &[
    "from",
    "to",
    "cc",
    "bcc",
    "subject",
    "label",
    "in",
    "is",
    "has",
    "filename",
    "category",
    "after",
    "before",
    "newer_than",
    "older_than",
    "newer",
    "older",
    "larger",
    "smaller",
    "size",
    "rfc822msgid",
    "deliveredto",
];

fn word_term(word: &str) -> Query {
    if let Some((op, value)) = word.split_once(':') {
        let op = op.to_lowercase();
        if OPERATORS.contains(&op.as_str()) && !value.is_empty() {
            return Query::Term { op, value: value.to_string() };
        }
    }
    Query::Term { op: String::new(), value: word.to_string() }
}

impl Query {
    /// Whether the query names trash or spam, which lifts their default exclusion.
    pub fn mentions_spam_or_trash(&self) -> bool {
        match self {
            Query::All(items) | Query::Any(items) => items.iter().any(Query::mentions_spam_or_trash),
            Query::Not(_) => false,
            Query::Term { op, value } => {
                let v = value.to_lowercase();
                (op == "in" && matches!(v.as_str(), "trash" | "spam" | "anywhere"))
                    || (op == "label" && matches!(v.as_str(), "trash" | "spam"))
            }
        }
    }

    pub fn matches(&self, m: &StoredMessage, cx: &Context<'_>) -> bool {
        match self {
            Query::All(items) => items.iter().all(|q| q.matches(m, cx)),
            Query::Any(items) => items.iter().any(|q| q.matches(m, cx)),
            Query::Not(inner) => !inner.matches(m, cx),
            Query::Term { op, value } => term_matches(op, value, m, cx),
        }
    }
}

fn term_matches(op: &str, value: &str, m: &StoredMessage, cx: &Context<'_>) -> bool {
    let ix = &m.index;
    let lower = value.to_lowercase();
    match op {
        "" => {
            let haystack = [ix.subject.as_str(), ix.body.as_str()]
                .into_iter()
                .map(str::to_string)
                .chain(ix.from.iter().chain(&ix.to).chain(&ix.cc).cloned())
                .chain(ix.attachments.iter().map(|a| a.filename.clone()))
                .collect::<Vec<_>>()
                .join("\n");
            text_matches(&haystack, value)
        }
        "from" => address_matches(&ix.from, &lower, cx),
        "to" | "deliveredto" => address_matches(&ix.to, &lower, cx),
        "cc" => address_matches(&ix.cc, &lower, cx),
        "bcc" => address_matches(&ix.bcc, &lower, cx),
        "subject" => text_matches(&ix.subject, value),
        "label" => label_id(&lower, cx.labels).is_some_and(|id| m.has_label(&id)),
        "in" => match lower.as_str() {
            "anywhere" => true,
            "inbox" => m.has_label("INBOX"),
            "sent" => m.has_label("SENT"),
            "trash" => m.has_label("TRASH"),
            "spam" => m.has_label("SPAM"),
            "starred" => m.has_label("STARRED"),
            "important" => m.has_label("IMPORTANT"),
            "drafts" | "draft" => m.has_label("DRAFT"),
            "chats" | "chat" => m.has_label("CHAT"),
            "snoozed" => false,
            _ => label_id(&lower, cx.labels).is_some_and(|id| m.has_label(&id)),
        },
        "is" => match lower.as_str() {
            "unread" => m.has_label("UNREAD"),
            "read" => !m.has_label("UNREAD"),
            "starred" => m.has_label("STARRED"),
            "unstarred" => !m.has_label("STARRED"),
            "important" => m.has_label("IMPORTANT"),
            "unimportant" => !m.has_label("IMPORTANT"),
            "sent" => m.has_label("SENT"),
            "draft" => m.has_label("DRAFT"),
            _ => false,
        },
        "has" => match lower.as_str() {
            "attachment" => ix.has_attachment(),
            "userlabels" => m.label_ids.iter().any(|l| l.starts_with("Label_")),
            "nouserlabels" => !m.label_ids.iter().any(|l| l.starts_with("Label_")),
            "drive" => ix.body.contains("drive.google.com"),
            "document" => ix.body.contains("docs.google.com/document"),
            "spreadsheet" => ix.body.contains("docs.google.com/spreadsheets"),
            "presentation" => ix.body.contains("docs.google.com/presentation"),
            "youtube" => ix.body.contains("youtube.com") || ix.body.contains("youtu.be"),
            "yellow-star" => m.has_label("STARRED"),
            _ => false,
        },
        "filename" => ix.attachments.iter().any(|a| {
            let name = a.filename.to_lowercase();
            name.contains(&lower) || name.rsplit('.').next() == Some(lower.as_str())
        }),
        "category" => {
            let id = match lower.as_str() {
                "primary" => "CATEGORY_PERSONAL".to_string(),
                other => format!("CATEGORY_{}", other.to_uppercase()),
            };
            m.has_label(&id)
        }
        "after" | "newer" => parse_date(&lower).is_some_and(|t| m.internal_date >= t),
        "before" | "older" => parse_date(&lower).is_some_and(|t| m.internal_date < t),
        "newer_than" => parse_age(&lower).is_some_and(|age| m.internal_date > cx.now_ms - age),
        "older_than" => parse_age(&lower).is_some_and(|age| m.internal_date < cx.now_ms - age),
        "larger" | "size" => parse_size(&lower).is_some_and(|s| ix.size as u64 > s),
        "smaller" => parse_size(&lower).is_some_and(|s| (ix.size as u64) < s),
        "rfc822msgid" => {
            ix.message_id.as_deref().is_some_and(|id| id.eq_ignore_ascii_case(lower.trim_matches(['<', '>'])))
        }
        _ => false,
    }
}

/// `from:priya`, `from:priya.shah@example.com`, `from:"Priya Shah"`, `from:me`.
fn address_matches(entries: &[String], value: &str, cx: &Context<'_>) -> bool {
    let wanted = if value == "me" { cx.user_email.to_lowercase() } else { value.to_string() };
    entries.iter().any(|e| e.contains(&wanted))
}

/// A label by id or name, case-insensitive; `-`, `/` and spaces are interchangeable
/// (`label:projects-atlas` finds "Projects/Atlas").
fn label_id(value: &str, labels: &[Label]) -> Option<String> {
    let norm = |s: &str| s.to_lowercase().replace(['/', ' ', '-'], "-");
    let wanted = norm(value);
    labels.iter().find(|l| norm(&l.id) == wanted || norm(&l.name) == wanted).map(|l| l.id.clone())
}

/// Word or phrase match: the query's words appear consecutively among the text's words.
/// Scripts written without spaces (Japanese, Chinese) fall back to substring matching.
fn text_matches(haystack: &str, needle: &str) -> bool {
    let needle_words = words(needle);
    if needle_words.is_empty() {
        return true;
    }
    if needle.chars().any(|c| ('\u{3000}'..='\u{9fff}').contains(&c) || ('\u{ac00}'..='\u{d7af}').contains(&c)) {
        return haystack.to_lowercase().contains(&needle.to_lowercase());
    }
    let hay_words = words(haystack);
    hay_words.windows(needle_words.len()).any(|w| w == needle_words.as_slice())
}

fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
}

/// `2024/03/01`, `2024-03-01` or epoch seconds, to Unix ms (UTC midnight).
fn parse_date(value: &str) -> Option<i64> {
    if value.chars().all(|c| c.is_ascii_digit()) {
        return value.parse::<i64>().ok().map(|s| s * 1000);
    }
    let normalized = value.replace('-', "/");
    let date = NaiveDate::parse_from_str(&normalized, "%Y/%m/%d").ok()?;
    Some(date.and_hms_opt(0, 0, 0)?.and_utc().timestamp_millis())
}

/// `7d`, `2m`, `1y` (and `12h`) to ms.
fn parse_age(value: &str) -> Option<i64> {
    let unit = value.chars().last()?;
    let n: i64 = value.get(..value.len() - unit.len_utf8())?.parse().ok()?;
    let day = 86_400_000;
    let ms = match unit {
        'h' => 3_600_000,
        'd' => day,
        'w' => 7 * day,
        'm' => 30 * day,
        'y' => 365 * day,
        _ => return None,
    };
    n.checked_mul(ms)
}

/// `10M`, `500K`, `2000` to bytes.
fn parse_size(value: &str) -> Option<u64> {
    let (digits, mult) = match value.chars().last()? {
        'k' => (value.get(..value.len() - 1)?, 1024),
        'm' => (value.get(..value.len() - 1)?, 1024 * 1024),
        _ => (value, 1),
    };
    digits.parse::<u64>().ok().map(|n| n * mult)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn term(op: &str, value: &str) -> Query {
        Query::Term { op: op.into(), value: value.into() }
    }

    #[test]
    fn parses_gmail_syntax() {
        assert_eq!(parse("from:priya"), term("from", "priya"));
        assert_eq!(parse("a b"), Query::All(vec![term("", "a"), term("", "b")]));
        assert_eq!(parse("a b OR c"), Query::All(vec![term("", "a"), Query::Any(vec![term("", "b"), term("", "c")])]));
        assert_eq!(parse("-is:unread"), Query::Not(Box::new(term("is", "unread"))));
        assert_eq!(parse("subject:\"q3 plan\""), term("subject", "q3 plan"));
        assert_eq!(parse("{from:a from:b}"), Query::Any(vec![term("from", "a"), term("from", "b")]));
        assert_eq!(
            parse("(from:a OR from:b) has:attachment"),
            Query::All(vec![Query::Any(vec![term("from", "a"), term("from", "b")]), term("has", "attachment")])
        );
        assert_eq!(parse("unknown:x"), term("", "unknown:x"));
        assert_eq!(parse(""), Query::All(vec![]));
        assert_eq!(parse(")) (("), Query::All(vec![]));
    }

    #[test]
    fn dates_ages_sizes_and_words() {
        assert_eq!(parse_date("2024/03/01"), parse_date("2024-03-01"));
        assert_eq!(parse_date("1700000000"), Some(1_700_000_000_000));
        assert_eq!(parse_age("7d"), Some(7 * 86_400_000));
        assert_eq!(parse_age("x"), None);
        assert_eq!(parse_size("1k"), Some(1024));
        assert!(text_matches("The Q3 roadmap, final", "q3 roadmap"));
        assert!(!text_matches("roadmaps", "roadmap"));
        assert!(text_matches("来週の打ち合わせについて", "打ち合わせ"));
        assert!(parse("in:trash").mentions_spam_or_trash());
        assert!(!parse("-in:spam").mentions_spam_or_trash());
    }
}
