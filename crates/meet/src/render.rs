//! Meet resources as text for the model. Pure.

use crate::wire::{Artifact, ConferenceRecord, Participant, Space};

pub fn space(s: &Space) -> String {
    let mut out = format!(
        "Meeting space {}\n- Link: {}\n- Code: {}\n",
        s.name.as_deref().unwrap_or("?"),
        s.meeting_uri.as_deref().unwrap_or("?"),
        s.meeting_code.as_deref().unwrap_or("?")
    );
    if let Some(a) = s.config.as_ref().and_then(|c| c.access_type.as_ref()) {
        out.push_str(&format!("- Access: {}\n", a.to_lowercase()));
    }
    match s.active_conference.as_ref().and_then(|a| a.conference_record.as_deref()) {
        Some(r) => out.push_str(&format!("- Conference in progress: {r}\n")),
        None => out.push_str("- No conference in progress\n"),
    }
    out
}

pub fn record_line(r: &ConferenceRecord) -> String {
    let end = match r.end_time.as_deref() {
        Some(e) => format!("ended {e}"),
        None => "in progress".to_string(),
    };
    format!(
        "- {} | space {} | started {} | {end}",
        r.name,
        r.space.as_deref().unwrap_or("?"),
        r.start_time.as_deref().unwrap_or("?")
    )
}

/// A participant's name as Meet gives it, and what kind of participant it is.
pub fn who(p: &Participant) -> (String, &'static str) {
    let (person, kind) = if let Some(u) = &p.signedin_user {
        (u, "signed in")
    } else if let Some(u) = &p.anonymous_user {
        (u, "guest")
    } else if let Some(u) = &p.phone_user {
        (u, "phone")
    } else {
        return ("(unknown)".into(), "unknown");
    };
    (person.display_name.clone().unwrap_or_else(|| "(no name)".into()), kind)
}

pub fn participant_line(p: &Participant) -> String {
    let (name, kind) = who(p);
    let left = match p.latest_end_time.as_deref() {
        Some(t) => format!("left {t}"),
        None => "still in the call".to_string(),
    };
    format!("- {name} ({kind}) | joined {} | {left}", p.earliest_start_time.as_deref().unwrap_or("?"))
}

pub fn artifact_line(a: &Artifact) -> String {
    let dest = a.drive_destination.as_ref().or(a.docs_destination.as_ref());
    let file = dest.and_then(|d| d.file.as_deref().or(d.document.as_deref())).unwrap_or("-");
    let link = dest.and_then(|d| d.export_uri.as_deref()).unwrap_or("-");
    format!(
        "- {} | {} | {} to {} | file {file} | {link}",
        a.name,
        a.state.as_deref().unwrap_or("?").to_lowercase(),
        a.start_time.as_deref().unwrap_or("?"),
        a.end_time.as_deref().unwrap_or("?")
    )
}
