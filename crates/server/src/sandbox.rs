//! Starts the in-process Google emulation that `--sandbox` runs against.

use wsmcp_sandbox_kit::{Sandbox, SandboxHandle};

/// Every emulated API, seeded for `user`, served on a free loopback port.
pub async fn start(user: &str) -> Result<SandboxHandle, String> {
    Sandbox::builder()
        .services(crate::services::emulations(user))
        .build()
        .serve("127.0.0.1:0")
        .await
        .map_err(|e| format!("cannot start the sandbox: {e}"))
}

#[cfg(test)]
mod tests {
    //! One Drive for every editor, as `--sandbox` composes it: files made through Sheets and
    //! Slides are Drive files whose export shows their content, a Drive rename retitles them,
    //! and a reset reseeds both sides.

    use axum::body::Body;
    use http::{Method, Request};
    use serde_json::{Value, json};
    use tower::ServiceExt as _;
    use wsmcp_sandbox_kit::Sandbox;

    const USER: &str = "alex.rivera@example.com";

    async fn call(sandbox: &Sandbox, method: Method, url: &str, body: Option<Value>) -> (u16, String) {
        let request = Request::builder()
            .method(method)
            .uri(url)
            .header("authorization", "Bearer sandbox")
            .header("content-type", "application/json")
            .body(body.map_or_else(Body::empty, |b| Body::from(b.to_string())))
            .unwrap();
        let response = sandbox.router().oneshot(request).await.unwrap();
        let status = response.status().as_u16();
        let bytes = axum::body::to_bytes(response.into_body(), usize::MAX).await.unwrap();
        (status, String::from_utf8_lossy(&bytes).into_owned())
    }

    async fn json_of(sandbox: &Sandbox, method: Method, url: &str, body: Option<Value>) -> Value {
        let (status, text) = call(sandbox, method, url, body).await;
        assert_eq!(status, 200, "{url}: {text}");
        serde_json::from_str(&text).unwrap()
    }

    const DRIVE: &str = "/www.googleapis.com/drive/v3/files";

    #[tokio::test]
    async fn sheets_and_slides_files_live_in_drive_and_reset_reseeds_both() {
        let sandbox = Sandbox::builder().services(crate::services::emulations(USER)).build();
        let sheets = "/sheets.googleapis.com/v4/spreadsheets";
        let book =
            json_of(&sandbox, Method::POST, sheets, Some(json!({"properties": {"title": "Offsite costs"}}))).await;
        let book_id = book["spreadsheetId"].as_str().unwrap().to_string();
        let values = json!({"values": [["Item", "EUR"], ["Rooms", "1200"]]});
        let update = format!("{sheets}/{book_id}/values/A1:B2?valueInputOption=RAW");
        json_of(&sandbox, Method::PUT, &update, Some(values)).await;
        let (status, csv) =
            call(&sandbox, Method::GET, &format!("{DRIVE}/{book_id}/export?mimeType=text/csv"), None).await;
        assert_eq!((status, csv.as_str()), (200, "Item,EUR\nRooms,1200"));
        let file =
            json_of(&sandbox, Method::GET, &format!("{DRIVE}/{book_id}?fields=name,mimeType,owners"), None).await;
        assert_eq!(file["mimeType"], "application/vnd.google-apps.spreadsheet");
        assert_eq!(file["owners"][0]["emailAddress"], USER);

        let slides = "/slides.googleapis.com/v1/presentations";
        let deck = json_of(&sandbox, Method::POST, slides, Some(json!({"title": "Offsite"}))).await;
        let deck_id = deck["presentationId"].as_str().unwrap().to_string();
        let title_box = deck["slides"][0]["pageElements"][0]["objectId"].as_str().unwrap().to_string();
        let insert = json!({"requests": [{"insertText": {"objectId": title_box, "text": "Lisbon offsite"}}]});
        json_of(&sandbox, Method::POST, &format!("{slides}/{deck_id}:batchUpdate"), Some(insert)).await;
        let (status, text) =
            call(&sandbox, Method::GET, &format!("{DRIVE}/{deck_id}/export?mimeType=text/plain"), None).await;
        assert_eq!((status, text.as_str()), (200, "Lisbon offsite"));

        // A Drive rename is the spreadsheet's title.
        let rename = json!({"name": "Offsite costs 2026"});
        json_of(&sandbox, Method::PATCH, &format!("{DRIVE}/{book_id}"), Some(rename)).await;
        let book = json_of(&sandbox, Method::GET, &format!("{sheets}/{book_id}"), None).await;
        assert_eq!(book["properties"]["title"], "Offsite costs 2026");

        sandbox.reset();
        for url in [format!("{DRIVE}/{book_id}"), format!("{sheets}/{book_id}"), format!("{slides}/{deck_id}")] {
            assert_eq!(call(&sandbox, Method::GET, &url, None).await.0, 404, "{url} is gone after a reset");
        }
        let budget = wsmcp_drive::sandbox::seed::ids::ATLAS_BUDGET_SHEET;
        let (status, csv) =
            call(&sandbox, Method::GET, &format!("{DRIVE}/{budget}/export?mimeType=text/csv"), None).await;
        // The seeded budget reads as Drive's seed wrote it, now rendered from the Sheets emulation.
        assert!(
            status == 200 && csv.starts_with("Category,") && csv.contains("Cloud infrastructure,12000,10850"),
            "{csv}"
        );
        assert_eq!(sandbox.validation_failures(), 0);
    }
}
