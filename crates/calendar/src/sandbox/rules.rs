//! The checks Calendar's backend applies to an event beyond its JSON shape (which the
//! Discovery validation has already enforced): value sets, reminders, attendees, the
//! special event types (out of office, focus time, working location), attachments, and
//! conference data including the Meet conference a `createRequest` asks for.

use rand::RngExt as _;
use serde_json::{Map, Value, json};

use super::error::CalError;
use super::time::When;

/// Reject a string field whose value is not one of `allowed` (absent is fine).
pub fn check_enum(data: &Map<String, Value>, key: &str, allowed: &[&str]) -> Result<(), CalError> {
    match data.get(key).and_then(Value::as_str) {
        Some(v) if !allowed.contains(&v) => Err(CalError::invalid(format!("Invalid value for: {key}"))),
        _ => Ok(()),
    }
}

/// Event colors are `"1"`..`"11"` (see colors.get).
pub fn check_color(data: &Map<String, Value>) -> Result<(), CalError> {
    match data.get("colorId").and_then(Value::as_str) {
        Some(id) if !(1..=11).contains(&id.parse::<u32>().unwrap_or(0)) => {
            Err(CalError::invalid("Invalid color id value."))
        }
        _ => Ok(()),
    }
}

/// `reminders`: default `{"useDefault": true}`; defaults and overrides exclude each other
/// (also after a PATCH merged them, which is how clients usually meet this error).
pub fn reminders(data: &mut Map<String, Value>) -> Result<(), CalError> {
    let Some(Value::Object(r)) = data.get("reminders") else {
        data.insert("reminders".into(), json!({ "useDefault": true }));
        return Ok(());
    };
    let use_default = r.get("useDefault").and_then(Value::as_bool).unwrap_or(false);
    let overrides = r.get("overrides").and_then(Value::as_array).cloned().unwrap_or_default();
    if use_default && !overrides.is_empty() {
        return Err(CalError::bad(
            "cannotUseDefaultRemindersAndSpecifyOverride",
            "Cannot specify both default reminders and overrides at the same time.",
        ));
    }
    if overrides.len() > 5 {
        return Err(CalError::invalid("The maximum number of override reminders is 5."));
    }
    for o in &overrides {
        match o.get("method").and_then(Value::as_str) {
            None => return Err(CalError::required("Missing reminder method.")),
            Some("email" | "popup") => {}
            Some(_) => return Err(CalError::invalid("Invalid reminder method value.")),
        }
        match o.get("minutes").and_then(Value::as_i64) {
            None => return Err(CalError::required("Missing reminder minutes.")),
            Some(m) if !(0..=40_320).contains(&m) => {
                return Err(CalError::invalid("Invalid reminder minutes value."));
            }
            Some(_) => {}
        }
    }
    Ok(())
}

/// An address Calendar would take: something@domain, no spaces.
pub fn plausible_email(email: &str) -> bool {
    let Some((local, domain)) = email.rsplit_once('@') else {
        return false;
    };
    !local.is_empty() && domain.contains('.') && !email.contains(char::is_whitespace)
}

/// `attendees`: each needs an email; duplicates collapse; `responseStatus` defaults to
/// `needsAction`; `self` and `organizer` are set by the server. An empty list is dropped.
pub fn attendees(data: &mut Map<String, Value>, user: &str) -> Result<(), CalError> {
    let organizer =
        data.get("organizer").and_then(|o| o.get("email")).and_then(Value::as_str).unwrap_or_default().to_lowercase();
    let Some(list) = data.get("attendees").and_then(Value::as_array).cloned() else {
        data.remove("attendees");
        return Ok(());
    };
    let mut out: Vec<Value> = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    for a in list {
        let Value::Object(mut a) = a else {
            return Err(CalError::invalid("Invalid attendee."));
        };
        let email = a.get("email").and_then(Value::as_str).map(str::trim).unwrap_or_default().to_string();
        if email.is_empty() {
            return Err(CalError::required("Missing attendee email."));
        }
        if !plausible_email(&email) {
            return Err(CalError::invalid("Invalid attendee email."));
        }
        let key = email.to_lowercase();
        if seen.contains(&key) {
            continue;
        }
        seen.push(key.clone());
        a.insert("email".into(), json!(email));
        check_enum(&a, "responseStatus", &["needsAction", "declined", "tentative", "accepted"])?;
        if a.get("responseStatus").and_then(Value::as_str).is_none() {
            a.insert("responseStatus".into(), json!("needsAction"));
        }
        set_flag(&mut a, "self", key == user.to_lowercase());
        set_flag(&mut a, "organizer", key == organizer);
        out.push(Value::Object(a));
    }
    if out.is_empty() {
        data.remove("attendees");
    } else {
        data.insert("attendees".into(), Value::Array(out));
    }
    Ok(())
}

