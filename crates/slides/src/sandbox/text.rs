//! The text of a shape or table cell as Slides keeps it: paragraphs each ending in `\n`
//! (a non-empty text always ends with one), indices in UTF-16 code units, and character
//! styles over ranges, served as `textElements` (a paragraph marker, then runs of uniform
//! style).

use serde_json::{Map, Value, json};

#[derive(Debug, Clone, PartialEq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub style: Map<String, Value>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Text {
    content: String,
    spans: Vec<Span>,
}

fn len16(s: &str) -> usize {
    s.encode_utf16().count()
}

/// The byte offset of UTF-16 index `i` (clamped to the end).
fn byte_at(s: &str, i: usize) -> usize {
    let mut units = 0;
    for (b, c) in s.char_indices() {
        if units >= i {
            return b;
        }
        units += c.len_utf16();
    }
    s.len()
}

impl Text {
    pub fn new(text: &str) -> Self {
        let mut t = Text::default();
        if !text.is_empty() {
            t.content = text.to_string();
            t.close();
        }
        t
    }

    /// A non-empty text ends with a paragraph end.
    fn close(&mut self) {
        if !self.content.is_empty() && !self.content.ends_with('\n') {
            self.content.push('\n');
        }
    }

    pub fn as_str(&self) -> &str {
        &self.content
    }

    pub fn len(&self) -> usize {
        len16(&self.content)
    }

    pub fn is_empty(&self) -> bool {
        self.content.is_empty()
    }

    /// Insert at UTF-16 `index`; `Err` with Slides' reason when it is outside the text.
    pub fn insert(&mut self, index: usize, text: &str) -> Result<(), String> {
        // The last valid place is just before the final paragraph end.
        let last = self.len().saturating_sub(1);
        if index > last {
            return Err("The insertion index must be inside the bounds of an existing paragraph. \
                You can still create new paragraphs by inserting newlines."
                .to_string());
        }
        let at = byte_at(&self.content, index);
        self.content.insert_str(at, text);
        self.close();
        let added = len16(text);
        for s in &mut self.spans {
            if s.start >= index {
                s.start += added;
            }
            if s.end > index {
                s.end += added;
            }
        }
        Ok(())
    }

    /// The `[start, end)` a Slides `Range` names, checked against the text.
    pub fn range(&self, range: &Value) -> Result<(usize, usize), String> {
        let kind = range.get("type").and_then(Value::as_str).unwrap_or("RANGE_TYPE_UNSPECIFIED");
        let index = |name: &str| range.get(name).and_then(Value::as_u64).and_then(|v| usize::try_from(v).ok());
        let len = self.len();
        let (start, end) = match kind {
            "ALL" => (0, len),
            "FROM_START_INDEX" => (index("startIndex").ok_or("The startIndex must be specified.")?, len),
            "FIXED_RANGE" => (
                index("startIndex").ok_or("The startIndex must be specified for FIXED_RANGE.")?,
                index("endIndex").ok_or("The endIndex must be specified for FIXED_RANGE.")?,
            ),
            other => return Err(format!("The range type {other} is not supported.")),
        };
        if end > len {
            return Err(format!("The end index ({end}) should not be greater than the existing text length ({len})."));
        }
        if start > end {
            return Err(format!("The start index ({start}) must be less than or equal to the end index ({end})."));
        }
        Ok((start, end))
    }

    pub fn delete(&mut self, start: usize, end: usize) {
        let (a, b) = (byte_at(&self.content, start), byte_at(&self.content, end));
        self.content.replace_range(a..b, "");
        let removed = end - start;
        let shift = |i: usize| if i >= end { i - removed } else { i.min(start) };
        for s in &mut self.spans {
            s.start = shift(s.start);
            s.end = shift(s.end);
        }
        self.spans.retain(|s| s.start < s.end);
        self.close();
        if self.content == "\n" {
            self.content.clear();
            self.spans.clear();
        }
    }

    /// Set the `fields` of `style` over `[start, end)`.
    pub fn style(&mut self, start: usize, end: usize, style: &Map<String, Value>, fields: &[String]) {
        let mut set = Map::new();
        for f in fields {
            match style.get(f) {
                Some(v) => set.insert(f.clone(), v.clone()),
                None => set.insert(f.clone(), Value::Null),
            };
        }
        if start < end {
            self.spans.push(Span { start, end, style: set });
        }
    }

