//! Upload plumbing: the public base URL handed to emulations (for a resumable session's
//! `Location`) and the Discovery checks of a multipart upload's metadata and media parts.

use axum::Router;
use axum::body::Body;
use axum::extract::Extension;
use axum::routing::post;
use http::Request;
use wsmcp_sandbox_kit::{PublicBase, Sandbox, ServiceEmulation};

use crate::support::{TOKEN, send};

/// `www.googleapis.com` answering Drive's upload URL with the public base it was given.
fn fake_drive() -> Sandbox {
    let router = Router::new().route(
        "/upload/drive/v3/files",
        post(|Extension(base): Extension<PublicBase>| async move { base.url("/upload/drive/v3/files?upload_id=1") }),
    );
    Sandbox::builder().service(ServiceEmulation::new("www.googleapis.com", router).discovery(&DRIVE_V3)).build()
}

static DRIVE_V3: wsmcp_sandbox_kit::Document = wsmcp_sandbox_kit::vendored!("drive.v3");

fn upload(uri: &str, host: &str, content_type: &str, body: &str) -> Request<Body> {
    Request::post(uri)
        .header("authorization", TOKEN)
        .header("host", host)
        .header("content-type", content_type)
        .body(Body::from(body.to_string()))
        .unwrap()
}

fn related(meta: &str, media_type: &str) -> String {
    format!(
        "--b\r\nContent-Type: application/json; charset=UTF-8\r\n\r\n{meta}\r\n--b\r\nContent-Type: {media_type}\r\n\r\nhello\r\n--b--\r\n"
    )
}

#[tokio::test]
async fn public_base_follows_how_the_host_was_addressed() {
    let sb = fake_drive();
    let (status, body, _) = send(
        &sb,
        upload("/www.googleapis.com/upload/drive/v3/files?uploadType=media", "127.0.0.1:4000", "text/plain", "x"),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body, "http://127.0.0.1:4000/www.googleapis.com/upload/drive/v3/files?upload_id=1");
    let (_, body, _) =
        send(&sb, upload("/upload/drive/v3/files?uploadType=media", "www.googleapis.com", "text/plain", "x")).await;
    assert_eq!(body, "https://www.googleapis.com/upload/drive/v3/files?upload_id=1");
}

#[tokio::test]
async fn multipart_parts_are_validated() {
    let sb = fake_drive();
    let uri = "/www.googleapis.com/upload/drive/v3/files?uploadType=multipart";
    let ct = "multipart/related; boundary=b";
    let (status, body, _) =
        send(&sb, upload(uri, "localhost", ct, &related(r#"{"name":"a.txt"}"#, "text/plain"))).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(sb.validation_failures(), 0);
    for (meta, media) in [
        (r#"{"title":"a.txt"}"#, "text/plain"),
        (r#"{"name": 3}"#, "text/plain"),
        ("not json", "text/plain"),
        (r#"{"name":"a.txt"}"#, "nonsense"),
    ] {
        let (status, body, _) = send(&sb, upload(uri, "localhost", ct, &related(meta, media))).await;
        assert_eq!(status, 400, "{meta} / {media}: {body}");
    }
    let one_part = "--b\r\nContent-Type: application/json\r\n\r\n{}\r\n--b--\r\n";
    let (status, _, _) = send(&sb, upload(uri, "localhost", ct, one_part)).await;
    assert_eq!(status, 400);
    assert_eq!(sb.validation_failures(), 5);
}
