//! Real-world mail read back through the tools: bodies in legacy charsets (served, as by
//! Gmail, in the charset they declare), RFC 2047 subjects and names, a stub-text
//! newsletter, a forwarded message, Outlook HTML and a body behind an attachment id.

use super::*;
use wsmcp_gmail::sandbox::seed::real_world::*;

/// Sender address, words its decoded body holds, its decoded subject.
const CHARSET_MAILS: &[(&str, &[&str], &str)] = &[
    ("juergen.weiss@druckerei-weiss.example", &["verzögert", "Grüßen", "Jürgen Weiß"], GERMAN_SUBJECT),
    ("kenji.watanabe@example.jp subject:見積り", &["お見積りをお送りいたします", "渡辺"], JAPANESE_SUBJECT),
    ("misaki.sato@sample-kk.example.jp", &["①月曜日", "②水曜日", "佐藤 美咲"], SHIFT_JIS_SUBJECT),
    ("wang.kun@example.cn", &["本地化工作已完成百分之八十", "王堃"], CHINESE_SUBJECT),
    ("ivan.petrov@example.ru", &["Договор подписан", "Иван Петров"], RUSSIAN_SUBJECT),
    (
        "dana.whitfield@northwind.example subject:renewal",
        &["“renewal”", "€97.20", "€11,664", "They’re"],
        WINDOWS_1252_SUBJECT,
    ),
];

async fn one(env: &Env, query: &str) -> String {
    let found = env.find(query).await;
    assert_eq!(found.len(), 1, "{query}: {found:?}");
    found[0].0.clone()
}

#[tokio::test]
async fn bodies_are_decoded_by_their_declared_charset() {
    let env = Env::new().await;
    let mut ids = Vec::new();
    for (from, words, subject) in CHARSET_MAILS {
        let id = one(&env, &format!("from:{from}")).await;
        let out = env.ok("get_gmail_message_content", json!({"message_id": id})).await.text;
        assert!(out.contains(&format!("Subject: {subject}")), "{from}: {out}");
        for w in *words {
            assert!(out.contains(w), "{from}: {w} missing in\n{out}");
        }
        assert!(!out.contains('\u{fffd}'), "{from}: replacement characters in\n{out}");
        if *subject == GERMAN_SUBJECT {
            // RFC 2231 continuations in ISO-8859-1, joined before decoding.
            assert!(out.contains(&format!("[0] {DELIVERY_NOTE} | application/pdf")), "{out}");
        }
        ids.push(id);
    }
    // Gmail serves the bytes untranscoded: the German body arrives as ISO-8859-1.
    let msg = api::users_messages_get(&env.g(), &ids[0], Format::Full).await.unwrap();
    let data = msg.payload.as_ref().unwrap().parts[0].body.as_ref().unwrap().data.clone().unwrap();
    let bytes = decode_base64url(&data).unwrap();
    assert!(bytes.windows(6).any(|w| w == b"verz\xf6g"), "ISO-8859-1 bytes expected");

    let batch = env.ok("get_gmail_messages_content_batch", json!({"message_ids": ids})).await.text;
    assert!(batch.starts_with(&format!("Read {} of {}", ids.len(), ids.len())), "{batch}");
    for (_, words, subject) in CHARSET_MAILS {
        assert!(batch.contains(subject), "{subject} missing in batch");
        assert!(words.iter().all(|w| batch.contains(w)), "{words:?} missing in batch");
    }
    env.done();
}

#[tokio::test]
async fn threads_show_decoded_text() {
    let env = Env::new().await;
    let (_, russian) = env.find("from:ivan.petrov@example.ru").await.remove(0);
    let out = env.ok("get_gmail_thread_content", json!({"thread_id": russian})).await.text;
    assert!(out.contains(&format!("Subject: {RUSSIAN_SUBJECT}")) && out.contains("Договор подписан"), "{out}");

    let (_, german) = env.find("from:juergen.weiss@druckerei-weiss.example").await.remove(0);
    let (_, chinese) = env.find("from:wang.kun@example.cn").await.remove(0);
    let out = env.ok("get_gmail_threads_content_batch", json!({"thread_ids": [german, chinese]})).await.text;
    assert!(out.starts_with("Read 2 of 2 thread(s)"), "{out}");
    assert!(out.contains("verzögert") && out.contains("本地化工作"), "{out}");
    env.done();
}

#[tokio::test]
async fn a_stub_text_part_gives_way_to_the_html() {
    let env = Env::new().await;
    let id = one(&env, "from:digest@clouddigest.example subject:FinOps").await;
    let out = env.ok("get_gmail_message_content", json!({"message_id": id, "include_links": true})).await.text;
    assert!(out.contains("Reserved capacity saved our readers 31%"), "{out}");
    assert!(out.contains("Tagging policies that survive a reorg"), "{out}");
    assert!(out.contains("only a stub of the HTML part"), "{out}");
    assert!(out.contains("https://clouddigest.example/articles/finops"), "{out}");
    env.done();
}

