//! JSON written straight into a string as it is built, for text inside a
//! `<script>` element: `<`, `>` and `&` are written as JSON escapes, so that
//! no text from a record can close the element or open another.
//!
//! Every page has a JSON-LD graph; building it as `serde_json` values first
//! made a tree of maps and strings per page only to write it out and drop
//! it. Keys are written in the order given; the JSON-LD writes them in
//! byte order, as `serde_json`'s maps did (debug builds check it).

use serde::Serialize;

/// Writes the object `fill` makes into `out`.
pub fn object(out: &mut String, fill: impl FnOnce(&mut Object)) {
    out.push('{');
    let mut o = Object {
        out,
        first: true,
        last: "",
    };
    fill(&mut o);
    o.out.push('}');
}

/// Writes the array `fill` makes into `out`.
pub fn array(out: &mut String, fill: impl FnOnce(&mut Array)) {
    out.push('[');
    let mut a = Array { out, first: true };
    fill(&mut a);
    a.out.push(']');
}

/// An object being written.
pub struct Object<'a> {
    out: &'a mut String,
    first: bool,
    last: &'static str,
}

impl Object<'_> {
    fn key(&mut self, key: &'static str) {
        debug_assert!(
            self.first || self.last < key,
            "key {key} after {}",
            self.last
        );
        self.last = key;
        if !self.first {
            self.out.push(',');
        }
        self.first = false;
        push_string(self.out, key);
        self.out.push(':');
    }

    pub fn str(&mut self, key: &'static str, value: &str) -> &mut Self {
        self.key(key);
        push_string(self.out, value);
        self
    }

    /// A string, or nothing when there is none.
    pub fn opt_str(&mut self, key: &'static str, value: Option<&str>) -> &mut Self {
        if let Some(v) = value {
            self.str(key, v);
        }
        self
    }

    /// A string, or `null` when there is none.
    pub fn str_or_null(&mut self, key: &'static str, value: Option<&str>) -> &mut Self {
        self.key(key);
        match value {
            Some(v) => push_string(self.out, v),
            None => self.out.push_str("null"),
        }
        self
    }

    /// A number or another plain value, as `serde_json` writes it.
    pub fn value(&mut self, key: &'static str, value: &impl Serialize) -> &mut Self {
        self.key(key);
        push_value(self.out, value);
        self
    }

    pub fn object(&mut self, key: &'static str, fill: impl FnOnce(&mut Object)) -> &mut Self {
        self.key(key);
        object(self.out, fill);
        self
    }

    pub fn array(&mut self, key: &'static str, fill: impl FnOnce(&mut Array)) -> &mut Self {
        self.key(key);
        array(self.out, fill);
        self
    }

    /// An array of strings.
    pub fn strs<'s>(
        &mut self,
        key: &'static str,
        items: impl IntoIterator<Item = &'s str>,
    ) -> &mut Self {
        self.array(key, |a| {
            for s in items {
                a.str(s);
            }
        })
    }

    /// `{"@id": id}`: a reference to a node of the graph.
    pub fn reference(&mut self, key: &'static str, id: &str) -> &mut Self {
        self.object(key, |o| {
            o.str("@id", id);
        })
    }
}

/// An array being written.
pub struct Array<'a> {
    out: &'a mut String,
    first: bool,
}

impl Array<'_> {
    fn next(&mut self) {
        if !self.first {
            self.out.push(',');
        }
        self.first = false;
    }

    pub fn str(&mut self, value: &str) -> &mut Self {
        self.next();
        push_string(self.out, value);
        self
    }

    pub fn object(&mut self, fill: impl FnOnce(&mut Object)) -> &mut Self {
        self.next();
        object(self.out, fill);
        self
    }
}

fn push_value(out: &mut String, value: &impl Serialize) {
    match serde_json::to_string(value) {
        Ok(s) => push_escaped(out, &s),
        Err(_) => out.push_str("null"),
    }
}

/// The bytes [`push_string`] escapes: control characters, the quote and
/// the backslash (for JSON), `<`, `>` and `&` (for a script element). A
/// table: one load a byte where the comparisons took six.
const ESCAPED: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        t[b] = true;
        b += 1;
    }
    t[b'"' as usize] = true;
    t[b'\\' as usize] = true;
    t[b'<' as usize] = true;
    t[b'>' as usize] = true;
    t[b'&' as usize] = true;
    t
};

/// Appends `s` as a JSON string, escaped as `serde_json` escapes it and
/// for a script element.
fn push_string(out: &mut String, s: &str) {
    out.push('"');
    let mut rest = s;
    while let Some(at) = rest.bytes().position(|b| ESCAPED[usize::from(b)]) {
        out.push_str(&rest[..at]);
        let b = rest.as_bytes()[at];
        match b {
            b'"' => out.push_str("\\\""),
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            0x08 => out.push_str("\\b"),
            0x0C => out.push_str("\\f"),
            _ => push_unicode_escape(out, b),
        }
        rest = &rest[at + 1..];
    }
    out.push_str(rest);
    out.push('"');
}

/// `\u00XX`, hex in lower case as `serde_json` writes it.
fn push_unicode_escape(out: &mut String, b: u8) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push_str("\\u00");
    out.push(char::from(HEX[usize::from(b >> 4)]));
    out.push(char::from(HEX[usize::from(b & 0xF)]));
}

/// Appends JSON text with `<`, `>` and `&` escaped (they can only be in
/// its strings).
fn push_escaped(out: &mut String, json: &str) {
    let mut rest = json;
    while let Some(at) = rest.find(['<', '>', '&']) {
        out.push_str(&rest[..at]);
        push_unicode_escape(out, rest.as_bytes()[at]);
        rest = &rest[at + 1..];
    }
    out.push_str(rest);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_escapes_the_bytes_the_comparisons_did() {
        for b in 0..=255u8 {
            let escaped = b < 0x20 || matches!(b, b'"' | b'\\' | b'<' | b'>' | b'&');
            assert_eq!(ESCAPED[usize::from(b)], escaped, "{b:#x}");
        }
    }

    fn written(fill: impl FnOnce(&mut Object)) -> String {
        let mut s = String::new();
        object(&mut s, fill);
        s
    }

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them_and_for_a_script() {
        let tricky =
            "</script><script>alert(1)</script> & \"co\" \\ é \u{1}\u{8}\u{c}\n\r\t\u{1f}\u{7f}";
        let s = written(|o| {
            o.str("a", tricky);
        });
        assert!(!s.contains('<') && !s.contains('>') && !s.contains('&'));
        let expected = serde_json::to_string(&serde_json::json!({ "a": tricky }))
            .unwrap()
            .replace('<', "\\u003c")
            .replace('>', "\\u003e")
            .replace('&', "\\u0026");
        assert_eq!(s, expected);
        let back: serde_json::Value = serde_json::from_str(&s).unwrap();
        assert_eq!(back["a"], tricky);
    }

    #[test]
    fn objects_arrays_and_values_nest() {
        let s = written(|o| {
            o.str("@id", "x")
                .array("b", |a| {
                    a.str("<").object(|o| {
                        o.value("n", &1.5).value("z", &serde_json::Value::Null);
                    });
                })
                .opt_str("c", None)
                .str_or_null("d", None)
                .reference("e", "#p")
                .strs("f", ["vi", "en"])
                .value("g", &true);
        });
        assert_eq!(
            s,
            r##"{"@id":"x","b":["\u003c",{"n":1.5,"z":null}],"d":null,"e":{"@id":"#p"},"f":["vi","en"],"g":true}"##
        );
    }
}
