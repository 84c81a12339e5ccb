use serde_json::{Value, json};

use super::*;
use crate::markdown::comments::Placement;
use crate::markdown::parse::blocks;
use crate::markdown::{Block, ParaKind};

/// A paragraph element of styled runs (`(text, textStyle)`), indices left out.
fn para(style: &str, runs: &[(&str, Value)], bullet: Option<(&str, u32)>) -> Value {
    let mut elements: Vec<Value> =
        runs.iter().map(|(t, s)| json!({"textRun": {"content": t, "textStyle": s}})).collect();
    elements.push(json!({"textRun": {"content": "\n", "textStyle": {}}}));
    let mut p = json!({"elements": elements, "paragraphStyle": {"namedStyleType": style}});
    if let Some((list, level)) = bullet {
        p["bullet"] = json!({"listId": list, "nestingLevel": level});
    }
    json!({"paragraph": p})
}

fn plain(text: &str) -> Value {
    para("NORMAL_TEXT", &[(text, json!({}))], None)
}

fn cell(text: &str) -> Value {
    json!({"content": [plain(text)]})
}

fn list(numbered: bool) -> Value {
    let level = if numbered { json!({"glyphType": "DECIMAL"}) } else { json!({"glyphSymbol": "●"}) };
    json!({"listProperties": {"nestingLevels": [level, level, level]}})
}

fn tab(content: Vec<Value>) -> DocumentTab {
    serde_json::from_value(json!({
        "body": {"content": content},
        "lists": {"kix.b": list(false), "kix.n": list(true)},
        "inlineObjects": {"kix.img": {"inlineObjectProperties": {"embeddedObject": {
            "description": "Atlas [logo]", "imageProperties": {"contentUri": "https://lh3.example/img"}}}}},
    }))
    .unwrap()
}

fn md(content: Vec<Value>) -> String {
    super::tab(&tab(content), Options::default(), &mut Placer::none())
}

#[test]
fn headings_emphasis_code_and_links() {
    let out = md(vec![
        json!({"sectionBreak": {}}),
        para("TITLE", &[("Atlas 🚀 plan", json!({}))], None),
        para("HEADING_2", &[("Goals", json!({}))], None),
        plain(""),
        para(
            "NORMAL_TEXT",
            &[
                ("Ship ", json!({})),
                ("fast", json!({"bold": true})),
                (", ", json!({})),
                ("old", json!({"strikethrough": true})),
                (" ", json!({})),
                ("cargo", json!({"weightedFontFamily": {"fontFamily": "Roboto Mono"}})),
                (" see ", json!({})),
                ("the site", json!({"link": {"url": "https://example.com/a"}, "underline": true})),
            ],
            None,
        ),
        plain("# not a heading, 2*3"),
    ]);
    assert_eq!(
        out,
        "# Atlas 🚀 plan\n\n## Goals\n\nShip **fast**, ~~old~~ `cargo` see [the site](https://example.com/a)\n\n\\# not a heading, 2\\*3"
    );
}

#[test]
fn nested_lists_number_by_their_glyphs() {
    let out = md(vec![
        para("NORMAL_TEXT", &[("One", json!({}))], Some(("kix.n", 0))),
        para("NORMAL_TEXT", &[("Sub a", json!({}))], Some(("kix.n", 1))),
        para("NORMAL_TEXT", &[("Sub b", json!({}))], Some(("kix.n", 1))),
        para("NORMAL_TEXT", &[("Two", json!({}))], Some(("kix.n", 0))),
        para("NORMAL_TEXT", &[("Deep", json!({}))], Some(("kix.n", 1))),
        plain("Between"),
        para("NORMAL_TEXT", &[("Dot", json!({}))], Some(("kix.b", 0))),
        // Two levels deeper than the item before: kept one step deeper, or it would read as code.
        para("NORMAL_TEXT", &[("Deeper", json!({}))], Some(("kix.b", 2))),
        // Another list right after: apart, or Markdown would read one list.
        para("NORMAL_TEXT", &[("Again", json!({}))], Some(("kix.n", 0))),
    ]);
    assert_eq!(
        out,
        "1. One\n    1. Sub a\n    2. Sub b\n2. Two\n    1. Deep\n\nBetween\n\n- Dot\n    - Deeper\n\n3. Again"
    );
}

