//! Just enough of a JSON parser (RFC 8259) to read the trace's Chrome
//! export back, strictly: a string with a raw control character, a number
//! with a leading zero or a trailing comma is an error, as in a browser's
//! `JSON.parse`, so an export that parses here opens in Perfetto.

/// A JSON value; an object keeps its keys in order.
#[derive(Clone, PartialEq, Debug)]
pub(super) enum Json {
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    Array(Vec<Json>),
    Object(Vec<(String, Json)>),
}

impl Json {
    /// The member `key` of an object.
    pub(super) fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Object(members) => members.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    pub(super) fn str(&self, key: &str) -> &str {
        match self.get(key) {
            Some(Json::String(text)) => text,
            other => panic!("{key} is {other:?}, not a string, in {self:?}"),
        }
    }

    pub(super) fn number(&self, key: &str) -> f64 {
        match self.get(key) {
            Some(Json::Number(number)) => *number,
            other => panic!("{key} is {other:?}, not a number, in {self:?}"),
        }
    }

    pub(super) fn array(&self) -> &[Json] {
        match self {
            Json::Array(items) => items,
            other => panic!("{other:?} is not an array"),
        }
    }
}

/// The document's value, or what is wrong with it.
pub(super) fn parse(text: &str) -> Result<Json, String> {
    let mut parser = Parser { rest: text };
    let value = parser.value()?;
    match parser.rest.trim_start() {
        "" => Ok(value),
        rest => Err(format!("text after the value: {rest:.20}")),
    }
}

struct Parser<'j> {
    rest: &'j str,
}

impl Parser<'_> {
    fn skip_space(&mut self) {
        self.rest = self.rest.trim_start_matches([' ', '\t', '\n', '\r']);
    }

    fn eat(&mut self, token: &str) -> bool {
        self.skip_space();
        match self.rest.strip_prefix(token) {
            Some(rest) => {
                self.rest = rest;
                true
            }
            None => false,
        }
    }

    fn value(&mut self) -> Result<Json, String> {
        self.skip_space();
        match self.rest.chars().next() {
            Some('{') => self.object(),
            Some('[') => self.array(),
            Some('"') => self.string().map(Json::String),
            Some('-' | '0'..='9') => self.number(),
            _ if self.eat("true") => Ok(Json::Bool(true)),
            _ if self.eat("false") => Ok(Json::Bool(false)),
            _ if self.eat("null") => Ok(Json::Null),
            _ => Err(format!("expected a value at {:.20?}", self.rest)),
        }
    }

    fn object(&mut self) -> Result<Json, String> {
        self.eat("{");
        let mut members = Vec::new();
        if self.eat("}") {
            return Ok(Json::Object(members));
        }
        loop {
            self.skip_space();
            let key = self.string()?;
            if !self.eat(":") {
                return Err(format!("expected : after {key:?}"));
            }
            members.push((key, self.value()?));
            if self.eat("}") {
                return Ok(Json::Object(members));
            }
            if !self.eat(",") {
                return Err(format!("expected , or }} at {:.20?}", self.rest));
            }
        }
    }

    fn array(&mut self) -> Result<Json, String> {
        self.eat("[");
        let mut items = Vec::new();
        if self.eat("]") {
            return Ok(Json::Array(items));
        }
        loop {
            items.push(self.value()?);
            if self.eat("]") {
                return Ok(Json::Array(items));
            }
            if !self.eat(",") {
                return Err(format!("expected , or ] at {:.20?}", self.rest));
            }
        }
    }

    fn number(&mut self) -> Result<Json, String> {
        let digits = |s: &str| s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
        let mut end = usize::from(self.rest.starts_with('-'));
        let whole = digits(&self.rest[end..]);
        if whole == 0 || (whole > 1 && self.rest[end..].starts_with('0')) {
            return Err(format!("a malformed number at {:.20?}", self.rest));
        }
        end += whole;
        if self.rest[end..].starts_with('.') {
            let fraction = digits(&self.rest[end + 1..]);
            if fraction == 0 {
                return Err(format!("no digits after . at {:.20?}", self.rest));
            }
            end += 1 + fraction;
        }
        if self.rest[end..].starts_with(['e', 'E']) {
            end += 1;
            end += usize::from(self.rest[end..].starts_with(['+', '-']));
            end += digits(&self.rest[end..]);
        }
        let (number, rest) = self.rest.split_at(end);
        self.rest = rest;
        number
            .parse()
            .map(Json::Number)
            .map_err(|e| format!("{number}: {e}"))
    }

    fn string(&mut self) -> Result<String, String> {
        let mut chars = self
            .rest
            .strip_prefix('"')
            .ok_or("expected a string")?
            .char_indices();
        let mut text = String::new();
        while let Some((at, c)) = chars.next() {
            match c {
                '"' => {
                    self.rest = &self.rest[1 + at + 1..];
                    return Ok(text);
                }
                '\\' => text.push(escape(&mut chars)?),
                c if u32::from(c) < 0x20 => return Err(format!("a raw control character {c:?}")),
                c => text.push(c),
            }
        }
        Err("a string is not closed".to_string())
    }
}

/// The character an escape after `\` stands for (`\uD83D\uDE00` pairs too).
fn escape(chars: &mut std::str::CharIndices<'_>) -> Result<char, String> {
    let hex = |chars: &mut std::str::CharIndices<'_>| -> Result<u32, String> {
        let digits: String = chars.by_ref().take(4).map(|(_, c)| c).collect();
        u32::from_str_radix(&digits, 16).map_err(|_| format!("a bad \\u{digits}"))
    };
    Ok(match chars.next().map(|(_, c)| c) {
        Some('"') => '"',
        Some('\\') => '\\',
        Some('/') => '/',
        Some('b') => '\u{8}',
        Some('f') => '\u{c}',
        Some('n') => '\n',
        Some('r') => '\r',
        Some('t') => '\t',
        Some('u') => {
            let high = hex(chars)?;
            let code = if (0xD800..0xDC00).contains(&high) {
                match (chars.next(), chars.next()) {
                    (Some((_, '\\')), Some((_, 'u'))) => {
                        0x10000 + ((high - 0xD800) << 10) + (hex(chars)? - 0xDC00)
                    }
                    _ => return Err("a lone surrogate".to_string()),
                }
            } else {
                high
            };
            char::from_u32(code).ok_or(format!("no character {code:x}"))?
        }
        other => return Err(format!("a bad escape {other:?}")),
    })
}

#[test]
fn the_parser_reads_every_kind_of_value() {
    let json =
        parse(r#" {"a": [1, -2.5e1, true, null], "b": "x\"\\\n\u00e9\ud83d\ude00"} "#).unwrap();
    let a = json.get("a").unwrap().array();
    assert_eq!(
        a,
        [
            Json::Number(1.0),
            Json::Number(-25.0),
            Json::Bool(true),
            Json::Null
        ]
    );
    assert_eq!(json.str("b"), "x\"\\\né😀");
}

#[test]
fn the_parser_rejects_what_json_does_not_allow() {
    for bad in [
        "[1,]",
        "{\"a\":1,}",
        "[01]",
        "\"a\nb\"",
        "[1.]",
        "{a:1}",
        "[1] 2",
        "\"\\x\"",
    ] {
        assert!(parse(bad).is_err(), "{bad:?} was accepted");
    }
}
