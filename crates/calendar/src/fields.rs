//! Event fields from tool arguments: attendees, reminders, colors, Drive attachments,
//! conference data and recurrence rules. Pure and checked here, so bad input is refused
//! with a clear message before any request is made.

use schemars::JsonSchema;
use serde::Deserialize;
use serde_json::{Map, Value, json};

use crate::wire::{ATTENDEE_INPUT_FIELDS, Attachment, Attendee, Reminder, Reminders};

// One attendee as given: an email address, or an `EventAttendee`-like object. (A plain
// comment: a doc comment would become a description inside the published item schema.)
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum AttendeeArg {
    Email(String),
    Details(Map<String, Value>),
}

// Reminders as given: a JSON text or a list of `{method, minutes}` objects.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum RemindersArg {
    Text(String),
    List(Vec<Map<String, Value>>),
}

const RESPONSE_STATUSES: &[&str] = &["needsAction", "declined", "tentative", "accepted"];

fn check_email(email: &str) -> Result<String, String> {
    let e = email.trim();
    let ok = e.split_once('@').is_some_and(|(user, domain)| !user.is_empty() && domain.contains('.'))
        && !e.contains(char::is_whitespace);
    if ok { Ok(e.to_string()) } else { Err(format!("attendee '{e}' is not an email address (e.g. 'sam@example.com')")) }
}

/// Attendees, duplicates (by email, any case) dropped.
pub fn attendees(list: &[AttendeeArg]) -> Result<Vec<Attendee>, String> {
    let mut out: Vec<Attendee> = Vec::new();
    for item in list {
        let attendee = match item {
            AttendeeArg::Email(e) => Attendee { email: Some(check_email(e)?), ..Default::default() },
            AttendeeArg::Details(obj) => {
                if let Some(bad) = obj.keys().find(|k| !ATTENDEE_INPUT_FIELDS.contains(&k.as_str())) {
                    return Err(format!(
                        "attendee field '{bad}' is not accepted; use {}",
                        ATTENDEE_INPUT_FIELDS.join(", ")
                    ));
                }
                let email =
                    obj.get("email").and_then(Value::as_str).ok_or("each attendee object needs an \"email\"")?;
                let mut a: Attendee = serde_json::from_value(Value::Object(obj.clone()))
                    .map_err(|e| format!("attendee {}: {e}", Value::Object(obj.clone())))?;
                a.email = Some(check_email(email)?);
                if let Some(s) = a.response_status.as_deref().filter(|s| !RESPONSE_STATUSES.contains(s)) {
                    return Err(format!(
                        "attendee responseStatus '{s}' is not one of {}",
                        RESPONSE_STATUSES.join(", ")
                    ));
                }
                a
            }
        };
        let key = attendee.email.as_deref().unwrap_or_default().to_lowercase();
        if !out.iter().any(|a| a.email.as_deref().unwrap_or_default().to_lowercase() == key) {
            out.push(attendee);
        }
    }
    Ok(out)
}

/// Google's limit on reminder overrides per event, and on how early one may fire (4 weeks).
const MAX_REMINDERS: usize = 5;
const MAX_MINUTES: i64 = 40320;

