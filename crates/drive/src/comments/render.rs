//! Comments as text for a model: one block per thread with its id (what manage takes), the
//! author, when, whether it is resolved, the quoted text it is anchored to, and its replies.

use super::{Author, Comment, Reply};

fn who(a: &Option<Author>) -> String {
    match a {
        Some(a) => {
            let name = a.display_name.clone().unwrap_or_else(|| "Unknown".to_string());
            if a.me { format!("{name} (you)") } else { name }
        }
        None => "Unknown".to_string(),
    }
}

fn reply_line(r: &Reply) -> String {
    let action = match r.action.as_deref() {
        Some("resolve") => " [resolved the comment]",
        Some("reopen") => " [reopened the comment]",
        _ => "",
    };
    let text = r.content.as_deref().unwrap_or("").replace('\n', " ");
    format!(
        "    Reply {} by {} at {}{action}: {text}\n",
        r.id.as_deref().unwrap_or("?"),
        who(&r.author),
        r.created_time.as_deref().unwrap_or("?")
    )
}

/// One comment thread.
pub fn comment_block(c: &Comment) -> String {
    let state = if c.resolved { " [resolved]" } else { "" };
    let mut out = format!(
        "Comment {} by {} at {}{state}\n  {}\n",
        c.id.as_deref().unwrap_or("?"),
        who(&c.author),
        c.created_time.as_deref().unwrap_or("?"),
        c.content.as_deref().unwrap_or("").replace('\n', "\n  ")
    );
    if let Some(q) = c.quoted_file_content.as_ref().and_then(|q| q.value.as_deref()).filter(|q| !q.is_empty()) {
        out.push_str(&format!("  On: \"{q}\"\n"));
    }
    for r in c.replies.iter().filter(|r| !r.deleted) {
        out.push_str(&reply_line(r));
    }
    out
}

/// All threads of a file; `noun` is "document", "spreadsheet" or "presentation".
pub fn comments_text(noun: &str, file_id: &str, comments: &[Comment], truncated: bool) -> String {
    if comments.is_empty() {
        return format!("No comments on {noun} {file_id}.\n");
    }
    let mut out = format!("{} comment(s) on {noun} {file_id}:\n\n", comments.len());
    for c in comments {
        out.push_str(&comment_block(c));
        out.push('\n');
    }
    if truncated {
        out.push_str("More comments exist: raise max_comments to see them.\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::comments::Quoted;

    #[test]
    fn a_thread_shows_ids_state_quote_and_replies() {
        let c = Comment {
            id: Some("c1".into()),
            content: Some("Move this?".into()),
            author: Some(Author { display_name: Some("Priya Shah".into()), me: false }),
            created_time: Some("2026-01-01T10:00:00.000Z".into()),
            resolved: true,
            quoted_file_content: Some(Quoted { value: Some("August".into()) }),
            replies: vec![Reply {
                id: Some("r1".into()),
                content: Some("Done".into()),
                author: Some(Author { display_name: Some("Alex Rivera".into()), me: true }),
                action: Some("resolve".into()),
                ..Default::default()
            }],
            ..Default::default()
        };
        let text = comments_text("document", "d1", &[c], false);
        assert!(text.contains("Comment c1 by Priya Shah at 2026-01-01T10:00:00.000Z [resolved]"), "{text}");
        assert!(text.contains("On: \"August\""));
        assert!(text.contains("Reply r1 by Alex Rivera (you)"));
        assert!(text.contains("[resolved the comment]: Done"));
    }
}
