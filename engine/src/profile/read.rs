//! Reading a profile file's text into [`ProfileFile`], without serde_json: the browser would carry
//! about 40 KB of a general JSON library (and the key-path wrapper around it) for one small,
//! fixed schema (issue 15).
//!
//! The reader is written to answer exactly as serde_json with serde_path_to_error did on the
//! same text, so pharmacists see the same messages: the same syntax errors with the same line and
//! column, unknown, duplicate and missing keys named by their key path, `invalid type: string
//! "600", expected f64` and so on. Like serde's derived code it also reads a record written as an
//! array of its fields in order, and it stops at the end of the profile's object (what follows is
//! not read). `tests/profile_reader.rs` checks all of this against serde_json on thousands of
//! damaged files.

use super::{
    Limits, LowerThresholds, MinMax, Monitoring, ProfileFile, Protocols, Reasoned, SoftHard,
};

/// Why the text could not be read.
#[derive(Debug)]
pub(crate) struct Fault {
    /// The file is not JSON (as opposed to JSON that does not fit the schema).
    pub syntax: bool,
    pub message: String,
    /// Key path as serde_path_to_error writes it (`limits.iv_bolus_mg_per_kg.sfot`,
    /// `standard_concentrations_mg_per_ml[1]`); `None` for the file as a whole.
    pub path: Option<String>,
    /// 1-based; 0 until known.
    pub line: usize,
    /// Bytes from the start of the line.
    pub column: usize,
}

impl Fault {
    /// The message with its position, as serde_json prints it.
    pub fn text(&self) -> String {
        format!(
            "{} at line {} column {}",
            self.message, self.line, self.column
        )
    }
}

type Read<T> = Result<T, Fault>;

/// A number as serde_json classifies it before handing it to the field that wants it.
enum Number {
    Unsigned(u64),
    Signed(i64),
    Float(f64),
}

impl Number {
    /// How serde names this value in "invalid type" messages.
    fn unexpected(&self) -> String {
        match self {
            Number::Unsigned(n) => format!("integer `{n}`"),
            Number::Signed(n) => format!("integer `{n}`"),
            Number::Float(f) => format!("floating point `{}`", shortest(*f)),
        }
    }
}

/// A float as serde_json writes it in messages: the shortest digits that read back the same (as
/// Rust's `{:?}`), in plain decimals from 1e-5 up to 1e16, otherwise with an exponent (`1e+20`,
/// `1e-6`).
fn shortest(f: f64) -> String {
    let debug = format!("{f:?}");
    let Some((mantissa, exp)) = debug.split_once('e') else {
        return debug;
    };
    let exp: i32 = exp.parse().unwrap_or_default();
    if exp > 0 {
        return format!("{mantissa}e+{exp}");
    }
    if exp < -5 {
        return debug;
    }
    let (sign, digits) = match mantissa.strip_prefix('-') {
        Some(m) => ("-", m),
        None => ("", mantissa),
    };
    let zeros = "0".repeat((-exp - 1) as usize);
    format!("{sign}0.{zeros}{}", digits.replace('.', ""))
}

enum Segment {
    Key(String),
    Index(usize),
}

struct Reader<'a> {
    text: &'a [u8],
    at: usize,
    path: Vec<Segment>,
}

pub(crate) fn profile_file(text: &str) -> Read<ProfileFile> {
    let mut r = Reader {
        text: text.as_bytes(),
        at: 0,
        path: Vec::new(),
    };
    r.profile_file()
}