fn set_flag(a: &mut Map<String, Value>, key: &str, on: bool) {
    if on {
        a.insert(key.into(), json!(true));
    } else {
        a.remove(key);
    }
}

/// Out of office, focus time and working location events: primary calendars only; out of
/// office and focus time need date-times and take no guests; each type has its own
/// properties object and none other.
pub fn event_type(data: &mut Map<String, Value>, start: &When, primary: bool) -> Result<(), CalError> {
    let kind = data.get("eventType").and_then(Value::as_str).unwrap_or("default").to_string();
    let (reason, label, props) = match kind.as_str() {
        "default" => ("invalid", "", ""),
        "outOfOffice" => ("malformedOutOfOfficeEvent", "Out of office", "outOfOfficeProperties"),
        "focusTime" => ("malformedFocusTimeEvent", "Focus time", "focusTimeProperties"),
        "workingLocation" => ("malformedWorkingLocationEvent", "Working location", "workingLocationProperties"),
        "fromGmail" => {
            return Err(CalError::bad(
                "invalidEventType",
                "Events of type fromGmail cannot be created through the API.",
            ));
        }
        "birthday" => {
            return Err(CalError::new(
                http::StatusCode::NOT_IMPLEMENTED,
                "notImplemented",
                "The workspace-mcp sandbox does not emulate birthday events.",
            ));
        }
        other => {
            return Err(CalError::bad("invalidEventType", format!("Invalid event type: {other}.")));
        }
    };
    for other in ["outOfOfficeProperties", "focusTimeProperties", "workingLocationProperties"] {
        if other != props && data.get(other).is_some_and(|v| !v.is_null()) {
            return Err(CalError::invalid(format!("{other} can only be set on events of the matching eventType.")));
        }
    }
    if kind == "default" {
        return Ok(());
    }
    let bad = |message: String| CalError::bad(reason, message);
    if !primary {
        return Err(bad(format!("{label} events can only be created on the primary calendar.")));
    }
    if kind != "workingLocation" {
        if start.is_all_day() {
            return Err(bad(format!("{label} events cannot be all-day events; use start.dateTime and end.dateTime.")));
        }
        if data.get("attendees").and_then(Value::as_array).is_some_and(|a| !a.is_empty()) {
            return Err(bad(format!("{label} events cannot have attendees.")));
        }
    }
    match kind.as_str() {
        "outOfOffice" => {
            if data.get("description").and_then(Value::as_str).is_some_and(|d| !d.is_empty()) {
                return Err(bad("Out of office events cannot have a description.".into()));
            }
            let mut p = props_of(data, props);
            check_enum(&p, "autoDeclineMode", DECLINE_MODES)?;
            p.entry("autoDeclineMode").or_insert(json!("declineAllConflictingInvitations"));
            data.insert(props.into(), Value::Object(p));
        }
        "focusTime" => {
            let mut p = props_of(data, props);
            check_enum(&p, "autoDeclineMode", DECLINE_MODES)?;
            check_enum(&p, "chatStatus", &["available", "doNotDisturb"])?;
            p.entry("autoDeclineMode").or_insert(json!("declineOnlyNewConflictingInvitations"));
            p.entry("chatStatus").or_insert(json!("doNotDisturb"));
            data.insert(props.into(), Value::Object(p));
        }
        _ => {
            let kind_of = data.get(props).and_then(|p| p.get("type")).and_then(Value::as_str);
            if !matches!(kind_of, Some("homeOffice" | "officeLocation" | "customLocation")) {
                return Err(bad("Working location events need workingLocationProperties.type (homeOffice, officeLocation or customLocation).".into()));
            }
            // Google shows working locations as free and public.
            data.insert("transparency".into(), json!("transparent"));
            data.insert("visibility".into(), json!("public"));
        }
    }
    Ok(())
}