#[tokio::test]
async fn a_forwarded_message_is_shown_inline() {
    let env = Env::new().await;
    let id = one(&env, "from:priya.shah@example.com subject:questionnaire").await;
    let out = env.ok("get_gmail_message_content", json!({"message_id": id})).await.text;
    assert!(out.contains(&format!("Subject: {FORWARD_SUBJECT}")), "{out}");
    assert!(out.contains("Alex, can you take this one?"), "{out}");
    assert!(out.contains("---------- Forwarded message ----------"), "{out}");
    assert!(out.contains("From: \"Dana Whitfield\" <dana.whitfield@northwind.example>"), "{out}");
    assert!(out.contains("Subject: Security questionnaire for Atlas – due Friday"), "RFC 2047 decoded: {out}");
    assert!(out.contains("\nDate: ") && out.matches("Date: ").count() == 2, "{out}");
    assert!(out.contains("data residency, SSO, encryption at rest"), "{out}");
    // Still downloadable as the .eml it is.
    assert!(out.contains("Security questionnaire for Atlas.eml | message/rfc822"), "{out}");
    let attachment_id = out.split("attachment_id: ").nth(1).and_then(|s| s.lines().next()).unwrap();
    let eml = env
        .ok(
            "get_gmail_attachment_content",
            json!({"message_id": id, "attachment_id": attachment_id, "attachment_index": 0}),
        )
        .await;
    assert_eq!(eml.files.len(), 1, "{}", eml.text);
    env.done();
}

#[tokio::test]
async fn outlook_html_keeps_table_cells_apart() {
    let env = Env::new().await;
    let id = one(&env, "from:omar.haddad@contoso.example subject:reseller").await;
    let out = env.ok("get_gmail_message_content", json!({"message_id": id})).await.text;
    let body = out.split("--- Body ---").nth(1).unwrap_or_default();
    for cell in ["Region", "Seats", "Price per seat", "Gulf", "250", "USD 86", "Levant", "120", "USD 91"] {
        assert!(body.contains(cell), "{cell} missing in\n{body}");
    }
    for glued in ["Gulf250", "250USD", "Levant120", "RegionSeats", "SeatsPrice"] {
        assert!(!body.contains(glued), "cells glued ({glued}) in\n{body}");
    }
    for noise in ["mso", "o:p", "v:rect", "MsoNormal", "OfficeDocumentSettings", "Contoso\n"] {
        assert!(!body.contains(noise), "{noise} leaked into\n{body}");
    }
    assert!(body.contains("Gulf | 250 | USD 86\nLevant | 120 | USD 91"), "one line per row: {body}");
    assert!(body.contains("Hi Alex,") && body.contains("Best regards,"), "{body}");
    env.done();
}

#[tokio::test]
async fn a_large_body_behind_an_attachment_id_is_fetched() {
    let env = Env::new().await;
    let id = one(&env, "from:it-helpdesk@example.com subject:changelog").await;
    // As Gmail does for large parts: no data, an attachment id.
    let msg = api::users_messages_get(&env.g(), &id, Format::Full).await.unwrap();
    let body = msg.payload.as_ref().unwrap().body.clone().unwrap();
    assert!(body.data.is_none() && body.attachment_id.is_some(), "{body:?}");
    assert!(body.size > 48 * 1024);

    let out = env.ok("get_gmail_message_content", json!({"message_id": id})).await;
    assert!(out.text.contains(LARGE_FIRST_LINE), "{}", &out.text[..500.min(out.text.len())]);
    assert!(out.text.contains("[Truncated: the body has "), "cut with a note");
    assert!(!out.text.contains("Attachments ("), "the body is no attachment");
    assert_eq!(env.requests("gmail.users.messages.attachments.get").len(), 1);

    let full = env.ok("get_gmail_message_content", json!({"message_id": id, "full": true})).await;
    let saved = std::fs::read_to_string(&full.files[0].path).unwrap();
    assert!(saved.starts_with(LARGE_FIRST_LINE) && saved.trim_end().ends_with(LARGE_LAST_LINE), "{full:?}");

    let batch = env.ok("get_gmail_messages_content_batch", json!({"message_ids": [id]})).await;
    assert!(batch.text.contains(LARGE_FIRST_LINE), "{}", batch.text);
    let raw = env.ok("get_gmail_message_content", json!({"message_id": id, "body_format": "raw"})).await;
    assert!(raw.text.contains("Content-Transfer-Encoding: quoted-printable"), "raw serves the source");
    env.done();
}
