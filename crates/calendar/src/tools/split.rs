//! manage_event's `this_and_following`: change one instance of a series and every later
//! one. Calendar has no call for it, so (as Google's guide for recurring events describes)
//! a new series is created from the instance on, with the changes, and the original series
//! is then ended just before the instance. Earlier instances keep their id and history.
//!
//! Order matters when something fails: the new series is inserted first, and removed again
//! if ending the original fails, so a failure never loses the later instances.

use serde_json::Value;
use wsmcp_core::google::GoogleCtx;
use wsmcp_core::{ToolError, ToolOutput};

use super::event_times::{self, Zones};
use super::manage_event::{Changes, ManageEventParams, write_options};
use crate::api;
use crate::fields::ConferenceChange;
use crate::render;
use crate::series;
use crate::time::{self, When};
use crate::wire::{Attachment, Attendee, Event};

pub async fn this_and_following(
    g: &GoogleCtx,
    cal: &str,
    id: &str,
    p: &ManageEventParams,
    mut changes: Changes,
    zones: &Zones,
) -> Result<ToolOutput, ToolError> {
    let instance = api::events_get(g, cal, id).await?;
    let Some(series_id) = instance.recurring_event_id.clone() else {
        let hint = if instance.recurrence.as_ref().is_some_and(|r| !r.is_empty()) {
            "it is the series itself: update it without this_and_following to change every instance"
        } else {
            "it is not part of a recurring series: update it without this_and_following"
        };
        return Err(ToolError::invalid(format!("event {id} is not a recurring instance; {hint}")));
    };
    let master = api::events_get(g, cal, &series_id).await?;
    let rules = master.recurrence.clone().unwrap_or_default();
    let split_at = instance.original_start_time.as_ref().or(instance.start.as_ref()).and_then(time::read_boundary);
    let master_start = master.start.as_ref().and_then(time::read_boundary);
    let (Some(split_at), false) = (split_at, rules.is_empty()) else {
        return Err(ToolError::Internal(format!("series {series_id} has no readable start or rules")));
    };
    if same_instant(Some(split_at), master_start) {
        return Err(ToolError::invalid(format!(
            "event {id} is the first instance, so this and following is the whole series: update event_id {series_id} without this_and_following"
        )));
    }
    let until =
        series::until_before(split_at).ok_or_else(|| ToolError::Internal("instance start has no zone".into()))?;
    let new_rules = match &changes.event.recurrence {
        Some(r) => r.clone(),
        None if rules.iter().any(|r| r.to_uppercase().contains("COUNT=")) => {
            let kept = count_before(g, cal, &series_id, split_at).await?;
            series::continue_series(&rules, kept).map_err(ToolError::invalid)?
        }
        None => rules.clone(),
    };

    // The new series: the original's content, from this instance's times, then the changes.
    let mut base = copy_of(&master);
    base.start = instance.start.clone();
    base.end = instance.end.clone();
    let mut current = instance.clone();
    current.recurrence = Some(new_rules.clone());
    event_times::apply_update(g, cal, &current, p, zones, &mut changes).await?;
    let mut event = overlay(base, &changes.event)?;
    event.recurrence = Some(new_rules);
    if let (Some(start), Some(end)) = (&event.start, &event.end) {
        event_times::check_order(start, end)?;
    }
    let mut options = write_options(p, &changes);
    if matches!(changes.conference, ConferenceChange::Keep) && event.conference_data.is_some() {
        // Carry the original's conference over (same link), as Calendar's own split does.
        options.conference = true;
    }
    let created = api::events_insert(g, cal, &event, options).await?;

    let ended = Event { recurrence: Some(series::end_series(&rules, &until)), ..Default::default() };
    let quiet = api::WriteOptions { send_updates: options.send_updates, conference: false };
    if let Err(mut e) = api::events_patch(g, cal, &series_id, &ended, quiet).await {
        let undo = match created.id.as_deref() {
            Some(new_id) => match api::events_delete(g, cal, new_id, Some("none")).await {
                Ok(()) => "The new series was removed again, so nothing changed.".to_string(),
                Err(_) => format!("The new series {new_id} could not be removed; delete it to undo the split."),
            },
            None => "The new series came back without an id.".to_string(),
        };
        e.advice = format!("Ending the original series failed. {undo} {}", e.advice);
        return Err(ToolError::Google(e));
    }
    let mut out = format!(
        "Split series {series_id} at {}: earlier instances stay in {series_id} (now ending before it); this and later instances are the new series {}.\nChanged: {}.\n",
        series::describe(split_at),
        created.id.as_deref().unwrap_or("?"),
        if changes.names.is_empty() { "nothing but the split".to_string() } else { changes.names.join(", ") },
    );
    out.push_str(&render::written("Created", &created, cal));
    Ok(ToolOutput::text(out))
}

fn same_instant(a: Option<When>, b: Option<When>) -> bool {
    match (a, b) {
        (Some(When::Instant(x)), Some(When::Instant(y))) => x == y,
        (Some(When::Date(x)), Some(When::Date(y))) => x == y,
        _ => false,
    }
}

