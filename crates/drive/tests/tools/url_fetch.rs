//! Uploads from a URL: fetched only from public addresses, every redirect hop checked. A
//! loopback [`Site`] stands in for a public web site (the fetcher allows exactly its
//! address); a second one plays an internal endpoint that must never be reached.

use wsmcp_core::remote::UrlFetcher;
use wsmcp_testkit::{Page, Site};

use super::*;

#[tokio::test]
async fn upload_urls_follow_only_public_redirects() {
    let inside = Site::serve(vec![("/latest/meta-data", Page::Body("text/plain", b"credentials".to_vec()))]).await;
    let site = Site::serve(vec![
        ("/q3/costs.csv", Page::Body("text/csv", b"item,eur\nrent,900\n".to_vec())),
        ("/share/costs", Page::Redirect("/q3/costs.csv".into())),
        ("/share/meta", Page::Redirect(inside.url("/latest/meta-data"))),
        ("/share/nat64", Page::Redirect(format!("http://[64:ff9b::7f00:1]:{}/latest/meta-data", inside.addr.port()))),
    ])
    .await;
    let env = Env::new().await;
    let fetcher = UrlFetcher::new(&Default::default()).unwrap().allowing(site.addr);
    let env = Env { h: env.h.with_fetcher(fetcher), dir: env.dir };

    let out =
        env.ok("create_drive_file", json!({"file_name": "Q3 costs.csv", "fileUrl": site.url("/share/costs")})).await;
    let id = id_after(&out.text, "(id:");
    let stored = wsmcp_drive::api::files_get_media(&env.g(), &id).await.unwrap();
    assert_eq!(stored.as_ref(), b"item,eur\nrent,900\n");

    for path in ["/share/meta", "/share/nat64"] {
        let e = env.err("create_drive_file", json!({"file_name": "x", "fileUrl": site.url(path)})).await;
        assert!(is_refused(&e) && e.to_string().contains("non-public address"), "{path}: {e}");
        let e = env.err("import_to_google_doc", json!({"file_name": "x", "file_url": site.url(path)})).await;
        assert!(is_refused(&e), "{path}: {e}");
    }
    assert!(inside.requested().is_empty(), "the internal endpoint was never reached");
    assert_eq!(env.requests("drive.files.create").len(), 1, "refused URLs upload nothing");
    env.done();
}
