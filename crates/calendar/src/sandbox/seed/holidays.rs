//! "Holidays in Germany": the nationwide public holidays (and a few observances) of last,
//! this and next year, as Google's holiday calendar lists them: all-day, free, public,
//! organized by the calendar itself.

use chrono::{Datelike, Duration, NaiveDate};
use serde_json::json;

use super::{HOLIDAYS_CALENDAR, Seeder};

/// Easter Sunday (the anonymous Gregorian computus).
pub fn easter(year: i32) -> Option<NaiveDate> {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, u32::try_from(month).ok()?, u32::try_from(day).ok()?)
}

/// `(name, date, public holiday?)` for one year.
fn year_days(year: i32) -> Vec<(&'static str, NaiveDate, bool)> {
    let fixed = |m: u32, d: u32| NaiveDate::from_ymd_opt(year, m, d);
    let mut out = Vec::new();
    let mut push = |name: &'static str, date: Option<NaiveDate>, public: bool| {
        if let Some(date) = date {
            out.push((name, date, public));
        }
    };
    push("New Year's Day", fixed(1, 1), true);
    push("Labour Day", fixed(5, 1), true);
    push("Day of German Unity", fixed(10, 3), true);
    push("Christmas Eve", fixed(12, 24), false);
    push("Christmas Day", fixed(12, 25), true);
    push("Second Day of Christmas", fixed(12, 26), true);
    push("New Year's Eve", fixed(12, 31), false);
    if let Some(e) = easter(year) {
        push("Good Friday", Some(e - Duration::days(2)), true);
        push("Easter Sunday", Some(e), false);
        push("Easter Monday", Some(e + Duration::days(1)), true);
        push("Ascension Day", Some(e + Duration::days(39)), true);
        push("Whit Sunday", Some(e + Duration::days(49)), false);
        push("Whit Monday", Some(e + Duration::days(50)), true);
    }
    out
}

pub fn events(s: &mut Seeder) {
    let year = s.today.year();
    for y in [year - 1, year, year + 1] {
        for (n, (name, date, public)) in year_days(y).into_iter().enumerate() {
            let description = if public {
                "Public holiday"
            } else {
                "Observance\nTo hide observances, go to Google Calendar Settings > Holidays in Germany"
            };
            s.event(
                HOLIDAYS_CALENDAR,
                json!({
                    "id": format!("{}_de{n:02}", date.format("%Y%m%d")),
                    "summary": name,
                    "description": description,
                    "creator": { "email": HOLIDAYS_CALENDAR, "displayName": "Holidays in Germany", "self": true },
                    "organizer": { "email": HOLIDAYS_CALENDAR, "displayName": "Holidays in Germany", "self": true },
                    "start": s.date(date),
                    "end": s.date(date + Duration::days(1)),
                    "transparency": "transparent",
                    "visibility": "public",
                    "iCalUID": format!("{}_de{n:02}@google.com", date.format("%Y%m%d")),
                    "reminders": { "useDefault": false },
                }),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn easter_dates() {
        assert_eq!(easter(2024), NaiveDate::from_ymd_opt(2024, 3, 31));
        assert_eq!(easter(2025), NaiveDate::from_ymd_opt(2025, 4, 20));
        assert_eq!(easter(2026), NaiveDate::from_ymd_opt(2026, 4, 5));
    }
}
