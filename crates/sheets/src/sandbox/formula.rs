//! The formulas the emulation evaluates: numbers, strings, TRUE/FALSE, cell and range
//! references (on this sheet or another, `'Q3 plan'!B2`, `$A$1`), `+ - * / ^ &`, comparisons,
//! HYPERLINK, and SUM, AVERAGE, COUNT, COUNTA, MIN, MAX. Any other function is `#NAME?`, as Sheets shows
//! for a name it does not know; division by zero is `#DIV/0!`; a reference cycle is `#REF!`.

use crate::a1::A1;

#[derive(Debug, Clone, PartialEq)]
pub enum Val {
    Num(f64),
    Text(String),
    Bool(bool),
    Err(&'static str),
    Empty,
}

/// Reads cells while a formula is evaluated (the store resolves sheets and nested formulas).
pub trait Cells {
    /// The value of one cell; `sheet` is `None` for the formula's own sheet.
    fn value(&self, sheet: Option<&str>, row: u32, col: u32) -> Val;
    /// The grid size of a sheet (to bound whole-column references), `None` if it does not exist.
    fn size(&self, sheet: Option<&str>) -> Option<(u32, u32)>;
}

enum Arg {
    One(Val),
    Many(Vec<Val>),
}

struct Parser<'a, C: Cells> {
    s: Vec<char>,
    i: usize,
    cells: &'a C,
}

/// Evaluates `formula` (without its leading `=`).
pub fn evaluate(formula: &str, cells: &impl Cells) -> Val {
    let mut p = Parser { s: formula.chars().collect(), i: 0, cells };
    let v = p.compare();
    p.ws();
    if p.i < p.s.len() { Val::Err("#ERROR!") } else { p.scalar(v) }
}

pub fn number(v: &Val) -> Result<f64, &'static str> {
    match v {
        Val::Num(n) => Ok(*n),
        Val::Bool(b) => Ok(f64::from(u8::from(*b))),
        Val::Empty => Ok(0.0),
        Val::Text(t) => t.trim().parse().map_err(|_| "#VALUE!"),
        Val::Err(e) => Err(e),
    }
}

fn text(v: &Val) -> Result<String, &'static str> {
    Ok(match v {
        Val::Num(n) => super::cells::general(*n),
        Val::Bool(b) => if *b { "TRUE" } else { "FALSE" }.into(),
        Val::Empty => String::new(),
        Val::Text(t) => t.clone(),
        Val::Err(e) => return Err(e),
    })
}

fn arith(a: Val, b: Val, f: impl Fn(f64, f64) -> Val) -> Val {
    match (number(&a), number(&b)) {
        (Ok(x), Ok(y)) => f(x, y),
        (Err(e), _) | (_, Err(e)) => Val::Err(e),
    }
}

