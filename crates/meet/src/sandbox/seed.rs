//! The sample Meet account: the spaces of the calendar seed's meetings (the Atlas weekly sync
//! `abc-defg-hij`, the roadmap review `qtr-rdmp-vqe`, the 1:1 with Marco `mbx-kqwe-trn`), the
//! records of the last two weekly syncs (held on the calendar's weekday, 16:00 UTC), the later
//! one recorded and transcribed, and a team room the user created with a call in progress.

use chrono::{DateTime, Duration, NaiveTime, Utc};

use super::store::{ArtifactRec, EntryRec, ParticipantRec, RecordRec, SpaceRec, Store};

pub const SYNC_SPACE: &str = "jQCFfuBOdN5z";
pub const SYNC_CODE: &str = "abc-defg-hij";
pub const TEAM_ROOM: &str = "aLxTeamRoom7";
pub const TEAM_ROOM_CODE: &str = "alx-tmrm-qwz";
pub const LAST_SYNC: &str = "syncLastWeekA1b2";
pub const EARLIER_SYNC: &str = "syncTwoWeeksC3d4";
pub const TEAM_ROOM_CALL: &str = "teamRoomLiveE5f6";
pub const LAST_SYNC_TRANSCRIPT: &str = "trSyncLastWeek01";

const PRIYA: &str = "priya.shah@example.com";
const MARCO: &str = "marco.bianchi@example.com";
const LENA: &str = "lena.fischer@example.com";

fn space(id: &str, code: &str, owner: &str, by_app: bool) -> SpaceRec {
    SpaceRec { id: id.into(), code: code.into(), access: None, owner: owner.into(), by_app, active: None }
}

/// (display name, email, users/ id), signed-in people of the seed.
const PEOPLE: [(&str, &str, &str); 4] = [
    ("Priya Shah", PRIYA, "users/110231"),
    ("Alex Rivera", "", "users/110232"),
    ("Marco Bianchi", MARCO, "users/110233"),
    ("Lena Fischer", LENA, "users/110234"),
];

fn signed_in(record: &str, n: usize, user: &str, start: DateTime<Utc>, end: Option<DateTime<Utc>>) -> ParticipantRec {
    let (name, email, id) = PEOPLE[n];
    let email = if email.is_empty() { user } else { email };
    ParticipantRec {
        record: record.into(),
        id: format!("p{n}"),
        kind: "signedinUser",
        display_name: name.into(),
        email: Some(email.into()),
        user: Some(id.into()),
        start,
        end,
    }
}

pub fn account(user: &str, now: DateTime<Utc>) -> Store {
    // The weekly sync's weekday is three days from now (calendar seed); its last two
    // occurrences were 4 and 11 days before that day.
    let sync_day = (now + Duration::days(3)).date_naive();
    let at = |days_before: i64, h: u32, m: u32, s: u32| {
        let t = NaiveTime::from_hms_opt(h, m, s).unwrap_or_default();
        (sync_day - Duration::days(days_before)).and_time(t).and_utc()
    };
    let (last_start, last_end) = (at(7, 16, 1, 30), at(7, 16, 28, 10));
    let (prev_start, prev_end) = (at(14, 16, 0, 45), at(14, 16, 31, 0));
    let live_start = now - Duration::minutes(12);

    let mut team_room = space(TEAM_ROOM, TEAM_ROOM_CODE, user, true);
    team_room.active = Some(TEAM_ROOM_CALL.into());
    let spaces = vec![
        space(SYNC_SPACE, SYNC_CODE, PRIYA, false),
        space("kW9pRm2sXv7e", "qtr-rdmp-vqe", user, false),
        space("mBx1on1Marco", "mbx-kqwe-trn", user, false),
        team_room,
    ];
    let record = |id: &str, space: &str, start, end| RecordRec { id: id.into(), space: space.into(), start, end };
    let records = vec![
        record(LAST_SYNC, SYNC_SPACE, last_start, Some(last_end)),
        record(EARLIER_SYNC, SYNC_SPACE, prev_start, Some(prev_end)),
        record(TEAM_ROOM_CALL, TEAM_ROOM, live_start, None),
    ];
    let mut participants = vec![
        signed_in(LAST_SYNC, 0, user, last_start, Some(last_end)),
        signed_in(LAST_SYNC, 1, user, last_start + Duration::seconds(40), Some(last_end)),
        signed_in(LAST_SYNC, 2, user, last_start + Duration::minutes(2), Some(last_end - Duration::minutes(5))),
        ParticipantRec {
            record: LAST_SYNC.into(),
            id: "p9".into(),
            kind: "anonymousUser",
            display_name: "Sam (Northwind)".into(),
            email: None,
            user: None,
            start: last_start + Duration::minutes(10),
            end: Some(last_end),
        },
        signed_in(EARLIER_SYNC, 0, user, prev_start, Some(prev_end)),
        signed_in(EARLIER_SYNC, 1, user, prev_start, Some(prev_end)),
        signed_in(EARLIER_SYNC, 3, user, prev_start + Duration::minutes(1), Some(prev_end)),
        signed_in(TEAM_ROOM_CALL, 1, user, live_start, None),
        signed_in(TEAM_ROOM_CALL, 2, user, live_start + Duration::minutes(1), None),
    ];
    participants.sort_by_key(|p| (p.record.clone(), p.start));
    let recordings = vec![ArtifactRec {
        record: LAST_SYNC.into(),
        id: "recSyncLastWeek01".into(),
        file: "1AtlasSyncRecordingMp4Xk7Qm2Lp9Rt".into(),
        start: last_start + Duration::seconds(50),
        end: last_end,
    }];
    let transcripts = vec![ArtifactRec {
        record: LAST_SYNC.into(),
        id: LAST_SYNC_TRANSCRIPT.into(),
        file: "1AtlasSyncTranscriptDocXk7Qm2Lp9".into(),
        start: last_start + Duration::seconds(50),
        end: last_end,
    }];
    let lines = [
        ("p0", "Welcome everyone. Agenda: offline mode beta, the Northwind pilot, and the dashboard."),
        ("p1", "Offline mode is feature complete; the beta build goes out to 20 pilot customers next week."),
        ("p2", "Dashboard redesign: mockups v3 are in the Design folder, sidebar width is settled."),
        ("p9", "From the Northwind side, September works for the pilot. We need the export to CSV."),
        ("p0", "Great. Alex, can you confirm the pilot date with Sam by Friday?"),
        ("p1", "Yes, I'll send the invite and add the CSV export to the checklist."),
    ];
    let entries = lines
        .iter()
        .enumerate()
        .map(|(i, (p, text))| {
            let start = last_start + Duration::minutes(1) + Duration::seconds(70 * i as i64);
            EntryRec {
                transcript: LAST_SYNC_TRANSCRIPT.into(),
                id: format!("e{i:02}"),
                participant: (*p).into(),
                text: (*text).into(),
                start,
                end: start + Duration::seconds(20),
            }
        })
        .collect();
    Store { user: user.into(), spaces, records, participants, recordings, transcripts, entries }
}
