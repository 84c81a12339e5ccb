//! The account every sandbox starts with, dated relative to now and consistent with the
//! Gmail seed (the same colleagues, the Atlas weekly sync invitation, the Munich
//! customer, the Drive links): the primary calendar (Europe/Berlin), the "Atlas project"
//! calendar, a read-only "Holidays in Germany" calendar and a hidden "Team vacations"
//! calendar. `people` and `holidays` hold the events.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use chrono_tz::Tz;
use serde_json::{Map, Value, json};

use super::event::{html_link, own_organizer};
use super::rules;
use super::store::{Access, Calendar, Store, StoredEvent, etag};
use super::time::millis;

mod holidays;
mod people;

/// The secondary calendar of Project Atlas (owned by the user).
pub const ATLAS_CALENDAR: &str =
    "c_54307a9d72884052662bc852bfc3305727a47134e39ebb3f8b2654e87af7e5b6@group.calendar.google.com";
/// Public holidays, subscribed read-only.
pub const HOLIDAYS_CALENDAR: &str = "en.german#holiday@group.v.calendar.google.com";
/// A colleague's calendar shared read-only and hidden from the list.
pub const VACATIONS_CALENDAR: &str =
    "c_c7f2c54d534a76cc4b5be9084261428714540f0542933e181d1af17086fbbe25@group.calendar.google.com";

/// The zone of the user's primary calendar.
pub const HOME_TZ: Tz = chrono_tz::Europe::Berlin;

/// Builds the account: adds calendars and events with Calendar's server fields.
pub struct Seeder {
    pub store: Store,
    pub now: DateTime<Utc>,
    /// Today in the user's zone; event dates are offsets from it.
    pub today: NaiveDate,
}

impl Seeder {
    /// `today + offset` days.
    pub fn day(&self, offset: i64) -> NaiveDate {
        self.today + Duration::days(offset)
    }

    /// An all-day boundary.
    pub fn date(&self, day: NaiveDate) -> Value {
        json!({ "date": day.format("%Y-%m-%d").to_string() })
    }

    /// A wall-clock boundary `hh:mm` on `day` in `zone`.
    pub fn at(&self, day: NaiveDate, hh: u32, mm: u32, zone: Tz) -> Value {
        json!({
            "dateTime": format!("{}T{hh:02}:{mm:02}:00", day.format("%Y-%m-%d")),
            "timeZone": zone.name(),
        })
    }

    /// Add a calendar; `configure` sets what differs from an owned Europe/Berlin one.
    fn calendar(
        &mut self,
        id: &str,
        summary: &str,
        access: Access,
        color: &str,
        configure: impl FnOnce(&mut Calendar),
    ) {
        let change = self.store.bump();
        let mut cal = Calendar {
            id: id.to_string(),
            summary: summary.to_string(),
            description: None,
            location: None,
            time_zone: HOME_TZ,
            access,
            primary: false,
            hidden: false,
            deleted: false,
            color_id: color.to_string(),
            default_reminders: Vec::new(),
            etag: etag(change),
            events: Vec::new(),
        };
        configure(&mut cal);
        self.store.calendars.push(cal);
    }

    /// Add an event to `calendar_id`: Calendar's server fields, then `fields` over them
    /// (`id`, `summary`, `start`, `end` at least). Events the user did not organize set
    /// `organizer` (and `creator`) themselves.
    pub fn event(&mut self, calendar_id: &str, fields: Value) {
        let change = self.store.bump();
        let user = self.store.user.clone();
        let Some(index) = self.store.index(calendar_id) else {
            tracing::warn!(calendar_id, "sandbox seed: no such calendar");
            return;
        };
        let Some(cal) = self.store.calendars.get(index) else {
            return;
        };
        let id = fields.get("id").and_then(Value::as_str).unwrap_or_default().to_string();
        let mut data = Map::new();
        data.insert("kind".into(), json!("calendar#event"));
        data.insert("etag".into(), json!(etag(change)));
        data.insert("id".into(), json!(id));
        data.insert("status".into(), json!("confirmed"));
        data.insert("htmlLink".into(), json!(html_link(&id, &cal.id)));
        data.insert("created".into(), json!(millis(self.now - Duration::days(40))));
        data.insert("updated".into(), json!(millis(self.now - Duration::days(2))));
        data.insert("creator".into(), json!({ "email": user, "self": true }));
        data.insert("organizer".into(), own_organizer(cal, &user));
        data.insert("iCalUID".into(), json!(format!("{id}@google.com")));
        data.insert("sequence".into(), json!(0));
        data.insert("reminders".into(), json!({ "useDefault": true }));
        data.insert("eventType".into(), json!("default"));
        if let Value::Object(fields) = fields {
            data.extend(fields);
        }
        let organizer_self = data
            .get("organizer")
            .and_then(|o| o.get("email"))
            .and_then(Value::as_str)
            .is_some_and(|e| e.eq_ignore_ascii_case(&user) || e.eq_ignore_ascii_case(calendar_id));
        if !organizer_self && let Some(Value::Object(o)) = data.get_mut("organizer") {
            o.remove("self");
        }
        let built = rules::attendees(&mut data, &user).and_then(|()| StoredEvent::from_data(data, change));
        match (built, self.store.calendars.get_mut(index)) {
            (Ok(event), Some(cal)) => cal.events.push(event),
            (Err(e), _) => tracing::warn!(id, error = %e, "sandbox seed: event skipped"),
            (Ok(_), None) => {}
        }
    }
}

/// A fresh copy of the sample account of `user`, dated relative to `now`.
pub fn account(user: &str, now: DateTime<Utc>) -> Store {
    let mut seeder = Seeder { store: Store::new(user), now, today: now.with_timezone(&HOME_TZ).date_naive() };
    seeder.calendar(user, user, Access::Owner, "14", |c| {
        c.primary = true;
        c.default_reminders = vec![json!({ "method": "popup", "minutes": 10 })];
    });
    seeder.calendar(ATLAS_CALENDAR, "Atlas project", Access::Owner, "9", |c| {
        c.description = Some("Milestones, rituals and reviews of Project Atlas.".into());
    });
    seeder.calendar(HOLIDAYS_CALENDAR, "Holidays in Germany", Access::Reader, "8", |c| {
        c.description = Some("Holidays and Observances in Germany".into());
    });
    seeder.calendar(VACATIONS_CALENDAR, "Team vacations", Access::Reader, "22", |c| {
        c.hidden = true;
        c.description = Some("Who is away when, kept by Lena.".into());
    });
    seeder.store.directory = people::colleagues();
    people::primary_events(&mut seeder);
    people::atlas_events(&mut seeder);
    people::vacation_events(&mut seeder);
    holidays::events(&mut seeder);
    seeder.store
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_account_is_rich_and_well_formed() {
        let store = account("alex.rivera@example.com", wsmcp_core::clock::now());
        let count = |id: &str| store.calendar(id).map(|c| c.events.len()).unwrap_or(0);
        assert!(count("primary") >= 15, "{} primary events", count("primary"));
        assert!(count(ATLAS_CALENDAR) >= 4);
        assert!(count(HOLIDAYS_CALENDAR) >= 20);
        assert_eq!(count(VACATIONS_CALENDAR), 1);
        for cal in &store.calendars {
            for e in &cal.events {
                let base = e.id().split('_').next().unwrap_or_default();
                assert!(super::super::event::valid_event_id(base), "{}", e.id());
            }
        }
        assert!(ATLAS_CALENDAR.len() == "c_".len() + 64 + "@group.calendar.google.com".len());
    }
}
