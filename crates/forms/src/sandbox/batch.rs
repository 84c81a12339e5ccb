//! `forms.batchUpdate`: the requests apply in order to a copy of the form and are kept only
//! if all succeed. `writeControl` guards the revision; each successful batch makes a new one.

use serde_json::{Value, json};
use wsmcp_sandbox_kit::GoogleError;

use super::items::{assign_ids, check_item, ids_except};
use super::mask::{apply_mask, item_mask, mask_paths};
use super::store::{FormRec, form_json, revision_id};

const KINDS: &[&str] = &["createItem", "updateItem", "deleteItem", "moveItem", "updateFormInfo", "updateSettings"];

/// A location's index, checked to lie in `0..=max` (`max` included for createItem).
fn index(req: &Value, field: &str, max: usize, inclusive: bool) -> Result<usize, String> {
    let loc = req.get(field).filter(|l| l.is_object()).ok_or_else(|| format!("{field} is required"))?;
    let i = loc.get("index").and_then(Value::as_i64).unwrap_or(0);
    let fits = usize::try_from(i).ok().filter(|&i| if inclusive { i <= max } else { i < max });
    fits.ok_or_else(|| {
        if inclusive {
            format!("{field}.index {i} must be between 0 and the number of items in the form ({max})")
        } else {
            format!("{field}.index {i} must be less than the number of items in the form ({max})")
        }
    })
}

fn mask(req: &Value) -> Option<&str> {
    req.get("updateMask").and_then(Value::as_str)
}

/// Applies one request to `form`, returning its reply.
fn apply(form: &mut FormRec, kind: &str, req: &Value) -> Result<Value, String> {
    let n = form.items.len();
    match kind {
        "createItem" => {
            let mut item = req.get("item").filter(|i| i.is_object()).cloned().ok_or("item is required")?;
            let at = index(req, "location", n, true)?;
            check_item(&item)?;
            let mut used = form.ids_in_use();
            let (item_id, questions) = assign_ids(&mut item, &mut used)?;
            form.items.insert(at, item);
            let mut reply = json!({ "itemId": item_id });
            if !questions.is_empty() {
                reply["questionId"] = json!(questions);
            }
            Ok(json!({ "createItem": reply }))
        }
        "updateItem" => {
            let source = req.get("item").filter(|i| i.is_object()).ok_or("item is required")?;
            let at = index(req, "location", n, false)?;
            let paths = item_mask(mask(req))?;
            let mut item = form.items[at].clone();
            apply_mask(&mut item, source, &paths);
            check_item(&item)?;
            let mut used = ids_except(&form.items, at);
            assign_ids(&mut item, &mut used)?;
            form.items[at] = item;
            Ok(json!({}))
        }
        "deleteItem" => {
            let at = index(req, "location", n, false)?;
            form.items.remove(at);
            Ok(json!({}))
        }
        "moveItem" => {
            let from = index(req, "originalLocation", n, false)?;
            let to = index(req, "newLocation", n, false)?;
            let item = form.items.remove(from);
            form.items.insert(to, item);
            Ok(json!({}))
        }
        "updateFormInfo" => {
            let paths = mask_paths(mask(req), &["title", "description", "documentTitle"])?;
            if paths.iter().any(|p| p == "documentTitle") {
                return Err("info.documentTitle cannot be changed by a batchUpdate request".into());
            }
            let paths: Vec<String> = if paths == ["*"] { vec!["title".into(), "description".into()] } else { paths };
            let mut info = Value::Object(form.info.clone());
            apply_mask(&mut info, req.get("info").unwrap_or(&Value::Null), &paths);
            form.info = info.as_object().cloned().unwrap_or_default();
            Ok(json!({}))
        }
        "updateSettings" => {
            let paths = mask_paths(mask(req), &["quizSettings", "emailCollectionType"])?;
            let mut settings = Value::Object(form.settings.clone());
            apply_mask(&mut settings, req.get("settings").unwrap_or(&Value::Null), &paths);
            let quiz = settings.pointer("/quizSettings/isQuiz").and_then(Value::as_bool) == Some(true);
            form.settings = settings.as_object().cloned().unwrap_or_default();
            if !quiz {
                // Turning quiz mode off deletes every question's grading.
                for item in &mut form.items {
                    if let Some(q) = item.pointer_mut("/questionItem/question").and_then(Value::as_object_mut) {
                        q.remove("grading");
                    }
                }
            }
            Ok(json!({}))
        }
        _ => Err("request kind is not set".into()),
    }
}

/// Checks `writeControl` against the form's revision.
fn check_write_control(form: &FormRec, wc: Option<&Value>) -> Result<(), GoogleError> {
    let Some(wc) = wc.filter(|w| !w.is_null()) else { return Ok(()) };
    let get = |k: &str| wc.get(k).and_then(Value::as_str);
    match (get("requiredRevisionId"), get("targetRevisionId")) {
        (Some(_), Some(_)) => {
            Err(GoogleError::bad_request("writeControl sets both requiredRevisionId and targetRevisionId"))
        }
        (Some(r), None) if r != revision_id(form.revision) => Err(GoogleError::bad_request(format!(
            "The required revision ID '{r}' is not the latest revision of the form ({}).",
            revision_id(form.revision)
        ))),
        // A target revision must be one this form has had; later edits are merged in.
        (None, Some(t)) if !(1..=form.revision).any(|n| revision_id(n) == t) => {
            Err(GoogleError::bad_request(format!("The target revision ID '{t}' is invalid for this form.")))
        }
        _ => Ok(()),
    }
}

/// Runs a whole batch on `form`: all or nothing. Returns the reply body.
pub fn run(form: &mut FormRec, body: &Value) -> Result<Value, GoogleError> {
    check_write_control(form, body.get("writeControl"))?;
    let requests = body.get("requests").and_then(Value::as_array).cloned().unwrap_or_default();
    if requests.is_empty() {
        return Err(GoogleError::bad_request("requests must contain at least one request."));
    }
    let mut copy = form.clone();
    let mut replies = Vec::new();
    for (i, r) in requests.iter().enumerate() {
        let set: Vec<&str> = KINDS.iter().copied().filter(|k| r.get(*k).is_some_and(|v| !v.is_null())).collect();
        let [kind] = set.as_slice() else {
            return Err(GoogleError::bad_request(format!(
                "Invalid requests[{i}]: exactly one of {} must be set.",
                KINDS.join(", ")
            )));
        };
        let reply = apply(&mut copy, kind, &r[*kind])
            .map_err(|m| GoogleError::bad_request(format!("Invalid requests[{i}].{kind}: {m}")))?;
        replies.push(reply);
    }
    copy.revision += 1;
    *form = copy;
    let mut out = json!({
        "replies": replies,
        "writeControl": { "requiredRevisionId": revision_id(form.revision) },
    });
    if body.get("includeFormInResponse").and_then(Value::as_bool) == Some(true) {
        out["form"] = form_json(form);
    }
    Ok(out)
}