fn props_of(data: &Map<String, Value>, key: &str) -> Map<String, Value> {
    data.get(key).and_then(Value::as_object).cloned().unwrap_or_default()
}

const DECLINE_MODES: &[&str] =
    &["declineNone", "declineAllConflictingInvitations", "declineOnlyNewConflictingInvitations"];

/// The Drive file id in a Drive or Docs link (`/file/d/<id>/`, `/document/d/<id>/`, `?id=`).
pub fn drive_file_id(url: &str) -> Option<String> {
    if let Some((_, rest)) = url.split_once("/d/") {
        let id: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_').collect();
        return (!id.is_empty()).then_some(id);
    }
    let (_, query) = url.split_once('?')?;
    query.split('&').find_map(|p| p.strip_prefix("id=")).map(str::to_string).filter(|s| !s.is_empty())
}

/// `attachments` (only read when the client says `supportsAttachments=true`): at most 25,
/// each with a `fileUrl`; Calendar fills `fileId` for Drive links.
pub fn attachments(data: &mut Map<String, Value>) -> Result<(), CalError> {
    let Some(list) = data.get_mut("attachments").and_then(Value::as_array_mut) else {
        data.remove("attachments");
        return Ok(());
    };
    if list.len() > 25 {
        return Err(CalError::invalid("An event can have at most 25 attachments."));
    }
    for a in list.iter_mut() {
        let Some(a) = a.as_object_mut() else {
            return Err(CalError::invalid("Invalid attachment."));
        };
        let url = a.get("fileUrl").and_then(Value::as_str).unwrap_or_default().to_string();
        if url.is_empty() {
            return Err(CalError::required("Missing attachment fileUrl."));
        }
        if !a.contains_key("fileId")
            && let Some(id) = drive_file_id(&url)
        {
            a.insert("fileId".into(), json!(id));
        }
    }
    if list.is_empty() {
        data.remove("attachments");
    }
    Ok(())
}

/// A Meet code like Google's: `abc-defg-hij`.
pub fn meet_code() -> String {
    let mut rng = rand::rng();
    let mut part = |n: usize| -> String { (0..n).map(|_| char::from(b'a' + rng.random_range(0..26u8))).collect() };
    format!("{}-{}-{}", part(3), part(4), part(3))
}

/// The conference data Calendar returns for a Meet conference.
pub fn meet_conference(code: &str, request_id: Option<&str>) -> Value {
    let mut out = json!({
        "entryPoints": [
            { "entryPointType": "video", "uri": format!("https://meet.google.com/{code}"), "label": format!("meet.google.com/{code}") },
            { "entryPointType": "more", "uri": format!("https://tel.meet/{code}?pin=4839201757182"), "pin": "4839201757182" },
        ],
        "conferenceSolution": {
            "key": { "type": "hangoutsMeet" },
            "name": "Google Meet",
            "iconUri": "https://fonts.gstatic.com/s/i/productlogos/meet_2020q4/v6/web-512dp/logo_meet_2020q4_color_2x_web_512dp.png",
        },
        "conferenceId": code,
    });
    if let Some(id) = request_id {
        out["createRequest"] = json!({
            "requestId": id,
            "conferenceSolutionKey": { "type": "hangoutsMeet" },
            "status": { "statusCode": "success" },
        });
    }
    out
}

