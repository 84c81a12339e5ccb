//! Cell values as Sheets reads and shows them: USER_ENTERED parsing (numbers, percentages,
//! currency, dates, booleans, formulas, a leading `'` keeping text), effective values
//! (formulas evaluated against the spreadsheet), and formatted values by number format.

use chrono::{Duration, NaiveDate};
use serde_json::{Value, json};

use super::formula::{self, Cells, Val};
use super::store::{Entered, Spreadsheet};

/// What one entered value becomes, and the number format USER_ENTERED parsing implies.
pub fn parse_entered(v: &Value, user_entered: bool) -> (Option<Entered>, Option<Value>) {
    match v {
        Value::Null => (None, None),
        Value::Bool(b) => (Some(Entered::Bool(*b)), None),
        Value::Number(n) => (n.as_f64().map(Entered::Number), None),
        Value::String(s) if s.is_empty() => (None, None),
        Value::String(s) if !user_entered => (Some(Entered::Text(s.clone())), None),
        Value::String(s) => parse_user_text(s),
        other => (Some(Entered::Text(other.to_string())), None),
    }
}

fn parse_user_text(s: &str) -> (Option<Entered>, Option<Value>) {
    let fmt = |kind: &str, pattern: &str| Some(json!({ "type": kind, "pattern": pattern }));
    if let Some(f) = s.strip_prefix('=') {
        return (Some(Entered::Formula(format!("={f}"))), None);
    }
    if let Some(t) = s.strip_prefix('\'') {
        return (Some(Entered::Text(t.to_string())), None);
    }
    let t = s.trim();
    match t.to_ascii_uppercase().as_str() {
        "TRUE" => return (Some(Entered::Bool(true)), None),
        "FALSE" => return (Some(Entered::Bool(false)), None),
        _ => {}
    }
    if let Some(n) = plain_number(t) {
        return (Some(Entered::Number(n)), None);
    }
    if let Some(p) = t.strip_suffix('%').and_then(plain_number) {
        let pattern = if t.contains('.') { "0.00%" } else { "0%" };
        return (Some(Entered::Number(p / 100.0)), fmt("PERCENT", pattern));
    }
    if let Some(n) = t.strip_prefix('$').and_then(plain_number) {
        return (Some(Entered::Number(n)), fmt("CURRENCY", "\"$\"#,##0.00"));
    }
    for (input, pattern) in [("%Y-%m-%d", "yyyy-mm-dd"), ("%m/%d/%Y", "M/d/yyyy")] {
        if let Ok(d) = NaiveDate::parse_from_str(t, input) {
            return (Some(Entered::Number(serial(d))), fmt("DATE", pattern));
        }
    }
    (Some(Entered::Text(s.to_string())), None)
}

/// `1200`, `-3.5`, `1,200.75` (thousands separators in the right places).
fn plain_number(t: &str) -> Option<f64> {
    if t.is_empty() || !t.bytes().all(|b| b.is_ascii_digit() || matches!(b, b'.' | b',' | b'-' | b'+' | b'e' | b'E')) {
        return None;
    }
    if t.contains(',') {
        let int = t.split('.').next().unwrap_or("").trim_start_matches(['-', '+']);
        let groups: Vec<&str> = int.split(',').collect();
        let ok = groups.first().is_some_and(|g| (1..=3).contains(&g.len())) && groups[1..].iter().all(|g| g.len() == 3);
        if !ok {
            return None;
        }
    }
    t.replace(',', "").parse().ok().filter(|n: &f64| n.is_finite())
}

const EPOCH: (i32, u32, u32) = (1899, 12, 30);

fn serial(d: NaiveDate) -> f64 {
    let epoch = NaiveDate::from_ymd_opt(EPOCH.0, EPOCH.1, EPOCH.2).unwrap_or_default();
    (d - epoch).num_days() as f64
}

