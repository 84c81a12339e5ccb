//! Calendar data as text for the model: events (one line each, or in detail), calendars,
//! free/busy blocks. Pure functions.

use crate::fields::{color_name, meeting_link};
use crate::wire::{Attendee, CalendarListEntry, Event};

fn or<'a>(v: Option<&'a str>, fallback: &'a str) -> &'a str {
    v.filter(|s| !s.is_empty()).unwrap_or(fallback)
}

fn when(e: &Event) -> (String, String) {
    let show =
        |b: Option<&crate::wire::EventDateTime>| b.map(|b| b.display().to_string()).unwrap_or_else(|| "?".into());
    (show(e.start.as_ref()), show(e.end.as_ref()))
}

/// One line: title, times, id, link and video link.
pub fn event_line(e: &Event) -> String {
    let (start, end) = when(e);
    let mut line = format!(
        "- \"{}\" (Starts: {start}, Ends: {end}) ID: {} | Link: {}",
        or(e.summary.as_deref(), "(no title)"),
        or(e.id.as_deref(), "?"),
        or(e.html_link.as_deref(), "none")
    );
    if let Some(link) = meeting_link(e.conference_data.as_ref(), e.hangout_link.as_deref()) {
        line.push_str(&format!(" | Meeting: {link}"));
    }
    if e.status.as_deref() == Some("cancelled") {
        line.push_str(" [cancelled]");
    }
    line
}

fn attendee_line(a: &Attendee) -> String {
    let mut s = format!("{}: {}", or(a.email.as_deref(), "unknown"), or(a.response_status.as_deref(), "unknown"));
    if a.organizer == Some(true) {
        s.push_str(" (organizer)");
    }
    if a.optional == Some(true) {
        s.push_str(" (optional)");
    }
    if let Some(c) = a.comment.as_deref().filter(|c| !c.is_empty()) {
        s.push_str(&format!(" \"{c}\""));
    }
    s
}

/// Everything worth knowing about one event, for `detailed` output.
pub fn event_details(e: &Event, include_attachments: bool) -> String {
    let (start, end) = when(e);
    let mut out = format!("Event: \"{}\"\n", or(e.summary.as_deref(), "(no title)"));
    let mut field = |name: &str, value: &str| out.push_str(&format!("- {name}: {value}\n"));
    field("Starts", &start);
    field("Ends", &end);
    if let Some(z) = e.start.as_ref().and_then(|s| s.time_zone.as_deref()) {
        field("Time zone", z);
    }
    field("ID", or(e.id.as_deref(), "?"));
    field("Link", or(e.html_link.as_deref(), "none"));
    if let Some(link) = meeting_link(e.conference_data.as_ref(), e.hangout_link.as_deref()) {
        field("Meeting link", &link);
    } else if e.conference_data.as_ref().and_then(|c| c.get("createRequest")).is_some() {
        field("Meeting link", "being created; read the event again in a moment");
    }
    field("Description", or(e.description.as_deref(), "none"));
    field("Location", or(e.location.as_deref(), "none"));
    if let Some(c) = e.color_id.as_deref() {
        field("Color", &format!("{} ({c})", color_name(c).unwrap_or("custom")));
    }
    if let Some(t) = e.event_type.as_deref().filter(|t| *t != "default") {
        field("Event type", t);
    }
    if let Some(s) = e.status.as_deref().filter(|s| *s != "confirmed") {
        field("Status", s);
    }
    if let Some(id) = e.recurring_event_id.as_deref() {
        field("Series ID (edit the whole series with this)", id);
    }
    if let Some(r) = e.recurrence.as_ref().filter(|r| !r.is_empty()) {
        field("Recurrence", &r.join("; "));
    }
    if let Some(o) = e.organizer.as_ref().and_then(|o| o.email.as_deref()) {
        field("Organizer", o);
    }
    for (name, value) in [("Transparency", e.transparency.as_deref()), ("Visibility", e.visibility.as_deref())] {
        if let Some(v) = value.filter(|v| *v != "default" && *v != "opaque") {
            field(name, v);
        }
    }
    let attendees = e.attendees.as_deref().unwrap_or_default();
    if attendees.is_empty() {
        field("Attendees", "none");
    } else {
        let emails: Vec<&str> = attendees.iter().filter_map(|a| a.email.as_deref()).collect();
        field("Attendees", &emails.join(", "));
        let details: Vec<String> = attendees.iter().map(attendee_line).collect();
        field("Attendee details", &format!("\n  {}", details.join("\n  ")));
    }
    if let Some(p) = e.out_of_office_properties.as_ref().or(e.focus_time_properties.as_ref()) {
        if let Some(m) = p.auto_decline_mode.as_deref() {
            field("Auto-decline", m);
        }
        if let Some(m) = p.decline_message.as_deref() {
            field("Decline message", m);
        }
        if let Some(s) = p.chat_status.as_deref() {
            field("Chat status", s);
        }
    }
    if include_attachments {
        let atts = e.attachments.as_deref().unwrap_or_default();
        if atts.is_empty() {
            field("Attachments", "none");
        } else {
            let list: Vec<String> = atts
                .iter()
                .map(|a| {
                    format!(
                        "{}\n    File URL: {}\n    File ID: {}\n    MIME type: {}",
                        or(a.title.as_deref(), "(untitled)"),
                        or(a.file_url.as_deref(), "none"),
                        or(a.file_id.as_deref(), "none"),
                        or(a.mime_type.as_deref(), "unknown")
                    )
                })
                .collect();
            field("Attachments", &format!("\n  {}", list.join("\n  ")));
        }
    }
    out
}