/// The `reminders` field, or `None` when neither argument is given.
pub fn reminders(arg: Option<&RemindersArg>, use_default: Option<bool>) -> Result<Option<Reminders>, String> {
    let list: Option<Vec<Value>> = match arg {
        None => None,
        Some(RemindersArg::Text(t)) if t.trim().is_empty() => None,
        Some(RemindersArg::Text(t)) => match serde_json::from_str::<Value>(t) {
            Ok(Value::Array(items)) => Some(items),
            _ => {
                return Err(format!(
                    "reminders must be a JSON list like '[{{\"method\": \"popup\", \"minutes\": 15}}]', got '{t}'"
                ));
            }
        },
        Some(RemindersArg::List(items)) => Some(items.iter().cloned().map(Value::Object).collect()),
    };
    let Some(list) = list else {
        return Ok(use_default.map(|d| Reminders { use_default: Some(d), overrides: None }));
    };
    if use_default == Some(true) && !list.is_empty() {
        return Err("use_default_reminders=true cannot be combined with custom reminders; drop one of them".into());
    }
    if list.len() > MAX_REMINDERS {
        return Err(format!("Calendar allows at most {MAX_REMINDERS} reminders per event; {} were given", list.len()));
    }
    let mut overrides = Vec::new();
    for r in &list {
        let method = r.get("method").and_then(Value::as_str).map(str::to_lowercase);
        let minutes = r.get("minutes").and_then(Value::as_i64);
        match (method.as_deref(), minutes) {
            (Some(m @ ("popup" | "email")), Some(n)) if (0..=MAX_MINUTES).contains(&n) => {
                overrides.push(Reminder { method: m.to_string(), minutes: n })
            }
            (Some("popup" | "email"), _) => {
                return Err(format!("reminder {r}: minutes must be a whole number from 0 to {MAX_MINUTES} (4 weeks)"));
            }
            _ => return Err(format!("reminder {r}: give {{\"method\": \"popup\" or \"email\", \"minutes\": N}}")),
        }
    }
    Ok(Some(Reminders { use_default: Some(false), overrides: Some(overrides) }))
}

/// Calendar's event colors, by `colorId`.
const COLORS: &[(&str, &str)] = &[
    ("1", "lavender"),
    ("2", "sage"),
    ("3", "grape"),
    ("4", "flamingo"),
    ("5", "banana"),
    ("6", "tangerine"),
    ("7", "peacock"),
    ("8", "graphite"),
    ("9", "blueberry"),
    ("10", "basil"),
    ("11", "tomato"),
];

/// A color id from a name (`tomato`) or an id (`11`).
pub fn color_id(value: &str) -> Result<String, String> {
    let v = value.trim().to_lowercase();
    COLORS.iter().find(|(id, name)| *id == v || *name == v).map(|(id, _)| id.to_string()).ok_or_else(|| {
        let all: Vec<String> = COLORS.iter().map(|(id, n)| format!("{n} ({id})")).collect();
        format!("color_id '{value}' is not an event color; use one of {}", all.join(", "))
    })
}

/// The name of a color id, for display.
pub fn color_name(id: &str) -> Option<&'static str> {
    COLORS.iter().find(|(i, _)| *i == id).map(|(_, n)| *n)
}

/// A Drive file id from an id or a Drive/Docs URL.
pub fn drive_file_id(value: &str) -> Option<String> {
    let v = value.trim();
    let is_id = |s: &str| s.len() >= 10 && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if is_id(v) {
        return Some(v.to_string());
    }
    let rest = v.strip_prefix("https://").or_else(|| v.strip_prefix("http://"))?;
    let (host, path) = rest.split_once('/')?;
    if !matches!(host, "drive.google.com" | "docs.google.com") {
        return None;
    }
    if let Some(q) = path.split_once('?').map(|(_, q)| q)
        && let Some(id) = q.split('&').find_map(|kv| kv.strip_prefix("id="))
        && is_id(id)
    {
        return Some(id.to_string());
    }
    let mut parts = path.split(['/', '?', '#']);
    while let Some(p) = parts.next() {
        if matches!(p, "d" | "folders")
            && let Some(id) = parts.next().filter(|id| is_id(id))
        {
            return Some(id.to_string());
        }
    }
    None
}

/// Drive attachments: Calendar only needs a `fileUrl` in Drive's `alternateLink` form.
pub fn attachments(list: &[String]) -> Result<Vec<Attachment>, String> {
    list.iter()
        .map(|item| {
            let id = drive_file_id(item).ok_or_else(|| {
                format!("attachment '{item}' is not a Google Drive file id or URL (e.g. 'https://drive.google.com/file/d/FILE_ID/view')")
            })?;
            Ok(Attachment { file_url: Some(format!("https://drive.google.com/open?id={id}")), ..Default::default() })
        })
        .collect()
}

/// The conference arguments of manage_event.
#[derive(Debug, Default)]
pub struct ConferenceArgs<'a> {
    pub add_google_meet: Option<bool>,
    pub conference_data: Option<&'a Map<String, Value>>,
    pub provider: Option<&'a str>,
    pub uri: Option<&'a str>,
    pub passcode: Option<&'a str>,
    pub id: Option<&'a str>,
}