/// A number as Sheets' automatic format shows it: integers plainly, up to 10 significant digits.
pub fn general(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        return format!("{}", n as i64);
    }
    let digits = (10 - n.abs().log10().floor() as i32 - 1).clamp(0, 10) as usize;
    let s = format!("{n:.digits$}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

fn group(int: &str) -> String {
    let (sign, digits) = int.strip_prefix('-').map_or(("", int), |d| ("-", d));
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    format!("{sign}{out}")
}

/// A number shown through a number format (`0.00%`, `"$"#,##0.00`, `yyyy-mm-dd`, `#,##0`).
pub fn formatted(n: f64, format: Option<&Value>) -> String {
    let Some(f) = format.and_then(|f| f.get("numberFormat")) else { return general(n) };
    let kind = f["type"].as_str().unwrap_or("NUMBER");
    let pattern = f["pattern"].as_str().unwrap_or("");
    if matches!(kind, "DATE" | "DATE_TIME") || (kind == "TEXT" && pattern.contains("yy")) {
        let epoch = NaiveDate::from_ymd_opt(EPOCH.0, EPOCH.1, EPOCH.2).unwrap_or_default();
        let d = epoch + Duration::days(n.floor() as i64);
        let p = if pattern.is_empty() { "M/d/yyyy" } else { pattern };
        return date_text(d, p);
    }
    let numeric: String = pattern.chars().filter(|c| matches!(c, '#' | '0' | ',' | '.' | '%')).collect();
    if numeric.is_empty() {
        return match kind {
            "PERCENT" => format!("{}%", general(n * 100.0)),
            "CURRENCY" => format!("${}", group(&format!("{n:.2}"))),
            _ => general(n),
        };
    }
    let percent = numeric.contains('%');
    let decimals = numeric.split('.').nth(1).map_or(0, |d| d.chars().filter(|c| matches!(c, '0' | '#')).count());
    let v = if percent { n * 100.0 } else { n };
    let text = format!("{v:.decimals$}");
    let (int, frac) = text.split_once('.').map_or((text.as_str(), None), |(i, f)| (i, Some(f)));
    let int = if numeric.contains(',') { group(int) } else { int.to_string() };
    let body = frac.map_or(int.clone(), |f| format!("{int}.{f}"));
    let prefix: String = pattern.split(['#', '0']).next().unwrap_or("").replace('"', "");
    format!("{prefix}{body}{}", if percent { "%" } else { "" })
}

/// A date through a date pattern: `yyyy`, `yy`, `mm`/`MM`, `m`/`M`, `dd`, `d`.
fn date_text(d: NaiveDate, pattern: &str) -> String {
    use chrono::Datelike;
    let p: Vec<char> = pattern.chars().collect();
    let (mut out, mut i) = (String::new(), 0);
    while i < p.len() {
        let c = p[i].to_ascii_lowercase();
        let run = p[i..].iter().take_while(|x| x.to_ascii_lowercase() == c).count();
        match (c, run) {
            ('y', 4..) => out.push_str(&format!("{:04}", d.year())),
            ('y', _) => out.push_str(&format!("{:02}", d.year() % 100)),
            ('m', 1) => out.push_str(&d.month().to_string()),
            ('m', _) => out.push_str(&format!("{:02}", d.month())),
            ('d', 1) => out.push_str(&d.day().to_string()),
            ('d', _) => out.push_str(&format!("{:02}", d.day())),
            _ => p[i..i + run].iter().for_each(|ch| out.push(*ch)),
        }
        i += run;
    }
    out
}

/// Reads cells of one spreadsheet for a formula on sheet `at`, `depth` formulas deep.
pub struct Reader<'a> {
    pub book: &'a Spreadsheet,
    pub at: usize,
    pub depth: u32,
}

impl Reader<'_> {
    fn sheet(&self, name: Option<&str>) -> Option<usize> {
        match name {
            None => Some(self.at),
            Some(n) => self.book.sheets.iter().position(|s| s.title == n),
        }
    }
}

impl Cells for Reader<'_> {
    fn value(&self, sheet: Option<&str>, row: u32, col: u32) -> Val {
        let Some(i) = self.sheet(sheet) else { return Val::Err("#REF!") };
        effective(self.book, i, row, col, self.depth + 1)
    }
    fn size(&self, sheet: Option<&str>) -> Option<(u32, u32)> {
        self.sheet(sheet).map(|i| (self.book.sheets[i].rows, self.book.sheets[i].cols))
    }
}

