//! Forms, their items and responses as text for the model. Pure functions.

use crate::wire::{Answer, BatchUpdateResponse, Form, FormResponse, Item, PublishSettings, Question};

/// Where the owner edits a form (Google's URL shape for a form id).
pub fn edit_link(form_id: &str) -> String {
    format!("https://docs.google.com/forms/d/{form_id}/edit")
}

/// "published, accepting responses" and the like; legacy forms carry no publish settings.
pub fn publish_state(p: Option<&PublishSettings>) -> String {
    match p.and_then(|p| p.publish_state) {
        None => "unknown (a legacy form without publish settings)".into(),
        Some(s) if !s.is_published => "not published (responders cannot open it)".into(),
        Some(s) if s.is_accepting_responses => "published, accepting responses".into(),
        Some(_) => "published, not accepting responses".into(),
    }
}

/// The form's header: title, ids, links, publish state and revision.
pub fn form_summary(f: &Form) -> String {
    let mut out = format!("Form \"{}\" (ID: {})\n", f.info.title.as_deref().unwrap_or(""), f.form_id);
    let mut field = |name: &str, value: Option<&str>| {
        if let Some(v) = value.filter(|v| !v.is_empty()) {
            out.push_str(&format!("- {name}: {v}\n"));
        }
    };
    field("Document title", f.info.document_title.as_deref());
    field("Description", f.info.description.as_deref());
    field("Status", Some(&publish_state(f.publish_settings.as_ref())));
    field("Responder link", f.responder_uri.as_deref());
    field("Edit link", Some(&edit_link(&f.form_id)));
    field("Linked sheet", f.linked_sheet_id.as_deref());
    field("Revision", f.revision_id.as_deref());
    if let Some(s) = &f.settings {
        if s.pointer("/quizSettings/isQuiz").and_then(|v| v.as_bool()) == Some(true) {
            field("Quiz", Some("yes"));
        }
        field("Email collection", s.get("emailCollectionType").and_then(|v| v.as_str()));
    }
    out
}

/// The whole form: header, then every item with the index batch_update_form's `location`
/// uses and the ids responses are keyed by.
pub fn form_details(f: &Form) -> String {
    let mut out = form_summary(f);
    if f.items.is_empty() {
        out.push_str("No items yet (add questions with batch_update_form).\n");
        return out;
    }
    out.push_str(&format!("{} item(s) (index: title):\n", f.items.len()));
    for (i, item) in f.items.iter().enumerate() {
        out.push_str(&format!("[{i}] {}\n", item_line(item)));
    }
    out
}

/// One item: title, ids and what kind of item or question it is.
pub fn item_line(item: &Item) -> String {
    let mut out =
        format!("\"{}\" (item ID: {}", item.title.as_deref().unwrap_or(""), item.item_id.as_deref().unwrap_or("?"));
    if let Some(q) = &item.question_item {
        out.push_str(&format!(
            ", question ID: {}) | {}",
            q.question.question_id.as_deref().unwrap_or("?"),
            question_kind(&q.question)
        ));
        if q.question.required {
            out.push_str(" | required");
        }
    } else {
        let kind = if item.question_group_item.is_some() {
            "question group"
        } else if item.page_break_item.is_some() {
            "section (page break)"
        } else if item.text_item.is_some() {
            "text"
        } else if item.image_item.is_some() {
            "image"
        } else if item.video_item.is_some() {
            "video"
        } else {
            "item"
        };
        out.push_str(&format!(") | {kind}"));
    }
    if let Some(d) = item.description.as_deref().filter(|d| !d.is_empty()) {
        out.push_str(&format!("\n    {d}"));
    }
    out
}

/// What a question asks for, with its choices or scale.
pub fn question_kind(q: &Question) -> String {
    if let Some(c) = &q.choice_question {
        let kind = match c.kind.as_deref() {
            Some("CHECKBOX") => "checkboxes",
            Some("DROP_DOWN") => "drop-down",
            _ => "multiple choice",
        };
        let options: Vec<String> = c
            .options
            .iter()
            .map(|o| if o.is_other { "Other (free text)".to_string() } else { o.value.clone().unwrap_or_default() })
            .collect();
        return format!("{kind}: {}", options.join("; "));
    }
    if let Some(t) = &q.text_question {
        return if t.paragraph { "paragraph text".into() } else { "short text".into() };
    }
    if let Some(s) = &q.scale_question {
        let mut out = format!("scale {}-{}", s.low.unwrap_or(0), s.high.unwrap_or(0));
        if s.low_label.is_some() || s.high_label.is_some() {
            out.push_str(&format!(
                " ({} .. {})",
                s.low_label.as_deref().unwrap_or(""),
                s.high_label.as_deref().unwrap_or("")
            ));
        }
        return out;
    }
    let kinds = [
        (q.date_question.is_some(), "date"),
        (q.time_question.is_some(), "time"),
        (q.rating_question.is_some(), "rating"),
        (q.file_upload_question.is_some(), "file upload"),
        (q.row_question.is_some(), "grid row"),
    ];
    kinds.iter().find(|(set, _)| *set).map_or("question", |(_, k)| k).to_string()
}

