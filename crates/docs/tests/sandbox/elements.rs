//! Tables, page breaks, inline images, headers and footers through batchUpdate, read back
//! with documents.get as Google shapes them.

use serde_json::{Value, json};
use wsmcp_drive::sandbox::seed::ids;

use crate::support::*;

/// A new document holding `text` (its body: "text\n" from index 1).
async fn doc_with(api: &Docs, text: &str) -> String {
    let (_, doc) = api.post("", json!({"title": "Elements"})).await;
    let id = doc["documentId"].as_str().unwrap().to_string();
    if !text.is_empty() {
        let (status, body) = api.update(&id, json!([{"insertText": {"location": {"index": 1}, "text": text}}])).await;
        assert_eq!(status, 200, "{body}");
    }
    id
}

fn starts(el: &Value) -> (u64, u64) {
    (el["startIndex"].as_u64().unwrap_or(0), el["endIndex"].as_u64().unwrap())
}

fn error(body: &Value) -> &str {
    body["error"]["message"].as_str().unwrap()
}

#[tokio::test]
async fn insert_table_splits_the_paragraph_and_costs_its_structure_plus_a_newline() {
    let api = start().await;
    let id = doc_with(&api, "").await;
    let (status, body) =
        api.update(&id, json!([{"insertTable": {"rows": 2, "columns": 2, "location": {"index": 1}}}])).await;
    assert_eq!(status, 200, "{body}");
    let content = tab_content(&api.doc(&id).await, "t.0");
    // An empty paragraph (the newline Google adds), the table at 2, then the old paragraph.
    assert_eq!(text(&content[1]), "\n");
    let table = &content[2];
    assert_eq!(starts(table), (2, 13), "1 + 2 rows + 4 cells + 4 newlines");
    let cells: Vec<u64> = table["table"]["tableRows"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|r| r["tableCells"].as_array().unwrap().iter().map(|c| starts(&c["content"][0]).0))
        .collect();
    assert_eq!(cells, [5, 7, 10, 12], "where each cell's text goes");
    assert_eq!(starts(&content[3]), (13, 14));
    assert_eq!(table["table"]["rows"], 2);
    assert_eq!(table["table"]["tableRows"][0]["tableRowStyle"], json!({"minRowHeight": {"unit": "PT"}}));

    // Inside a paragraph: the text before stays, the text after follows the table.
    let id = doc_with(&api, "Before after").await;
    let (status, _) =
        api.update(&id, json!([{"insertTable": {"rows": 1, "columns": 3, "location": {"index": 7}}}])).await;
    assert_eq!(status, 200);
    let content = tab_content(&api.doc(&id).await, "t.0");
    assert_eq!(text(&content[1]), "Before\n");
    assert_eq!(starts(&content[2]).0, 8, "the table starts at location + 1");
    assert_eq!(text(&content[3]), " after\n");
    // At the end of the body, with text written into its cells in the same batch, last first.
    let end = starts(content.last().unwrap()).1;
    let (status, body) = api
        .update(
            &id,
            json!([{"insertTable": {"rows": 1, "columns": 2, "endOfSegmentLocation": {"tabId": "t.0"}}},
                   {"insertText": {"location": {"index": end + 5}, "text": "東京"}},
                   {"insertText": {"location": {"index": end + 3}, "text": "🚀 go"}}]),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let content = tab_content(&api.doc(&id).await, "t.0");
    let last_table = content.iter().rev().find(|e| e.get("table").is_some()).unwrap();
    assert_eq!(starts(last_table).0, end);
    let row = &last_table["table"]["tableRows"][0]["tableCells"];
    assert_eq!((text(&row[0]["content"][0]), text(&row[1]["content"][0])), ("🚀 go\n".into(), "東京\n".into()));
    assert_eq!(text(content.last().unwrap()), "\n", "a body never ends with a table");
    api.assert_valid();
}

#[tokio::test]
async fn table_requests_are_refused_where_google_refuses_them() {
    let api = start().await;
    let id = doc_with(&api, "Text").await;
    let (status, body) =
        api.update(&id, json!([{"insertTable": {"rows": 0, "columns": 2, "location": {"index": 1}}}])).await;
    assert_eq!(status, 400);
    assert!(error(&body).starts_with("Invalid requests[0].insertTable: A table must have"), "{body}");
    let (status, body) =
        api.update(&id, json!([{"insertTable": {"rows": 1, "columns": 1, "location": {"index": 6}}}])).await;
    assert_eq!(status, 400);
    assert!(error(&body).contains("must be less than the end index of the referenced segment, 6"), "{body}");
    // A table's own start is not inside a paragraph.
    let (status, _) =
        api.update(&id, json!([{"insertTable": {"rows": 1, "columns": 1, "location": {"index": 1}}}])).await;
    assert_eq!(status, 200);
    let (status, body) =
        api.update(&id, json!([{"insertTable": {"rows": 1, "columns": 1, "location": {"index": 2}}}])).await;
    assert_eq!(status, 400);
    assert!(error(&body).contains("inside the bounds of an existing paragraph"), "{body}");
    let (status, body) = api.update(&id, json!([{"insertTable": {"rows": 1, "columns": 1}}])).await;
    assert_eq!(status, 400);
    assert!(error(&body).contains("Exactly one of location or endOfSegmentLocation"), "{body}");
    api.assert_valid();
}

fn cell_at(start: u64, row: u64, column: u64) -> Value {
    json!({"tableStartLocation": {"index": start}, "rowIndex": row, "columnIndex": column})
}

#[tokio::test]
async fn rows_and_columns_come_and_go() {
    let api = start().await;
    let doc = api.doc(ids::ATLAS_PLAN_DOC).await;
    let risks = tab_content(&doc, RISKS_TAB);
    let table = risks.iter().find(|e| e.get("table").is_some()).unwrap();
    let start = starts(table).0;
    let at = |row, column| {
        let mut c = cell_at(start, row, column);
        c["tableStartLocation"]["tabId"] = json!(RISKS_TAB);
        c
    };
    let (status, body) = api
        .update(
            ids::ATLAS_PLAN_DOC,
            json!([{"insertTableRow": {"tableCellLocation": at(0, 0), "insertBelow": true}},
                   {"insertTableColumn": {"tableCellLocation": at(0, 2), "insertRight": true}},
                   {"deleteTableColumn": {"tableCellLocation": at(0, 0)}},
                   {"pinTableHeaderRows": {"tableStartLocation": {"index": start, "tabId": RISKS_TAB}, "pinnedHeaderRowsCount": 1}}]),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let risks = tab_content(&api.doc(ids::ATLAS_PLAN_DOC).await, RISKS_TAB);
    let table = &risks.iter().find(|e| e.get("table").is_some()).unwrap()["table"];
    assert_eq!((table["rows"].as_u64(), table["columns"].as_u64()), (Some(4), Some(3)));
    let row_texts = |r: usize| -> Vec<String> {
        table["tableRows"][r]["tableCells"].as_array().unwrap().iter().map(|c| text(&c["content"][0])).collect()
    };
    assert_eq!(row_texts(0), ["Owner\n", "Mitigation\n", "\n"]);
    assert_eq!(row_texts(1), ["\n", "\n", "\n"], "the new row is empty");
    assert_eq!(table["tableRows"][0]["tableRowStyle"]["tableHeader"], true);
    assert!(table["tableRows"][1]["tableRowStyle"].get("tableHeader").is_none());
    // Deleting every row deletes the table.
    let rows: Vec<Value> = (0..4).map(|_| json!({"deleteTableRow": {"tableCellLocation": at(0, 0)}})).collect();
    let (status, body) = api.update(ids::ATLAS_PLAN_DOC, Value::Array(rows)).await;
    assert_eq!(status, 200, "{body}");
    let risks = tab_content(&api.doc(ids::ATLAS_PLAN_DOC).await, RISKS_TAB);
    assert!(risks.iter().all(|e| e.get("table").is_none()));
    // No table starts there any more; a wrong row is named.
    let (status, body) =
        api.update(ids::ATLAS_PLAN_DOC, json!([{"insertTableRow": {"tableCellLocation": at(0, 0)}}])).await;
    assert_eq!(status, 400);
    assert!(error(&body).contains(&format!("no table starts at index {start}")), "{body}");
    let id = doc_with(&api, "").await;
    api.update(&id, json!([{"insertTable": {"rows": 1, "columns": 1, "location": {"index": 1}}}])).await;
    let (status, body) = api.update(&id, json!([{"deleteTableRow": {"tableCellLocation": cell_at(2, 3, 0)}}])).await;
    assert_eq!(status, 400);
    assert!(error(&body).contains("Row index 3 is out of bounds: the table has 1 rows"), "{body}");
    api.assert_valid();
}

#[tokio::test]
async fn page_breaks_and_images_are_one_unit_each() {
    let api = start().await;
    let id = doc_with(&api, "Ab").await;
    let (status, body) = api
        .update(
            &id,
            json!([{"insertPageBreak": {"location": {"index": 2}}},
                   {"insertInlineImage": {"uri": "https://example.com/logo.png", "location": {"index": 4},
                     "objectSize": {"width": {"magnitude": 160, "unit": "PT"}}}}]),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let object = body["replies"][1]["insertInlineImage"]["objectId"].as_str().unwrap().to_string();
    assert_eq!(body["replies"][0], json!({}));
    let doc = api.doc(&id).await;
    let content = tab_content(&doc, "t.0");
    // "A" + page break + "\n" | image + "b\n".
    let first = &content[1]["paragraph"]["elements"];
    assert_eq!(first[0]["textRun"]["content"], "A");
    assert_eq!((first[1]["startIndex"].as_u64(), first[1]["endIndex"].as_u64()), (Some(2), Some(3)));
    assert!(first[1].get("pageBreak").is_some());
    let second = &content[2]["paragraph"]["elements"];
    assert_eq!(second[0]["inlineObjectElement"]["inlineObjectId"], object);
    assert_eq!(starts(&second[0]), (4, 5));
    assert_eq!(second[1]["textRun"]["content"], "b\n");
    let objects = &doc["tabs"][0]["documentTab"]["inlineObjects"];
    let image = &objects[&object]["inlineObjectProperties"]["embeddedObject"];
    assert_eq!(image["imageProperties"]["sourceUri"], "https://example.com/logo.png");
    assert_eq!(image["size"]["width"], json!({"magnitude": 160.0, "unit": "PT"}));
    assert_eq!(image["size"]["height"], json!({"magnitude": 120.0, "unit": "PT"}));
    // Deleting the image removes its entry.
    let (status, _) =
        api.update(&id, json!([{"deleteContentRange": {"range": {"startIndex": 4, "endIndex": 5}}}])).await;
    assert_eq!(status, 200);
    assert!(api.doc(&id).await["tabs"][0]["documentTab"].get("inlineObjects").is_none());
    api.assert_valid();
}

#[tokio::test]
async fn page_breaks_and_images_are_refused_where_google_refuses_them() {
    let api = start().await;
    let id = doc_with(&api, "Text").await;
    for uri in ["file:///etc/passwd", "http://127.0.0.1/a.png", "https://localhost/logo.png"] {
        let (status, body) =
            api.update(&id, json!([{"insertInlineImage": {"uri": uri, "location": {"index": 1}}}])).await;
        assert_eq!(status, 400);
        assert!(error(&body).contains("There was a problem retrieving the image"), "{uri}: {body}");
    }
    let (status, _) =
        api.update(&id, json!([{"insertTable": {"rows": 1, "columns": 1, "location": {"index": 1}}}])).await;
    assert_eq!(status, 200);
    // Cell text is at 5 (the table at 2, its row 3, its cell 4).
    let (status, body) = api.update(&id, json!([{"insertPageBreak": {"location": {"index": 5}}}])).await;
    assert_eq!(status, 400);
    assert!(error(&body).ends_with("Page breaks cannot be inserted inside a table."), "{body}");
    let (status, body) = api
        .update(&id, json!([{"insertInlineImage": {"uri": "https://example.com/a.png", "location": {"index": 5}}}]))
        .await;
    assert_eq!(status, 200, "images may go into cells: {body}");
    let (status, body) = api.update(&id, json!([{"insertPageBreak": {"location": {"index": 0}}}])).await;
    assert_eq!(status, 400);
    assert!(error(&body).contains("inside the bounds of an existing paragraph"), "{body}");
    api.assert_valid();
}

#[tokio::test]
async fn headers_and_footers_are_segments_from_zero() {
    let api = start().await;
    let id = doc_with(&api, "Body").await;
    let (status, body) =
        api.update(&id, json!([{"createHeader": {"type": "DEFAULT"}}, {"createFooter": {"type": "DEFAULT"}}])).await;
    assert_eq!(status, 200, "{body}");
    let header = body["replies"][0]["createHeader"]["headerId"].as_str().unwrap().to_string();
    let footer = body["replies"][1]["createFooter"]["footerId"].as_str().unwrap().to_string();
    assert!(header.starts_with("kix.") && footer != header);
    let (status, body) = api
        .update(
            &id,
            json!([{"insertText": {"location": {"segmentId": header, "index": 0}, "text": "Atlas · 機密"}},
                   {"insertText": {"endOfSegmentLocation": {"segmentId": footer}, "text": "Page "}},
                   {"insertInlineImage": {"uri": "https://example.com/mark.png", "endOfSegmentLocation": {"segmentId": footer}}},
                   {"deleteContentRange": {"range": {"segmentId": header, "startIndex": 5, "endIndex": 8}}}]),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let doc = api.doc(&id).await;
    let tab = &doc["tabs"][0]["documentTab"];
    assert_eq!(tab["documentStyle"]["defaultHeaderId"], header);
    assert_eq!(tab["documentStyle"]["defaultFooterId"], footer);
    let h = &tab["headers"][&header];
    assert_eq!(h["headerId"], header);
    assert!(h["content"][0].get("startIndex").is_none(), "Google leaves a zero start out: {h}");
    assert_eq!(h["content"][0]["endIndex"], 8);
    assert_eq!(text(&h["content"][0]), "Atlas機密\n");
    let f = &tab["footers"][&footer]["content"][0]["paragraph"]["elements"];
    assert_eq!(f[0]["textRun"]["content"], "Page ");
    assert!(f[1].get("inlineObjectElement").is_some());
    assert_eq!(tab["inlineObjects"].as_object().unwrap().len(), 1, "a footer's image is the tab's");
    // The body is untouched; the header's final newline cannot go.
    assert_eq!(text(&tab["body"]["content"][1]), "Body\n");
    let (status, body) = api
        .update(&id, json!([{"deleteContentRange": {"range": {"segmentId": header, "startIndex": 0, "endIndex": 8}}}]))
        .await;
    assert_eq!(status, 400);
    assert!(error(&body).contains("newline character at the end of the segment"), "{body}");
    // A second default header is refused; after deleting it, one can be created again.
    let (status, body) = api.update(&id, json!([{"createHeader": {"type": "DEFAULT"}}])).await;
    assert_eq!(status, 400);
    assert_eq!(error(&body), "Invalid requests[0].createHeader: Default header already exists.");
    let (status, body) = api
        .update(&id, json!([{"deleteHeader": {"headerId": header}}, {"createHeader": {"type": "DEFAULT", "sectionBreakLocation": {"index": 0}}}]))
        .await;
    assert_eq!(status, 200, "{body}");
    let doc = api.doc(&id).await;
    let tab = &doc["tabs"][0]["documentTab"];
    assert_ne!(tab["documentStyle"]["defaultHeaderId"], header);
    assert_eq!(tab["headers"].as_object().unwrap().len(), 1);
    api.assert_valid();
}

#[tokio::test]
async fn header_requests_google_refuses() {
    let api = start().await;
    let id = doc_with(&api, "Body").await;
    let cases = [
        (json!({"createHeader": {}}), "The header type must be specified."),
        (
            json!({"createFooter": {"type": "DEFAULT", "sectionBreakLocation": {"index": 3}}}),
            "not the start of a section break",
        ),
        (json!({"deleteFooter": {"footerId": "kix.nope"}}), "The footer 'kix.nope' was not found."),
        (
            json!({"insertText": {"location": {"segmentId": "kix.nope", "index": 0}, "text": "x"}}),
            "Segment with ID 'kix.nope' was not found.",
        ),
        (
            json!({"insertPageBreak": {"endOfSegmentLocation": {"segmentId": "kix.nope"}}}),
            "only be inserted in the document body",
        ),
        (
            json!({"createHeader": {"type": "DEFAULT", "sectionBreakLocation": {"index": 0, "tabId": "t.nope"}}}),
            "The tab with ID 't.nope' was not found.",
        ),
    ];
    for (request, message) in cases {
        let (status, body) = api.update(&id, json!([request])).await;
        assert_eq!(status, 400, "{request}");
        assert!(error(&body).contains(message), "{request}: {body}");
    }
    // A header per tab: the Risks tab gets its own.
    let (status, body) = api
        .update(
            ids::ATLAS_PLAN_DOC,
            json!([{"createHeader": {"type": "DEFAULT", "sectionBreakLocation": {"index": 0, "tabId": RISKS_TAB}}}]),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let doc = api.doc(ids::ATLAS_PLAN_DOC).await;
    assert!(doc["tabs"][0]["documentTab"].get("headers").is_none());
    assert!(doc["tabs"][1]["documentTab"]["documentStyle"]["defaultHeaderId"].is_string());
    api.assert_valid();
}