impl<C: Cells> Parser<'_, C> {
    fn ws(&mut self) {
        while self.s.get(self.i).is_some_and(|c| c.is_whitespace()) {
            self.i += 1;
        }
    }

    fn eat(&mut self, c: char) -> bool {
        self.ws();
        if self.s.get(self.i) == Some(&c) {
            self.i += 1;
            return true;
        }
        false
    }

    /// A range argument in a scalar place: one cell gives its value, more is `#VALUE!`.
    fn scalar(&self, a: Arg) -> Val {
        match a {
            Arg::One(v) => v,
            Arg::Many(v) if v.len() == 1 => v.into_iter().next().unwrap_or(Val::Empty),
            Arg::Many(_) => Val::Err("#VALUE!"),
        }
    }

    fn compare(&mut self) -> Arg {
        let a = self.concat();
        for op in ["<=", ">=", "<>", "=", "<", ">"] {
            self.ws();
            let here: String = self.s.iter().skip(self.i).take(op.len()).collect();
            if here == op {
                self.i += op.len();
                let (x, y) = (self.scalar(a), {
                    let b = self.concat();
                    self.scalar(b)
                });
                let ord = match (number(&x), number(&y), &x, &y) {
                    (_, _, Val::Text(p), Val::Text(q)) => p.to_lowercase().cmp(&q.to_lowercase()),
                    (Ok(p), Ok(q), _, _) => p.partial_cmp(&q).unwrap_or(std::cmp::Ordering::Equal),
                    _ => return Arg::One(Val::Err("#VALUE!")),
                };
                use std::cmp::Ordering::*;
                let r = match op {
                    "<=" => ord != Greater,
                    ">=" => ord != Less,
                    "<>" => ord != Equal,
                    "=" => ord == Equal,
                    "<" => ord == Less,
                    _ => ord == Greater,
                };
                return Arg::One(Val::Bool(r));
            }
        }
        a
    }

    fn concat(&mut self) -> Arg {
        let mut a = self.additive();
        while self.eat('&') {
            let b = self.additive();
            let (x, y) = (self.scalar(a), self.scalar(b));
            a = Arg::One(match (text(&x), text(&y)) {
                (Ok(p), Ok(q)) => Val::Text(p + &q),
                (Err(e), _) | (_, Err(e)) => Val::Err(e),
            });
        }
        a
    }

    fn additive(&mut self) -> Arg {
        let mut a = self.term();
        loop {
            let plus = if self.eat('+') {
                true
            } else if self.eat('-') {
                false
            } else {
                return a;
            };
            let b = self.term();
            let (x, y) = (self.scalar(a), self.scalar(b));
            a = Arg::One(arith(x, y, |p, q| Val::Num(if plus { p + q } else { p - q })));
        }
    }

    fn term(&mut self) -> Arg {
        let mut a = self.power();
        loop {
            let times = if self.eat('*') {
                true
            } else if self.eat('/') {
                false
            } else {
                return a;
            };
            let b = self.power();
            let (x, y) = (self.scalar(a), self.scalar(b));
            a = Arg::One(arith(x, y, |p, q| match (times, q == 0.0) {
                (true, _) => Val::Num(p * q),
                (false, true) => Val::Err("#DIV/0!"),
                (false, false) => Val::Num(p / q),
            }));
        }
    }

    fn power(&mut self) -> Arg {
        let mut a = self.unary();
        while self.eat('^') {
            let b = self.unary();
            let (x, y) = (self.scalar(a), self.scalar(b));
            a = Arg::One(arith(x, y, |p, q| Val::Num(p.powf(q))));
        }
        a
    }

    fn unary(&mut self) -> Arg {
        if self.eat('-') {
            let v = self.unary();
            let v = self.scalar(v);
            return Arg::One(arith(Val::Num(0.0), v, |_, q| Val::Num(-q)));
        }
        if self.eat('+') {
            return self.unary();
        }
        self.primary()
    }

    fn primary(&mut self) -> Arg {
        self.ws();
        let Some(&c) = self.s.get(self.i) else { return Arg::One(Val::Err("#ERROR!")) };
        if c == '(' {
            self.i += 1;
            let v = self.compare();
            return if self.eat(')') { v } else { Arg::One(Val::Err("#ERROR!")) };
        }
        // A reference whose cells were deleted, as Sheets writes it back into the formula.
        if self.s[self.i..].starts_with(&['#', 'R', 'E', 'F', '!']) {
            self.i += 5;
            return Arg::One(Val::Err("#REF!"));
        }
        if c == '"' {
            let mut out = String::new();
            self.i += 1;
            while let Some(&ch) = self.s.get(self.i) {
                self.i += 1;
                if ch == '"' {
                    if self.s.get(self.i) == Some(&'"') {
                        self.i += 1;
                    } else {
                        return Arg::One(Val::Text(out));
                    }
                }
                out.push(ch);
            }
            return Arg::One(Val::Err("#ERROR!"));
        }
        if c.is_ascii_digit() || c == '.' {
            let start = self.i;
            while self.s.get(self.i).is_some_and(|c| c.is_ascii_digit() || *c == '.') {
                self.i += 1;
            }
            // `2:5` is a row range, not a number.
            if self.s.get(self.i) != Some(&':') {
                let n: String = self.s[start..self.i].iter().collect();
                return Arg::One(n.parse().map_or(Val::Err("#ERROR!"), Val::Num));
            }
            self.i = start;
        }
        self.reference_or_call()
    }

    fn word(&mut self) -> String {
        let start = self.i;
        while self.s.get(self.i).is_some_and(|c| c.is_alphanumeric() || matches!(c, '_' | '.' | '$' | ':')) {
            self.i += 1;
        }
        self.s[start..self.i].iter().collect()
    }

    fn reference_or_call(&mut self) -> Arg {
        let mut sheet = None;
        if self.s.get(self.i) == Some(&'\'') {
            let mut name = String::new();
            self.i += 1;
            while let Some(&ch) = self.s.get(self.i) {
                self.i += 1;
                if ch == '\'' {
                    if self.s.get(self.i) == Some(&'\'') {
                        self.i += 1;
                    } else {
                        break;
                    }
                }
                name.push(ch);
            }
            if !self.eat('!') {
                return Arg::One(Val::Err("#ERROR!"));
            }
            sheet = Some(name);
        }
        let mut w = self.word();
        if sheet.is_none() && self.s.get(self.i) == Some(&'!') {
            self.i += 1;
            sheet = Some(w);
            w = self.word();
        }
        if sheet.is_none() && self.eat('(') {
            return self.call(&w.to_ascii_uppercase());
        }
        match (sheet.is_none(), w.to_ascii_uppercase().as_str()) {
            (true, "TRUE") => return Arg::One(Val::Bool(true)),
            (true, "FALSE") => return Arg::One(Val::Bool(false)),
            _ => {}
        }
        match A1::parse(&w) {
            Ok(r) if r.has_cells() => self.range(sheet.as_deref(), &r),
            _ if sheet.is_some() => Arg::One(Val::Err("#REF!")),
            _ => Arg::One(Val::Err("#NAME?")),
        }
    }

    fn range(&self, sheet: Option<&str>, r: &A1) -> Arg {
        let Some((rows, cols)) = self.cells.size(sheet) else { return Arg::One(Val::Err("#REF!")) };
        let (r0, r1) = (r.start_row.unwrap_or(0), r.end_row.unwrap_or(rows).min(rows));
        let (c0, c1) = (r.start_col.unwrap_or(0), r.end_col.unwrap_or(cols).min(cols));
        if r0 >= rows || c0 >= cols {
            return Arg::One(Val::Err("#REF!"));
        }
        let mut out = Vec::new();
        for row in r0..r1 {
            for col in c0..c1 {
                out.push(self.cells.value(sheet, row, col));
            }
        }
        Arg::Many(out)
    }

    fn call(&mut self, name: &str) -> Arg {
        let mut args = Vec::new();
        if !self.eat(')') {
            loop {
                args.push(self.compare());
                if self.eat(')') {
                    break;
                }
                if !self.eat(',') {
                    return Arg::One(Val::Err("#ERROR!"));
                }
            }
        }
        if name == "HYPERLINK" && (1..=2).contains(&args.len()) {
            // Shows its label (or the link itself); the cell's hyperlink is the first argument.
            let shown = args.pop().map(|a| self.scalar(a)).unwrap_or(Val::Empty);
            return Arg::One(shown);
        }
        Arg::One(aggregate(name, args))
    }
}

