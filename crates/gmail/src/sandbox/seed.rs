//! The sample mailbox every sandbox starts with: realistic threads between the sandbox
//! user and a recurring cast, built as real RFC 822 with mail-builder, dated relative
//! to now (so `newer_than:7d` always finds mail). `work` holds colleague threads,
//! `external` customers, newsletters, receipts and spam, `real_world` mail in legacy
//! charsets and awkward shapes (written byte for byte with `raw_mime`), `assets` the
//! attachments.

use mail_builder::MessageBuilder;
use mail_builder::headers::content_type::ContentType;
use mail_builder::mime::MimePart;
use wsmcp_sandbox_kit::ids;

use super::store::{Filter, FilterAction, FilterCriteria, Label, LabelColor, NewMessage, Store};

mod assets;
mod external;
mod raw_mime;
pub mod real_world;
mod work;

/// The user labels the seed creates, in this order (so their ids are stable).
pub const ATLAS: &str = "Label_1";
pub const RECEIPTS: &str = "Label_2";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub name: String,
    pub email: String,
}

pub fn person(name: &str, email: &str) -> Person {
    Person { name: name.to_string(), email: email.to_string() }
}

pub struct Attach {
    pub mime: &'static str,
    pub filename: &'static str,
    pub data: Vec<u8>,
}

pub enum Body {
    Text(String),
    Html(String),
    Alternative {
        text: String,
        html: String,
    },
    /// HTML showing an inline image by `cid:`.
    Related {
        text: String,
        html: String,
        cid: &'static str,
        name: &'static str,
        image: Vec<u8>,
    },
    /// A calendar invitation: text, HTML and a `text/calendar; method=REQUEST` part.
    Invite {
        text: String,
        html: String,
        ics: String,
    },
}

/// Where a received message sits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    Inbox,
    Archived,
    Spam,
    Trash,
}

pub struct Mail {
    pub from: Person,
    pub to: Vec<Person>,
    pub cc: Vec<Person>,
    /// `None` on a reply: "Re: " and the thread's subject.
    pub subject: Option<String>,
    pub hours_ago: f64,
    pub body: Body,
    pub attachments: Vec<Attach>,
    pub labels: Vec<&'static str>,
    pub category: &'static str,
    pub place: Place,
}

impl Mail {
    pub fn new(from: &Person, to: &[&Person], hours_ago: f64, body: Body) -> Self {
        Self {
            from: from.clone(),
            to: to.iter().map(|p| (*p).clone()).collect(),
            cc: Vec::new(),
            subject: None,
            hours_ago,
            body,
            attachments: Vec::new(),
            labels: Vec::new(),
            category: "CATEGORY_PERSONAL",
            place: Place::Inbox,
        }
    }
    pub fn subject(mut self, subject: &str) -> Self {
        self.subject = Some(subject.to_string());
        self
    }
    pub fn cc(mut self, cc: &[&Person]) -> Self {
        self.cc = cc.iter().map(|p| (*p).clone()).collect();
        self
    }
    pub fn attach(mut self, mime: &'static str, filename: &'static str, data: Vec<u8>) -> Self {
        self.attachments.push(Attach { mime, filename, data });
        self
    }
    pub fn label(mut self, label: &'static str) -> Self {
        self.labels.push(label);
        self
    }
    pub fn unread(self) -> Self {
        self.label("UNREAD")
    }
    pub fn starred(self) -> Self {
        self.label("STARRED")
    }
    pub fn important(self) -> Self {
        self.label("IMPORTANT")
    }
    pub fn category(mut self, category: &'static str) -> Self {
        self.category = category;
        self
    }
    pub fn place(mut self, place: Place) -> Self {
        self.place = place;
        self
    }
}

/// Builds the mailbox: each `thread` call files its mails in order, each one after the
/// first replying to the one before (In-Reply-To, References, "Re:" subject).
pub struct Seeder {
    pub store: Store,
    pub me: Person,
    pub now_ms: i64,
}

impl Seeder {
    pub fn thread(&mut self, key: &str, mails: Vec<Mail>) {
        let mut ids: Vec<String> = Vec::new();
        let mut first_subject = String::new();
        for (n, mail) in mails.into_iter().enumerate() {
            let subject = match &mail.subject {
                Some(s) => s.clone(),
                None => format!("Re: {first_subject}"),
            };
            if n == 0 {
                first_subject = subject.clone();
            }
            let when_ms = self.now_ms - (mail.hours_ago * 3_600_000.0) as i64;
            let domain = mail.from.email.split('@').nth(1).unwrap_or("example.com").to_string();
            let message_id = format!("{key}.{n}.{}@{domain}", when_ms / 1000);
            let raw = build(&mail, &subject, &message_id, &ids, when_ms / 1000);
            let labels = self.labels_for(&mail);
            self.store.insert(NewMessage { raw, label_ids: labels, thread_id: None, internal_date: Some(when_ms) });
            ids.push(message_id);
        }
    }

    fn labels_for(&self, mail: &Mail) -> Vec<String> {
        let mut labels: Vec<String> = Vec::new();
        if mail.from.email == self.me.email {
            labels.push("SENT".into());
        } else {
            match mail.place {
                Place::Inbox => labels.extend(["INBOX".to_string(), mail.category.to_string()]),
                Place::Archived => labels.push(mail.category.to_string()),
                Place::Spam => labels.push("SPAM".into()),
                Place::Trash => labels.extend(["TRASH".to_string(), mail.category.to_string()]),
            }
        }
        labels.extend(mail.labels.iter().map(|l| l.to_string()));
        labels
    }
}