/// `conferenceData` (read only with `conferenceDataVersion=1`): a `createRequest` for
/// `hangoutsMeet` creates a conference (the same `requestId` again keeps it); a supplied
/// conference (an add-on's) needs a solution and valid entry points. Keeps `hangoutLink`
/// in step.
pub fn conference(data: &mut Map<String, Value>, previous: Option<&Value>) -> Result<(), CalError> {
    let Some(conf) = data.get("conferenceData").filter(|v| v.is_object()).cloned() else {
        data.remove("conferenceData");
        data.remove("hangoutLink");
        return Ok(());
    };
    let resolved = if let Some(request) = conf.get("createRequest").filter(|r| !r.is_null()) {
        let kind = request.pointer("/conferenceSolutionKey/type").and_then(Value::as_str);
        if kind != Some("hangoutsMeet") {
            return Err(CalError::invalid("Invalid conference type value."));
        }
        let request_id = request.get("requestId").and_then(Value::as_str).unwrap_or_default();
        if request_id.is_empty() {
            return Err(CalError::invalid("Invalid conference request: requestId is required."));
        }
        let same =
            previous.and_then(|p| p.pointer("/createRequest/requestId")).and_then(Value::as_str) == Some(request_id);
        match previous {
            Some(prev) if same => prev.clone(),
            _ => meet_conference(&meet_code(), Some(request_id)),
        }
    } else {
        let kind = conf.pointer("/conferenceSolution/key/type").and_then(Value::as_str);
        if !matches!(kind, Some("hangoutsMeet" | "addOn" | "eventHangout" | "eventNamedHangout")) {
            return Err(CalError::invalid("Invalid conference type value."));
        }
        let points = conf.get("entryPoints").and_then(Value::as_array).cloned().unwrap_or_default();
        if points.is_empty() && conf.get("conferenceId").is_none() {
            return Err(CalError::invalid("Invalid conference data: entryPoints or conferenceId is required."));
        }
        let mut videos = 0;
        for p in &points {
            let kind = p.get("entryPointType").and_then(Value::as_str);
            if !matches!(kind, Some("video" | "phone" | "sip" | "more")) {
                return Err(CalError::invalid("Invalid conference entry point type."));
            }
            if p.get("uri").and_then(Value::as_str).is_none_or(str::is_empty) {
                return Err(CalError::required("Missing conference entry point uri."));
            }
            videos += usize::from(kind == Some("video"));
        }
        if videos > 1 {
            return Err(CalError::invalid("A conference can have at most one video entry point."));
        }
        conf
    };
    let meet_link = (resolved.pointer("/conferenceSolution/key/type").and_then(Value::as_str) == Some("hangoutsMeet"))
        .then(|| {
            resolved.get("entryPoints").and_then(Value::as_array).and_then(|points| {
                points
                    .iter()
                    .find(|p| p.get("entryPointType").and_then(Value::as_str) == Some("video"))
                    .and_then(|p| p.get("uri"))
                    .cloned()
            })
        })
        .flatten();
    match meet_link {
        Some(link) => data.insert("hangoutLink".into(), link),
        None => data.remove("hangoutLink"),
    };
    data.insert("conferenceData".into(), resolved);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reminders_defaults_and_conflicts() {
        let mut d = Map::new();
        reminders(&mut d).unwrap();
        assert_eq!(d["reminders"], json!({"useDefault": true}));
        let mut both: Map<String, Value> = serde_json::from_value(
            json!({"reminders": {"useDefault": true, "overrides": [{"method": "popup", "minutes": 10}]}}),
        )
        .unwrap();
        assert_eq!(reminders(&mut both).unwrap_err().reason, "cannotUseDefaultRemindersAndSpecifyOverride");
    }

    #[test]
    fn drive_links_give_file_ids() {
        assert_eq!(drive_file_id("https://drive.google.com/file/d/1AbC-x_9/view").as_deref(), Some("1AbC-x_9"));
        assert_eq!(drive_file_id("https://drive.google.com/open?id=1Xyz").as_deref(), Some("1Xyz"));
        assert_eq!(drive_file_id("https://example.com/file.pdf"), None);
        let code = meet_code();
        assert_eq!(code.len(), 12);
        assert_eq!(code.matches('-').count(), 2);
    }
}
