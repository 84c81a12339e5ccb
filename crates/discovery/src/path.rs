//! URI templates from Discovery documents and matching of wire paths against them.
//!
//! A template segment is either a literal (`messages`), a parameter that fills exactly one segment,
//! possibly with literal text around it (`{id}`, `{keyPairId}:disable`), or a reserved expansion
//! (`{+name}`) that spans one or more segments, slashes included. Values come back still
//! percent-encoded; the caller decodes them after choosing among the candidates.

/// One `/`-separated piece of a template.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Seg {
    Literal(String),
    /// `{name}` with optional literal text before/after it in the same segment.
    Param {
        prefix: String,
        name: String,
        suffix: String,
    },
    /// `{+name}`: one or more whole segments; prefix/suffix are literal text stuck to the first/last one.
    Rest {
        prefix: String,
        name: String,
        suffix: String,
    },
}

impl Seg {
    /// Rank used to prefer specific templates: literals beat mixed segments beat bare parameters.
    fn rank(&self) -> u8 {
        match self {
            Seg::Literal(_) => 3,
            Seg::Param { prefix, suffix, .. } if !prefix.is_empty() || !suffix.is_empty() => 2,
            Seg::Param { .. } => 1,
            Seg::Rest { prefix, suffix, .. } if !prefix.is_empty() || !suffix.is_empty() => 1,
            Seg::Rest { .. } => 0,
        }
    }
}

/// A parsed absolute path template such as `/gmail/v1/users/{userId}/messages/{id}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Template {
    segs: Vec<Seg>,
}

impl Template {
    /// Parses an absolute template (must start with `/`).
    pub(crate) fn parse(text: &str) -> Result<Template, String> {
        let Some(rest) = text.strip_prefix('/') else {
            return Err(format!("path template {text:?} is not absolute"));
        };
        let segs = rest.split('/').map(|s| parse_segment(s, text)).collect::<Result<Vec<_>, _>>()?;
        Ok(Template { segs })
    }

    /// Per-segment ranks; a lexicographically larger vector is the more specific template.
    pub(crate) fn specificity(&self) -> Vec<u8> {
        self.segs.iter().map(Seg::rank).collect()
    }

    /// Matches a wire path (leading `/`, no query). Returns raw (still encoded) parameter values.
    pub(crate) fn matches(&self, path: &str) -> Option<Vec<(String, String)>> {
        let rest = path.strip_prefix('/')?;
        let parts: Vec<&str> = rest.split('/').collect();
        let mut out = Vec::new();
        match_from(&self.segs, &parts, &mut out).then_some(out)
    }
}

fn parse_segment(seg: &str, whole: &str) -> Result<Seg, String> {
    let Some(open) = seg.find('{') else {
        if seg.contains('}') {
            return Err(format!("stray '}}' in path template {whole:?}"));
        }
        return Ok(Seg::Literal(seg.to_owned()));
    };
    let close = seg.find('}').filter(|&c| c > open).ok_or_else(|| format!("unclosed '{{' in {whole:?}"))?;
    let (prefix, inner, suffix) = (&seg[..open], &seg[open + 1..close], &seg[close + 1..]);
    if suffix.contains(['{', '}']) || prefix.contains('}') {
        // No vendored document puts two variables in one segment; refuse rather than guess.
        return Err(format!("more than one variable in a segment of {whole:?}"));
    }
    let (reserved, name) = match inner.strip_prefix('+') {
        Some(n) => (true, n),
        None => (false, inner),
    };
    if name.is_empty() || !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'.') {
        return Err(format!("bad variable name {inner:?} in {whole:?}"));
    }
    let (prefix, name, suffix) = (prefix.to_owned(), name.to_owned(), suffix.to_owned());
    Ok(if reserved { Seg::Rest { prefix, name, suffix } } else { Seg::Param { prefix, name, suffix } })
}

/// Strips `prefix`/`suffix` from `text`, requiring something non-empty in between.
fn middle<'t>(text: &'t str, prefix: &str, suffix: &str) -> Option<&'t str> {
    let inner = text.strip_prefix(prefix)?.strip_suffix(suffix)?;
    (!inner.is_empty()).then_some(inner)
}

