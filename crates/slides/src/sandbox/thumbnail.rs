//! Thumbnails of pages as real PNGs: a white page, each shape's box outlined, its text lines
//! as dark bars as long as the line, tables as grids with bars in the cells, images as
//! filled boxes. Deterministic and small (flat colours compress well).

use std::io::Write as _;

use super::model::{Element, ElementKind, PAGE_HEIGHT, PAGE_WIDTH, Page};
use super::text::Text;

type Rgb = [u8; 3];
const WHITE: Rgb = [255, 255, 255];
const OUTLINE: Rgb = [200, 204, 210];
const INK: Rgb = [60, 64, 67];
const IMAGE: Rgb = [66, 133, 244];

struct Canvas {
    width: usize,
    height: usize,
    pixels: Vec<Rgb>,
}

impl Canvas {
    fn fill(&mut self, x0: f64, y0: f64, x1: f64, y1: f64, color: Rgb) {
        let clamp = |v: f64, max: usize| (v.max(0.0) as usize).min(max);
        let (xa, xb) = (clamp(x0, self.width), clamp(x1, self.width));
        let (ya, yb) = (clamp(y0, self.height), clamp(y1, self.height));
        for y in ya..yb {
            for x in xa..xb {
                self.pixels[y * self.width + x] = color;
            }
        }
    }

    fn outline(&mut self, x0: f64, y0: f64, x1: f64, y1: f64) {
        self.fill(x0, y0, x1, y0 + 1.0, OUTLINE);
        self.fill(x0, y1 - 1.0, x1, y1, OUTLINE);
        self.fill(x0, y0, x0 + 1.0, y1, OUTLINE);
        self.fill(x1 - 1.0, y0, x1, y1, OUTLINE);
    }

    /// Text lines as bars inside a box; a character is about half a line high wide.
    fn text(&mut self, t: &Text, x0: f64, y0: f64, x1: f64, y1: f64, line: f64) {
        let pad = (line * 0.3).max(1.0);
        let mut y = y0 + pad;
        for para in t.as_str().lines() {
            if y + line > y1 {
                break;
            }
            let width = (para.chars().count() as f64 * line * 0.5).min(x1 - x0 - 2.0 * pad);
            if width > 0.0 {
                self.fill(x0 + pad, y + line * 0.2, x0 + pad + width, y + line * 0.8, INK);
            }
            y += line;
        }
    }

    fn element(&mut self, e: &Element, scale: f64) {
        let t = &e.transform;
        let x0 = t.translate_x * scale;
        let y0 = t.translate_y * scale;
        let x1 = x0 + e.width * t.scale_x * scale;
        let y1 = y0 + e.height * t.scale_y * scale;
        let line = (18.0 * 12_700.0 * scale).max(2.0);
        match &e.kind {
            ElementKind::Shape { text, .. } => {
                self.outline(x0, y0, x1, y1);
                self.text(text, x0, y0, x1, y1, line);
            }
            ElementKind::Table { cells } => {
                let rows = cells.len().max(1) as f64;
                let cols = cells.first().map_or(1, Vec::len).max(1) as f64;
                let (cw, rh) = ((x1 - x0) / cols, (y1 - y0) / rows);
                for (r, row) in cells.iter().enumerate() {
                    for (c, cell) in row.iter().enumerate() {
                        let (cx, cy) = (x0 + c as f64 * cw, y0 + r as f64 * rh);
                        self.outline(cx, cy, cx + cw, cy + rh);
                        self.text(cell, cx, cy, cx + cw, cy + rh, line.min(rh * 0.6));
                    }
                }
            }
            ElementKind::Image { .. } => self.fill(x0, y0, x1, y1, IMAGE),
        }
    }
}

/// The page as a PNG `width` pixels wide, and its height.
pub fn render(page: &Page, width: u32) -> (Vec<u8>, u32) {
    let height = (f64::from(width) * PAGE_HEIGHT / PAGE_WIDTH).round() as u32;
    let (w, h) = (width as usize, height as usize);
    let mut canvas = Canvas { width: w, height: h, pixels: vec![WHITE; w * h] };
    let scale = f64::from(width) / PAGE_WIDTH;
    for e in &page.elements {
        canvas.element(e, scale);
    }
    (encode(&canvas), height)
}

fn encode(c: &Canvas) -> Vec<u8> {
    let mut raw = Vec::with_capacity(c.height * (c.width * 3 + 1));
    for row in c.pixels.chunks(c.width.max(1)) {
        raw.push(0);
        for p in row {
            raw.extend_from_slice(p);
        }
    }
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    // Writing to a Vec cannot fail.
    let _ = z.write_all(&raw);
    let idat = z.finish().unwrap_or_default();
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&(c.width as u32).to_be_bytes());
    ihdr.extend_from_slice(&(c.height as u32).to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
    let mut out = vec![0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a];
    for (kind, data) in [(&b"IHDR"[..], ihdr), (&b"IDAT"[..], idat), (&b"IEND"[..], Vec::new())] {
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        let mut typed = kind.to_vec();
        typed.extend_from_slice(&data);
        out.extend_from_slice(&typed);
        out.extend_from_slice(&crc32(&typed).to_be_bytes());
    }
    out
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xffff_ffff_u32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 { (crc >> 1) ^ 0xedb8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sandbox::model::PageKind;

    #[test]
    fn renders_a_real_png_of_the_page() {
        let mut page = Page::new("p", PageKind::Slide);
        page.elements.push(Element::shape("t", "TEXT_BOX", (311_700.0, 445_025.0, 8_520_600.0, 572_700.0), "Hello"));
        let (png, height) = render(&page, 800);
        assert_eq!(height, 450);
        assert_eq!(wsmcp_sandbox_kit::assets::png_size(&png), Some((800, 450)));
        assert!(png.len() < 20_000, "{} bytes", png.len());
        let (again, _) = render(&page, 800);
        assert_eq!(png, again);
    }
}
