//! The seeded discussion: Priya and Marco commenting on the Atlas plan, the budget sheet and
//! the kickoff deck, one thread already resolved, one with a reply from the user. Ids are
//! fixed so tests and examples can name them.

use super::super::comment_store::{Comment, Reply};
use super::super::store::Person;
use super::{DAY, Seeder, ids, marco, priya};

/// Stable ids of the seeded comments.
pub mod comment_ids {
    pub const PLAN_MILESTONES: &str = "AAABatlasPlanMilestones";
    pub const PLAN_RISKS: &str = "AAABatlasPlanRisks";
    pub const BUDGET_CLOUD: &str = "AAABatlasBudgetCloud";
    pub const DECK_TIMELINE: &str = "AAABkickoffDeckTimeline";
    pub const DECK_PILOT: &str = "AAABkickoffDeckPilot";
}

fn comment(s: &Seeder, id: &str, file: &str, by: &Person, text: &str, days_ago: f64) -> Comment {
    Comment::new(id, file, by.clone(), text, s.now - (days_ago * DAY) as i64)
}

fn reply(s: &Seeder, id: &str, by: &Person, text: &str, action: Option<&str>, days_ago: f64) -> Reply {
    let at = s.now - (days_ago * DAY) as i64;
    Reply {
        id: id.to_string(),
        author: by.clone(),
        content: text.to_string(),
        action: action.map(str::to_string),
        created: at,
        modified: at,
        deleted: false,
    }
}

pub fn comments(s: &mut Seeder) {
    use comment_ids::*;
    let (priya, marco, me) = (priya(), marco(), s.me.clone());
    let mut milestones = comment(
        s,
        PLAN_MILESTONES,
        ids::ATLAS_PLAN_DOC,
        &priya,
        "Can we move the dashboard redesign milestone to mid-August?",
        1.5,
    );
    milestones.quoted = Some(serde_json::json!({ "mimeType": "text/html", "value": "August: dashboard redesign" }));
    milestones.anchor = Some("kix.atlasq3milestones".to_string());
    milestones.replies.push(reply(s, "AAABreplyPlanMilestones1", &me, "Fine by me, I'll update the plan.", None, 1.2));
    let mut risks = comment(s, PLAN_RISKS, ids::ATLAS_PLAN_DOC, &marco, "The offline mode risk needs an owner.", 3.0);
    risks.replies.push(reply(s, "AAABreplyPlanRisks1", &priya, "Marco takes it.", Some("resolve"), 2.5));
    risks.resolved = true;
    let budget = comment(
        s,
        BUDGET_CLOUD,
        ids::ATLAS_BUDGET_SHEET,
        &priya,
        "Cloud costs look low for September with the Northwind pilot.",
        4.0,
    );
    let timeline = comment(
        s,
        DECK_TIMELINE,
        ids::ATLAS_KICKOFF_SLIDES,
        &marco,
        "Should the timeline slide mention the Munich offsite?",
        6.0,
    );
    let pilot = comment(
        s,
        DECK_PILOT,
        ids::ATLAS_KICKOFF_SLIDES,
        &priya,
        "Please add the Northwind contact to the next steps slide.",
        5.0,
    );
    for c in [milestones, risks, budget, timeline, pilot] {
        s.store.add_comment(c);
    }
}