#[test]
fn tables_images_breaks_and_code() {
    let image = json!({"paragraph": {"elements": [
        {"inlineObjectElement": {"inlineObjectId": "kix.img"}},
        {"pageBreak": {}},
        {"textRun": {"content": "After\n", "textStyle": {}}},
    ]}});
    let code =
        |t: &str| para("NORMAL_TEXT", &[(t, json!({"weightedFontFamily": {"fontFamily": "Courier New"}}))], None);
    let out = md(vec![
        json!({"table": {"rows": 2, "columns": 2, "tableRows": [
            {"tableCells": [cell("Risk"), cell("Owner | lead")]},
            {"tableCells": [cell("Slip 🐢"), {"content": [plain("Alex"), plain("Priya")]}]},
        ]}}),
        image,
        code("fn main() {"),
        code("    go();"),
        code("}"),
    ]);
    assert_eq!(
        out,
        "| Risk | Owner \\| lead |\n| --- | --- |\n| Slip 🐢 | Alex<br>Priya |\n\n![Atlas \\[logo\\]](https://lh3.example/img)\n\n---\n\nAfter\n\n```\nfn main() {\n    go();\n}\n```"
    );
}

#[test]
fn colours_only_when_asked() {
    let red = json!({"foregroundColor": {"color": {"rgbColor": {"red": 1.0}}}});
    let t = tab(vec![para("NORMAL_TEXT", &[("Late", red), (" now", json!({}))], None)]);
    assert_eq!(super::tab(&t, Options { include_colors: true }, &mut Placer::none()), "Late[color: #ff0000] now");
    assert_eq!(super::tab(&t, Options::default(), &mut Placer::none()), "Late now");
}

#[test]
fn comments_follow_the_block_that_quotes_them() {
    use wsmcp_drive::comments::{Comment, Quoted};
    let c = Comment {
        id: Some("c1".into()),
        content: Some("Owner?".into()),
        quoted_file_content: Some(Quoted { value: Some("Sub b".into()) }),
        ..Comment::default()
    };
    let mut placer = Placer::new(vec![c], Placement::Inline, false);
    let t = tab(vec![
        para("NORMAL_TEXT", &[("Sub a", json!({}))], Some(("kix.b", 0))),
        para("NORMAL_TEXT", &[("Sub b", json!({}))], Some(("kix.b", 0))),
        plain("End"),
    ]);
    let out = super::tab(&t, Options::default(), &mut placer);
    assert_eq!(out, "- Sub a\n- Sub b[^c1]\n\n[^c1]: **Unknown** (comment c1) on \"Sub b\": Owner?\n\nEnd");
}

/// What the renderer writes, the parser reads back as the same structure.
#[test]
fn rendered_markdown_parses_back_to_the_same_blocks() {
    let out = md(vec![
        para("HEADING_1", &[("Plan ", json!({})), ("🚀", json!({"italic": true}))], None),
        para("NORMAL_TEXT", &[("a_b * [c]", json!({})), (" d", json!({"bold": true}))], None),
        para("NORMAL_TEXT", &[("x", json!({}))], Some(("kix.b", 0))),
        para("NORMAL_TEXT", &[("y", json!({}))], Some(("kix.b", 1))),
    ]);
    let b = blocks(&out);
    let Block::Para(h) = &b[0] else { panic!() };
    assert_eq!((h.kind, h.inline.text.as_str()), (ParaKind::Heading(1), "Plan 🚀"));
    let Block::Para(p) = &b[1] else { panic!() };
    assert_eq!(p.inline.text, "a_b * [c] d");
    assert_eq!(p.inline.marks.len(), 1);
    let Block::Para(y) = &b[3] else { panic!() };
    assert_eq!(y.kind, ParaKind::Item { ordered: false, level: 1, group: 1 });
}
