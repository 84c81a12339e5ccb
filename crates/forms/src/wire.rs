//! The Forms API's JSON shapes, only the fields the tools read (the sandbox keeps its own).
//! Item and question kinds the tools do not describe in detail stay as raw JSON.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Form {
    pub form_id: String,
    pub info: Info,
    pub settings: Option<Value>,
    pub items: Vec<Item>,
    pub revision_id: Option<String>,
    pub responder_uri: Option<String>,
    pub linked_sheet_id: Option<String>,
    pub publish_settings: Option<PublishSettings>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Info {
    pub title: Option<String>,
    pub document_title: Option<String>,
    pub description: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Item {
    pub item_id: Option<String>,
    pub title: Option<String>,
    pub description: Option<String>,
    pub question_item: Option<QuestionItem>,
    pub question_group_item: Option<Value>,
    pub page_break_item: Option<Value>,
    pub text_item: Option<Value>,
    pub image_item: Option<Value>,
    pub video_item: Option<Value>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct QuestionItem {
    pub question: Question,
}

/// One question; the kind is whichever of the `*_question` fields is set.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Question {
    pub question_id: Option<String>,
    pub required: bool,
    pub choice_question: Option<ChoiceQuestion>,
    pub text_question: Option<TextQuestion>,
    pub scale_question: Option<ScaleQuestion>,
    pub date_question: Option<Value>,
    pub time_question: Option<Value>,
    pub rating_question: Option<Value>,
    pub file_upload_question: Option<Value>,
    pub row_question: Option<Value>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ChoiceQuestion {
    #[serde(rename = "type")]
    pub kind: Option<String>,
    pub options: Vec<ChoiceOption>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ChoiceOption {
    pub value: Option<String>,
    pub is_other: bool,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct TextQuestion {
    pub paragraph: bool,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ScaleQuestion {
    pub low: Option<i64>,
    pub high: Option<i64>,
    pub low_label: Option<String>,
    pub high_label: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct PublishSettings {
    pub publish_state: Option<PublishState>,
}

#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct PublishState {
    pub is_published: bool,
    pub is_accepting_responses: bool,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct SetPublishSettingsResponse {
    pub form_id: String,
    pub publish_settings: PublishSettings,
}

/// The body of `forms.batchUpdate`; the requests pass through as the caller wrote them.
#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BatchUpdateRequest {
    pub requests: Vec<Map<String, Value>>,
    pub include_form_in_response: bool,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct BatchUpdateResponse {
    pub replies: Vec<Reply>,
    pub write_control: Option<WriteControl>,
    pub form: Option<Form>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Reply {
    pub create_item: Option<CreateItemReply>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct CreateItemReply {
    pub item_id: Option<String>,
    pub question_id: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct WriteControl {
    pub required_revision_id: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ResponseList {
    pub responses: Vec<FormResponse>,
    pub next_page_token: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct FormResponse {
    pub response_id: String,
    pub create_time: Option<String>,
    pub last_submitted_time: Option<String>,
    pub respondent_email: Option<String>,
    pub total_score: Option<f64>,
    pub answers: BTreeMap<String, Answer>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Answer {
    pub question_id: Option<String>,
    pub text_answers: Option<TextAnswers>,
    pub file_upload_answers: Option<FileUploadAnswers>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct TextAnswers {
    pub answers: Vec<TextAnswer>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct TextAnswer {
    pub value: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct FileUploadAnswers {
    pub answers: Vec<FileUploadAnswer>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct FileUploadAnswer {
    pub file_id: Option<String>,
    pub file_name: Option<String>,
}
