//! `createParagraphBullets` and `deleteParagraphBullets`, and the lists they make. As Google
//! documents: every paragraph the range touches becomes a list item; its nesting level is
//! the number of tabs it starts with, and those tabs are removed (so later indices move); the
//! items join the list just before them when it has the same preset, else a new list. Deleting
//! bullets keeps each item's indentation as paragraph indents.

use serde_json::{Value, json};

use super::edit::EditResult;
use super::model::{Bullet, Para, Run, Tab};
use super::ranges::{checked_range, paragraphs};

/// A list's look, by the preset that made it: how each level's glyph is drawn.
pub fn list_properties(preset: &str) -> Value {
    let levels: Vec<Value> = (0..9).map(|level| nesting_level(preset, level)).collect();
    json!({"listProperties": {"nestingLevels": levels}})
}

fn indent(points: usize) -> Value {
    json!({"magnitude": points, "unit": "PT"})
}

fn nesting_level(preset: &str, level: usize) -> Value {
    let mut out = json!({"indentFirstLine": indent(18 + 36 * level), "indentStart": indent(36 + 36 * level)});
    let cycle = |three: [&'static str; 3]| three[level % 3];
    let symbols = match preset {
        "BULLET_DIAMONDX_ARROW3D_SQUARE" => Some(cycle(["❖", "➢", "■"])),
        "BULLET_ARROW_DIAMOND_DISC" => Some(cycle(["➔", "◆", "●"])),
        "BULLET_STAR_CIRCLE_SQUARE" => Some(cycle(["★", "○", "■"])),
        "BULLET_ARROW3D_CIRCLE_SQUARE" => Some(cycle(["➢", "○", "■"])),
        "BULLET_LEFTTRIANGLE_DIAMOND_DISC" => Some(cycle(["◄", "◆", "●"])),
        "BULLET_DIAMONDX_HOLLOWDIAMOND_SQUARE" => Some(cycle(["❖", "◇", "■"])),
        "BULLET_DIAMOND_CIRCLE_SQUARE" => Some(cycle(["◆", "○", "■"])),
        "BULLET_DISC_CIRCLE_SQUARE" => Some(cycle(["●", "○", "■"])),
        _ => None,
    };
    if let Some(symbol) = symbols {
        out["glyphSymbol"] = json!(symbol);
        out["glyphFormat"] = json!(format!("%{level}"));
        return out;
    }
    if preset == "BULLET_CHECKBOX" {
        // A checklist draws check boxes, which are no glyph type or symbol.
        out["glyphType"] = json!("GLYPH_TYPE_UNSPECIFIED");
        return out;
    }
    let (glyphs, format) = match preset {
        "NUMBERED_DECIMAL_ALPHA_ROMAN_PARENS" => (["DECIMAL", "ALPHA", "ROMAN"], format!("%{level})")),
        "NUMBERED_DECIMAL_NESTED" => {
            (["DECIMAL", "DECIMAL", "DECIMAL"], (0..=level).map(|l| format!("%{l}.")).collect::<String>())
        }
        "NUMBERED_UPPERALPHA_ALPHA_ROMAN" => (["UPPER_ALPHA", "ALPHA", "ROMAN"], format!("%{level}.")),
        "NUMBERED_UPPERROMAN_UPPERALPHA_DECIMAL" => (["UPPER_ROMAN", "UPPER_ALPHA", "DECIMAL"], format!("%{level}.")),
        "NUMBERED_ZERODECIMAL_ALPHA_ROMAN" => (["ZERO_DECIMAL", "ALPHA", "ROMAN"], format!("%{level}.")),
        _ => (["DECIMAL", "ALPHA", "ROMAN"], format!("%{level}.")),
    };
    out["glyphType"] = json!(cycle(glyphs));
    out["glyphFormat"] = json!(format);
    out["startNumber"] = json!(1);
    out
}

/// The preset a tab's list was made with (seeded lists: the default bullets or numbers).
pub fn preset_of(tab: &Tab, list_id: &str) -> String {
    if let Some(p) = tab.list_presets.get(list_id) {
        return p.clone();
    }
    let numbered = tab.lists.iter().any(|(id, n)| id == list_id && *n);
    if numbered { "NUMBERED_DECIMAL_ALPHA_ROMAN" } else { "BULLET_DISC_CIRCLE_SQUARE" }.to_string()
}

/// `createParagraphBullets` in a tab's body.
pub fn create_paragraph_bullets(tab: &mut Tab, body: &Value) -> EditResult<()> {
    let preset = body.get("bulletPreset").and_then(Value::as_str).unwrap_or_default();
    if preset.is_empty() || preset == "BULLET_GLYPH_PRESET_UNSPECIFIED" {
        return Err("A bulletPreset must be specified.".into());
    }
    let (from, to) = checked_range(&mut tab.body, 1, body.get("range"))?;
    // Which list the items join: the one just before them if it has this preset.
    let mut previous = None;
    let mut touched = Vec::new();
    for (i, (start, p)) in paragraphs(&mut tab.body, 1).into_iter().enumerate() {
        if start < to && start + p.len() > from {
            touched.push(i);
        } else if touched.is_empty() {
            previous = p.bullet.clone();
        }
    }
    let joined = previous.map(|b| b.list_id).filter(|id| preset_of(tab, id) == preset);
    let list_id = match joined {
        Some(id) => id,
        None => {
            let id = format!("kix.{}", wsmcp_sandbox_kit::ids::alphanumeric(12).to_lowercase());
            tab.lists.push((id.clone(), preset.starts_with("NUMBERED")));
            tab.list_presets.insert(id.clone(), preset.to_string());
            id
        }
    };
    for (i, (_, p)) in paragraphs(&mut tab.body, 1).into_iter().enumerate() {
        if touched.contains(&i) {
            let level = strip_leading_tabs(p).min(8);
            p.bullet = Some(Bullet { list_id: list_id.clone(), level: u32::try_from(level).unwrap_or(8) });
        }
    }
    Ok(())
}

/// Remove the tabs a paragraph starts with; how many there were.
fn strip_leading_tabs(p: &mut Para) -> usize {
    let count = p.text().chars().take_while(|c| *c == '\t').count();
    let mut left = count;
    for run in p.runs.iter_mut() {
        let here = run.text.chars().take_while(|c| *c == '\t').count().min(left);
        run.text.drain(..here);
        left -= here;
        if left == 0 {
            break;
        }
    }
    p.runs.retain(|r: &Run| !r.text.is_empty());
    count
}

/// `deleteParagraphBullets` in a tab's body.
pub fn delete_paragraph_bullets(tab: &mut Tab, body: &Value) -> EditResult<()> {
    let (from, to) = checked_range(&mut tab.body, 1, body.get("range"))?;
    for (start, p) in paragraphs(&mut tab.body, 1) {
        if start >= to || start + p.len() <= from {
            continue;
        }
        if let Some(b) = p.bullet.take() {
            // The item's indentation stays, now as the paragraph's own.
            let level = usize::try_from(b.level).unwrap_or(0);
            p.style.insert("indentFirstLine".into(), indent(36 + 36 * level));
            p.style.insert("indentStart".into(), indent(36 + 36 * level));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::model::Block;
    use super::*;

    fn items(tab: &Tab) -> Vec<(String, Option<(String, u32)>)> {
        tab.body
            .iter()
            .map(|b| match b {
                Block::Para(p) => (p.text(), p.bullet.as_ref().map(|b| (b.list_id.clone(), b.level))),
                Block::Table(_) => panic!("no tables here"),
            })
            .collect()
    }

    #[test]
    fn tabs_become_levels_and_lists_join_their_neighbour() {
        let body =
            ["Intro", "one", "\ttwo", "\t\tthree", "after"].iter().map(|t| Block::Para(Para::new("NORMAL_TEXT", t)));
        let mut tab = Tab::new("t.0", "Tab 1", body.collect());
        // "Intro\n" 1..7, "one\n" 7..11, "\ttwo\n" 11..16, "\t\tthree\n" 16..23.
        let req = |s: usize, e: usize, preset: &str| json!({"range": {"startIndex": s, "endIndex": e}, "bulletPreset": preset});
        create_paragraph_bullets(&mut tab, &req(8, 17, "NUMBERED_DECIMAL_NESTED")).unwrap();
        let got = items(&tab);
        let list = got[1].1.clone().unwrap().0;
        assert_eq!(got[0], ("Intro\n".into(), None));
        assert_eq!(got[2], ("two\n".into(), Some((list.clone(), 1))));
        assert_eq!(got[3], ("three\n".into(), Some((list.clone(), 2))), "leading tabs removed");
        assert_eq!(tab.lists, [(list.clone(), true)]);
        assert_eq!(
            list_properties("NUMBERED_DECIMAL_NESTED")["listProperties"]["nestingLevels"][2]["glyphFormat"],
            "%0.%1.%2."
        );
        // "after\n" now starts at 1 + 6 + 4 + 4 + 6 = 21: the same preset joins the list.
        create_paragraph_bullets(&mut tab, &req(21, 22, "NUMBERED_DECIMAL_NESTED")).unwrap();
        assert_eq!(items(&tab)[4].1, Some((list.clone(), 0)));
        // Another preset makes a new list.
        create_paragraph_bullets(&mut tab, &req(21, 22, "BULLET_DISC_CIRCLE_SQUARE")).unwrap();
        assert_ne!(items(&tab)[4].1.clone().unwrap().0, list);
        assert_eq!(tab.lists.len(), 2);
        assert!(create_paragraph_bullets(&mut tab, &json!({"range": {"startIndex": 1, "endIndex": 2}})).is_err());
        delete_paragraph_bullets(&mut tab, &json!({"range": {"startIndex": 7, "endIndex": 22}})).unwrap();
        assert!(items(&tab).iter().all(|(_, b)| b.is_none()));
        let Block::Para(p) = &tab.body[3] else { panic!() };
        assert_eq!(p.style["indentStart"], json!({"magnitude": 108, "unit": "PT"}));
    }
}