/// One calendar of the calendar list.
pub fn calendar_line(c: &CalendarListEntry) -> String {
    let name = or(c.summary_override.as_deref(), or(c.summary.as_deref(), "(no name)"));
    let mut line = format!("- \"{name}\"{} (ID: {})", if c.primary { " (Primary)" } else { "" }, c.id);
    let mut extra = Vec::new();
    if let Some(r) = c.access_role.as_deref() {
        extra.push(format!("access: {r}"));
    }
    if let Some(z) = c.time_zone.as_deref() {
        extra.push(format!("time zone: {z}"));
    }
    if c.hidden {
        extra.push("hidden".into());
    }
    if !extra.is_empty() {
        line.push_str(&format!(" [{}]", extra.join(", ")));
    }
    line
}

/// The summary of an event after a write: id, times, links.
pub fn written(verb: &str, e: &Event, calendar_id: &str) -> String {
    let (start, end) = when(e);
    let mut out = format!(
        "{verb} event \"{}\" (ID: {}) on calendar {calendar_id}.\n- Starts: {start}\n- Ends: {end}\n- Link: {}\n",
        or(e.summary.as_deref(), "(no title)"),
        or(e.id.as_deref(), "?"),
        or(e.html_link.as_deref(), "none")
    );
    match meeting_link(e.conference_data.as_ref(), e.hangout_link.as_deref()) {
        Some(link) => out.push_str(&format!("- Meeting link: {link}\n")),
        None if e.conference_data.as_ref().and_then(|c| c.get("createRequest")).is_some() => {
            out.push_str("- Meeting link: Google Meet is being set up; read the event again in a moment for the link\n")
        }
        None => {}
    }
    if let Some(r) = e.recurrence.as_ref().filter(|r| !r.is_empty()) {
        out.push_str(&format!("- Recurrence: {}\n", r.join("; ")));
    }
    if let Some(a) = e.attendees.as_ref().filter(|a| !a.is_empty()) {
        let list: Vec<&str> = a.iter().filter_map(|a| a.email.as_deref()).collect();
        out.push_str(&format!("- Attendees: {}\n", list.join(", ")));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn event(v: serde_json::Value) -> Event {
        serde_json::from_value(v).unwrap()
    }

    #[test]
    fn one_line_per_event_with_meeting_link() {
        let e = event(
            json!({"id": "e1", "summary": "Standup", "htmlLink": "https://cal/e1", "hangoutLink": "https://meet.google.com/x",
            "start": {"dateTime": "2026-05-04T09:00:00-04:00"}, "end": {"dateTime": "2026-05-04T09:15:00-04:00"}}),
        );
        assert_eq!(
            event_line(&e),
            "- \"Standup\" (Starts: 2026-05-04T09:00:00-04:00, Ends: 2026-05-04T09:15:00-04:00) ID: e1 | Link: https://cal/e1 | Meeting: https://meet.google.com/x"
        );
        let bare = event(json!({"id": "e2", "start": {"date": "2026-05-04"}, "end": {"date": "2026-05-05"}}));
        assert!(event_line(&bare).starts_with("- \"(no title)\" (Starts: 2026-05-04, Ends: 2026-05-05)"));
    }

    #[test]
    fn details_show_attendees_series_and_attachments() {
        let e = event(
            json!({"id": "e1_20260504", "summary": "Review", "recurringEventId": "e1", "colorId": "11", "eventType": "default",
            "description": "Quarterly", "location": "Room 4",
            "attendees": [{"email": "a@x.co", "responseStatus": "accepted", "organizer": true}, {"email": "b@x.co", "responseStatus": "tentative", "optional": true}],
            "attachments": [{"title": "Deck", "fileUrl": "https://drive.google.com/open?id=1", "fileId": "1", "mimeType": "application/pdf"}],
            "start": {"dateTime": "2026-05-04T09:00:00Z", "timeZone": "UTC"}, "end": {"dateTime": "2026-05-04T10:00:00Z"}}),
        );
        let d = event_details(&e, true);
        for want in [
            "- Attendees: a@x.co, b@x.co",
            "a@x.co: accepted (organizer)",
            "b@x.co: tentative (optional)",
            "- Series ID (edit the whole series with this): e1",
            "- Color: tomato (11)",
            "- Description: Quarterly",
            "- Location: Room 4",
            "File ID: 1",
            "- Time zone: UTC",
        ] {
            assert!(d.contains(want), "missing {want:?} in\n{d}");
        }
        assert!(!d.contains("Event type"), "default type is not shown:\n{d}");
        assert!(!event_details(&e, false).contains("Attachments"));
        let ooo = event(
            json!({"eventType": "outOfOffice", "status": "confirmed", "outOfOfficeProperties": {"autoDeclineMode": "declineNone"}}),
        );
        let d = event_details(&ooo, false);
        assert!(
            d.contains("- Event type: outOfOffice")
                && d.contains("- Auto-decline: declineNone")
                && !d.contains("Status"),
            "{d}"
        );
    }

    #[test]
    fn calendars_and_write_summaries() {
        let c: CalendarListEntry = serde_json::from_value(json!({"id": "me@x.co", "summary": "Me", "primary": true, "accessRole": "owner", "timeZone": "Europe/Paris"})).unwrap();
        assert_eq!(calendar_line(&c), "- \"Me\" (Primary) (ID: me@x.co) [access: owner, time zone: Europe/Paris]");
        let e = event(
            json!({"id": "n1", "summary": "Plan", "htmlLink": "https://cal/n1", "conferenceData": {"createRequest": {"requestId": "r"}},
            "start": {"date": "2026-12-03"}, "end": {"date": "2026-12-04"}}),
        );
        let w = written("Created", &e, "primary");
        assert!(w.starts_with("Created event \"Plan\" (ID: n1) on calendar primary."), "{w}");
        assert!(w.contains("Google Meet is being set up"), "{w}");
    }
}