/// What to do with an event's conference.
#[derive(Debug, Clone, PartialEq)]
pub enum ConferenceChange {
    Keep,
    Set(Value),
    Remove,
}

/// The conference change asked for. `request_id` makes a Meet create request unique.
pub fn conference(a: &ConferenceArgs<'_>, request_id: &str) -> Result<ConferenceChange, String> {
    let (provider, uri, passcode, id) = (nonempty(a.provider), nonempty(a.uri), nonempty(a.passcode), nonempty(a.id));
    let sources =
        [a.add_google_meet.is_some(), a.conference_data.is_some(), provider.is_some()].iter().filter(|x| **x).count();
    if sources > 1 {
        return Err("add_google_meet, conference_data and conference_provider are mutually exclusive; pass one".into());
    }
    if provider.is_none() && (uri.is_some() || passcode.is_some() || id.is_some()) {
        return Err(
            "conference_uri, conference_passcode and conference_id need conference_provider (e.g. \"zoom\")".into()
        );
    }
    if let Some(meet) = a.add_google_meet {
        return Ok(if meet {
            ConferenceChange::Set(
                json!({"createRequest": {"requestId": request_id, "conferenceSolutionKey": {"type": "hangoutsMeet"}}}),
            )
        } else {
            ConferenceChange::Remove
        });
    }
    if let Some(data) = a.conference_data {
        if data.is_empty() {
            return Err("conference_data is empty; pass Calendar's conferenceData object (e.g. with conferenceSolution and entryPoints)".into());
        }
        return Ok(ConferenceChange::Set(Value::Object(data.clone())));
    }
    let Some(provider) = provider else { return Ok(ConferenceChange::Keep) };
    let uri =
        uri.ok_or("conference_provider needs conference_uri, the join link (e.g. \"https://zoom.us/j/123456789\")")?;
    if !(uri.starts_with("https://") || uri.starts_with("http://")) {
        return Err(format!("conference_uri '{uri}' must be an http(s) link"));
    }
    let mut entry = json!({"entryPointType": "video", "uri": uri, "label": uri});
    if let Some(p) = passcode {
        entry["passcode"] = json!(p);
    }
    if let Some(i) = id {
        entry["meetingCode"] = json!(i);
    }
    let mut data = json!({"conferenceSolution": {"key": {"type": "addOn"}, "name": display_provider(provider)}, "entryPoints": [entry]});
    if let Some(i) = id {
        data["conferenceId"] = json!(i);
    }
    Ok(ConferenceChange::Set(data))
}

fn nonempty(s: Option<&str>) -> Option<&str> {
    s.map(str::trim).filter(|s| !s.is_empty())
}

fn display_provider(p: &str) -> String {
    match p.to_lowercase().as_str() {
        "zoom" => "Zoom Meeting".into(),
        "teams" | "microsoft teams" => "Microsoft Teams".into(),
        "webex" => "Webex".into(),
        _ => p.to_string(),
    }
}

/// RFC 5545 lines for `recurrence`; a bare `FREQ=...` gets its `RRULE:` prefix.
pub fn recurrence(rules: &[String]) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    for r in rules.iter().map(|r| r.trim()).filter(|r| !r.is_empty()) {
        let upper = r.to_uppercase();
        if upper.starts_with("FREQ=") {
            out.push(format!("RRULE:{r}"));
        } else if ["RRULE:", "EXRULE:", "RDATE", "EXDATE"].iter().any(|p| upper.starts_with(p)) {
            out.push(r.to_string());
        } else {
            return Err(format!(
                "recurrence rule '{r}' is not RFC 5545; use e.g. 'RRULE:FREQ=WEEKLY;BYDAY=MO,WE;COUNT=10'"
            ));
        }
    }
    if out.is_empty() {
        return Err("recurrence is empty; give at least one rule like 'RRULE:FREQ=DAILY;COUNT=5'".into());
    }
    Ok(out)
}

