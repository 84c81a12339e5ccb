use super::*;

fn para(b: &Block) -> &Para {
    match b {
        Block::Para(p) => p,
        other => panic!("not a paragraph: {other:?}"),
    }
}

#[test]
fn headings_emphasis_and_links_in_units() {
    let b = blocks("# Plan 🚀\n\nShip **bold** and *it* ~~old~~ `x` [site](https://e.x/a)\n");
    assert_eq!(para(&b[0]).kind, ParaKind::Heading(1));
    assert_eq!(para(&b[0]).inline.text, "Plan 🚀");
    let p = para(&b[1]);
    assert_eq!(p.inline.text, "Ship bold and it old x site");
    let styles: Vec<_> = p.inline.marks.iter().map(|m| (m.start, m.end, m.style.clone())).collect();
    assert_eq!(
        styles,
        [
            (5, 9, MarkStyle::Bold),
            (14, 16, MarkStyle::Italic),
            (17, 20, MarkStyle::Strike),
            (21, 22, MarkStyle::Code),
            (23, 27, MarkStyle::Link("https://e.x/a".into())),
        ]
    );
    // After an emoji, offsets count two units for it.
    let b = blocks("🚀 **go**");
    assert_eq!(para(&b[0]).inline.marks[0].start, 3);
}

#[test]
fn nested_lists_keep_depth_kind_and_group() {
    let b = blocks("- a\n    - b\n        - c\n- d\n\n1. one\n2. two\n");
    let kinds: Vec<_> = b.iter().map(|b| para(b).kind).collect();
    let item = |ordered, level, group| ParaKind::Item { ordered, level, group };
    assert_eq!(
        kinds,
        [
            item(false, 0, 1),
            item(false, 1, 1),
            item(false, 2, 1),
            item(false, 0, 1),
            item(true, 0, 2),
            item(true, 0, 2)
        ]
    );
    assert_eq!(para(&b[2]).inline.text, "c");
}

#[test]
fn tables_escape_pipes_and_break_cells() {
    let b = blocks("| a \\| b | `c\\|d` |\n| --- | --- |\n| x<br>y | **z** |\n");
    let Block::Table(rows) = &b[0] else { panic!("{b:?}") };
    assert_eq!(rows[0][0].text, "a | b");
    assert_eq!(rows[0][1].text, "c|d");
    assert_eq!(rows[1][0].text, "x\ny");
    assert_eq!(rows[1][1].marks, [Mark { start: 0, end: 1, style: MarkStyle::Bold }]);
}

#[test]
fn code_blocks_rules_and_stripped_characters() {
    let b = blocks("```\nfn main() {}\n  x\n```\n\n---\n\nA\u{1}B\u{e000}C  \nD");
    assert_eq!(para(&b[0]).kind, ParaKind::Code);
    assert_eq!(para(&b[1]).inline.text, "  x");
    assert_eq!(b[2], Block::PageBreak);
    assert_eq!(para(&b[3]).inline.text, "ABC\u{b}D");
}

#[test]
fn html_comments_are_dropped_even_over_lines() {
    let b = blocks("<!-- tab: \"Risks\"\n(tab_id: t.1) -->\n\nText\n\n<div>kept</div>\n");
    assert_eq!(b.len(), 2, "{b:?}");
    assert_eq!(para(&b[0]).inline.text, "Text");
    assert_eq!(para(&b[1]).inline.text, "<div>kept</div>");
}
