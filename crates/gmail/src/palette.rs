//! Gmail's label color palette. Gmail rejects any other color with a terse 400, so colors
//! are checked here first and a refusal names the nearest allowed value.

/// The colors Gmail accepts for label text and background (Discovery, `LabelColor`).
pub const PALETTE: &[&str] = &[
    "#000000", "#434343", "#666666", "#999999", "#cccccc", "#efefef", "#f3f3f3", "#ffffff", "#fb4c2f", "#ffad47",
    "#fad165", "#16a766", "#43d692", "#4a86e8", "#a479e2", "#f691b3", "#f6c5be", "#ffe6c7", "#fef1d1", "#b9e4d0",
    "#c6f3de", "#c9daf8", "#e4d7f5", "#fcdee8", "#efa093", "#ffd6a2", "#fce8b3", "#89d3b2", "#a0eac9", "#a4c2f4",
    "#d0bcf1", "#fbc8d9", "#e66550", "#ffbc6b", "#fcda83", "#44b984", "#68dfa9", "#6d9eeb", "#b694e8", "#f7a7c0",
    "#cc3a21", "#eaa041", "#f2c960", "#149e60", "#3dc789", "#3c78d8", "#8e63ce", "#e07798", "#ac2b16", "#cf8933",
    "#d5ae49", "#0b804b", "#2a9c68", "#285bac", "#653e9b", "#b65775", "#822111", "#a46a21", "#aa8831", "#076239",
    "#1a764d", "#1c4587", "#41236d", "#83334c", "#464646", "#e7e7e7", "#0d3472", "#b6cff5", "#0d3b44", "#98d7e4",
    "#3d188e", "#e3d7ff", "#711a36", "#fbd3e0", "#8a1c0a", "#f2b2a8", "#7a2e0b", "#ffc8af", "#7a4706", "#ffdeb5",
    "#594c05", "#fbe983", "#684e07", "#fdedc1", "#0b4f30", "#b3efd3", "#04502e", "#a2dcc1", "#c2c2c2", "#4986e7",
    "#2da2bb", "#b99aff", "#994a64", "#f691b2", "#ff7537", "#ffad46", "#662e37", "#ebdbde", "#cca6ac", "#094228",
    "#42d692", "#16a765", "#757575", "#1e53b8", "#007286", "#7858c3", "#c2185b", "#d93025", "#54240e", "#633e04",
    "#521d28", "#202124", "#083018",
];

/// Normalizes `value` (`#FB4C2F`, `fb4c2f`) and checks it is in the palette.
pub fn check(value: &str, field: &str) -> Result<String, String> {
    let v = value.trim().to_ascii_lowercase();
    let v = if v.starts_with('#') { v } else { format!("#{v}") };
    if PALETTE.contains(&v.as_str()) {
        return Ok(v);
    }
    let hint = match rgb(&v).and_then(nearest) {
        Some(n) => format!("the nearest allowed color is {n}. "),
        None => "colors are hex strings like \"#fb4c2f\". ".to_string(),
    };
    Err(format!(
        "{field} \"{}\" is not in Gmail's label palette: {hint}Allowed values include #000000, #ffffff, #fb4c2f (red), \
         #ffad47 (orange), #fad165 (yellow), #16a766 (green), #4a86e8 (blue), #a479e2 (purple), #f691b3 (pink), #999999 (gray)",
        value.trim()
    ))
}

fn rgb(hex: &str) -> Option<(i32, i32, i32)> {
    let h = hex.strip_prefix('#')?;
    if h.len() != 6 || !h.is_ascii() {
        return None;
    }
    let c = |i: usize| h.get(i..i + 2).and_then(|s| i32::from_str_radix(s, 16).ok());
    Some((c(0)?, c(2)?, c(4)?))
}

fn nearest(target: (i32, i32, i32)) -> Option<&'static str> {
    PALETTE.iter().copied().min_by_key(|p| {
        rgb(p)
            .map(|(r, g, b)| (r - target.0).pow(2) + (g - target.1).pow(2) + (b - target.2).pow(2))
            .unwrap_or(i32::MAX)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_palette_colors_in_any_case() {
        assert_eq!(check("#FB4C2F", "background_color").unwrap(), "#fb4c2f");
        assert_eq!(check("ffffff", "text_color").unwrap(), "#ffffff");
    }

    #[test]
    fn matches_the_discovery_document() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../vendor/google-discovery/gmail.v1.json");
        let doc: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        let text = doc["schemas"]["LabelColor"]["properties"]["backgroundColor"]["description"].as_str().unwrap();
        let mut documented: Vec<&str> = text
            .match_indices('#')
            .filter_map(|(i, _)| text.get(i..i + 7))
            .filter(|c| c.chars().skip(1).all(|h| h.is_ascii_hexdigit()))
            .collect();
        documented.sort();
        documented.dedup();
        let mut ours = PALETTE.to_vec();
        ours.sort();
        assert_eq!(ours, documented);
    }

    #[test]
    fn refuses_others_with_the_nearest_value() {
        let err = check("#fb4c30", "background_color").unwrap_err();
        assert!(err.contains("nearest allowed color is #fb4c2f"), "{err}");
        assert!(err.contains("background_color \"#fb4c30\""), "{err}");
        let err = check("red", "text_color").unwrap_err();
        assert!(err.contains("hex strings"), "{err}");
    }
}
