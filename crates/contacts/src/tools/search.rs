//! search_contacts: the user's contacts, their "other contacts" (people they wrote to but
//! never saved) and the domain directory, merged into one list that says where each hit came
//! from. Google serves contact searches from a cache that a request with an empty query
//! refreshes, so each search sends that warm-up first. A source the sign-in has no scope for,
//! or that Google refuses (a personal account has no directory), is named, not fatal.

use schemars::JsonSchema;
use serde::Deserialize;
use serde_json::Value;
use wsmcp_core::scope::{CONTACTS_OTHER_READONLY, CONTACTS_READONLY, DIRECTORY_READONLY};
use wsmcp_core::tool::ToolMeta;
use wsmcp_core::{Hints, Service, Tier, ToolCtx, ToolDef, ToolError, ToolOutput};

use super::{bounded, google_with, nonblank};
use crate::api;
use crate::render;

const CONTACT_MASK: &str = "names,emailAddresses,phoneNumbers,organizations";
/// Other contacts carry only names, emails and phones.
const OTHER_MASK: &str = "names,emailAddresses,phoneNumbers";

fn thirty() -> i64 {
    30
}

// Arguments of `search_contacts`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct SearchContactsParams {
    /// What to look for: the start of a name, email address or phone number.
    pub query: String,
    /// Results per source (1-30).
    #[serde(default = "thirty")]
    pub page_size: i64,
}

pub fn search_contacts() -> ToolDef {
    ToolDef::new(
        ToolMeta {
            name: "search_contacts",
            title: "Search Contacts",
            description: "Search the user's contacts by the start of a name, email address or phone number; also \
                searches 'other contacts' (people the user wrote to but never saved) and the organization's \
                directory, labelling each hit with where it came from.",
            service: Service::Contacts,
            tier: Tier::Core,
            hints: Hints::READ,
            scopes: &[CONTACTS_READONLY, CONTACTS_OTHER_READONLY, DIRECTORY_READONLY],
        },
        search,
    )
}

/// Hits in order, each with the sources it was found in.
struct Hits(Vec<(Value, Vec<&'static str>)>);

fn emails(p: &Value) -> Vec<String> {
    p.get("emailAddresses")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|e| e.get("value").and_then(Value::as_str).map(str::to_lowercase))
        .collect()
}

impl Hits {
    /// Adds `p` from `source`, or adds the source to a hit with one of the same emails.
    fn add(&mut self, p: Value, source: &'static str) {
        let mine = emails(&p);
        let seen = self.0.iter_mut().find(|(q, _)| emails(q).iter().any(|e| mine.contains(e)));
        match seen {
            Some((_, sources)) if !sources.contains(&source) => sources.push(source),
            Some(_) => {}
            None => self.0.push((p, vec![source])),
        }
    }
}

async fn search(ctx: ToolCtx, p: SearchContactsParams) -> Result<ToolOutput, ToolError> {
    let query = nonblank(&p.query, "query")?;
    let size = bounded(p.page_size, 30, "page_size")?;
    let g = google_with(&ctx, &[CONTACTS_READONLY]).await?;
    api::people_search_contacts(&g, "", size, CONTACT_MASK).await?;
    let found = api::people_search_contacts(&g, query, size, CONTACT_MASK).await?;
    let mut hits = Hits(Vec::new());
    for r in found.results {
        hits.add(r.person, "contact");
    }
    let mut notes = Vec::new();
    match google_with(&ctx, &[CONTACTS_OTHER_READONLY]).await {
        Ok(g) => {
            let other = async {
                api::other_contacts_search(&g, "", size, OTHER_MASK).await?;
                api::other_contacts_search(&g, query, size, OTHER_MASK).await
            };
            match other.await {
                Ok(r) => r.results.into_iter().for_each(|r| hits.add(r.person, "other contact")),
                Err(e) => notes.push(format!("Other contacts were not searched: {e}")),
            }
        }
        Err(e) => notes.push(format!("Other contacts were not searched (the sign-in lacks their scope): {e}")),
    }
    match google_with(&ctx, &[DIRECTORY_READONLY]).await {
        Ok(g) => match api::people_search_directory_people(&g, query, size, CONTACT_MASK).await {
            Ok(r) => r.people.into_iter().for_each(|p| hits.add(p, "directory")),
            Err(e) => notes.push(format!("The directory was not searched: {e}")),
        },
        Err(e) => notes.push(format!("The directory was not searched (the sign-in lacks its scope): {e}")),
    }
    let mut out = if hits.0.is_empty() {
        format!("No contacts match '{query}' for {}.\n", g.user())
    } else {
        format!("{} match(es) for '{query}' for {}:\n", hits.0.len(), g.user())
    };
    for (person, sources) in &hits.0 {
        out.push_str(&format!("{} [{}]\n", render::person_line(person), sources.join(", ")));
    }
    if hits.0.iter().any(|(_, s)| !s.contains(&"contact")) {
        out.push_str(
            "\nOnly hits labelled 'contact' are saved contacts (get_contact and manage_contact take their ids).\n",
        );
    }
    for n in notes {
        out.push_str(&format!("\nNote: {n}\n"));
    }
    Ok(ToolOutput::text(out))
}
