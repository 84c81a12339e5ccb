//! Items as Google checks them: exactly one item kind, exactly one question kind, choice,
//! scale and rating rules, grids of row questions; ids given by the caller kept when unused,
//! the rest assigned. `ITEM_FIELDS` are the roots an `updateItem` mask may name.

use serde_json::{Map, Value};

use super::store::{collect_ids, short_id};

const ITEM_KINDS: &[&str] =
    &["questionItem", "questionGroupItem", "pageBreakItem", "textItem", "imageItem", "videoItem"];
pub(super) const ITEM_FIELDS: &[&str] = &[
    "itemId",
    "title",
    "description",
    "questionItem",
    "questionGroupItem",
    "pageBreakItem",
    "textItem",
    "imageItem",
    "videoItem",
];
const QUESTION_KINDS: &[&str] = &[
    "choiceQuestion",
    "textQuestion",
    "scaleQuestion",
    "dateQuestion",
    "timeQuestion",
    "fileUploadQuestion",
    "ratingQuestion",
    "rowQuestion",
];

/// The one kind among `kinds` that `obj` sets; `what` names the object in errors.
fn one_kind<'a>(obj: &Map<String, Value>, kinds: &[&'a str], what: &str) -> Result<&'a str, String> {
    let set: Vec<&str> = kinds.iter().copied().filter(|k| obj.get(*k).is_some_and(|v| !v.is_null())).collect();
    match set.as_slice() {
        [one] => Ok(one),
        [] => Err(format!("{what} kind is not set")),
        _ => Err(format!("{what} has more than one kind set: {}", set.join(", "))),
    }
}

fn object<'a>(v: &'a Value, what: &str) -> Result<&'a Map<String, Value>, String> {
    v.as_object().ok_or_else(|| format!("{what} must be an object"))
}

/// Checks an item the way Google does before it is created or after it is updated.
pub fn check_item(item: &Value) -> Result<(), String> {
    let item = object(item, "item")?;
    match one_kind(item, ITEM_KINDS, "item")? {
        "questionItem" => {
            let q = object(&item["questionItem"], "questionItem")?;
            check_question(q.get("question").ok_or("questionItem.question is required")?, false)
        }
        "questionGroupItem" => {
            let g = object(&item["questionGroupItem"], "questionGroupItem")?;
            let questions = g.get("questions").and_then(Value::as_array).filter(|q| !q.is_empty());
            let questions = questions.ok_or("questionGroupItem.questions must not be empty")?;
            let columns =
                g.get("grid").and_then(|g| g.get("columns")).ok_or("questionGroupItem.grid.columns is required")?;
            check_choice(object(columns, "grid.columns")?, true)?;
            questions.iter().try_for_each(|q| check_question(q, true))
        }
        "imageItem" => match item["imageItem"].pointer("/image/sourceUri").and_then(Value::as_str) {
            Some(u) if !u.is_empty() => Ok(()),
            _ => Err("imageItem.image.sourceUri is required".into()),
        },
        "videoItem" => match item["videoItem"].pointer("/video/youtubeUri").and_then(Value::as_str) {
            Some(u) if !u.is_empty() => Ok(()),
            _ => Err("videoItem.video.youtubeUri is required".into()),
        },
        _ => Ok(()),
    }
}

fn check_question(q: &Value, in_group: bool) -> Result<(), String> {
    let q = object(q, "question")?;
    let kind = one_kind(q, QUESTION_KINDS, "question")?;
    let body = object(&q[kind], kind)?;
    match kind {
        "rowQuestion" if !in_group => Err("rowQuestion is only allowed in a questionGroupItem".into()),
        _ if in_group && kind != "rowQuestion" => Err("a questionGroupItem holds only rowQuestion questions".into()),
        "fileUploadQuestion" => Err("file upload questions cannot be created or changed through the API".into()),
        "choiceQuestion" => check_choice(body, false),
        "scaleQuestion" => {
            let int = |k: &str| body.get(k).and_then(Value::as_i64);
            match (int("low"), int("high")) {
                (Some(low @ 0..=1), Some(high @ 2..=10)) if low < high => Ok(()),
                _ => Err("scaleQuestion needs low 0 or 1 and high between 2 and 10".into()),
            }
        }
        "ratingQuestion" => {
            let icon = body.get("iconType").and_then(Value::as_str).unwrap_or("RATING_ICON_TYPE_UNSPECIFIED");
            let level = body.get("ratingScaleLevel").and_then(Value::as_i64).unwrap_or(0);
            if icon == "RATING_ICON_TYPE_UNSPECIFIED" || !(3..=10).contains(&level) {
                return Err("ratingQuestion needs an iconType and a ratingScaleLevel between 3 and 10".into());
            }
            Ok(())
        }
        _ => Ok(()),
    }
}

