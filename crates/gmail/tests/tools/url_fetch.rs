//! Attachments by URL: fetched only from public addresses, every redirect hop checked. A
//! loopback [`Site`] stands in for a public web site (the fetcher is told to allow exactly its
//! address); a second one plays an internal endpoint that must never be reached.

use wsmcp_core::remote::UrlFetcher;
use wsmcp_testkit::{Page, Site};

use super::*;

async fn env_trusting(site: &Site) -> Env {
    let env = Env::new().await;
    let fetcher = UrlFetcher::new(&Default::default()).unwrap().allowing(site.addr);
    Env { h: env.h.with_fetcher(fetcher), dir: env.dir }
}

fn with_url(url: String) -> Value {
    json!({"to": "a@example.com", "subject": "Report", "body": "Attached.", "include_signature": false,
        "attachments": [{"url": url}]})
}

#[tokio::test]
async fn attachment_urls_follow_only_public_redirects() {
    let inside = Site::serve(vec![("/secret", Page::Body("text/plain", b"internal".to_vec()))]).await;
    let site = Site::serve(vec![
        ("/files/report.csv", Page::Body("text/csv", b"region,total\nnorth,12\n".to_vec())),
        ("/latest", Page::Redirect("/files/report.csv".into())),
        ("/export", Page::Redirect(inside.url("/secret"))),
        ("/mapped", Page::Redirect(format!("http://[::ffff:127.0.0.1]:{}/secret", inside.addr.port()))),
    ])
    .await;
    let env = env_trusting(&site).await;

    let out = env.ok("send_gmail_message", with_url(site.url("/latest"))).await;
    assert!(out.text.contains("report.csv (text/csv"), "{}", out.text);
    let raw = raw_of(&env.last("gmail.users.messages.send"));
    let parsed = MessageParser::default().parse(&raw).unwrap();
    let attachment = parsed.attachments().next().unwrap();
    assert_eq!(attachment.attachment_name(), Some("report.csv"));
    assert_eq!(attachment.contents(), b"region,total\nnorth,12\n");

    for path in ["/export", "/mapped"] {
        let e = env.err("send_gmail_message", with_url(site.url(path))).await;
        assert!(matches!(e, ToolError::Refused(_)), "{path}: {e}");
        assert!(e.to_string().contains("non-public address"), "{path}: {e}");
    }
    assert!(inside.requested().is_empty(), "the internal endpoint was never reached");
    assert_eq!(env.requests("gmail.users.messages.send").len(), 1, "refused attachments send nothing");
    env.done();
}
