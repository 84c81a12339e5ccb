//! Partial responses: `fields=nextPageToken,files(id,name,owners/emailAddress)` keeps only
//! the named parts of a reply, and without `fields` Drive sends a small default set (a
//! file is `kind,id,name,mimeType` unless more is asked for). The Discovery validator has
//! already refused selections naming unknown fields, so this parser is forgiving.

use serde_json::{Map, Value};

/// A parsed selection: field name to sub-selection (`None` = the whole value).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    all: bool,
    fields: Vec<(String, Option<Selection>)>,
}

impl Selection {
    /// Parse `a,b/c,d(e,f)`; `*` selects everything at its level.
    pub fn parse(text: &str) -> Selection {
        let mut chars: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
        chars.push('\0');
        let mut pos = 0;
        parse_list(&chars, &mut pos)
    }

    fn add(&mut self, path: Vec<String>, sub: Option<Selection>) {
        let Some((first, rest)) = path.split_first() else {
            return;
        };
        if first == "*" {
            self.all = true;
            return;
        }
        let child = if rest.is_empty() {
            sub
        } else {
            let mut nested = Selection::default();
            nested.add(rest.to_vec(), sub);
            Some(nested)
        };
        match self.fields.iter_mut().find(|(n, _)| n == first) {
            Some((_, existing)) => {
                *existing = match (existing.take(), child) {
                    (Some(mut a), Some(b)) => {
                        a.all |= b.all;
                        for (name, s) in b.fields {
                            a.add(vec![name], s);
                        }
                        Some(a)
                    }
                    // A bare name selects the whole field.
                    _ => None,
                };
            }
            None => self.fields.push((first.clone(), child)),
        }
    }

    /// Keep only the selected parts of `value`.
    pub fn apply(&self, value: &Value) -> Value {
        match value {
            Value::Array(items) => Value::Array(items.iter().map(|v| self.apply(v)).collect()),
            Value::Object(map) if !self.all => {
                let mut out = Map::new();
                for (name, sub) in &self.fields {
                    if let Some(v) = map.get(name) {
                        let kept = match sub {
                            Some(sub) => sub.apply(v),
                            None => v.clone(),
                        };
                        out.insert(name.clone(), kept);
                    }
                }
                Value::Object(out)
            }
            other => other.clone(),
        }
    }
}

fn parse_list(chars: &[char], pos: &mut usize) -> Selection {
    let mut selection = Selection::default();
    loop {
        let mut path = Vec::new();
        let mut name = String::new();
        let mut sub = None;
        loop {
            match chars.get(*pos).copied().unwrap_or('\0') {
                '/' => {
                    path.push(std::mem::take(&mut name));
                    *pos += 1;
                }
                '(' => {
                    *pos += 1;
                    sub = Some(parse_list(chars, pos));
                }
                ',' | ')' | '\0' => break,
                c => {
                    name.push(c);
                    *pos += 1;
                }
            }
        }
        if !name.is_empty() {
            path.push(name);
        }
        if !path.is_empty() {
            selection.add(path, sub);
        }
        match chars.get(*pos).copied().unwrap_or('\0') {
            ',' => *pos += 1,
            ')' => {
                *pos += 1;
                return selection;
            }
            _ => return selection,
        }
    }
}

/// Apply `fields` if given, else `default`.
pub fn project(value: &Value, fields: Option<&str>, default: &str) -> Value {
    let text = fields.filter(|f| !f.trim().is_empty()).unwrap_or(default);
    Selection::parse(text).apply(value)
}

/// Drive's default fields of a File.
pub const FILE_DEFAULT: &str = "kind,id,name,mimeType,driveId,teamDriveId,resourceKey";
/// Drive's default fields of a FileList.
pub const FILE_LIST_DEFAULT: &str =
    "kind,incompleteSearch,nextPageToken,files(kind,id,name,mimeType,driveId,teamDriveId,resourceKey)";
pub const DRIVE_DEFAULT: &str = "kind,id,name";
pub const DRIVE_LIST_DEFAULT: &str = "kind,nextPageToken,drives(kind,id,name)";

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn selects_nested_fields() {
        let v = json!({
            "kind": "drive#fileList",
            "nextPageToken": "t",
            "files": [{"id": "1", "name": "a", "owners": [{"emailAddress": "x", "me": true}], "size": "3"}]
        });
        let out = project(&v, Some("nextPageToken, files(id,owners/emailAddress)"), "");
        assert_eq!(out, json!({"nextPageToken": "t", "files": [{"id": "1", "owners": [{"emailAddress": "x"}]}]}));
        assert_eq!(project(&v, Some("*"), ""), v);
        assert_eq!(project(&v, Some("files/id,files/name"), ""), json!({"files": [{"id": "1", "name": "a"}]}));
        assert_eq!(project(&v, None, "kind"), json!({"kind": "drive#fileList"}));
        assert_eq!(project(&v, Some("files"), "")["files"][0]["size"], "3");
    }
}