/// The value a cell shows: formulas evaluated (a cycle is `#REF!`).
pub fn effective(book: &Spreadsheet, sheet: usize, row: u32, col: u32, depth: u32) -> Val {
    let entered = book.sheets.get(sheet).and_then(|s| s.cell(row, col)).and_then(|c| c.value.as_ref());
    match entered {
        None => Val::Empty,
        Some(Entered::Number(n)) => Val::Num(*n),
        Some(Entered::Text(t)) => Val::Text(t.clone()),
        Some(Entered::Bool(b)) => Val::Bool(*b),
        Some(Entered::Formula(_)) if depth > 40 => Val::Err("#REF!"),
        Some(Entered::Formula(f)) => formula::evaluate(&f[1..], &Reader { book, at: sheet, depth }),
    }
}

/// How `values.get` renders a cell: `FORMATTED_VALUE` (strings), `UNFORMATTED_VALUE`
/// (numbers and booleans as JSON), or `FORMULA` (the formula text where there is one).
pub fn rendered(book: &Spreadsheet, sheet: usize, row: u32, col: u32, render: &str) -> Value {
    let cell = book.sheets[sheet].cell(row, col);
    if render == "FORMULA"
        && let Some(Entered::Formula(f)) = cell.and_then(|c| c.value.as_ref())
    {
        return json!(f);
    }
    let v = effective(book, sheet, row, col, 0);
    match (v, render) {
        (Val::Empty, _) => json!(""),
        (Val::Err(e), _) => json!(e),
        (Val::Text(t), _) => json!(t),
        (Val::Bool(b), "FORMATTED_VALUE") => json!(if b { "TRUE" } else { "FALSE" }),
        (Val::Bool(b), _) => json!(b),
        (Val::Num(n), "FORMATTED_VALUE") => json!(formatted(n, cell.and_then(|c| c.format.as_ref()))),
        (Val::Num(n), _) if n.fract() == 0.0 && n.abs() < 1e15 => json!(n as i64),
        (Val::Num(n), _) => json!(n),
    }
}

/// A cell's `userEnteredValue` / `effectiveValue` JSON.
pub fn extended(v: &Entered) -> Value {
    match v {
        Entered::Number(n) => json!({ "numberValue": n }),
        Entered::Text(t) => json!({ "stringValue": t }),
        Entered::Bool(b) => json!({ "boolValue": b }),
        Entered::Formula(f) => json!({ "formulaValue": f }),
    }
}

pub fn effective_json(v: &Val) -> Option<Value> {
    Some(match v {
        Val::Empty => return None,
        Val::Num(n) => json!({ "numberValue": n }),
        Val::Text(t) => json!({ "stringValue": t }),
        Val::Bool(b) => json!({ "boolValue": b }),
        Val::Err(e) => json!({ "errorValue": { "type": error_type(e), "message": e } }),
    })
}

fn error_type(e: &str) -> &'static str {
    match e {
        "#DIV/0!" => "DIVIDE_BY_ZERO",
        "#NAME?" => "NAME",
        "#REF!" => "REF",
        "#VALUE!" => "VALUE",
        _ => "ERROR",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_entered_text_is_parsed() {
        assert_eq!(parse_entered(&json!("1,200.5"), true).0, Some(Entered::Number(1200.5)));
        assert_eq!(parse_entered(&json!("1,20"), true).0, Some(Entered::Text("1,20".into())));
        let (v, f) = parse_entered(&json!("40%"), true);
        assert_eq!((v, f.unwrap()["pattern"].clone()), (Some(Entered::Number(0.4)), json!("0%")));
        assert_eq!(parse_entered(&json!("=1+2"), false).0, Some(Entered::Text("=1+2".into())));
        assert_eq!(parse_entered(&json!("'007"), true).0, Some(Entered::Text("007".into())));
        let (d, f) = parse_entered(&json!("2026-01-05"), true);
        assert_eq!(d, Some(Entered::Number(46027.0)));
        assert_eq!(formatted(46027.0, Some(&json!({ "numberFormat": f.unwrap() }))), "2026-01-05");
    }

    #[test]
    fn numbers_are_formatted() {
        assert_eq!(general(3.0), "3");
        assert_eq!(general(1.0 / 3.0), "0.3333333333");
        let f = |t: &str, p: &str| json!({ "numberFormat": { "type": t, "pattern": p } });
        assert_eq!(formatted(0.125, Some(&f("PERCENT", "0.00%"))), "12.50%");
        assert_eq!(formatted(1234.5, Some(&f("CURRENCY", "\"$\"#,##0.00"))), "$1,234.50");
        assert_eq!(formatted(-1234567.0, Some(&f("NUMBER", "#,##0"))), "-1,234,567");
    }
}
