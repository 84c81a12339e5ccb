//! Drive's search language (`q` of files.list and drives.list): terms such as
//! `name contains 'plan'`, `'root' in parents`, `modifiedTime > '2026-01-01T00:00:00'`,
//! `properties has { key='team' and value='atlas' }` and a bare `sharedWithMe`, combined
//! with `and`, `or`, `not` and parentheses. This module parses and checks a query; a
//! query Drive would refuse is refused with its 400 "Invalid Value" at `q`. Evaluation
//! is `matcher`.

use super::error::DriveError;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    Contains,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Literal {
    Str(String),
    Bool(bool),
    Number(f64),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    And(Box<Expr>, Box<Expr>),
    Or(Box<Expr>, Box<Expr>),
    Not(Box<Expr>),
    Compare {
        field: String,
        op: Op,
        value: Literal,
    },
    /// `'value' in field`
    In {
        value: String,
        field: String,
    },
    /// `field has { key='k' and value='v' }`
    Has {
        field: String,
        key: String,
        value: String,
    },
}

/// Which resource a query searches; decides the fields and operators allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Files,
    Drives,
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Word(String),
    Str(String),
    Op(Op),
    Open,
    Close,
    BraceOpen,
    BraceClose,
}

fn invalid() -> DriveError {
    DriveError::invalid("Invalid Value").at("q")
}

fn lex(text: &str) -> Result<Vec<Tok>, DriveError> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        match c {
            c if c.is_whitespace() => i += 1,
            '(' => {
                out.push(Tok::Open);
                i += 1;
            }
            ')' => {
                out.push(Tok::Close);
                i += 1;
            }
            '{' => {
                out.push(Tok::BraceOpen);
                i += 1;
            }
            '}' => {
                out.push(Tok::BraceClose);
                i += 1;
            }
            '\'' | '"' => {
                let quote = c;
                let mut s = String::new();
                i += 1;
                loop {
                    match chars.get(i) {
                        None => return Err(invalid()),
                        Some('\\') => {
                            s.push(*chars.get(i + 1).ok_or_else(invalid)?);
                            i += 2;
                        }
                        Some(&q) if q == quote => {
                            i += 1;
                            break;
                        }
                        Some(&other) => {
                            s.push(other);
                            i += 1;
                        }
                    }
                }
                out.push(Tok::Str(s));
            }
            '=' => {
                out.push(Tok::Op(Op::Eq));
                i += 1;
            }
            '!' if chars.get(i + 1) == Some(&'=') => {
                out.push(Tok::Op(Op::Ne));
                i += 2;
            }
            '<' | '>' => {
                let eq = chars.get(i + 1) == Some(&'=');
                let op = match (c, eq) {
                    ('<', true) => Op::Le,
                    ('<', false) => Op::Lt,
                    ('>', true) => Op::Ge,
                    _ => Op::Gt,
                };
                out.push(Tok::Op(op));
                i += if eq { 2 } else { 1 };
            }
            c if c.is_alphanumeric() || c == '_' || c == '.' || c == '-' => {
                let start = i;
                while chars.get(i).is_some_and(|c| c.is_alphanumeric() || matches!(c, '_' | '.' | '-')) {
                    i += 1;
                }
                out.push(Tok::Word(chars.get(start..i).unwrap_or(&[]).iter().collect()));
            }
            _ => return Err(invalid()),
        }
    }
    Ok(out)
}

struct Parser {
    toks: Vec<Tok>,
    pos: usize,
}

fn is_word(t: Option<&Tok>, word: &str) -> bool {
    matches!(t, Some(Tok::Word(w)) if w.eq_ignore_ascii_case(word))
}

