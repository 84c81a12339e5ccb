//! The forms every sandbox starts with, dated relative to now and matching the Drive seed
//! (the form file `ATLAS_FEEDBACK_FORM`, "Atlas pilot feedback", in the Atlas folder, last
//! edited six days ago) and the mail and calendar people: a published form that collects
//! verified emails, with a rating scale, a multiple-choice, a checkbox and a paragraph
//! question, and five responses from pilot customers (Northwind, Sample KK, Contoso) and
//! Priya, submitted over the last five days.

use chrono::{DateTime, Duration, SubsecRound, Utc};
use serde_json::{Map, Value, json};

use super::store::{FormRec, Publish, ResponseRec, Store};

/// Same id as the Drive seed's form file (`wsmcp_drive::sandbox::seed::ids`).
pub const ATLAS_FEEDBACK_FORM: &str = "1AtlasPilotFeedbackFormXk7Qm2Lp9R";

/// The seeded question ids, the keys of the responses' answers.
pub mod questions {
    pub const SATISFACTION: &str = "5a3c9e01";
    pub const FEATURE: &str = "5a3c9e02";
    pub const PLATFORMS: &str = "5a3c9e03";
    pub const IMPROVE: &str = "5a3c9e04";
}

/// The seeded response ids, oldest first.
pub mod responses {
    pub const DANA: &str = "ACYDBNgAtlasPilotDanaWhitfield01";
    pub const MISAKI: &str = "ACYDBNgAtlasPilotMisakiSato0002";
    pub const JONAS: &str = "ACYDBNgAtlasPilotJonasWeber0003";
    pub const OMAR: &str = "ACYDBNgAtlasPilotOmarHaddad0004";
    pub const PRIYA: &str = "ACYDBNgAtlasPilotPriyaShah00005";
}

fn object(v: Value) -> Map<String, Value> {
    v.as_object().cloned().unwrap_or_default()
}

fn question_item(item_id: &str, title: &str, question: Value) -> Value {
    json!({ "itemId": item_id, "title": title, "questionItem": { "question": question } })
}

fn items() -> Vec<Value> {
    use questions::*;
    let options = |values: &[&str]| values.iter().map(|v| json!({ "value": v })).collect::<Vec<_>>();
    let mut features = options(&["Offline sync", "Shared checklists", "Photo reports"]);
    features.push(json!({ "isOther": true }));
    vec![
        question_item(
            "4d2b7f01",
            "How satisfied are you with the Atlas pilot overall?",
            json!({ "questionId": SATISFACTION, "required": true,
                "scaleQuestion": { "low": 1, "high": 5, "lowLabel": "Not at all", "highLabel": "Very satisfied" } }),
        ),
        question_item(
            "4d2b7f02",
            "Which feature did your team use most?",
            json!({ "questionId": FEATURE, "required": true,
                "choiceQuestion": { "type": "RADIO", "options": features } }),
        ),
        question_item(
            "4d2b7f03",
            "Which platforms did your crews use?",
            json!({ "questionId": PLATFORMS,
                "choiceQuestion": { "type": "CHECKBOX", "options": options(&["Android", "iOS", "Web"]) } }),
        ),
        json!({
            "itemId": "4d2b7f04",
            "title": "What should we improve before the 1.0 launch?",
            "description": "Anything that slowed your crews down.",
            "questionItem": { "question": { "questionId": IMPROVE, "textQuestion": { "paragraph": true } } },
        }),
    ]
}

/// A response submitted `days_ago`; `answers` as (question id, values).
fn response(now: DateTime<Utc>, id: &str, email: &str, days_ago: f64, answers: &[(&str, &[&str])]) -> ResponseRec {
    // Whole seconds, so a served timestamp names the instant exactly (filters compare them).
    let at = (now - Duration::minutes((days_ago * 24.0 * 60.0) as i64)).trunc_subsecs(0);
    ResponseRec {
        id: id.into(),
        created: at,
        submitted: at,
        email: Some(email.into()),
        answers: answers.iter().map(|(q, v)| (q.to_string(), v.iter().map(|s| s.to_string()).collect())).collect(),
    }
}

fn atlas_feedback(now: DateTime<Utc>) -> FormRec {
    use questions::*;
    let responses = vec![
        response(
            now,
            responses::DANA,
            "dana.whitfield@northwind.example",
            5.3,
            &[
                (SATISFACTION, &["4"]),
                (FEATURE, &["Offline sync"]),
                (PLATFORMS, &["Android", "Web"]),
                (IMPROVE, &["The sync API returned 429s during our morning rollout; please raise the per-user limit."]),
            ],
        ),
        response(
            now,
            responses::MISAKI,
            "misaki.sato@sample-kk.example",
            4.1,
            &[
                (SATISFACTION, &["3"]),
                (FEATURE, &["Shared checklists"]),
                (PLATFORMS, &["iOS"]),
                (IMPROVE, &["Japanese date formats in the checklist templates."]),
            ],
        ),
        response(
            now,
            responses::JONAS,
            "jonas.weber@northwind.example",
            3.2,
            &[
                (SATISFACTION, &["5"]),
                (FEATURE, &["Photo reports"]),
                (PLATFORMS, &["Android"]),
                (IMPROVE, &["German translations for the report exports."]),
            ],
        ),
        response(
            now,
            responses::OMAR,
            "omar.haddad@contoso.example",
            1.9,
            &[
                (SATISFACTION, &["4"]),
                (FEATURE, &["Reporting exports"]),
                (PLATFORMS, &["Web"]),
                (IMPROVE, &["An Arabic interface before the Gulf rollout."]),
            ],
        ),
        response(
            now,
            responses::PRIYA,
            "priya.shah@example.com",
            0.6,
            &[(SATISFACTION, &["5"]), (FEATURE, &["Offline sync"]), (PLATFORMS, &["Android", "iOS", "Web"])],
        ),
    ];
    FormRec {
        id: ATLAS_FEEDBACK_FORM.into(),
        responder_id: "1FAIpQLSeAtlasPilotFeedbackResponderLinkXk7Qm2Lp9Rt4Vw8Zb3Nc6".into(),
        info: object(json!({
            "title": "Atlas pilot feedback",
            "documentTitle": "Atlas pilot feedback",
            "description": "Tell us how the Atlas pilot went for your crews. It takes about two minutes.",
        })),
        settings: object(json!({ "emailCollectionType": "VERIFIED" })),
        items: items(),
        revision: 12,
        publish: Some(Publish { published: true, accepting: true }),
        responses,
    }
}

pub fn account(user: &str, now: DateTime<Utc>) -> Store {
    Store { user: user.into(), forms: vec![atlas_feedback(now)] }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sandbox::items::check_item;

    #[test]
    fn seeded_items_pass_googles_checks_and_answers_name_questions() {
        let s = account("alex.rivera@example.com", wsmcp_core::clock::now());
        let form = &s.forms[0];
        form.items.iter().for_each(|i| check_item(i).unwrap());
        let ids = form.ids_in_use();
        for r in &form.responses {
            assert!(r.answers.iter().all(|(q, _)| ids.contains(q)), "{}", r.id);
        }
    }
}
