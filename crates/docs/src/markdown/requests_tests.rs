use super::*;
use crate::markdown::parse::blocks;

fn at(index: usize) -> Target<'static> {
    Target { tab_id: Some("t.1"), index, after_text: false, reset: true }
}

fn kinds(p: &Plan) -> Vec<&str> {
    p.requests.iter().filter_map(|r| r.as_object()?.keys().next().map(String::as_str)).collect()
}

#[test]
fn headings_and_styles_at_their_indices_after_non_bmp_text() {
    let p = plan(&blocks("# Plan 🚀\n\nGo **now** [x](https://e.x)"), at(1));
    assert_eq!(p.requests[0]["insertText"]["text"], "Plan 🚀\nGo now x");
    assert_eq!(p.requests[0]["insertText"]["location"], json!({"index": 1, "tabId": "t.1"}));
    assert_eq!(
        kinds(&p),
        ["insertText", "updateTextStyle", "updateParagraphStyle", "deleteParagraphBullets", "updateParagraphStyle"]
            .into_iter()
            .chain(["updateTextStyle", "updateTextStyle"])
            .collect::<Vec<_>>()
    );
    // "Plan 🚀" is 7 units (the rocket counts 2): the heading is 1..8, its newline at 8.
    assert_eq!(p.requests[4]["updateParagraphStyle"]["range"]["endIndex"], 8);
    assert_eq!(p.requests[4]["updateParagraphStyle"]["paragraphStyle"]["namedStyleType"], "HEADING_1");
    // "Go " starts at 9: "now" is 12..15, the link 16..17.
    assert_eq!(p.requests[5]["updateTextStyle"]["range"], json!({"startIndex": 12, "endIndex": 15, "tabId": "t.1"}));
    assert_eq!(p.requests[5]["updateTextStyle"]["fields"], "bold");
    assert_eq!(p.requests[6]["updateTextStyle"]["textStyle"], json!({"link": {"url": "https://e.x"}}));
    assert_eq!(p.units, 16);
    // Into a paragraph with no style of its own: nothing to reset.
    let p = plan(&blocks("Just text"), Target { reset: false, ..at(1) });
    assert_eq!(kinds(&p), ["insertText"]);
}

#[test]
fn nested_lists_get_tabs_and_one_bullet_request_each_last_first() {
    let p = plan(&blocks("- a\n    - b\n\n1. c\n"), Target { tab_id: None, index: 5, after_text: true, reset: true });
    assert_eq!(p.requests[0]["insertText"]["text"], "\na\n\tb\nc");
    // The reset starts after the newline that ends the paragraph already there.
    assert_eq!(p.requests[1]["updateTextStyle"]["range"], json!({"startIndex": 6, "endIndex": 12}));
    let bullets: Vec<_> = p.requests.iter().filter_map(|r| r.get("createParagraphBullets")).collect();
    assert_eq!(
        bullets[0],
        &json!({"range": {"startIndex": 11, "endIndex": 12}, "bulletPreset": "NUMBERED_DECIMAL_ALPHA_ROMAN"})
    );
    assert_eq!(
        bullets[1],
        &json!({"range": {"startIndex": 6, "endIndex": 10}, "bulletPreset": "BULLET_DISC_CIRCLE_SQUARE"})
    );
    assert_eq!(p.list_items, 3);
}

#[test]
fn a_table_goes_where_the_newline_was_and_fills_last_cell_first() {
    let md = "Intro\n\n| a | b 🚀 |\n| --- | --- |\n| \\| | **d** |\n\nAfter";
    let p = plan(&blocks(md), at(1));
    // The text leaves out Intro's newline: insertTable's own newline ends it.
    assert_eq!(p.requests[0]["insertText"]["text"], "IntroAfter");
    let table = &p.requests[4]["insertTable"];
    assert_eq!(table, &json!({"rows": 2, "columns": 2, "location": {"index": 6, "tabId": "t.1"}}));
    // Empty table at 7: row 8, cell 9 with text at 10, cell 11/12; row 13, cells at 15 and 17.
    let fills: Vec<_> = p.requests[5..9]
        .iter()
        .map(|r| (r["insertText"]["location"]["index"].clone(), r["insertText"]["text"].clone()))
        .collect();
    assert_eq!(
        fills,
        [(json!(17), json!("d")), (json!(15), json!("|")), (json!(12), json!("b 🚀")), (json!(10), json!("a"))]
    );
    // Filled: "a\n" 10..12, cell 12, "b 🚀\n" 13..18, row 18, cell 19, "|\n" 20..22, cell 22, "d\n" 23..25.
    assert_eq!(p.requests[9]["updateTextStyle"]["range"], json!({"startIndex": 23, "endIndex": 24, "tabId": "t.1"}));
    // Table 7..25 (18 units) plus its newline: "After" moves from 6 to 25.
    assert_eq!(p.units, 10 + 19);
    assert_eq!(p.tables, 1);
}

#[test]
fn page_breaks_and_a_leading_table() {
    let p = plan(&blocks("| x |\n| --- |\n\nA\n\n---\n\nB"), at(1));
    assert_eq!(p.requests[0]["insertText"]["text"], "AB");
    let order: Vec<_> = kinds(&p).into_iter().skip(4).collect();
    // The page break (after A, at 2) goes in before the table (at 1).
    assert_eq!(order, ["insertPageBreak", "insertTable", "insertText"]);
    assert_eq!(p.requests[4]["insertPageBreak"]["location"]["index"], 2);
    assert_eq!(p.requests[6]["insertText"]["location"]["index"], 5);
    assert_eq!(p.units, 2 + 2 + 1 + 5);
}