fn match_from(segs: &[Seg], parts: &[&str], out: &mut Vec<(String, String)>) -> bool {
    let Some((seg, segs_rest)) = segs.split_first() else {
        return parts.is_empty();
    };
    match seg {
        Seg::Literal(lit) => parts.first().is_some_and(|p| p == lit) && match_from(segs_rest, &parts[1..], out),
        Seg::Param { prefix, name, suffix } => {
            let Some(value) = parts.first().and_then(|p| middle(p, prefix, suffix)) else {
                return false;
            };
            out.push((name.clone(), value.to_owned()));
            if match_from(segs_rest, &parts[1..], out) {
                return true;
            }
            out.pop();
            false
        }
        Seg::Rest { prefix, name, suffix } => {
            // Leave at least one wire segment per remaining template segment.
            let max_take = parts.len().saturating_sub(segs_rest.len());
            for take in 1..=max_take {
                let joined = parts[..take].join("/");
                let Some(value) = middle(&joined, prefix, suffix) else {
                    continue;
                };
                if value.split('/').any(str::is_empty) {
                    continue;
                }
                out.push((name.clone(), value.to_owned()));
                if match_from(segs_rest, &parts[take..], out) {
                    return true;
                }
                out.pop();
            }
            false
        }
    }
}

/// Percent-decodes a path value; `None` for a malformed escape or bytes that are not UTF-8.
pub(crate) fn percent_decode(raw: &str) -> Option<String> {
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3)?;
            let hex = std::str::from_utf8(hex).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    fn t(s: &str) -> Template {
        Template::parse(s).unwrap()
    }

    #[test]
    fn single_segment_params() {
        let tpl = t("/gmail/v1/users/{userId}/messages/{id}");
        assert_eq!(
            tpl.matches("/gmail/v1/users/me/messages/18c1%2Fab"),
            Some(vec![("userId".into(), "me".into()), ("id".into(), "18c1%2Fab".into())])
        );
        assert_eq!(tpl.matches("/gmail/v1/users/me/messages"), None);
        assert_eq!(tpl.matches("/gmail/v1/users/me/messages/"), None, "empty segment is no value");
        assert_eq!(tpl.matches("/gmail/v1/users/me/messages/a/b"), None);
    }

    #[test]
    fn custom_verb_suffix() {
        let tpl = t("/gmail/v1/users/{userId}/settings/cse/keypairs/{keyPairId}:disable");
        let m = tpl.matches("/gmail/v1/users/me/settings/cse/keypairs/k1:disable").unwrap();
        assert_eq!(m[1], ("keyPairId".into(), "k1".into()));
        assert!(tpl.matches("/gmail/v1/users/me/settings/cse/keypairs/:disable").is_none());
        assert!(tpl.matches("/gmail/v1/users/me/settings/cse/keypairs/k1").is_none());
    }

    #[test]
    fn reserved_expansion_spans_segments() {
        let tpl = t("/v1/{+parent}/messages");
        assert_eq!(tpl.matches("/v1/spaces/a/messages"), Some(vec![("parent".into(), "spaces/a".into())]));
        assert!(tpl.matches("/v1/messages").is_none());
        let tail = t("/v1/{+name}:cancel");
        assert_eq!(tail.matches("/v1/ops/x/y:cancel"), Some(vec![("name".into(), "ops/x/y".into())]));
        assert!(t("/v1/{+name}").matches("/v1/a//b").is_none());
    }

    #[test]
    fn specificity_prefers_literals() {
        let literal = t("/u/{userId}/messages/batchModify");
        let param = t("/u/{userId}/messages/{id}");
        assert!(literal.specificity() > param.specificity());
        assert!(t("/v1/{+parent}/messages").specificity() > t("/v1/{+name}").specificity());
    }

    #[test]
    fn bad_templates_are_refused() {
        assert!(Template::parse("relative/{x}").is_err());
        assert!(Template::parse("/a/{x").is_err());
        assert!(Template::parse("/a/{x}{y}").is_err());
        assert!(Template::parse("/a/{}").is_err());
    }

    #[test]
    fn decoding() {
        assert_eq!(percent_decode("18c1%2Fab").as_deref(), Some("18c1/ab"));
        assert_eq!(percent_decode("a%20b%E2%82%AC").as_deref(), Some("a b€"));
        assert_eq!(percent_decode("bad%2"), None);
        assert_eq!(percent_decode("bad%zz"), None);
        assert_eq!(percent_decode("%FF"), None);
    }
}
