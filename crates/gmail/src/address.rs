//! Email address lists as people and headers write them: `a@x.org, "Doe, Jane" <j@y.org>`.
//! Used for the recipients a caller passes and for the From/To/Cc of mail being replied to.

/// One mailbox: an optional display name and the address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mailbox {
    pub name: Option<String>,
    pub email: String,
}

impl Mailbox {
    pub fn new(name: Option<String>, email: impl Into<String>) -> Self {
        Mailbox { name: name.filter(|n| !n.trim().is_empty()), email: email.into() }
    }

    /// Lowercased address, for comparisons.
    pub fn key(&self) -> String {
        self.email.trim().to_lowercase()
    }
}

impl std::fmt::Display for Mailbox {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.name {
            Some(n) => write!(f, "{n} <{}>", self.email),
            None => f.write_str(&self.email),
        }
    }
}

/// Parses a header value leniently: entries without a usable address are skipped.
pub fn parse_list(value: &str) -> Vec<Mailbox> {
    split_entries(value).into_iter().filter_map(|e| parse_entry(&e)).filter(|m| is_valid(&m.email)).collect()
}

/// Parses what a caller passed for `field` (to/cc/bcc); every entry must be an address.
pub fn parse_list_strict(value: &str, field: &str) -> Result<Vec<Mailbox>, String> {
    let mut out = Vec::new();
    for entry in split_entries(value) {
        let mailbox = parse_entry(&entry).filter(|m| is_valid(&m.email)).ok_or_else(|| {
            format!(
                "{field}: '{}' is not an email address (use a@example.com or Name <a@example.com>, comma-separated)",
                entry.trim()
            )
        })?;
        out.push(mailbox);
    }
    Ok(out)
}

/// Parses one address (e.g. `from_email`).
pub fn parse_one(value: &str, field: &str) -> Result<Mailbox, String> {
    let list = parse_list_strict(value, field)?;
    match <[Mailbox; 1]>::try_from(list) {
        Ok([one]) => Ok(one),
        Err(_) => Err(format!("{field} must be exactly one email address, got '{value}'")),
    }
}

/// Addresses joined for a header or a message.
pub fn join(list: &[Mailbox]) -> String {
    list.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")
}

/// Whether `email` looks like an address: one `@`, text on both sides, no spaces or brackets.
pub fn is_valid(email: &str) -> bool {
    let mut it = email.split('@');
    match (it.next(), it.next(), it.next()) {
        (Some(local), Some(domain), None) => {
            !local.is_empty()
                && !domain.is_empty()
                && !email.chars().any(|c| c.is_whitespace() || matches!(c, '<' | '>' | ',' | ';' | '"'))
        }
        _ => false,
    }
}

/// Splits at commas/semicolons that are outside quotes, angle brackets and comments.
fn split_entries(value: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let (mut in_quote, mut angle, mut paren, mut escaped) = (false, 0u32, 0u32, false);
    for c in value.chars() {
        if escaped {
            cur.push(c);
            escaped = false;
            continue;
        }
        match c {
            '\\' if in_quote => {
                escaped = true;
                cur.push(c);
            }
            '"' => {
                in_quote = !in_quote;
                cur.push(c);
            }
            '<' if !in_quote => {
                angle += 1;
                cur.push(c);
            }
            '>' if !in_quote => {
                angle = angle.saturating_sub(1);
                cur.push(c);
            }
            '(' if !in_quote => {
                paren += 1;
                cur.push(c);
            }
            ')' if !in_quote => {
                paren = paren.saturating_sub(1);
                cur.push(c);
            }
            ',' | ';' if !in_quote && angle == 0 && paren == 0 => {
                out.push(std::mem::take(&mut cur));
            }
            _ => cur.push(c),
        }
    }
    out.push(cur);
    out.into_iter().filter(|e| !e.trim().is_empty()).collect()
}

fn parse_entry(entry: &str) -> Option<Mailbox> {
    let mut entry = entry.trim().to_string();
    // Group syntax `Team: a@x, b@y;` arrives here as `Team: a@x`; keep the address part.
    if let Some((head, tail)) = entry.split_once(':')
        && !head.contains(['<', '"', '@'])
    {
        entry = tail.trim().to_string();
    }
    if entry.is_empty() {
        return None;
    }
    match (entry.rfind('<'), entry.rfind('>')) {
        (Some(open), Some(close)) if open < close => {
            let email = entry.get(open + 1..close)?.trim().to_string();
            let name = unquote(entry.get(..open)?.trim());
            Some(Mailbox::new(Some(name), email))
        }
        _ => {
            // `a@x.org (Jane Doe)`: a trailing comment is the old way to write a name.
            let (addr, comment) = match (entry.find('('), entry.rfind(')')) {
                (Some(o), Some(c)) if o < c => {
                    (entry.get(..o)?.trim().to_string(), entry.get(o + 1..c).map(str::to_string))
                }
                _ => (entry.clone(), None),
            };
            Some(Mailbox::new(comment, addr.trim_matches(|c: char| c.is_whitespace() || c == '"').to_string()))
        }
    }
}

fn unquote(name: &str) -> String {
    let inner = name.strip_prefix('"').and_then(|n| n.strip_suffix('"')).unwrap_or(name);
    inner.replace("\\\"", "\"").replace("\\\\", "\\").trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_names_quotes_and_commas() {
        let l = parse_list(r#"a@x.org, "Doe, Jane" <jane@y.org>; Bob <bob@z.org>, c@w.org (Carol)"#);
        assert_eq!(l.len(), 4);
        assert_eq!(l[0], Mailbox::new(None, "a@x.org"));
        assert_eq!(l[1], Mailbox::new(Some("Doe, Jane".into()), "jane@y.org"));
        assert_eq!(l[2].to_string(), "Bob <bob@z.org>");
        assert_eq!(l[3], Mailbox::new(Some("Carol".into()), "c@w.org"));
    }

    #[test]
    fn strict_parsing_names_the_bad_entry() {
        let err = parse_list_strict("a@x.org, not-an-address", "to").unwrap_err();
        assert!(err.contains("'not-an-address'"), "{err}");
        assert!(parse_list_strict("", "to").unwrap().is_empty());
        assert!(parse_one("a@x.org, b@x.org", "from_email").is_err());
        assert_eq!(parse_one("<a@x.org>", "from_email").unwrap().email, "a@x.org");
    }

    #[test]
    fn group_syntax_and_undisclosed() {
        assert!(parse_list("undisclosed-recipients:;").is_empty());
        assert_eq!(parse_list("Team: a@x.org, b@x.org;").len(), 2);
    }
}