/// A choice question (or a grid's columns): a type, and distinct non-empty options.
fn check_choice(c: &Map<String, Value>, grid: bool) -> Result<(), String> {
    let kind = c.get("type").and_then(Value::as_str).unwrap_or("CHOICE_TYPE_UNSPECIFIED");
    let allowed: &[&str] = if grid { &["RADIO", "CHECKBOX"] } else { &["RADIO", "CHECKBOX", "DROP_DOWN"] };
    if !allowed.contains(&kind) {
        return Err(format!("choice type must be one of {}", allowed.join(", ")));
    }
    let options = c.get("options").and_then(Value::as_array).filter(|o| !o.is_empty());
    let options = options.ok_or("a choice question needs at least one option")?;
    let mut seen = Vec::new();
    for o in options {
        let other = o.get("isOther").and_then(Value::as_bool) == Some(true);
        if other {
            if grid || kind == "DROP_DOWN" {
                return Err("isOther options are only allowed in RADIO and CHECKBOX questions".into());
            }
            continue;
        }
        let value = o.get("value").and_then(Value::as_str).unwrap_or("");
        if value.is_empty() {
            return Err("every option needs a non-empty value".into());
        }
        if seen.contains(&value) {
            return Err(format!("duplicate option value '{value}'"));
        }
        seen.push(value);
    }
    Ok(())
}

/// Gives the item and its questions ids where they have none; a given id must be unused.
/// Returns the item id and question ids.
pub fn assign_ids(item: &mut Value, in_use: &mut Vec<String>) -> Result<(String, Vec<String>), String> {
    let fresh = |slot: &mut Value, key: &str, in_use: &mut Vec<String>| -> Result<String, String> {
        let given = slot.get(key).and_then(Value::as_str).filter(|s| !s.is_empty()).map(str::to_string);
        let id = match given {
            Some(id) if in_use.contains(&id) => return Err(format!("{key} '{id}' is already used in this form")),
            Some(id) => id,
            None => loop {
                let id = short_id();
                if !in_use.contains(&id) {
                    break id;
                }
            },
        };
        slot[key] = Value::from(id.clone());
        in_use.push(id.clone());
        Ok(id)
    };
    let item_id = fresh(item, "itemId", in_use)?;
    let mut questions = Vec::new();
    if let Some(q) = item.pointer_mut("/questionItem/question") {
        questions.push(fresh(q, "questionId", in_use)?);
    }
    if let Some(qs) = item.pointer_mut("/questionGroupItem/questions").and_then(Value::as_array_mut) {
        for q in qs {
            questions.push(fresh(q, "questionId", in_use)?);
        }
    }
    Ok((item_id, questions))
}

/// Ids of every item except the one at `skip`.
pub fn ids_except(items: &[Value], skip: usize) -> Vec<String> {
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        if i != skip {
            collect_ids(item, &mut out);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn kinds_choices_and_scales_are_checked() {
        let q = |question: Value| json!({"title": "Q", "questionItem": {"question": question}});
        assert!(check_item(&q(json!({"textQuestion": {"paragraph": true}}))).is_ok());
        assert!(check_item(&json!({"title": "no kind"})).unwrap_err().contains("kind is not set"));
        assert!(check_item(&q(json!({"choiceQuestion": {"type": "RADIO", "options": []}}))).is_err());
        let dup = q(json!({"choiceQuestion": {"type": "RADIO", "options": [{"value": "a"}, {"value": "a"}]}}));
        assert!(check_item(&dup).unwrap_err().contains("duplicate"));
        assert!(check_item(&q(json!({"scaleQuestion": {"low": 1, "high": 11}}))).is_err());
        assert!(check_item(&q(json!({"fileUploadQuestion": {}}))).is_err());
        assert!(check_item(&json!({"pageBreakItem": {}})).is_ok());
    }

    #[test]
    fn ids_are_kept_when_free_and_refused_when_taken() {
        let mut used = vec!["aaaa0001".to_string()];
        let mut item = json!({"itemId": "bbbb0002", "questionItem": {"question": {"textQuestion": {}}}});
        let (id, qs) = assign_ids(&mut item, &mut used).unwrap();
        assert_eq!(id, "bbbb0002");
        assert_eq!(qs.len(), 1);
        assert_eq!(item["questionItem"]["question"]["questionId"], qs[0].as_str());
        let mut taken = json!({"itemId": "aaaa0001", "textItem": {}});
        assert!(assign_ids(&mut taken, &mut used).is_err());
    }
}