/// An answer's values on one line.
pub fn answer_values(a: &Answer) -> String {
    let mut values: Vec<String> =
        a.text_answers.iter().flat_map(|t| &t.answers).map(|v| v.value.clone().unwrap_or_default()).collect();
    for f in a.file_upload_answers.iter().flat_map(|f| &f.answers) {
        values.push(format!(
            "file \"{}\" (Drive ID: {})",
            f.file_name.as_deref().unwrap_or(""),
            f.file_id.as_deref().unwrap_or("?")
        ));
    }
    values.join("; ")
}

/// One response: its id, when and by whom, then each answer keyed by question id.
pub fn response(r: &FormResponse) -> String {
    let mut out = format!("Response {}", r.response_id);
    if let Some(t) = r.last_submitted_time.as_deref().or(r.create_time.as_deref()) {
        out.push_str(&format!(" | submitted {t}"));
    }
    if let Some(e) = &r.respondent_email {
        out.push_str(&format!(" | from {e}"));
    }
    if let Some(s) = r.total_score {
        out.push_str(&format!(" | score {s}"));
    }
    out.push('\n');
    if r.answers.is_empty() {
        out.push_str("  (no answers)\n");
    }
    for (qid, a) in &r.answers {
        out.push_str(&format!("  - question {qid}: {}\n", answer_values(a)));
    }
    out
}

/// What a batch update did: the ids of created items and the new revision.
pub fn batch_result(form_id: &str, requests: usize, r: &BatchUpdateResponse) -> String {
    let mut out = format!("Applied {requests} update(s) to form {form_id}.\n");
    for (i, reply) in r.replies.iter().enumerate() {
        if let Some(c) = &reply.create_item {
            out.push_str(&format!("- request {i}: created item {}", c.item_id.as_deref().unwrap_or("?")));
            if !c.question_id.is_empty() {
                out.push_str(&format!(" (question ID: {})", c.question_id.join(", ")));
            }
            out.push('\n');
        }
    }
    if let Some(rev) = r.write_control.as_ref().and_then(|w| w.required_revision_id.as_deref()) {
        out.push_str(&format!("Revision now: {rev}\n"));
    }
    out
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn items_show_index_ids_and_kind() {
        let form: Form = serde_json::from_value(json!({
            "formId": "f1", "info": {"title": "T"},
            "items": [
                {"itemId": "i1", "title": "Rate", "questionItem": {"question": {"questionId": "q1", "required": true,
                    "scaleQuestion": {"low": 1, "high": 5, "lowLabel": "Poor", "highLabel": "Great"}}}},
                {"itemId": "i2", "title": "Pick", "questionItem": {"question": {"questionId": "q2",
                    "choiceQuestion": {"type": "CHECKBOX", "options": [{"value": "A"}, {"isOther": true}]}}}},
                {"itemId": "i3", "title": "Part 2", "pageBreakItem": {}}
            ],
            "publishSettings": {"publishState": {"isPublished": true, "isAcceptingResponses": false}}
        }))
        .unwrap();
        let text = form_details(&form);
        assert!(
            text.contains("[0] \"Rate\" (item ID: i1, question ID: q1) | scale 1-5 (Poor .. Great) | required"),
            "{text}"
        );
        assert!(
            text.contains("[1] \"Pick\" (item ID: i2, question ID: q2) | checkboxes: A; Other (free text)"),
            "{text}"
        );
        assert!(text.contains("[2] \"Part 2\" (item ID: i3) | section (page break)"), "{text}");
        assert!(text.contains("- Status: published, not accepting responses"), "{text}");
    }

    #[test]
    fn responses_list_answers_by_question() {
        let r: FormResponse = serde_json::from_value(json!({
            "responseId": "r1", "lastSubmittedTime": "2026-01-02T03:04:05Z", "respondentEmail": "a@example.com",
            "answers": {"q1": {"questionId": "q1", "textAnswers": {"answers": [{"value": "4"}]}},
                        "q2": {"questionId": "q2", "textAnswers": {"answers": [{"value": "A"}, {"value": "B"}]}}}
        }))
        .unwrap();
        let text = response(&r);
        assert!(text.starts_with("Response r1 | submitted 2026-01-02T03:04:05Z | from a@example.com\n"), "{text}");
        assert!(text.contains("  - question q2: A; B\n"), "{text}");
    }
}