    /// Replace every occurrence of `find`; returns how many were replaced.
    pub fn replace_all(&mut self, find: &str, replace: &str, match_case: bool) -> usize {
        if find.is_empty() {
            return 0;
        }
        let mut count = 0;
        let mut from = 0;
        loop {
            let hay = &self.content[from..];
            let pos = if match_case {
                hay.find(find)
            } else {
                hay.to_lowercase().find(&find.to_lowercase()).filter(|p| hay.is_char_boundary(*p))
            };
            let Some(pos) = pos else { break };
            let at = from + pos;
            let start = len16(&self.content[..at]);
            self.delete_raw(start, start + len16(find));
            let at16 = start;
            let byte = byte_at(&self.content, at16);
            self.content.insert_str(byte, replace);
            from = byte + replace.len();
            count += 1;
        }
        self.close();
        count
    }

    fn delete_raw(&mut self, start: usize, end: usize) {
        let (a, b) = (byte_at(&self.content, start), byte_at(&self.content, end));
        self.content.replace_range(a..b, "");
    }

    /// The style in effect at UTF-16 `i` (later spans win).
    fn style_at(&self, i: usize) -> Map<String, Value> {
        let mut out = Map::new();
        for s in self.spans.iter().filter(|s| s.start <= i && i < s.end) {
            for (k, v) in &s.style {
                if v.is_null() {
                    out.remove(k);
                } else {
                    out.insert(k.clone(), v.clone());
                }
            }
        }
        out
    }

    /// Slides' `textElements`: per paragraph a marker, then runs split where the style changes.
    pub fn elements(&self) -> Vec<Value> {
        let mut out = Vec::new();
        let mut pos = 0;
        for para in self.content.split_inclusive('\n') {
            let para_end = pos + len16(para);
            let mut marker = json!({ "endIndex": para_end, "paragraphMarker": { "style": {} } });
            if pos > 0 {
                marker["startIndex"] = pos.into();
            }
            out.push(marker);
            let mut run_start = pos;
            let mut run = String::new();
            let mut current = self.style_at(pos);
            let mut i = pos;
            for c in para.chars() {
                let style = self.style_at(i);
                if style != current && !run.is_empty() {
                    out.push(run_json(run_start, i, &run, &current));
                    run.clear();
                    run_start = i;
                }
                current = style;
                run.push(c);
                i += c.len_utf16();
            }
            if !run.is_empty() {
                out.push(run_json(run_start, i, &run, &current));
            }
            pos = para_end;
        }
        out
    }
}

fn run_json(start: usize, end: usize, content: &str, style: &Map<String, Value>) -> Value {
    let mut v = json!({ "endIndex": end, "textRun": { "content": content, "style": style } });
    if start > 0 {
        v["startIndex"] = start.into();
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn insert_delete_and_bounds() {
        let mut t = Text::new("");
        t.insert(0, "Hello").unwrap();
        assert_eq!(t.as_str(), "Hello\n");
        assert!(t.insert(6, "x").is_err());
        t.insert(5, " world").unwrap();
        assert_eq!(t.as_str(), "Hello world\n");
        let (s, e) = t.range(&json!({"type": "FIXED_RANGE", "startIndex": 0, "endIndex": 6})).unwrap();
        t.delete(s, e);
        assert_eq!(t.as_str(), "world\n");
        assert!(t.range(&json!({"type": "FIXED_RANGE", "startIndex": 0, "endIndex": 60})).is_err());
        let (s, e) = t.range(&json!({"type": "ALL"})).unwrap();
        t.delete(s, e);
        assert!(t.is_empty());
    }

    #[test]
    fn styles_split_runs_and_utf16_counts() {
        let mut t = Text::new("Atlas ünd 🚀 go");
        assert_eq!(t.len(), 16);
        let style: Map<String, Value> = serde_json::from_value(json!({"bold": true})).unwrap();
        t.style(0, 5, &style, &["bold".to_string()]);
        let els = t.elements();
        assert_eq!(els[1]["textRun"]["content"], "Atlas");
        assert_eq!(els[1]["textRun"]["style"]["bold"], true);
        assert_eq!(els[2]["startIndex"], 5);
        assert_eq!(els[2]["endIndex"], 16);
        assert_eq!(t.replace_all("GO", "went", false), 1);
        assert_eq!(t.as_str(), "Atlas ünd 🚀 went\n");
    }
}
