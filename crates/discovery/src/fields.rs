//! The `fields` partial-response selector, checked against the method's response schema.
//!
//! Google refuses a selection naming a field the response does not have, so a client with a typo
//! in `fields=` must fail against the sandbox too. Grammar: `a,b/c,d(e,f/g),*`.
//! Below a map, an untyped value or a wildcard anything goes, since those have no fixed fields.

use crate::document::Api;
use crate::error::Violation;
use crate::schema::{Kind, Schema};

/// Where the parser stands in the schema: a concrete node, or "anything goes".
type At<'s> = Option<&'s Schema>;

struct Parser<'t, 's> {
    api: &'s Api,
    text: &'t str,
    pos: usize,
}

fn bad(selection: &str) -> Violation {
    Violation::invalid(format!("Invalid field selection {selection}"))
}

impl<'t, 's> Parser<'t, 's> {
    fn peek(&self) -> Option<char> {
        self.text[self.pos..].chars().next()
    }

    fn skip_spaces(&mut self) {
        while self.peek() == Some(' ') {
            self.pos += 1;
        }
    }

    fn name(&mut self) -> &'t str {
        self.skip_spaces();
        let start = self.pos;
        while let Some(c) =
            self.peek().filter(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '*' | '$' | '@' | '.'))
        {
            self.pos += c.len_utf8();
        }
        let name = &self.text[start..self.pos];
        self.skip_spaces();
        name
    }

    /// Steps from `at` into the field `name`.
    fn step(&self, at: At<'s>, name: &str) -> Result<At<'s>, Violation> {
        if name == "*" {
            return Ok(None);
        }
        let Some(schema) = at else { return Ok(None) };
        let mut node = schema;
        loop {
            let (concrete, _) = self.api.deref(node).ok_or_else(|| bad(name))?;
            match &concrete.kind {
                // Selecting inside a list selects inside each element.
                Kind::Array(items) => node = items,
                Kind::Object(obj) => {
                    if let Some(f) = obj.field(name) {
                        return Ok(Some(&f.schema));
                    }
                    return if obj.additional.is_some() { Ok(None) } else { Err(bad(name)) };
                }
                Kind::Scalar(crate::formats::Scalar::Any) => return Ok(None),
                Kind::Scalar(_) | Kind::Ref(_) => return Err(bad(name)),
            }
        }
    }

    /// `selector := name ('/' selector | '(' list ')')?`
    fn selector(&mut self, at: At<'s>) -> Result<(), Violation> {
        let start = self.pos;
        let name = self.name();
        if name.is_empty() {
            return Err(bad(self.text[start..].trim()));
        }
        let inner = self.step(at, name)?;
        match self.peek() {
            Some('/') => {
                self.pos += 1;
                self.selector(inner)
            }
            Some('(') => {
                self.pos += 1;
                self.list(inner)?;
                if self.peek() != Some(')') {
                    return Err(bad(self.text));
                }
                self.pos += 1;
                self.skip_spaces();
                Ok(())
            }
            _ => Ok(()),
        }
    }

    /// `list := selector (',' selector)*`
    fn list(&mut self, at: At<'s>) -> Result<(), Violation> {
        loop {
            self.selector(at)?;
            if self.peek() != Some(',') {
                return Ok(());
            }
            self.pos += 1;
        }
    }
}

/// Checks a `fields` value against the response schema named `response` (if the method has one).
pub(crate) fn check(api: &Api, response: Option<&str>, text: &str) -> Result<(), Violation> {
    let Some(root) = response.and_then(|r| api.schemas.get(r)) else {
        // Without a declared response there is nothing to hold the selection against.
        return Ok(());
    };
    let mut parser = Parser { api, text, pos: 0 };
    parser.list(Some(root))?;
    if parser.pos != text.len() {
        return Err(bad(text));
    }
    Ok(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use crate::tests::gmail;

    fn check_list(fields: &str) -> Result<(), Violation> {
        check(gmail(), Some("ListMessagesResponse"), fields)
    }

    #[test]
    fn valid_selections() {
        for ok in [
            "messages",
            "messages/id",
            "messages(id,threadId),nextPageToken",
            "messages(id,payload/headers(name,value))",
            "messages/thread_id",
            "*",
            "messages/*",
            "nextPageToken, resultSizeEstimate",
        ] {
            assert!(check_list(ok).is_ok(), "{ok}");
        }
    }

    #[test]
    fn invalid_selections() {
        for bad in ["bogus", "messages/bogus", "messages(id,", "messages(id))", "", "nextPageToken/x", "a,,b"] {
            assert!(check_list(bad).is_err(), "{bad}");
        }
        assert_eq!(check_list("messages/bogus").unwrap_err().message, "Invalid field selection bogus");
    }

    #[test]
    fn no_response_schema_means_no_check() {
        assert!(check(gmail(), None, "anything").is_ok());
    }
}