fn build(mail: &Mail, subject: &str, message_id: &str, parents: &[String], date_secs: i64) -> Vec<u8> {
    let pair = |p: &Person| (p.name.clone(), p.email.clone());
    let mut builder = MessageBuilder::new()
        .from(pair(&mail.from))
        .to(mail.to.iter().map(pair).collect::<Vec<_>>())
        .subject(subject.to_string())
        .date(date_secs)
        .message_id(message_id.to_string());
    if !mail.cc.is_empty() {
        builder = builder.cc(mail.cc.iter().map(pair).collect::<Vec<_>>());
    }
    if let Some(parent) = parents.last() {
        builder = builder.in_reply_to(parent.clone()).references(parents.to_vec());
    }
    builder.body(mime_tree(mail)).write_to_vec().unwrap_or_default()
}

fn mime_tree(mail: &Mail) -> MimePart<'static> {
    let alternative = |text: &str, html: &str| {
        MimePart::new(
            "multipart/alternative",
            vec![MimePart::new("text/plain", text.to_string()), MimePart::new("text/html", html.to_string())],
        )
    };
    let content = match &mail.body {
        Body::Text(text) => MimePart::new("text/plain", text.clone()),
        Body::Html(html) => MimePart::new("text/html", html.clone()),
        Body::Alternative { text, html } => alternative(text, html),
        Body::Related { text, html, cid, name, image } => MimePart::new(
            "multipart/related",
            vec![
                alternative(text, html),
                MimePart::new(ContentType::new("image/png").attribute("name", *name), image.clone()).inline().cid(*cid),
            ],
        ),
        Body::Invite { text, html, ics } => MimePart::new(
            "multipart/alternative",
            vec![
                MimePart::new("text/plain", text.clone()),
                MimePart::new("text/html", html.clone()),
                MimePart::new(
                    ContentType::new("text/calendar").attribute("charset", "UTF-8").attribute("method", "REQUEST"),
                    ics.clone(),
                ),
            ],
        ),
    };
    if mail.attachments.is_empty() {
        return content;
    }
    let mut parts = vec![content];
    for a in &mail.attachments {
        parts.push(
            MimePart::new(ContentType::new(a.mime).attribute("name", a.filename), a.data.clone())
                .attachment(a.filename),
        );
    }
    MimePart::new("multipart/mixed", parts)
}

/// The sample mailbox of `user_email`.
pub fn mailbox(user_email: &str) -> Store {
    let mut store = Store::new(user_email);
    for (id, name, bg) in [(ATLAS, "Projects/Atlas", "#4a86e8"), (RECEIPTS, "Receipts", "#16a766")] {
        store.labels.push(Label {
            id: id.to_string(),
            name: name.to_string(),
            system: false,
            message_list_visibility: Some("show".into()),
            label_list_visibility: Some("labelShow".into()),
            color: Some(LabelColor { background_color: bg.into(), text_color: "#ffffff".into() }),
        });
    }
    store.next_label = 3;
    store.filters.push(Filter {
        id: Some("ANe1BmjSandboxReceiptsFilter01".into()),
        criteria: FilterCriteria { from: Some("receipts@skyline-air.example".into()), ..Default::default() },
        action: FilterAction {
            add_label_ids: vec![RECEIPTS.into()],
            remove_label_ids: vec!["INBOX".into()],
            forward: None,
        },
    });
    let me = person(&wsmcp_sandbox_kit::oauth::display_name_for(user_email), user_email);
    let mut seeder = Seeder { store, me, now_ms: ids::now_millis() };
    work::threads(&mut seeder);
    external::threads(&mut seeder);
    real_world::threads(&mut seeder);
    add_draft(&mut seeder);
    seeder.store
}

/// One unsent draft: an announcement for the team.
fn add_draft(seeder: &mut Seeder) {
    let (priya, marco, lena) = (work::priya(), work::marco(), work::lena());
    let mail = Mail::new(
        &seeder.me,
        &[&priya, &marco, &lena],
        2.0,
        Body::Text(
            "Hi team,\n\nDraft for the launch note, comments welcome before I send it:\n\n\
         Atlas 1.0 ships next Tuesday. Highlights: faster sync, the new dashboard, and offline mode.\n\n\
         TODO: add the customer quote from Northwind.\n\nAlex"
                .into(),
        ),
    )
    .subject("Atlas 1.0 launch announcement");
    let when_ms = seeder.now_ms - 2 * 3_600_000;
    let raw = build(
        &mail,
        "Atlas 1.0 launch announcement",
        &format!("draft.launch.{}@example.com", when_ms / 1000),
        &[],
        when_ms / 1000,
    );
    let message_id = seeder.store.insert(NewMessage {
        raw,
        label_ids: vec!["DRAFT".into()],
        thread_id: None,
        internal_date: Some(when_ms),
    });
    seeder.store.drafts.push(("r-7340918827164385021".into(), message_id));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_mailbox_is_rich_enough() {
        let store = mailbox("alex.rivera@example.com");
        let messages: Vec<_> = store.messages().collect();
        assert!(messages.len() >= 40, "{} messages", messages.len());
        assert!(store.thread_count() >= 15);
        assert!(messages.iter().all(|m| !m.index.subject.is_empty()));
        assert_eq!(store.drafts.len(), 1);
        let replies = messages.iter().filter(|m| m.thread_id != m.id).count();
        assert!(replies >= 15, "threading by References: {replies} replies threaded");
    }
}
