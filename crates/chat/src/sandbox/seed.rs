//! The sample Chat account of Alex Rivera: the "Atlas team" space (Priya Shah, Marco Bianchi,
//! Lena Fischer, Alex), a direct message with Priya, a lunch group chat, and a space Alex is
//! not in. Messages come in threads, with reactions and one attachment (the Atlas
//! architecture diagram, a small PNG). Times are relative to `now`.

use chrono::{DateTime, Duration, Utc};

use super::store::{AttachmentRec, MessageRec, ReactionRec, SpaceRec, Store};

/// Resource names tests and other seeds can rely on.
pub mod ids {
    pub const ALEX: &str = "users/110000000000000000001";
    pub const PRIYA: &str = "users/110000000000000000002";
    pub const MARCO: &str = "users/110000000000000000003";
    pub const LENA: &str = "users/110000000000000000004";

    pub const ATLAS_TEAM: &str = "spaces/AAAAatlasTm1";
    pub const DM_PRIYA: &str = "spaces/AAAAdmPriya1";
    pub const LUNCH_GROUP: &str = "spaces/AAAAlunchGc1";
    /// A space Alex is not a member of: Google answers "not found".
    pub const FINANCE: &str = "spaces/AAAAfinance01";

    /// Priya's kickoff message and its thread (Marco and Alex replied in it).
    pub const KICKOFF: &str = "spaces/AAAAatlasTm1/messages/kickoffThr1.kickoffThr1";
    pub const KICKOFF_THREAD: &str = "spaces/AAAAatlasTm1/threads/kickoffThr1";
    /// Lena's message with the architecture diagram attached (reacted to with 👍 and 🎉).
    pub const DIAGRAM: &str = "spaces/AAAAatlasTm1/messages/diagramThr1.diagramThr1";
    pub const DIAGRAM_FILE: &str = "atlas-architecture.png";
    pub const DIAGRAM_RESOURCE: &str =
        "ClxzcGFjZXMvQUFBQWF0bGFzVG0xL21lc3NhZ2VzL2RpYWdyYW1UaHIxL2F0dGFjaG1lbnRzL2RpYWdyYW0";
    /// Marco's staging update, the newest message of the Atlas team space.
    pub const STAGING: &str = "spaces/AAAAatlasTm1/messages/stagingThr1.stagingThr1";
}

/// The architecture diagram: a 24x16 PNG in the Atlas blue with a lighter band.
pub fn diagram_png() -> Vec<u8> {
    wsmcp_sandbox_kit::assets::png(24, 16, |_, y| if (6..10).contains(&y) { [120, 170, 230] } else { [20, 80, 160] })
}

struct Builder {
    now: DateTime<Utc>,
    messages: Vec<MessageRec>,
    seq: u64,
}

impl Builder {
    /// A message `ago` before now; a thread id of its own when `reply_to` is `None`.
    fn add(&mut self, space: &str, thread: &str, id: &str, sender: &str, text: &str, ago: Duration) -> &mut MessageRec {
        self.seq += 1;
        let starts = thread == id;
        self.messages.push(MessageRec {
            name: format!("{space}/messages/{thread}.{id}"),
            space: space.to_string(),
            thread: format!("{space}/threads/{thread}"),
            thread_key: None,
            thread_reply: !starts,
            sender: sender.to_string(),
            text: text.to_string(),
            create_time: self.now - ago,
            update_time: None,
            attachments: Vec::new(),
            request_id: None,
            deleted: false,
            seq: self.seq,
        });
        let last = self.messages.len() - 1;
        &mut self.messages[last]
    }
}

pub fn account(user: &str, now: DateTime<Utc>) -> Store {
    use ids::*;
    let (d, h, m) = (Duration::days, Duration::hours, Duration::minutes);
    let space = |name: &str, display: Option<&str>, kind, members: &[&str], age| SpaceRec {
        name: name.to_string(),
        display_name: display.map(str::to_string),
        space_type: kind,
        members: members.iter().map(|s| s.to_string()).collect(),
        create_time: now - age,
    };
    let spaces = vec![
        space(ATLAS_TEAM, Some("Atlas team"), "SPACE", &[ALEX, PRIYA, MARCO, LENA], d(90)),
        space(DM_PRIYA, None, "DIRECT_MESSAGE", &[ALEX, PRIYA], d(200)),
        space(LUNCH_GROUP, None, "GROUP_CHAT", &[ALEX, MARCO, LENA], d(30)),
        space(FINANCE, Some("Finance leadership"), "SPACE", &[PRIYA], d(60)),
    ];
    let mut b = Builder { now, messages: Vec::new(), seq: 0 };
    let k = "kickoffThr1";
    b.add(
        ATLAS_TEAM,
        k,
        k,
        PRIYA,
        "Kickoff notes for Project Atlas are in the shared doc. Please review them before Thursday's sync.",
        d(3),
    );
    b.add(ATLAS_TEAM, k, "kickoffRe01", MARCO, "Reviewed: I left two comments on the rollout plan.", d(3) - m(10));
    b.add(ATLAS_TEAM, k, "kickoffRe02", ALEX, "Thanks both, I'll fold them into the launch checklist.", d(3) - m(25));
    let diagram = b.add(
        ATLAS_TEAM,
        "diagramThr1",
        "diagramThr1",
        LENA,
        "Here is the updated Atlas architecture diagram, with the new ingestion service.",
        d(2),
    );
    diagram.attachments.push(AttachmentRec {
        id: "diagram".into(),
        content_name: DIAGRAM_FILE.into(),
        content_type: "image/png".into(),
        resource_name: DIAGRAM_RESOURCE.into(),
        bytes: diagram_png(),
    });
    b.add(
        ATLAS_TEAM,
        "reminderTh1",
        "reminderTh1",
        ALEX,
        "Reminder: the Atlas launch readiness review is tomorrow at 10:00.",
        d(1),
    );
    b.add(
        ATLAS_TEAM,
        "stagingThr1",
        "stagingThr1",
        MARCO,
        "Staging deploy for Atlas is green; smoke tests passed.",
        h(2),
    );
    b.add(
        DM_PRIYA,
        "budgetAsk01",
        "budgetAsk01",
        PRIYA,
        "Could you send me the Atlas budget numbers before the steering meeting?",
        d(1) + h(2),
    );
    b.add(DM_PRIYA, "budgetRe001", "budgetRe001", ALEX, "Sure, I'll share them this afternoon.", d(1));
    b.add(LUNCH_GROUP, "lunchAsk001", "lunchAsk001", LENA, "Lunch after the Atlas demo?", h(5));
    b.add(LUNCH_GROUP, "lunchRe0001", "lunchRe0001", MARCO, "Count me in.", h(4));
    b.add(FINANCE, "financeQ401", "financeQ401", PRIYA, "Q4 forecast draft is ready for review.", d(4));
    let reaction = |message: &str, n: &str, user: &str, emoji: &str| ReactionRec {
        name: format!("{message}/reactions/{n}"),
        message: message.to_string(),
        user: user.to_string(),
        emoji: emoji.to_string(),
    };
    let reminder = format!("{ATLAS_TEAM}/messages/reminderTh1.reminderTh1");
    let reactions = vec![
        reaction(DIAGRAM, "r1", PRIYA, "👍"),
        reaction(DIAGRAM, "r2", MARCO, "🎉"),
        reaction(&reminder, "r3", LENA, "👍"),
    ];
    let next_seq = b.seq;
    Store { user: user.to_string(), user_name: ALEX.to_string(), spaces, messages: b.messages, reactions, next_seq }
}
