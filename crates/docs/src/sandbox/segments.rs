//! Where a request points: its tab (`tabId`, else the first tab) and its segment (the body, or
//! the header or footer `segmentId` names). The body's indices start at 1 (after the section
//! break); a header's or footer's at 0.

use serde_json::Value;

use super::model::{Block, Doc, Tab, content_len};

/// Which part of a tab a request edits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Segment {
    Body,
    Header(usize),
    Footer(usize),
}

/// A resolved location: the tab and the segment in it.
pub struct Target<'a> {
    pub tab: &'a mut Tab,
    pub segment: Segment,
}

impl<'a> Target<'a> {
    /// The segment's blocks and the index its content starts at.
    pub fn blocks(&mut self) -> (&mut Vec<Block>, usize) {
        let hf = &mut self.tab.headers_footers;
        match self.segment {
            Segment::Body => (&mut self.tab.body, 1),
            Segment::Header(i) => (&mut hf.headers[i].content, 0),
            Segment::Footer(i) => (&mut hf.footers[i].content, 0),
        }
    }

    /// The same, keeping the borrow of the document.
    pub fn into_blocks(self) -> (&'a mut Vec<Block>, usize) {
        let hf = &mut self.tab.headers_footers;
        match self.segment {
            Segment::Body => (&mut self.tab.body, 1),
            Segment::Header(i) => (&mut hf.headers[i].content, 0),
            Segment::Footer(i) => (&mut hf.footers[i].content, 0),
        }
    }

    /// The index just past the segment's final newline.
    pub fn end(&mut self) -> usize {
        let (blocks, base) = self.blocks();
        base + content_len(blocks)
    }
}

/// The tab and segment a `Location`, `EndOfSegmentLocation` or `Range` names.
pub fn resolve<'a>(doc: &'a mut Doc, at: &Value) -> Result<Target<'a>, String> {
    let tab = match at.get("tabId").and_then(Value::as_str).filter(|s| !s.is_empty()) {
        Some(id) => doc.tab_mut(id).ok_or_else(|| format!("The tab with ID '{id}' was not found."))?,
        None => doc.tabs.first_mut().ok_or_else(|| "The document has no tabs.".to_string())?,
    };
    let segment = match at.get("segmentId").and_then(Value::as_str).filter(|s| !s.is_empty()) {
        None => Segment::Body,
        Some(id) => {
            let hf = &tab.headers_footers;
            if let Some(i) = hf.headers.iter().position(|h| h.id == id) {
                Segment::Header(i)
            } else if let Some(i) = hf.footers.iter().position(|f| f.id == id) {
                Segment::Footer(i)
            } else {
                return Err(format!("Segment with ID '{id}' was not found."));
            }
        }
    };
    Ok(Target { tab, segment })
}

/// The one of `location` and `endOfSegmentLocation` a request sets.
pub fn location(body: &Value) -> Result<&Value, String> {
    match (body.get("location"), body.get("endOfSegmentLocation")) {
        (Some(at), None) | (None, Some(at)) => Ok(at),
        _ => Err("Exactly one of location or endOfSegmentLocation must be set.".into()),
    }
}

/// A request's index or count field (absent means 0, as proto3 leaves zeros out).
pub fn int(v: &Value, name: &str) -> usize {
    v.get(name).and_then(Value::as_u64).and_then(|n| usize::try_from(n).ok()).unwrap_or(0)
}

/// A location's `index`.
pub fn index(location: &Value) -> usize {
    int(location, "index")
}

/// Whether `index` falls inside a table among `blocks` (which start at `base`).
pub fn in_table(blocks: &[Block], base: usize, index: usize) -> bool {
    let mut at = base;
    for b in blocks {
        let len = b.len();
        if index < at + len {
            return matches!(b, Block::Table(_));
        }
        at += len;
    }
    false
}