/// How many instances of the series start before the split (cancelled ones included: they
/// still count towards a COUNT rule).
async fn count_before(g: &GoogleCtx, cal: &str, series_id: &str, split_at: When) -> Result<usize, ToolError> {
    let time_max = match split_at {
        When::Instant(t) => time::rfc3339(&t),
        When::Date(d) => format!("{}T00:00:00Z", d.format("%Y-%m-%d")),
        When::Local(_) => return Err(ToolError::Internal("instance start without zone".into())),
    };
    let mut count = 0;
    let mut token: Option<String> = None;
    loop {
        let page = api::events_instances(g, cal, series_id, Some(&time_max), token.as_deref()).await?;
        count += page
            .items
            .iter()
            .filter(|e| {
                let start = e.original_start_time.as_ref().or(e.start.as_ref()).and_then(time::read_boundary);
                is_earlier(start, split_at)
            })
            .count();
        match page.next_page_token {
            Some(t) if !t.is_empty() => token = Some(t),
            _ => return Ok(count),
        }
    }
}

fn is_earlier(a: Option<When>, b: When) -> bool {
    match (a, b) {
        (Some(When::Instant(x)), When::Instant(y)) => x < y,
        (Some(When::Date(x)), When::Date(y)) => x < y,
        _ => false,
    }
}

/// What a new series takes over from the original: its content, not its identity.
fn copy_of(master: &Event) -> Event {
    let conference = master.conference_data.as_ref().map(|c| {
        let mut c = c.clone();
        if let Some(obj) = c.as_object_mut() {
            obj.remove("createRequest");
        }
        c
    });
    Event {
        summary: master.summary.clone(),
        description: master.description.clone(),
        location: master.location.clone(),
        color_id: master.color_id.clone(),
        transparency: master.transparency.clone(),
        visibility: master.visibility.clone(),
        attendees: master.attendees.as_ref().map(|list| {
            list.iter()
                .map(|a| Attendee {
                    email: a.email.clone(),
                    display_name: a.display_name.clone(),
                    optional: a.optional,
                    response_status: a.response_status.clone(),
                    comment: a.comment.clone(),
                    additional_guests: a.additional_guests,
                    resource: a.resource,
                    ..Default::default()
                })
                .collect()
        }),
        reminders: master.reminders.clone(),
        attachments: master.attachments.as_ref().map(|list| {
            list.iter()
                .map(|a| Attachment {
                    file_url: a.file_url.clone(),
                    title: a.title.clone(),
                    mime_type: a.mime_type.clone(),
                    ..Default::default()
                })
                .collect()
        }),
        conference_data: conference.filter(|c| c.get("entryPoints").is_some()),
        guests_can_modify: master.guests_can_modify,
        guests_can_invite_others: master.guests_can_invite_others,
        guests_can_see_other_guests: master.guests_can_see_other_guests,
        ..Default::default()
    }
}

/// `base` with every field that `changes` sets replaced (a `null` conference removes it).
fn overlay(base: Event, changes: &Event) -> Result<Event, ToolError> {
    let internal = |e: serde_json::Error| ToolError::Internal(e.to_string());
    let mut merged = serde_json::to_value(base).map_err(internal)?;
    let patch = serde_json::to_value(changes).map_err(internal)?;
    if let (Some(m), Some(p)) = (merged.as_object_mut(), patch.as_object()) {
        for (k, v) in p {
            if v.is_null() {
                m.remove(k);
            } else {
                m.insert(k.clone(), v.clone());
            }
        }
    }
    serde_json::from_value::<Event>(Value::clone(&merged)).map_err(internal)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn overlay_replaces_given_fields_and_null_removes() {
        let base: Event = serde_json::from_value(
            json!({"summary": "Old", "location": "Room", "conferenceData": {"entryPoints": []}}),
        )
        .unwrap();
        let changes = Event { summary: Some("New".into()), conference_data: Some(Value::Null), ..Default::default() };
        let e = overlay(base, &changes).unwrap();
        assert_eq!(e.summary.as_deref(), Some("New"));
        assert_eq!(e.location.as_deref(), Some("Room"));
        assert_eq!(e.conference_data, None);
    }

    #[test]
    fn copy_drops_identity() {
        let master: Event = serde_json::from_value(json!({"id": "s1", "summary": "Sync", "recurrence": ["RRULE:FREQ=DAILY"],
            "attendees": [{"email": "a@x.co", "self": true, "organizer": true, "responseStatus": "accepted"}],
            "conferenceData": {"createRequest": {"requestId": "r"}, "entryPoints": [{"entryPointType": "video", "uri": "https://meet.google.com/x"}]}})).unwrap();
        let c = copy_of(&master);
        assert_eq!(c.id, None);
        assert_eq!(c.recurrence, None);
        let v = serde_json::to_value(&c).unwrap();
        assert_eq!(v["attendees"], json!([{"email": "a@x.co", "responseStatus": "accepted"}]));
        assert!(v["conferenceData"].get("createRequest").is_none());
    }
}