impl Reader<'_> {
    // --- Positions and errors, counted as serde_json counts them.

    #[inline(never)]
    fn fault_at(&self, syntax: bool, message: String, index: usize) -> Fault {
        let before = &self.text[..index];
        let line_start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |p| p + 1);
        Fault {
            syntax,
            message,
            path: None,
            line: 1 + before[..line_start].iter().filter(|&&b| b == b'\n').count(),
            column: index - line_start,
        }
    }

    /// A syntax error about the byte just read.
    fn error(&self, message: &str) -> Fault {
        self.fault_at(true, message.into(), self.at)
    }

    /// A syntax error about the byte not yet read.
    fn peek_error(&self, message: &str) -> Fault {
        self.fault_at(true, message.into(), self.text.len().min(self.at + 1))
    }

    /// A value that does not fit the schema, at the current key path; its position is filled
    /// in by the read that encloses it ([`Reader::fix`]).
    #[inline(never)]
    fn data(&self, message: String) -> Fault {
        let mut path = String::new();
        for segment in &self.path {
            match segment {
                Segment::Key(key) => {
                    if !path.is_empty() {
                        path.push('.');
                    }
                    path.push_str(key);
                }
                Segment::Index(i) => {
                    path.push('[');
                    path.push_str(&i.to_string());
                    path.push(']');
                }
            }
        }
        Fault {
            syntax: false,
            message,
            path: (!self.path.is_empty()).then_some(path),
            line: 0,
            column: 0,
        }
    }

    fn fix(&self, mut fault: Fault) -> Fault {
        if fault.line == 0 {
            let placed = self.fault_at(false, String::new(), self.at);
            fault.line = placed.line;
            fault.column = placed.column;
        }
        fault
    }

    fn fixed<T>(&self, read: Read<T>) -> Read<T> {
        read.map_err(|f| self.fix(f))
    }

    // --- Bytes.

    fn peek(&self) -> Option<u8> {
        self.text.get(self.at).copied()
    }

    fn next(&mut self) -> Option<u8> {
        let b = self.peek();
        if b.is_some() {
            self.at += 1;
        }
        b
    }

    fn whitespace(&mut self) -> Option<u8> {
        while let Some(b' ' | b'\n' | b'\t' | b'\r') = self.peek() {
            self.at += 1;
        }
        self.peek()
    }

    /// The first byte of a value, or the error serde_json gives at the end of the text.
    fn value_start(&mut self) -> Read<u8> {
        self.whitespace()
            .ok_or_else(|| self.peek_error("EOF while parsing a value"))
    }

    fn ident(&mut self, rest: &[u8]) -> Read<()> {
        for expected in rest {
            match self.next() {
                None => return Err(self.error("EOF while parsing a value")),
                Some(b) if b != *expected => return Err(self.error("expected ident")),
                Some(_) => {}
            }
        }
        Ok(())
    }

    // --- Scalars.

    fn digits(&mut self) -> usize {
        let start = self.at;
        while let Some(b'0'..=b'9') = self.peek() {
            self.at += 1;
        }
        self.at - start
    }

    /// A number whose sign (if any) has been read; `start` is where its text begins.
    fn number(&mut self, start: usize) -> Read<Number> {
        let positive = self.text[start] != b'-';
        match self.next() {
            None => return Err(self.error("EOF while parsing a value")),
            Some(b'0') => {
                if let Some(b'0'..=b'9') = self.peek() {
                    return Err(self.peek_error("invalid number"));
                }
            }
            Some(b'1'..=b'9') => {
                self.digits();
            }
            Some(_) => return Err(self.error("invalid number")),
        }
        let mut float = false;
        // Whether a digit other than 0 came before the exponent (serde_json's "zero significand").
        let mut nonzero = self.text[start..self.at]
            .iter()
            .any(|b| b'1' <= *b && *b <= b'9');
        if self.peek() == Some(b'.') {
            float = true;
            self.at += 1;
            let from = self.at;
            if self.digits() == 0 {
                return Err(match self.peek() {
                    Some(_) => self.peek_error("invalid number"),
                    None => self.peek_error("EOF while parsing a value"),
                });
            }
            nonzero |= self.text[from..self.at].iter().any(|b| *b != b'0');
        }
        if let Some(b'e' | b'E') = self.peek() {
            float = true;
            self.at += 1;
            let positive_exp = match self.peek() {
                Some(b'+') => {
                    self.at += 1;
                    true
                }
                Some(b'-') => {
                    self.at += 1;
                    false
                }
                _ => true,
            };
            let mut exp: i32 = match self.next() {
                None => return Err(self.error("EOF while parsing a value")),
                Some(d @ b'0'..=b'9') => (d - b'0') as i32,
                Some(_) => return Err(self.error("invalid number")),
            };
            while let Some(d @ b'0'..=b'9') = self.peek() {
                self.at += 1;
                match exp
                    .checked_mul(10)
                    .and_then(|e| e.checked_add((d - b'0') as i32))
                {
                    Some(e) => exp = e,
                    None => {
                        if nonzero && positive_exp {
                            return Err(self.error("number out of range"));
                        }
                        self.digits();
                        return Ok(Number::Float(if positive { 0.0 } else { -0.0 }));
                    }
                }
            }
        }
        let text = std::str::from_utf8(&self.text[start..self.at]).unwrap_or_default();
        if !float {
            if positive {
                if let Ok(n) = text.parse::<u64>() {
                    return Ok(Number::Unsigned(n));
                }
            } else if let Ok(n) = text.parse::<i64>() {
                if n != 0 {
                    return Ok(Number::Signed(n));
                }
            }
        }
        match text.parse::<f64>() {
            Ok(f) if f.is_finite() => Ok(Number::Float(f)),
            _ => Err(self.error("number out of range")),
        }
    }

    /// A string whose opening quote has been read.
    fn string(&mut self) -> Read<String> {
        let mut out = Vec::new();
        loop {
            match self.next() {
                None => return Err(self.error("EOF while parsing a string")),
                Some(b'"') => break,
                Some(b'\\') => self.escape(&mut out)?,
                Some(b) if b < 0x20 => {
                    return Err(self
                        .error("control character (\\u0000-\\u001F) found while parsing a string"))
                }
                Some(b) => out.push(b),
            }
        }
        Ok(String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into()))
    }

    fn escape(&mut self, out: &mut Vec<u8>) -> Read<()> {
        let pushed = match self.next() {
            None => return Err(self.error("EOF while parsing a string")),
            Some(b'"') => b'"',
            Some(b'\\') => b'\\',
            Some(b'/') => b'/',
            Some(b'b') => 0x08,
            Some(b'f') => 0x0c,
            Some(b'n') => b'\n',
            Some(b'r') => b'\r',
            Some(b't') => b'\t',
            Some(b'u') => return self.unicode_escape(out),
            Some(_) => return Err(self.error("invalid escape")),
        };
        out.push(pushed);
        Ok(())
    }

    fn hex4(&mut self) -> Read<u16> {
        let Some(digits) = self.text.get(self.at..self.at + 4) else {
            self.at = self.text.len();
            return Err(self.error("EOF while parsing a string"));
        };
        self.at += 4;
        std::str::from_utf8(digits)
            .ok()
            .filter(|d| d.bytes().all(|b| b.is_ascii_hexdigit()))
            .and_then(|d| u16::from_str_radix(d, 16).ok())
            .ok_or_else(|| self.error("invalid escape"))
    }

    fn unicode_escape(&mut self, out: &mut Vec<u8>) -> Read<()> {
        let lone = "lone leading surrogate in hex escape";
        let n = self.hex4()?;
        let code = match n {
            0xDC00..=0xDFFF => return Err(self.error(lone)),
            0xD800..=0xDBFF => {
                for expected in [b'\\', b'u'] {
                    match self.peek() {
                        None => return Err(self.error("EOF while parsing a string")),
                        Some(b) => {
                            self.at += 1;
                            if b != expected {
                                return Err(self.error("unexpected end of hex escape"));
                            }
                        }
                    }
                }
                let n2 = self.hex4()?;
                if !(0xDC00..=0xDFFF).contains(&n2) {
                    return Err(self.error(lone));
                }
                (((n as u32 - 0xD800) << 10) | (n2 as u32 - 0xDC00)) + 0x1_0000
            }
            n => n as u32,
        };
        let c = char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER);
        out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
        Ok(())
    }

    /// The error serde_json gives when the value here is not of the `expected` kind: it reads the
    /// value (a string, number, literal) to name it.
    #[inline(never)]
    fn invalid_type(&mut self, expected: &str) -> Fault {
        let unexpected = match self.peek().unwrap_or(0) {
            b'n' => {
                self.at += 1;
                self.ident(b"ull").map(|_| "null".to_string())
            }
            b't' => {
                self.at += 1;
                self.ident(b"rue").map(|_| "boolean `true`".to_string())
            }
            b'f' => {
                self.at += 1;
                self.ident(b"alse").map(|_| "boolean `false`".to_string())
            }
            b'-' | b'0'..=b'9' => {
                let start = self.at;
                if self.text[start] == b'-' {
                    self.at += 1;
                }
                self.number(start).map(|n| n.unexpected())
            }
            b'"' => {
                self.at += 1;
                self.string().map(|s| format!("string {s:?}"))
            }
            b'[' => Ok("sequence".into()),
            b'{' => Ok("map".into()),
            _ => return self.peek_error("expected value"),
        };
        match unexpected {
            Ok(u) => {
                let fault = self.data(format!("invalid type: {u}, expected {expected}"));
                self.fix(fault)
            }
            Err(syntax) => syntax,
        }
    }

    fn number_value(&mut self, expected: &str) -> Read<Number> {
        let start = self.value_start()?;
        let read = match start {
            b'-' | b'0'..=b'9' => {
                let from = self.at;
                if start == b'-' {
                    self.at += 1;
                }
                self.number(from)
            }
            _ => Err(self.invalid_type(expected)),
        };
        self.fixed(read)
    }

    #[inline(never)]
    fn f64(&mut self) -> Read<f64> {
        Ok(match self.number_value("f64")? {
            Number::Unsigned(n) => n as f64,
            Number::Signed(n) => n as f64,
            Number::Float(f) => f,
        })
    }

    #[inline(never)]
    fn u32(&mut self) -> Read<u32> {
        let n = self.number_value("u32")?;
        let value = match n {
            Number::Unsigned(n) => u32::try_from(n)
                .map_err(|_| self.data(format!("invalid value: integer `{n}`, expected u32"))),
            Number::Signed(n) => {
                Err(self.data(format!("invalid value: integer `{n}`, expected u32")))
            }
            Number::Float(_) => {
                Err(self.data(format!("invalid type: {}, expected u32", n.unexpected())))
            }
        };
        self.fixed(value)
    }

    #[inline(never)]
    fn text(&mut self) -> Read<String> {
        let read = match self.value_start()? {
            b'"' => {
                self.at += 1;
                self.string()
            }
            _ => Err(self.invalid_type("a string")),
        };
        self.fixed(read)
    }

    /// `null` is `None`; anything else is read by `some`.
    fn option<T>(&mut self, some: impl FnOnce(&mut Self) -> Read<T>) -> Read<Option<T>> {
        if self.null()? {
            return Ok(None);
        }
        some(self).map(Some)
    }

    /// Reads `null` if it comes next.
    fn null(&mut self) -> Read<bool> {
        if self.whitespace() != Some(b'n') {
            return Ok(false);
        }
        self.at += 1;
        self.ident(b"ull")?;
        Ok(true)
    }

    // --- Lists and records.

    /// Whether another element follows, after the comma if any (serde_json's `has_next_element`).
    fn next_element(&mut self, first: bool) -> Read<bool> {
        match self.whitespace() {
            None => Err(self.peek_error("EOF while parsing a list")),
            Some(b']') => Ok(false),
            Some(_) if first => Ok(true),
            Some(b',') => {
                self.at += 1;
                match self.whitespace() {
                    Some(b']') => Err(self.peek_error("trailing comma")),
                    Some(_) => Ok(true),
                    None => Err(self.peek_error("EOF while parsing a value")),
                }
            }
            Some(_) => Err(self.peek_error("expected `,` or `]`")),
        }
    }

    /// After a list's elements: its closing bracket.
    fn end_list(&mut self) -> Read<()> {
        match self.whitespace() {
            Some(b']') => {
                self.at += 1;
                Ok(())
            }
            Some(b',') => {
                self.at += 1;
                match self.whitespace() {
                    Some(b']') => Err(self.peek_error("trailing comma")),
                    _ => Err(self.peek_error("trailing characters")),
                }
            }
            Some(_) => Err(self.peek_error("trailing characters")),
            None => Err(self.peek_error("EOF while parsing a list")),
        }
    }

    /// After a record's keys: its closing brace.
    fn end_record(&mut self) -> Read<()> {
        match self.whitespace() {
            Some(b'}') => {
                self.at += 1;
                Ok(())
            }
            Some(b',') => Err(self.peek_error("trailing comma")),
            Some(_) => Err(self.peek_error("trailing characters")),
            None => Err(self.peek_error("EOF while parsing an object")),
        }
    }

    /// A list, each element read by `element`.
    fn list<T>(&mut self, mut element: impl FnMut(&mut Self) -> Read<T>) -> Read<Vec<T>> {
        let read = match self.value_start()? {
            b'[' => {
                self.at += 1;
                let mut items = Vec::new();
                let mut visited = Ok(());
                let mut first = true;
                loop {
                    match self.next_element(first) {
                        Ok(true) => {}
                        Ok(false) => break,
                        Err(e) => {
                            visited = Err(e);
                            break;
                        }
                    }
                    first = false;
                    self.path.push(Segment::Index(items.len()));
                    let item = element(self);
                    self.path.pop();
                    match item {
                        Ok(item) => items.push(item),
                        Err(e) => {
                            visited = Err(e);
                            break;
                        }
                    }
                }
                let end = self.end_list();
                visited.and(end).map(|_| items)
            }
            _ => Err(self.invalid_type("a sequence")),
        };
        self.fixed(read)
    }

    /// A record (a struct of the schema) named `name` with these `fields` in order, as serde's
    /// derived code reads it from an object or from an array of its fields in order. `field`
    /// reads the value of field `i` into the caller's slot. `required`: must appear in an object;
    /// `defaulted`: may be left out of an array.
    fn record(
        &mut self,
        name: &str,
        fields: &[&str],
        required: &[bool],
        defaulted: &[bool],
        field: &mut dyn FnMut(&mut Self, usize) -> Read<()>,
    ) -> Read<()> {
        let read = match self.value_start()? {
            b'{' => {
                self.at += 1;
                let visited = self.record_keys(fields, required, field);
                let end = self.end_record();
                visited.and(end)
            }
            b'[' => {
                self.at += 1;
                let visited = self.record_elements(name, fields, defaulted, field);
                let end = self.end_list();
                visited.and(end)
            }
            _ => Err(self.invalid_type(&format!("struct {name}"))),
        };
        self.fixed(read)
    }

    fn record_keys(
        &mut self,
        fields: &[&str],
        required: &[bool],
        field: &mut dyn FnMut(&mut Self, usize) -> Read<()>,
    ) -> Read<()> {
        let mut seen = vec![false; fields.len()];
        let mut first = true;
        loop {
            match self.whitespace() {
                None => return Err(self.peek_error("EOF while parsing an object")),
                Some(b'}') => break,
                Some(b'"') if first => {}
                Some(_) if first => return Err(self.peek_error("key must be a string")),
                Some(b',') => {
                    self.at += 1;
                    match self.whitespace() {
                        Some(b'"') => {}
                        Some(b'}') => return Err(self.peek_error("trailing comma")),
                        Some(_) => return Err(self.peek_error("key must be a string")),
                        None => return Err(self.peek_error("EOF while parsing a value")),
                    }
                }
                Some(_) => return Err(self.peek_error("expected `,` or `}`")),
            }
            first = false;
            self.at += 1;
            let key = self.string()?;
            let Some(i) = fields.iter().position(|f| *f == key) else {
                self.path.push(Segment::Key(key.clone()));
                let fault = self.data(format!("unknown field `{key}`, {}", one_of(fields)));
                self.path.pop();
                return Err(fault);
            };
            if seen[i] {
                return Err(self.data(format!("duplicate field `{key}`")));
            }
            seen[i] = true;
            match self.whitespace() {
                Some(b':') => self.at += 1,
                Some(_) => return Err(self.peek_error("expected `:`")),
                None => return Err(self.peek_error("EOF while parsing an object")),
            }
            self.path.push(Segment::Key(key));
            let value = field(self, i);
            self.path.pop();
            value?;
        }
        match (0..fields.len()).find(|&i| required[i] && !seen[i]) {
            Some(i) => Err(self.data(format!("missing field `{}`", fields[i]))),
            None => Ok(()),
        }
    }

    fn record_elements(
        &mut self,
        name: &str,
        fields: &[&str],
        defaulted: &[bool],
        field: &mut dyn FnMut(&mut Self, usize) -> Read<()>,
    ) -> Read<()> {
        for i in 0..fields.len() {
            if !self.next_element(i == 0)? {
                if defaulted[i] {
                    continue;
                }
                return Err(self.data(format!(
                    "invalid length {i}, expected struct {name} with {} elements",
                    fields.len()
                )));
            }
            self.path.push(Segment::Index(i));
            let value = field(self, i);
            self.path.pop();
            value?;
        }
        Ok(())
    }

    // --- The schema (`ProfileFile` and its parts, in their declaration order).

    fn profile_file(&mut self) -> Read<ProfileFile> {
        let mut f = ProfileFile {
            schema: String::new(),
            schema_version: 0,
            institution: String::new(),
            profile_version: String::new(),
            review_date: String::new(),
            approved_by: None,
            standard_concentrations_mg_per_ml: None,
            limits: Limits::default(),
            monitoring: Monitoring::default(),
            protocols: None,
        };
        self.record(
            "ProfileFile",
            &[
                "schema",
                "schema_version",
                "institution",
                "profile_version",
                "review_date",
                "approved_by",
                "standard_concentrations_mg_per_ml",
                "limits",
                "monitoring",
                "protocols",
            ],
            &[
                true, true, true, true, true, false, false, false, false, false,
            ],
            &[
                false, false, false, false, false, false, false, true, true, false,
            ],
            &mut |r, i| {
                match i {
                    0 => f.schema = r.text()?,
                    1 => f.schema_version = r.u32()?,
                    2 => f.institution = r.text()?,
                    3 => f.profile_version = r.text()?,
                    4 => f.review_date = r.text()?,
                    5 => f.approved_by = r.option(Self::text)?,
                    6 => f.standard_concentrations_mg_per_ml = r.option(|r| r.list(Self::f64))?,
                    7 => f.limits = r.limits()?,
                    8 => f.monitoring = r.monitoring()?,
                    _ => f.protocols = r.option(Self::protocols)?,
                }
                Ok(())
            },
        )?;
        Ok(f)
    }

    fn limits(&mut self) -> Read<Limits> {
        let mut l = Limits::default();
        self.record(
            "Limits",
            &[
                "iv_bolus_mg_per_kg",
                "iv_infusion_mg_per_kg_per_h",
                "continuous_infusion_min",
                "total_mg_per_day",
                "custom_concentration_mg_per_ml",
            ],
            &[false; 5],
            &[false; 5],
            &mut |r, i| {
                match i {
                    0 => l.iv_bolus_mg_per_kg = r.option(Self::soft_hard)?,
                    1 => l.iv_infusion_mg_per_kg_per_h = r.option(Self::soft_hard)?,
                    2 => l.continuous_infusion_min = r.option(Self::soft_hard)?,
                    3 => l.total_mg_per_day = r.option(Self::soft_hard)?,
                    _ => l.custom_concentration_mg_per_ml = r.option(Self::min_max)?,
                }
                Ok(())
            },
        )?;
        Ok(l)
    }

    fn monitoring(&mut self) -> Read<Monitoring> {
        let mut m = Monitoring::default();
        self.record(
            "Monitoring",
            &[
                "high_dose_bolus_mg_per_kg",
                "high_dose_infusion_mg_per_kg_per_h",
                "stabilized_high_dose_infusion_mg_per_kg_per_h",
                "elderly_age_years",
                "lower_thresholds",
            ],
            &[false; 5],
            &[false; 5],
            &mut |r, i| {
                match i {
                    0 => m.high_dose_bolus_mg_per_kg = r.option(Self::reasoned)?,
                    1 => m.high_dose_infusion_mg_per_kg_per_h = r.option(Self::reasoned)?,
                    2 => {
                        m.stabilized_high_dose_infusion_mg_per_kg_per_h =
                            r.option(Self::reasoned)?
                    }
                    3 => m.elderly_age_years = r.option(Self::reasoned)?,
                    _ => m.lower_thresholds = r.option(Self::lower_thresholds)?,
                }
                Ok(())
            },
        )?;
        Ok(m)
    }

    fn soft_hard(&mut self) -> Read<SoftHard> {
        let mut s = SoftHard::default();
        self.record(
            "SoftHard",
            &["soft", "hard", "reason"],
            &[false; 3],
            &[false; 3],
            &mut |r, i| {
                match i {
                    0 => s.soft = r.option(Self::f64)?,
                    1 => s.hard = r.option(Self::f64)?,
                    _ => s.reason = r.option(Self::text)?,
                }
                Ok(())
            },
        )?;
        Ok(s)
    }

    fn reasoned(&mut self) -> Read<Reasoned> {
        let mut v = Reasoned {
            value: 0.0,
            reason: String::new(),
        };
        self.record(
            "Reasoned",
            &["value", "reason"],
            &[true; 2],
            &[false; 2],
            &mut |r, i| {
                match i {
                    0 => v.value = r.f64()?,
                    _ => v.reason = r.text()?,
                }
                Ok(())
            },
        )?;
        Ok(v)
    }

    fn min_max(&mut self) -> Read<MinMax> {
        let mut v = MinMax {
            min: 0.0,
            max: 0.0,
            reason: None,
        };
        self.record(
            "MinMax",
            &["min", "max", "reason"],
            &[true, true, false],
            &[false; 3],
            &mut |r, i| {
                match i {
                    0 => v.min = r.f64()?,
                    1 => v.max = r.f64()?,
                    _ => v.reason = r.option(Self::text)?,
                }
                Ok(())
            },
        )?;
        Ok(v)
    }

    fn lower_thresholds(&mut self) -> Read<LowerThresholds> {
        let mut v = LowerThresholds {
            bolus_mg_per_kg: 0.0,
            infusion_mg_per_kg_per_h: 0.0,
            reason: String::new(),
        };
        self.record(
            "LowerThresholds",
            &["bolus_mg_per_kg", "infusion_mg_per_kg_per_h", "reason"],
            &[true; 3],
            &[false; 3],
            &mut |r, i| {
                match i {
                    0 => v.bolus_mg_per_kg = r.f64()?,
                    1 => v.infusion_mg_per_kg_per_h = r.f64()?,
                    _ => v.reason = r.text()?,
                }
                Ok(())
            },
        )?;
        Ok(v)
    }

    fn protocols(&mut self) -> Read<Protocols> {
        let mut p = Protocols {
            offered: Vec::new(),
            default: None,
        };
        self.record(
            "Protocols",
            &["offered", "default"],
            &[true, false],
            &[false; 2],
            &mut |r, i| {
                match i {
                    0 => p.offered = r.list(Self::text)?,
                    _ => p.default = r.option(Self::text)?,
                }
                Ok(())
            },
        )?;
        Ok(p)
    }
}

/// serde's list of the keys a record accepts, in its "unknown field" message.
fn one_of(fields: &[&str]) -> String {
    let quoted: Vec<String> = fields.iter().map(|f| format!("`{f}`")).collect();
    match quoted.as_slice() {
        [] => "there are no fields".into(),
        [one] => format!("expected {one}"),
        [a, b] => format!("expected {a} or {b}"),
        _ => format!("expected one of {}", quoted.join(", ")),
    }
}
