//! Uploads: media and multipart (with conversion to Google types and export afterwards),
//! resumable sessions with their `Location`, a 50 MB body sent in chunks with
//! `Content-Range` (308 and `Range` until complete), status queries, a single-PUT upload,
//! media updates, and the refusals Google gives.

use serde_json::json;

use crate::support::{Drive, Reply, ids, multipart, start};

async fn open(d: &Drive, path: &str, meta: serde_json::Value, length: Option<usize>, kind: &str) -> Reply {
    let mut req = d
        .client
        .request(if path.contains("/files/") { reqwest::Method::PATCH } else { reqwest::Method::POST }, d.url(path))
        .header("x-upload-content-type", kind)
        .json(&meta);
    if let Some(len) = length {
        req = req.header("x-upload-content-length", len.to_string());
    }
    d.send(req).await
}

async fn put(d: &Drive, location: &str, range: Option<String>, body: Vec<u8>) -> Reply {
    let mut req = d.client.put(location).body(body);
    if let Some(range) = range {
        req = req.header("content-range", range);
    }
    d.send(req).await
}

#[tokio::test]
async fn fifty_megabytes_in_chunks() {
    let d = start().await;
    let total: usize = 50 * 1024 * 1024;
    let data: Vec<u8> = (0..total).map(|i| (i % 251) as u8).collect();
    let r = open(
        &d,
        "/upload/drive/v3/files?uploadType=resumable&fields=id,name,size,mimeType,parents",
        json!({"name": "atlas-field-recording.bin", "parents": [ids::FOLDER_ATLAS]}),
        Some(total),
        "application/octet-stream",
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert!(r.bytes.is_empty());
    let location = r.header("location").unwrap();
    assert!(location.starts_with(&d.url("/upload/drive/v3/files?")), "{location}");
    assert!(location.contains("uploadType=resumable") && location.contains("upload_id="));

    let chunk = 8 * 1024 * 1024;
    let mut offset = 0;
    while offset < total {
        let end = (offset + chunk).min(total);
        let r =
            put(&d, &location, Some(format!("bytes {offset}-{}/{total}", end - 1)), data[offset..end].to_vec()).await;
        if end < total {
            assert_eq!(r.status, 308, "{}", r.text());
            assert_eq!(r.header("range"), Some(format!("bytes=0-{}", end - 1)));
        } else {
            assert_eq!(r.status, 200, "{}", r.text());
            let file = r.json();
            assert_eq!(file["size"], total.to_string());
            assert_eq!(file["name"], "atlas-field-recording.bin");
            assert_eq!(file["parents"][0], ids::FOLDER_ATLAS);
            let id = file["id"].as_str().unwrap().to_string();
            let back = d.get(&format!("/drive/v3/files/{id}?alt=media")).await;
            assert_eq!(back.bytes.len(), total);
            assert!(back.bytes == data, "the stored bytes are the uploaded bytes");
        }
        offset = end;
    }
    // The session is gone once complete.
    let r = put(&d, &location, Some("bytes */*".into()), Vec::new()).await;
    assert_eq!(r.status, 404);
    d.assert_valid();
}

#[tokio::test]
async fn status_queries_retries_and_refusals() {
    let d = start().await;
    let total = 600 * 1024;
    let data: Vec<u8> = (0..total).map(|i| (i % 7) as u8 + b'a').collect();
    let r = open(
        &d,
        "/upload/drive/v3/files?uploadType=resumable",
        json!({"name": "notes-export.txt"}),
        None,
        "text/plain",
    )
    .await;
    let location = r.header("location").unwrap();
    // Nothing received yet: 308 without a Range.
    let r = put(&d, &location, Some(format!("bytes */{total}")), Vec::new()).await;
    assert_eq!((r.status, r.header("range")), (308, None));
    // A non-final chunk under 256 KiB is refused, as Google does.
    let r = put(&d, &location, Some(format!("bytes 0-1023/{total}")), data[..1024].to_vec()).await;
    assert_eq!(r.status, 400);
    assert!(r.text().contains("262144"));
    let first = 256 * 1024;
    let r = put(&d, &location, Some(format!("bytes 0-{}/*", first - 1)), data[..first].to_vec()).await;
    assert_eq!((r.status, r.header("range")), (308, Some(format!("bytes=0-{}", first - 1))));
    // A chunk past what was received is refused; a retry of the same chunk is fine.
    let r =
        put(&d, &location, Some(format!("bytes {}-{}/{total}", first + 10, total - 1)), data[first + 10..].to_vec())
            .await;
    assert_eq!(r.status, 400);
    let r = put(&d, &location, Some(format!("bytes 0-{}/*", first - 1)), data[..first].to_vec()).await;
    assert_eq!(r.status, 308);
    let r = put(&d, &location, Some("garbage".into()), Vec::new()).await;
    assert_eq!(r.status, 400);
    let r = put(&d, &location, Some(format!("bytes {first}-{}/{total}", total - 1)), data[first..].to_vec()).await;
    assert_eq!(r.status, 200, "{}", r.text());
    let id = r.json()["id"].as_str().unwrap().to_string();
    let meta = d.file(&id, "mimeType,size").await;
    assert_eq!(meta, json!({"mimeType": "text/plain", "size": total.to_string()}));

    let r = put(&d, &d.url("/upload/drive/v3/files?uploadType=resumable&upload_id=nope"), None, b"x".to_vec()).await;
    assert_eq!(r.status, 404);
    let r = open(
        &d,
        "/upload/drive/v3/files?uploadType=resumable",
        json!({"name": "x", "parents": ["1Nowhere"]}),
        None,
        "text/plain",
    )
    .await;
    assert_eq!(r.status, 404, "a bad parent is refused when the session opens");
    d.assert_valid();
}

#[tokio::test]
async fn single_put_conversion_and_media_updates() {
    let d = start().await;
    // The /resumable/ path needs no uploadType; one PUT without Content-Range completes it.
    let r = open(
        &d,
        "/resumable/upload/drive/v3/files?fields=id,mimeType",
        json!({"name": "Offsite budget", "mimeType": "application/vnd.google-apps.spreadsheet"}),
        None,
        "text/csv",
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let location = r.header("location").unwrap();
    let r = put(&d, &location, None, b"Posten,EUR\nHotel,417\n".to_vec()).await;
    assert_eq!(r.status, 200, "{}", r.text());
    let sheet = r.json();
    assert_eq!(sheet["mimeType"], "application/vnd.google-apps.spreadsheet");
    let csv =
        d.get(&format!("/drive/v3/files/{}/export?mimeType=text/csv", sheet["id"].as_str().unwrap())).await.text();
    assert_eq!(csv, "Posten,EUR\nHotel,417");

    // New content for an existing file: media, multipart and resumable updates.
    let path = format!("/upload/drive/v3/files/{}?uploadType=media&fields=size,version", ids::NOTES_MD);
    let notes = "# Notes\n\nAll done.\n";
    let r = d.send(d.client.patch(d.url(&path)).header("content-type", "text/markdown").body(notes)).await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["size"], notes.len().to_string());
    let r = multipart(
        &d,
        reqwest::Method::PATCH,
        &format!("/upload/drive/v3/files/{}?uploadType=multipart&fields=name,mimeType", ids::ATLAS_PLAN_DOC),
        json!({"name": "Atlas Q3 plan (rewritten)"}),
        "text/plain",
        b"Goals\nShip it",
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["mimeType"], "application/vnd.google-apps.document", "a Doc stays a Doc");
    let text = d.get(&format!("/drive/v3/files/{}/export?mimeType=text/plain", ids::ATLAS_PLAN_DOC)).await.text();
    assert_eq!(text, "\u{feff}Goals\r\nShip it");
    let r = open(
        &d,
        &format!("/upload/drive/v3/files/{}?uploadType=resumable", ids::UEBERSICHT_TXT),
        json!({}),
        Some(5),
        "text/plain",
    )
    .await;
    let location = r.header("location").unwrap();
    assert!(location.contains(ids::UEBERSICHT_TXT));
    let r = put(&d, &location, Some("bytes 0-4/5".into()), b"Neu!\n".to_vec()).await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(d.get(&format!("/drive/v3/files/{}?alt=media", ids::UEBERSICHT_TXT)).await.text(), "Neu!\n");
    let r = d
        .send(
            d.client
                .patch(d.url(&format!("/upload/drive/v3/files/{}?uploadType=media", ids::MOCKUPS_PNG)))
                .header("content-type", "image/png")
                .body(vec![1, 2, 3]),
        )
        .await;
    assert_eq!((r.status, r.reason()), (403, "insufficientFilePermissions".to_string()));
    d.assert_valid();
}

#[tokio::test]
async fn uploads_convert_and_export() {
    let d = start().await;
    let upload = "/upload/drive/v3/files?uploadType=multipart&fields=id,name,mimeType,size,originalFilename";
    let md = "# Launch plan\n\nShip the **beta** in September.\n\n- invite Northwind\n- [press kit](https://example.com/press)\n";
    let r = multipart(&d, reqwest::Method::POST, upload, json!({"name": "Launch plan", "mimeType": "application/vnd.google-apps.document", "parents": [ids::FOLDER_ATLAS]}), "text/markdown", md.as_bytes()).await;
    assert_eq!(r.status, 200, "{}", r.text());
    let doc = r.json();
    assert_eq!(doc["mimeType"], "application/vnd.google-apps.document");
    assert!(doc.get("size").is_none());
    let id = doc["id"].as_str().unwrap();
    let text = d.get(&format!("/drive/v3/files/{id}/export?mimeType=text/plain")).await.text();
    assert_eq!(text, "\u{feff}Launch plan\r\nShip the **beta** in September.\r\n* invite Northwind\r\n* press kit");
    let back = d.get(&format!("/drive/v3/files/{id}/export?mimeType=text/markdown")).await.text();
    assert!(back.contains("# Launch plan") && back.contains("* [press kit](https://example.com/press)"), "{back}");
    let found = d.names(&[("q", "fullText contains 'invite Northwind'")]).await;
    assert_eq!(found, ["Launch plan"]);

    let csv = "Item,Cost\nHotel,139\n\"Dinner, team\",240\n";
    let sheet = multipart(
        &d,
        reqwest::Method::POST,
        upload,
        json!({"name": "Offsite costs", "mimeType": "application/vnd.google-apps.spreadsheet"}),
        "text/csv",
        csv.as_bytes(),
    )
    .await
    .json();
    let back =
        d.get(&format!("/drive/v3/files/{}/export?mimeType=text/csv", sheet["id"].as_str().unwrap())).await.text();
    assert_eq!(back, "Item,Cost\nHotel,139\n\"Dinner, team\",240");

    // An Office file converts too: export the seeded .docx back as a Google Doc.
    let docx = d.get(&format!("/drive/v3/files/{}?alt=media", ids::REQUIREMENTS_DOCX)).await.bytes;
    let word = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    let converted = multipart(
        &d,
        reqwest::Method::POST,
        upload,
        json!({"name": "Requirements (Docs)", "mimeType": "application/vnd.google-apps.document"}),
        word,
        &docx,
    )
    .await
    .json();
    let md = d
        .get(&format!("/drive/v3/files/{}/export?mimeType=text/markdown", converted["id"].as_str().unwrap()))
        .await
        .text();
    assert!(
        md.contains("# Atlas requirements")
            && md.contains("## Functional")
            && md.contains("* Conflict resolution with a minimal UI"),
        "{md}"
    );
    let pptx = d.get(&format!("/drive/v3/files/{}?alt=media", ids::PITCH_PPTX)).await.bytes;
    let slides = multipart(
        &d,
        reqwest::Method::POST,
        upload,
        json!({"mimeType": "application/vnd.google-apps.presentation"}),
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        &pptx,
    )
    .await
    .json();
    let text =
        d.get(&format!("/drive/v3/files/{}/export?mimeType=text/plain", slides["id"].as_str().unwrap())).await.text();
    assert!(text.contains("Atlas for Northwind\nOffline-first field operations"), "{text}");

    let r = multipart(
        &d,
        reqwest::Method::POST,
        upload,
        json!({"mimeType": "application/vnd.google-apps.spreadsheet"}),
        "image/png",
        b"\x89PNG",
    )
    .await;
    assert_eq!(r.status, 400, "no converter from PNG to Sheets");

    // Binary uploads keep their bytes; a missing type is guessed from the name.
    let bin = multipart(
        &d,
        reqwest::Method::POST,
        upload,
        json!({"name": "data.json"}),
        "application/octet-stream",
        b"{\"a\":1}",
    )
    .await
    .json();
    assert_eq!(bin["mimeType"], "application/json");
    assert_eq!(bin["size"], "7");
    assert_eq!(bin["originalFilename"], "data.json");
    let media = d
        .send(
            d.client
                .post(d.url("/upload/drive/v3/files?uploadType=media&fields=id,name,mimeType"))
                .header("content-type", "text/plain")
                .body("hello"),
        )
        .await
        .json();
    assert_eq!((media["name"].as_str(), media["mimeType"].as_str()), (Some("Untitled"), Some("text/plain")));
    let got = d.get(&format!("/drive/v3/files/{}?alt=media", media["id"].as_str().unwrap())).await;
    assert_eq!(got.text(), "hello");

    // A metadata part the File schema does not know is refused by Discovery validation.
    let r = multipart(&d, reqwest::Method::POST, upload, json!({"title": "v2 name"}), "text/plain", b"x").await;
    assert_eq!(r.status, 400);
    assert_eq!(d.handle.validation_failures(), 1);
}
