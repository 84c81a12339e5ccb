//! Comments and replies on files, as Drive keeps them: each belongs to one file, has an
//! author, may carry an anchor and quoted content (kept exactly as given), and is deleted
//! by tombstone (`deleted: true`, content dropped) so `includeDeleted` can still show it.

use serde_json::{Value, json};

use super::render::time;
use super::store::{Person, Store};

#[derive(Debug, Clone)]
pub struct Reply {
    pub id: String,
    pub author: Person,
    pub content: String,
    /// `resolve` or `reopen`, when the reply changed the comment's state.
    pub action: Option<String>,
    pub created: i64,
    pub modified: i64,
    pub deleted: bool,
}

#[derive(Debug, Clone)]
pub struct Comment {
    pub id: String,
    pub file_id: String,
    pub author: Person,
    pub content: String,
    pub anchor: Option<String>,
    /// `quotedFileContent` as the client sent it.
    pub quoted: Option<Value>,
    pub created: i64,
    pub modified: i64,
    pub resolved: bool,
    pub deleted: bool,
    pub replies: Vec<Reply>,
}

impl Comment {
    pub fn new(id: &str, file_id: &str, author: Person, content: &str, at: i64) -> Self {
        Comment {
            id: id.to_string(),
            file_id: file_id.to_string(),
            author,
            content: content.to_string(),
            anchor: None,
            quoted: None,
            created: at,
            modified: at,
            resolved: false,
            deleted: false,
            replies: Vec::new(),
        }
    }
}

impl Store {
    pub fn comment(&self, file_id: &str, comment_id: &str) -> Option<&Comment> {
        self.comments.iter().find(|c| c.file_id == file_id && c.id == comment_id)
    }

    pub fn comment_mut(&mut self, file_id: &str, comment_id: &str) -> Option<&mut Comment> {
        self.comments.iter_mut().find(|c| c.file_id == file_id && c.id == comment_id)
    }

    /// The comments of a file, oldest first.
    pub fn comments_of(&self, file_id: &str) -> impl Iterator<Item = &Comment> {
        self.comments.iter().filter(move |c| c.file_id == file_id)
    }

    pub fn add_comment(&mut self, comment: Comment) {
        self.comments.push(comment);
    }
}

/// Drive's `htmlContent`: the text with HTML's special characters escaped and line breaks as `<br>`.
fn html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' => out.push_str("<br>"),
            c => out.push(c),
        }
    }
    out
}

/// A comment's author as the comments API shows it: no email address, only the name and
/// whether it is the caller.
fn author_json(store: &Store, p: &Person) -> Value {
    json!({
        "kind": "drive#user",
        "displayName": p.name,
        "me": p.email.eq_ignore_ascii_case(&store.me().email),
        "photoLink": format!("//lh3.googleusercontent.com/a/default-user=s64?sbx={}",
            super::render::permission_id_for(&p.email)),
    })
}

pub fn reply_json(store: &Store, r: &Reply) -> Value {
    let mut v = json!({
        "kind": "drive#reply",
        "id": r.id,
        "createdTime": time(r.created),
        "modifiedTime": time(r.modified),
        "author": author_json(store, &r.author),
        "deleted": r.deleted,
    });
    if !r.deleted {
        v["content"] = Value::from(r.content.as_str());
        v["htmlContent"] = Value::from(html(&r.content));
    }
    if let Some(action) = &r.action {
        v["action"] = Value::from(action.as_str());
    }
    v
}

/// A comment with its replies (deleted replies only when `include_deleted`).
pub fn comment_json(store: &Store, c: &Comment, include_deleted: bool) -> Value {
    let replies: Vec<Value> =
        c.replies.iter().filter(|r| include_deleted || !r.deleted).map(|r| reply_json(store, r)).collect();
    let mut v = json!({
        "kind": "drive#comment",
        "id": c.id,
        "createdTime": time(c.created),
        "modifiedTime": time(c.modified),
        "author": author_json(store, &c.author),
        "deleted": c.deleted,
        "resolved": c.resolved,
        "replies": replies,
    });
    if !c.deleted {
        v["content"] = Value::from(c.content.as_str());
        v["htmlContent"] = Value::from(html(&c.content));
    }
    if let Some(anchor) = &c.anchor {
        v["anchor"] = Value::from(anchor.as_str());
    }
    if let Some(quoted) = &c.quoted {
        v["quotedFileContent"] = quoted.clone();
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_content_escapes_markup() {
        assert_eq!(html("a < b & \"c\"\nd"), "a &lt; b &amp; &quot;c&quot;<br>d");
    }
}