impl Parser {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos)
    }

    fn next(&mut self) -> Option<Tok> {
        let t = self.toks.get(self.pos).cloned();
        self.pos += 1;
        t
    }

    fn or(&mut self) -> Result<Expr, DriveError> {
        let mut left = self.and()?;
        while is_word(self.peek(), "or") {
            self.pos += 1;
            left = Expr::Or(Box::new(left), Box::new(self.and()?));
        }
        Ok(left)
    }

    fn and(&mut self) -> Result<Expr, DriveError> {
        let mut left = self.not()?;
        while is_word(self.peek(), "and") {
            self.pos += 1;
            left = Expr::And(Box::new(left), Box::new(self.not()?));
        }
        Ok(left)
    }

    fn not(&mut self) -> Result<Expr, DriveError> {
        if is_word(self.peek(), "not") {
            self.pos += 1;
            return Ok(Expr::Not(Box::new(self.not()?)));
        }
        self.primary()
    }

    fn primary(&mut self) -> Result<Expr, DriveError> {
        match self.next() {
            Some(Tok::Open) => {
                let inner = self.or()?;
                match self.next() {
                    Some(Tok::Close) => Ok(inner),
                    _ => Err(invalid()),
                }
            }
            Some(Tok::Str(value)) => {
                if !is_word(self.peek(), "in") {
                    return Err(invalid());
                }
                self.pos += 1;
                match self.next() {
                    Some(Tok::Word(field)) => Ok(Expr::In { value, field }),
                    _ => Err(invalid()),
                }
            }
            Some(Tok::Word(field)) => self.after_field(field),
            _ => Err(invalid()),
        }
    }

    fn after_field(&mut self, field: String) -> Result<Expr, DriveError> {
        let op = match self.peek() {
            Some(Tok::Op(op)) => Some(*op),
            t if is_word(t, "contains") => Some(Op::Contains),
            t if is_word(t, "has") => {
                self.pos += 1;
                return self.has(field);
            }
            // A bare boolean field (`sharedWithMe`, `starred`) means `= true`.
            _ => None,
        };
        let Some(op) = op else {
            return Ok(Expr::Compare { field, op: Op::Eq, value: Literal::Bool(true) });
        };
        self.pos += 1;
        let value = match self.next() {
            Some(Tok::Str(s)) => Literal::Str(s),
            Some(Tok::Word(w)) if w.eq_ignore_ascii_case("true") => Literal::Bool(true),
            Some(Tok::Word(w)) if w.eq_ignore_ascii_case("false") => Literal::Bool(false),
            Some(Tok::Word(w)) => Literal::Number(w.parse().map_err(|_| invalid())?),
            _ => return Err(invalid()),
        };
        Ok(Expr::Compare { field, op, value })
    }

    /// `{ key='k' and value='v' }`
    fn has(&mut self, field: String) -> Result<Expr, DriveError> {
        if self.next() != Some(Tok::BraceOpen) {
            return Err(invalid());
        }
        let mut key = None;
        let mut value = None;
        loop {
            let name = match self.next() {
                Some(Tok::Word(w)) => w,
                _ => return Err(invalid()),
            };
            if self.next() != Some(Tok::Op(Op::Eq)) {
                return Err(invalid());
            }
            let Some(Tok::Str(text)) = self.next() else {
                return Err(invalid());
            };
            match name.as_str() {
                "key" => key = Some(text),
                "value" => value = Some(text),
                _ => return Err(invalid()),
            }
            match self.next() {
                Some(Tok::BraceClose) => break,
                Some(Tok::Word(w)) if w.eq_ignore_ascii_case("and") => {}
                _ => return Err(invalid()),
            }
        }
        match (key, value) {
            (Some(key), Some(value)) => Ok(Expr::Has { field, key, value }),
            _ => Err(invalid()),
        }
    }
}

/// Parse and check `q` for the given scope.
pub fn parse(text: &str, scope: Scope) -> Result<Option<Expr>, DriveError> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    let mut parser = Parser { toks: lex(text)?, pos: 0 };
    let expr = parser.or()?;
    if parser.pos != parser.toks.len() {
        return Err(invalid());
    }
    check(&expr, scope)?;
    Ok(Some(expr))
}

/// Field and operator rules, as Drive's query reference lists them.
fn check(expr: &Expr, scope: Scope) -> Result<(), DriveError> {
    use Op::*;
    match expr {
        Expr::And(a, b) | Expr::Or(a, b) => check(a, scope).and(check(b, scope)),
        Expr::Not(a) => check(a, scope),
        Expr::In { field, .. } => match (scope, field.as_str()) {
            (Scope::Files, "parents" | "owners" | "writers" | "readers") => Ok(()),
            _ => Err(invalid()),
        },
        Expr::Has { field, .. } => match (scope, field.as_str()) {
            (Scope::Files, "properties" | "appProperties") => Ok(()),
            _ => Err(invalid()),
        },
        Expr::Compare { field, op, value } => {
            let text = matches!(value, Literal::Str(_));
            let boolean = matches!(value, Literal::Bool(_));
            let number = matches!(value, Literal::Number(_));
            let ok = match (scope, field.as_str()) {
                (_, "name") => text && matches!(op, Eq | Ne | Contains),
                (Scope::Files, "fullText") => text && *op == Contains,
                (Scope::Files, "mimeType") => text && matches!(op, Eq | Ne | Contains),
                (Scope::Files, "modifiedTime" | "viewedByMeTime") | (_, "createdTime") => {
                    text && *op != Contains && value_time(value).is_some()
                }
                (Scope::Files, "trashed" | "starred" | "sharedWithMe") | (Scope::Drives, "hidden") => {
                    boolean && matches!(op, Eq | Ne)
                }
                (Scope::Files, "visibility") | (Scope::Files, "shortcutDetails.targetId") => {
                    text && matches!(op, Eq | Ne)
                }
                (Scope::Drives, "memberCount" | "organizerCount") => number && *op != Contains,
                _ => false,
            };
            if ok { Ok(()) } else { Err(invalid()) }
        }
    }
}

fn value_time(value: &Literal) -> Option<i64> {
    let Literal::Str(text) = value else {
        return None;
    };
    parse_time(text)
}

/// RFC 3339; without an offset the time is UTC, as Drive reads it.
pub fn parse_time(text: &str) -> Option<i64> {
    if let Ok(t) = chrono::DateTime::parse_from_rfc3339(text) {
        return Some(t.timestamp_millis());
    }
    for format in ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M"] {
        if let Ok(t) = chrono::NaiveDateTime::parse_from_str(text, format) {
            return Some(t.and_utc().timestamp_millis());
        }
    }
    chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .ok()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|t| t.and_utc().timestamp_millis())
}