/// The video link of an event: a conference's video entry point, else `hangoutLink`.
pub fn meeting_link(conference: Option<&Value>, hangout_link: Option<&str>) -> Option<String> {
    let from_conf = conference
        .and_then(|c| c.get("entryPoints"))
        .and_then(Value::as_array)
        .and_then(|eps| eps.iter().find(|e| e.get("entryPointType").and_then(Value::as_str) == Some("video")))
        .and_then(|e| e.get("uri"))
        .and_then(Value::as_str);
    from_conf.or(hangout_link).filter(|s| !s.is_empty()).map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attendees_from_emails_and_objects() {
        let list = vec![
            AttendeeArg::Email(" sam@example.com ".into()),
            AttendeeArg::Details(
                serde_json::from_value(
                    json!({"email": "lee@example.com", "optional": true, "responseStatus": "accepted"}),
                )
                .unwrap(),
            ),
            AttendeeArg::Email("SAM@example.com".into()),
        ];
        let a = attendees(&list).unwrap();
        assert_eq!(a.len(), 2);
        assert_eq!(
            serde_json::to_value(&a).unwrap(),
            json!([{"email": "sam@example.com"}, {"email": "lee@example.com", "optional": true, "responseStatus": "accepted"}])
        );
    }

    #[test]
    fn bad_attendees_are_refused() {
        assert!(attendees(&[AttendeeArg::Email("sam".into())]).unwrap_err().contains("'sam' is not an email"));
        let obj = |v: Value| AttendeeArg::Details(serde_json::from_value(v).unwrap());
        assert!(attendees(&[obj(json!({"mail": "a@b.co"}))]).unwrap_err().contains("'mail'"));
        assert!(attendees(&[obj(json!({"optional": true}))]).unwrap_err().contains("\"email\""));
        assert!(attendees(&[obj(json!({"email": "a@b.co", "responseStatus": "yes"}))]).unwrap_err().contains("'yes'"));
        assert!(attendees(&[obj(json!({"email": "a@b.co", "optional": "yes"}))]).is_err());
    }

    #[test]
    fn reminders_from_text_or_list() {
        let text =
            RemindersArg::Text(r#"[{"method": "POPUP", "minutes": 10}, {"method": "email", "minutes": 1440}]"#.into());
        let r = reminders(Some(&text), None).unwrap().unwrap();
        assert_eq!(
            serde_json::to_value(&r).unwrap(),
            json!({"useDefault": false, "overrides": [{"method": "popup", "minutes": 10}, {"method": "email", "minutes": 1440}]})
        );
        let list = RemindersArg::List(vec![serde_json::from_value(json!({"method": "popup", "minutes": 0})).unwrap()]);
        assert_eq!(reminders(Some(&list), Some(false)).unwrap().unwrap().overrides.unwrap().len(), 1);
        assert_eq!(reminders(None, Some(true)).unwrap(), Some(Reminders { use_default: Some(true), overrides: None }));
        assert_eq!(reminders(None, None).unwrap(), None);
        let none = reminders(Some(&RemindersArg::Text("[]".into())), None).unwrap().unwrap();
        assert_eq!(none.overrides, Some(vec![]), "an empty list means no reminders");
    }

    #[test]
    fn bad_reminders_are_refused() {
        let t = |s: &str| reminders(Some(&RemindersArg::Text(s.into())), None).unwrap_err();
        assert!(t("{not json").contains("JSON list"));
        assert!(t(r#"{"method": "popup"}"#).contains("JSON list"));
        assert!(t(r#"[{"method": "sms", "minutes": 5}]"#).contains("\"popup\" or \"email\""));
        assert!(t(r#"[{"method": "popup", "minutes": 50000}]"#).contains("0 to 40320"));
        assert!(t(r#"[{"method": "popup", "minutes": -1}]"#).contains("0 to 40320"));
        let six = format!("[{}]", [r#"{"method":"popup","minutes":1}"#; 6].join(","));
        assert!(t(&six).contains("at most 5"));
        let one = RemindersArg::Text(r#"[{"method":"popup","minutes":1}]"#.into());
        assert!(reminders(Some(&one), Some(true)).unwrap_err().contains("use_default_reminders"));
    }

    #[test]
    fn colors_by_name_or_id() {
        assert_eq!(color_id("Tomato").unwrap(), "11");
        assert_eq!(color_id("7").unwrap(), "7");
        assert!(color_id("red").unwrap_err().contains("tomato (11)"));
        assert_eq!(color_name("2"), Some("sage"));
    }

    #[test]
    fn drive_ids_from_urls() {
        let id = "1AbCdEfGhIjKlMnOp_-xyz";
        for url in [
            format!("https://drive.google.com/file/d/{id}/view?usp=sharing"),
            format!("https://docs.google.com/document/d/{id}/edit"),
            format!("https://drive.google.com/open?id={id}"),
            id.to_string(),
        ] {
            assert_eq!(drive_file_id(&url).as_deref(), Some(id), "{url}");
        }
        assert_eq!(drive_file_id("https://example.com/d/1AbCdEfGhIjKlMnOp"), None);
        let a = attachments(&[id.to_string()]).unwrap();
        assert_eq!(a[0].file_url.as_deref(), Some(format!("https://drive.google.com/open?id={id}").as_str()));
        assert!(attachments(&["notes.pdf".into()]).unwrap_err().contains("not a Google Drive file"));
    }

    #[test]
    fn conference_choices() {
        let meet = conference(&ConferenceArgs { add_google_meet: Some(true), ..Default::default() }, "req-1").unwrap();
        assert_eq!(
            meet,
            ConferenceChange::Set(
                json!({"createRequest": {"requestId": "req-1", "conferenceSolutionKey": {"type": "hangoutsMeet"}}})
            )
        );
        assert_eq!(
            conference(&ConferenceArgs { add_google_meet: Some(false), ..Default::default() }, "r").unwrap(),
            ConferenceChange::Remove
        );
        assert_eq!(conference(&ConferenceArgs::default(), "r").unwrap(), ConferenceChange::Keep);
        let zoom = conference(
            &ConferenceArgs {
                provider: Some("zoom"),
                uri: Some("https://zoom.us/j/1"),
                passcode: Some("42"),
                id: Some("1"),
                ..Default::default()
            },
            "r",
        )
        .unwrap();
        let ConferenceChange::Set(z) = zoom else { panic!() };
        assert_eq!(z["conferenceSolution"]["key"]["type"], "addOn");
        assert_eq!(z["entryPoints"][0]["passcode"], "42");
        assert_eq!(z["conferenceId"], "1");
        let raw: Map<String, Value> = serde_json::from_value(json!({"conferenceId": "x"})).unwrap();
        let both = ConferenceArgs { add_google_meet: Some(true), conference_data: Some(&raw), ..Default::default() };
        assert!(conference(&both, "r").unwrap_err().contains("mutually exclusive"));
        assert!(
            conference(&ConferenceArgs { provider: Some("zoom"), ..Default::default() }, "r")
                .unwrap_err()
                .contains("conference_uri")
        );
        assert!(
            conference(&ConferenceArgs { uri: Some("https://x"), ..Default::default() }, "r")
                .unwrap_err()
                .contains("need conference_provider")
        );
        assert!(
            conference(&ConferenceArgs { provider: Some("zoom"), uri: Some("zoom.us/j/1"), ..Default::default() }, "r")
                .is_err()
        );
    }

    #[test]
    fn recurrence_rules() {
        assert_eq!(recurrence(&["FREQ=DAILY;COUNT=3".into()]).unwrap(), vec!["RRULE:FREQ=DAILY;COUNT=3"]);
        assert_eq!(recurrence(&["RRULE:FREQ=WEEKLY".into(), "EXDATE;VALUE=DATE:20260101".into()]).unwrap().len(), 2);
        assert!(recurrence(&["every monday".into()]).unwrap_err().contains("RRULE:FREQ=WEEKLY"));
        assert!(recurrence(&[]).is_err());
    }

    #[test]
    fn meeting_link_prefers_video_entry_point() {
        let conf = json!({"entryPoints": [{"entryPointType": "phone", "uri": "tel:+1"}, {"entryPointType": "video", "uri": "https://meet.google.com/abc"}]});
        assert_eq!(meeting_link(Some(&conf), Some("https://old")).as_deref(), Some("https://meet.google.com/abc"));
        assert_eq!(meeting_link(None, Some("https://meet.google.com/x")).as_deref(), Some("https://meet.google.com/x"));
        assert_eq!(meeting_link(None, Some("")), None);
    }
}