/// The aggregate functions: range cells count only when numeric (COUNTA: when not empty);
/// values given directly are coerced.
fn aggregate(name: &str, args: Vec<Arg>) -> Val {
    let mut nums = Vec::new();
    let mut filled = 0usize;
    for a in args {
        match a {
            Arg::Many(vals) => {
                for v in vals {
                    match v {
                        Val::Err(e) if name != "COUNT" && name != "COUNTA" => return Val::Err(e),
                        Val::Num(n) => nums.push(n),
                        _ => {}
                    }
                    filled += usize::from(!matches!(v, Val::Empty));
                }
            }
            Arg::One(v) => {
                filled += usize::from(!matches!(v, Val::Empty));
                match number(&v) {
                    Ok(n) => nums.push(n),
                    Err(_) if name == "COUNT" || name == "COUNTA" => {}
                    Err(e) => return Val::Err(e),
                }
            }
        }
    }
    match name {
        "SUM" => Val::Num(nums.iter().sum()),
        "AVERAGE" if nums.is_empty() => Val::Err("#DIV/0!"),
        "AVERAGE" => Val::Num(nums.iter().sum::<f64>() / nums.len() as f64),
        "COUNT" => Val::Num(nums.len() as f64),
        "COUNTA" => Val::Num(filled as f64),
        "MIN" => Val::Num(nums.iter().copied().reduce(f64::min).unwrap_or(0.0)),
        "MAX" => Val::Num(nums.iter().copied().reduce(f64::max).unwrap_or(0.0)),
        _ => Val::Err("#NAME?"),
    }
}
