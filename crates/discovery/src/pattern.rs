//! The small regular-expression dialect Discovery uses in parameter `pattern`s.
//!
//! Google routes `{+name}` variables by resource-name shape (`^spaces/[^/]+/messages/[^/]+$`), so
//! the sandbox must check those patterns to pick the right method. Every pattern in the vendored
//! documents is built from anchors, literal text, `[^/]+`/`[^/]*` and `.*`/`.+`; that is all this
//! understands. Anything else is refused when the document is loaded, so a new document with richer
//! patterns fails loudly in tests instead of being matched loosely.

#[derive(Debug, Clone, PartialEq, Eq)]
enum Tok {
    Lit(char),
    /// A run of non-`/` characters, at least `min` long.
    NotSlash {
        min: usize,
    },
    /// A run of any characters, at least `min` long.
    AnyRun {
        min: usize,
    },
}

/// A compiled anchored pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Pattern {
    toks: Vec<Tok>,
    anchored_start: bool,
    anchored_end: bool,
}

impl Pattern {
    pub(crate) fn compile(src: &str) -> Result<Pattern, String> {
        let (anchored_start, body) = match src.strip_prefix('^') {
            Some(b) => (true, b),
            None => (false, src),
        };
        let (anchored_end, body) = match body.strip_suffix('$') {
            Some(b) if !b.ends_with('\\') => (true, b),
            _ => (false, body),
        };
        let mut toks = Vec::new();
        let mut rest = body;
        while !rest.is_empty() {
            let run = |min| if min == 1 { "+" } else { "*" };
            let mut matched = false;
            for min in [1, 0] {
                if let Some(r) = rest.strip_prefix(&format!("[^/]{}", run(min))) {
                    toks.push(Tok::NotSlash { min });
                    rest = r;
                    matched = true;
                    break;
                }
                if let Some(r) = rest.strip_prefix(&format!(".{}", run(min))) {
                    toks.push(Tok::AnyRun { min });
                    rest = r;
                    matched = true;
                    break;
                }
            }
            if matched {
                continue;
            }
            let mut chars = rest.chars();
            let c = chars.next().ok_or("empty")?;
            let lit = if c == '\\' { chars.next().ok_or_else(|| format!("dangling escape in {src:?}"))? } else { c };
            if c != '\\' && "[](){}|?*+.^$".contains(c) {
                return Err(format!("unsupported pattern syntax {src:?}"));
            }
            toks.push(Tok::Lit(lit));
            rest = chars.as_str();
        }
        Ok(Pattern { toks, anchored_start, anchored_end })
    }

    pub(crate) fn is_match(&self, text: &str) -> bool {
        let chars: Vec<char> = text.chars().collect();
        let starts: Vec<usize> = if self.anchored_start { vec![0] } else { (0..=chars.len()).collect() };
        starts.into_iter().any(|s| self.match_at(&self.toks, &chars[s..]))
    }

    fn match_at(&self, toks: &[Tok], text: &[char]) -> bool {
        let Some((tok, rest)) = toks.split_first() else {
            return !self.anchored_end || text.is_empty();
        };
        match tok {
            Tok::Lit(c) => text.first() == Some(c) && self.match_at(rest, &text[1..]),
            Tok::NotSlash { min } | Tok::AnyRun { min } => {
                let stop_at_slash = matches!(tok, Tok::NotSlash { .. });
                let longest = if stop_at_slash { text.iter().take_while(|&&c| c != '/').count() } else { text.len() };
                (*min..=longest).rev().any(|n| self.match_at(rest, &text[n..]))
            }
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    fn p(s: &str) -> Pattern {
        Pattern::compile(s).unwrap()
    }

    #[test]
    fn resource_name_shapes() {
        let pat = p("^spaces/[^/]+/messages/[^/]+$");
        assert!(pat.is_match("spaces/a/messages/b"));
        assert!(!pat.is_match("spaces/a/messages"));
        assert!(!pat.is_match("spaces/a/b/messages/c"));
        assert!(!pat.is_match("xspaces/a/messages/b"));
        assert!(p("^[^/]+$").is_match("abc") && !p("^[^/]+$").is_match("a/b") && !p("^[^/]+$").is_match(""));
        assert!(p("^.*$").is_match("") && p("^.*$").is_match("a/b/c"));
        assert!(p("^spaces/[^/]+/spaceEvents$").is_match("spaces/x/spaceEvents"));
    }

    #[test]
    fn unanchored_and_escapes() {
        assert!(p("a\\.b").is_match("xxa.byy"));
        assert!(!p("^a\\.b$").is_match("aXb"));
    }

    #[test]
    fn unsupported_syntax_is_refused() {
        assert!(Pattern::compile("^[a-z]+$").is_err());
        assert!(Pattern::compile("^(a|b)$").is_err());
        assert!(Pattern::compile("^a?$").is_err());
    }
}
