//! Field masks as Google reads them: comma-separated paths in camelCase or snake_case,
//! checked against the fields allowed at their root, `*` alone for everything; a masked field
//! missing from the source is cleared.

use serde_json::{Map, Value};

/// `question_item.question` -> `questionItem.question`: masks may use either spelling.
pub fn camel_path(path: &str) -> String {
    path.split('.')
        .map(|seg| {
            let mut out = String::new();
            let mut upper = false;
            for c in seg.chars() {
                match c {
                    '_' => upper = true,
                    c if upper => {
                        out.extend(c.to_uppercase());
                        upper = false;
                    }
                    c => out.push(c),
                }
            }
            out
        })
        .collect::<Vec<_>>()
        .join(".")
}

/// The paths of an update mask, checked against the fields allowed at its root.
pub fn mask_paths(mask: Option<&str>, allowed: &[&str]) -> Result<Vec<String>, String> {
    let mask = mask.map(str::trim).filter(|m| !m.is_empty()).ok_or("updateMask must name at least one field")?;
    let paths: Vec<String> = mask.split(',').map(|p| camel_path(p.trim())).collect();
    for p in &paths {
        let root = p.split('.').next().unwrap_or("");
        if p != "*" && !allowed.contains(&root) {
            return Err(format!("invalid field mask path '{p}'"));
        }
        if p.split('.').any(|s| s.is_empty()) {
            return Err(format!("invalid field mask path '{p}'"));
        }
    }
    if paths.len() > 1 && paths.iter().any(|p| p == "*") {
        return Err("'*' must be the only path of an update mask".into());
    }
    Ok(paths)
}

/// The update mask of an item, checked against `Item`'s fields.
pub fn item_mask(mask: Option<&str>) -> Result<Vec<String>, String> {
    mask_paths(mask, super::items::ITEM_FIELDS)
}

/// Copies the masked fields from `source` into `target`; a field `source` lacks is cleared.
pub fn apply_mask(target: &mut Value, source: &Value, paths: &[String]) {
    for path in paths {
        if path == "*" {
            *target = source.clone();
            continue;
        }
        let segs: Vec<&str> = path.split('.').collect();
        let value = segs.iter().try_fold(source, |v, s| v.get(*s)).cloned();
        let Some((last, parents)) = segs.split_last() else { continue };
        let mut cur = &mut *target;
        for s in parents {
            if !cur.get(*s).is_some_and(Value::is_object) {
                cur[*s] = Value::Object(Map::new());
            }
            cur = &mut cur[*s];
        }
        match (value, cur.as_object_mut()) {
            (Some(v), Some(obj)) => {
                obj.insert(last.to_string(), v);
            }
            (None, Some(obj)) => {
                obj.remove(*last);
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn masks_copy_or_clear_fields() {
        let mut item = json!({"itemId": "i", "title": "Old", "description": "d", "textItem": {}});
        let paths = item_mask(Some("title,description")).unwrap();
        apply_mask(&mut item, &json!({"title": "New"}), &paths);
        assert_eq!(item, json!({"itemId": "i", "title": "New", "textItem": {}}));
        assert_eq!(item_mask(Some("question_item.question.required")).unwrap(), ["questionItem.question.required"]);
        assert!(item_mask(Some("bogus")).is_err());
        assert!(item_mask(Some("")).is_err());
    }
}
