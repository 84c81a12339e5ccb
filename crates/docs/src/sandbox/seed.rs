//! The sample account's documents: the Google Docs the Drive seed lists, built from the Drive
//! seed's own content so the two emulations cannot drift. The Atlas plan also gets a second
//! tab ("Risks") with an emoji, a list and a table, so tools meet tabs, surrogate pairs and
//! table index costs on real data. Documents the user may only read are marked so.

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};
use wsmcp_drive::sandbox::seed::{content as drive, ids};
use wsmcp_drive::sandbox::{BlockKind, Content, spans};

use super::model::{Block, Bullet, Doc, Para, Run, Tab, Table};
use super::store::{Entry, Store};

/// The tab ids of the Atlas plan.
pub const PLAN_TAB: &str = "t.0";
pub const RISKS_TAB: &str = "t.risks4q8v2k";

pub fn account(user: &str) -> Store {
    let mut docs = BTreeMap::new();
    let mut add = |id: &str, title: &str, content: Content, writable: bool| {
        let tab = tab_from(PLAN_TAB, "Tab 1", content);
        docs.insert(
            id.to_string(),
            Entry { doc: Doc { id: id.into(), title: title.into(), tabs: vec![tab], revision: 1 }, writable },
        );
    };
    add(ids::ATLAS_PLAN_DOC, "Atlas Q3 plan", drive::atlas_plan(), true);
    add(ids::MEETING_NOTES_JA_DOC, "会議メモ – Atlas Japan pilot", drive::japan_memo(), true);
    add(ids::ATLAS_FAQ_PUBLIC_DOC, "Atlas public FAQ", drive::public_faq(), true);
    add(ids::HIRING_PLAN_DOC, "Atlas hiring plan", drive::hiring_plan(), true);
    add(ids::TRAVEL_POLICY_DOC, "Example.com travel policy 2026", drive::travel_policy(), false);
    add(ids::TEAM_CHECKLIST_DOC, "Launch checklist", drive::launch_checklist(), true);
    if let Some(plan) = docs.get_mut(ids::ATLAS_PLAN_DOC) {
        plan.doc.tabs[0].title = "Plan".into();
        plan.doc.tabs.push(risks_tab());
    }
    Store { user: user.to_string(), docs }
}

fn risks_tab() -> Tab {
    let mut body = vec![
        Block::Para(Para::new("HEADING_1", "🚧 Risk register")),
        Block::Para(Para::new("NORMAL_TEXT", "Reviewed weekly by Priya Shah and Alex Rivera.")),
    ];
    for item in ["Conflict resolution grows in scope", "Northwind pilot data import is late"] {
        let mut p = Para::new("NORMAL_TEXT", item);
        p.bullet = Some(Bullet { list_id: "kix.risks1".into(), level: 0 });
        body.push(Block::Para(p));
    }
    body.push(Block::Table(Table::from_text(&[
        &["Risk", "Owner", "Mitigation"],
        &["Offline mode slips", "Alex Rivera", "Keep the conflict UI minimal"],
        &["Munich offsite over budget", "Lena Fischer", "Share rooms"],
    ])));
    body.push(Block::Para(Para::new("NORMAL_TEXT", "Next review: Thursday sync.")));
    let mut tab = Tab::new(RISKS_TAB, "Risks", body);
    tab.lists.push(("kix.risks1".into(), false));
    tab
}

/// A tab holding the paragraphs of a Drive seed document; each run of bullets is one list.
pub(crate) fn tab_from(id: &str, title: &str, content: Content) -> Tab {
    let Content::Document(blocks) = content else {
        return Tab::new(id, title, vec![Block::Para(Para::new("NORMAL_TEXT", ""))]);
    };
    let mut tab = Tab::new(id, title, Vec::new());
    let mut previous_bullet = false;
    for b in blocks {
        let style = match b.kind {
            BlockKind::Title => "TITLE".to_string(),
            BlockKind::Heading(n) => format!("HEADING_{n}"),
            BlockKind::Paragraph | BlockKind::Bullet => "NORMAL_TEXT".to_string(),
        };
        let mut runs: Vec<Run> = spans(&b.text).into_iter().map(|(text, url)| Run { text, style: link(url) }).collect();
        runs.push(Run::plain("\n"));
        let mut para = Para { runs, named_style: style, bullet: None, style: Map::new() };
        if b.kind == BlockKind::Bullet {
            if !previous_bullet {
                tab.lists.push((format!("kix.list{}", tab.lists.len() + 1), false));
            }
            let list_id = tab.lists.last().map(|(id, _)| id.clone()).unwrap_or_default();
            para.bullet = Some(Bullet { list_id, level: 0 });
        }
        previous_bullet = b.kind == BlockKind::Bullet;
        tab.body.push(Block::Para(merge_plain(para)));
    }
    tab
}

fn link(url: Option<String>) -> Map<String, Value> {
    let mut style = Map::new();
    if let Some(url) = url {
        style.insert("link".into(), json!({"url": url}));
        style.insert("underline".into(), json!(true));
    }
    style
}

/// Adjacent runs of the same style as one, as Docs serves them.
fn merge_plain(mut p: Para) -> Para {
    let mut runs: Vec<Run> = Vec::new();
    for r in p.runs.drain(..) {
        match runs.last_mut() {
            Some(last) if last.style == r.style => last.text.push_str(&r.text),
            _ => runs.push(r),
        }
    }
    p.runs = runs;
    p
}
