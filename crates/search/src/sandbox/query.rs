//! The part of Google's query language the emulation understands: words (all must appear),
//! "exact phrases", -exclusions, site:domain, and OR (between two terms, or inside a
//! parenthesized group). Matching is case-insensitive over a page's title, snippet and link.

use super::index::Page;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Term {
    Word(String),
    Not(String),
    Site(String),
    Any(Vec<Term>),
}

/// Splits `q` into tokens: quoted phrases stay whole, parentheses are their own tokens.
fn tokens(q: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    for c in q.chars() {
        match c {
            '"' => {
                cur.push(c);
                quoted = !quoted;
            }
            '(' | ')' if !quoted => {
                if !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
                out.push(c.to_string());
            }
            c if c.is_whitespace() && !quoted => {
                if !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
            }
            c => cur.push(c),
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

fn term(token: &str) -> Option<Term> {
    let lower = token.to_lowercase();
    if let Some(site) = lower.strip_prefix("site:") {
        return (!site.is_empty()).then(|| Term::Site(site.to_string()));
    }
    if let Some(rest) = lower.strip_prefix('-') {
        let rest = rest.trim_matches('"');
        return (!rest.is_empty()).then(|| Term::Not(rest.to_string()));
    }
    let word = lower.trim_matches('"');
    (!word.is_empty()).then(|| Term::Word(word.to_string()))
}

/// Parses `q` into terms that must all match.
pub fn parse(q: &str) -> Vec<Term> {
    let toks = tokens(q);
    let mut out: Vec<Term> = Vec::new();
    let mut i = 0;
    let mut pending_or = false;
    while let Some(tok) = toks.get(i) {
        i += 1;
        let next = if tok == "(" {
            let mut group = Vec::new();
            while let Some(inner) = toks.get(i) {
                i += 1;
                if inner == ")" {
                    break;
                }
                if inner != "OR" {
                    group.extend(term(inner));
                }
            }
            Some(Term::Any(group))
        } else if tok == "OR" {
            pending_or = !out.is_empty();
            None
        } else if tok == ")" {
            None
        } else {
            term(tok)
        };
        if let Some(t) = next {
            match (pending_or, out.pop()) {
                (true, Some(Term::Any(mut prev))) => {
                    prev.push(t);
                    out.push(Term::Any(prev));
                }
                (true, Some(prev)) => out.push(Term::Any(vec![prev, t])),
                (_, prev) => {
                    out.extend(prev);
                    out.push(t);
                }
            }
            pending_or = false;
        }
    }
    out
}

/// Whether `host` is `site` or under it (`docs.example.com` is under `example.com`).
pub fn on_site(host: &str, site: &str) -> bool {
    let site = site.trim_start_matches("www.").trim_end_matches('/');
    let (site_host, site_path) = site.split_once('/').unwrap_or((site, ""));
    let host = host.to_lowercase();
    (host == site_host || host.ends_with(&format!(".{site_host}"))) && site_path.is_empty()
}

fn matches_term(p: &Page, text: &str, t: &Term) -> bool {
    match t {
        Term::Word(w) => text.contains(w.as_str()),
        Term::Not(w) => !text.contains(w.as_str()),
        Term::Site(s) => on_site(p.host(), s),
        Term::Any(any) => any.iter().any(|t| matches_term(p, text, t)),
    }
}

/// Whether `p` matches every term.
pub fn matches(p: &Page, terms: &[Term]) -> bool {
    let text = format!("{} {} {}", p.title, p.snippet, p.link).to_lowercase();
    !terms.is_empty() && terms.iter().all(|t| matches_term(p, &text, t))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_parse_into_terms() {
        assert_eq!(
            parse("Atlas \"release notes\" -beta"),
            vec![Term::Word("atlas".into()), Term::Word("release notes".into()), Term::Not("beta".into())]
        );
        assert_eq!(
            parse("atlas (site:a.com OR site:b.com)"),
            vec![Term::Word("atlas".into()), Term::Any(vec![Term::Site("a.com".into()), Term::Site("b.com".into())])]
        );
        assert_eq!(parse("api OR sync"), vec![Term::Any(vec![Term::Word("api".into()), Term::Word("sync".into())])]);
        assert!(on_site("docs.example.com", "example.com") && !on_site("example.com.evil", "example.com"));
    }
}
