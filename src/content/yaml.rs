//! YAML to typed records, with every serde error turned into a
//! [`Diagnostic`] that has a code, a line, a column and a field path.
//!
//! Typed deserialization goes through `serde_yaml`; where a diagnostic needs
//! the position of a field that deserialized fine (an unknown reference, a
//! missing field, a duplicate key), a second, event-level pass over the same
//! text finds it. That pass only runs when there is something to report.

use crate::diagnostics::{Code, Diagnostic};
use serde::de::DeserializeOwned;
use std::collections::{HashMap, HashSet};
use std::path::Path;
use yaml_rust2::Event;
use yaml_rust2::parser::Parser;

use super::localised::with_languages;

/// Prefix of the custom errors raised by nongsan's own deserializers:
/// `nongsan:<code>:<found>:<expected>`.
pub const CUSTOM_PREFIX: &str = "nongsan:";

pub struct YamlSource<'a> {
    pub text: &'a str,
    /// The file as shown in diagnostics.
    pub file: &'a Path,
    /// The line of the file where `text` begins (2 in a `.md` record).
    pub first_line: usize,
}

pub fn is_blank(yaml: &str) -> bool {
    yaml.lines().all(|l| {
        let t = l.trim();
        t.is_empty() || t.starts_with('#') || t == "---" || t == "..."
    })
}

/// Deserializes one record, or gives the diagnostic of its first error.
pub fn from_yaml<T: DeserializeOwned>(
    src: &YamlSource,
    languages: &[String],
) -> Result<T, Diagnostic> {
    if is_blank(src.text) {
        return Err(Diagnostic::new(Code::EmptyRecord)
            .file(src.file)
            .at(src.first_line.max(1), 1));
    }
    // Most records are valid: read without tracking where the reader is,
    // and read again with it only to say where the first error is.
    let plain = with_languages(languages, || {
        T::deserialize(serde_yaml::Deserializer::from_str(src.text))
    });
    if let Ok(t) = plain {
        return Ok(t);
    }
    let result = with_languages(languages, || {
        let de = serde_yaml::Deserializer::from_str(src.text);
        serde_path_to_error::deserialize::<_, T>(de)
    });
    result.map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        let loc = inner.location().map(|l| (l.line(), l.column()));
        classify(src, &path, &inner.to_string(), loc)
    })
}

fn strip_location(msg: &str) -> &str {
    match msg.rfind(" at line ") {
        Some(i) if msg[i..].contains(" column ") => &msg[..i],
        _ => msg,
    }
}

/// The text between the first pair of backticks after `start`.
fn ticked(s: &str) -> Option<&str> {
    let a = s.find('`')?;
    let rest = &s[a + 1..];
    let b = rest.find('`')?;
    Some(&rest[..b])
}

fn join_path(parent: &str, name: &str) -> String {
    if parent.is_empty() || parent == "." || parent == "?" {
        name.to_string()
    } else {
        format!("{parent}.{name}")
    }
}

/// Words an editor knows, for the names serde gives to Rust types.
pub fn plain_words(s: &str) -> String {
    let s = s.trim();
    let mapped = match s {
        "u8" | "u16" | "u32" | "u64" | "usize" => "a whole number ≥ 0",
        "i8" | "i16" | "i32" | "i64" | "isize" => "a whole number",
        "f32" | "f64" => "a number",
        "a string" | "a borrowed string" | "string" => "a text",
        "a sequence" | "sequence" => "a list",
        "a map" | "map" => "a map of fields",
        "a boolean" | "bool" | "boolean" => "true or false",
        "unit value" => "an empty value",
        _ => "",
    };
    if !mapped.is_empty() {
        return mapped.to_string();
    }
    if s.starts_with("struct ") {
        return "a map of fields".to_string();
    }
    if s.starts_with("a sequence") {
        return "a list".to_string();
    }
    if let Some(rest) = s.strip_prefix("string ") {
        return format!("text {rest}");
    }
    if let Some(rest) = s.strip_prefix("integer ") {
        return format!("the number {rest}");
    }
    if let Some(rest) = s.strip_prefix("floating point ") {
        return format!("the number {rest}");
    }
    if let Some(rest) = s.strip_prefix("boolean ") {
        return rest.to_string();
    }
    if s.starts_with("enum ") {
        return "one of the listed values".to_string();
    }
    s.to_string()
}

fn classify(src: &YamlSource, path: &str, raw: &str, loc: Option<(usize, usize)>) -> Diagnostic {
    let msg = strip_location(raw);
    let base = Diagnostic::new(Code::YamlSyntax).file(src.file);
    let at = |d: Diagnostic, loc: Option<(usize, usize)>| match loc {
        Some((l, c)) => d.at(l + src.first_line - 1, c),
        None => d,
    };
    let located = |p: &str| locate(src.text, p);

    if let Some(i) = msg.find(CUSTOM_PREFIX) {
        let mut parts = msg[i + CUSTOM_PREFIX.len()..].splitn(3, ':');
        let code = parts.next().unwrap_or("");
        let a = parts.next().unwrap_or("").to_string();
        let b = parts.next().unwrap_or("").to_string();
        let d = match code {
            "E015" => Diagnostic::new(Code::UnknownLanguage).found(a).expected(b),
            "E021" => Diagnostic::new(Code::MissingDefaultLanguage).expected(a),
            _ => Diagnostic::new(Code::InvalidValue).found(a).expected(b),
        };
        let d = d.file(src.file).field(path);
        return at(d, located(path).or(loc));
    }
    if let Some(i) = msg.find("unknown field `") {
        let rest = &msg[i..];
        let name = ticked(rest).unwrap_or("").to_string();
        let expected = match rest.find("expected ") {
            Some(j) => rest[j + "expected ".len()..]
                .trim_start_matches("one of ")
                .to_string(),
            None => "none".to_string(),
        };
        let field = if path.ends_with(&name) {
            path.to_string()
        } else {
            join_path(path, &name)
        };
        let d = Diagnostic::new(Code::UnknownField)
            .file(src.file)
            .field(&field)
            .found(&name)
            .expected(expected);
        let pos = located(&field).or(loc);
        return at(d, pos);
    }
    if let Some(i) = msg.find("missing field `") {
        let name = ticked(&msg[i..]).unwrap_or("").to_string();
        let field = join_path(path, &name);
        let d = Diagnostic::new(Code::MissingField)
            .file(src.file)
            .field(&field)
            .param("name", &name)
            .expected(format!("a `{name}` field"));
        // Point at the map that lacks the field.
        let parent = if path == "." { "" } else { path };
        let pos = located(parent).or(loc);
        return at(d, pos);
    }
    if msg.contains("duplicate field `") || msg.contains("duplicate entry") {
        if let Some(dup) = find_duplicate_key(src.text) {
            let d = Diagnostic::new(Code::DuplicateKey)
                .file(src.file)
                .field(&dup.path)
                .found(&dup.key);
            return d.at(dup.line + src.first_line - 1, dup.column);
        }
        let name = ticked(msg).unwrap_or("").to_string();
        return at(
            Diagnostic::new(Code::DuplicateKey)
                .file(src.file)
                .field(join_path(path, &name))
                .found(name),
            loc,
        );
    }
    if let Some(i) = msg.find("unknown variant `") {
        let rest = &msg[i..];
        let found = ticked(rest).unwrap_or("").to_string();
        let expected = rest
            .find("expected ")
            .map(|j| {
                rest[j + "expected ".len()..]
                    .trim_start_matches("one of ")
                    .to_string()
            })
            .unwrap_or_default();
        let options: Vec<&str> = expected
            .split(['`', ','])
            .map(|s| s.trim())
            .filter(|s| !s.is_empty() && *s != "or")
            .collect();
        let mut d = Diagnostic::new(Code::UnknownVariant)
            .file(src.file)
            .field(path)
            .found(&found)
            .expected(&expected);
        if let Some(n) = crate::content::slug::nearest(&found, options.iter().copied()) {
            d = d.hint(n);
        }
        return at(d, loc.or_else(|| located(path)));
    }
    for (phrase, code) in [
        ("invalid type: ", Code::WrongType),
        ("invalid value: ", Code::InvalidValue),
        ("invalid length ", Code::InvalidValue),
    ] {
        if let Some(i) = msg.find(phrase) {
            let rest = &msg[i + phrase.len()..];
            let (found, expected) = match rest.rfind(", expected ") {
                Some(j) => (&rest[..j], &rest[j + ", expected ".len()..]),
                None => (rest, ""),
            };
            let d = Diagnostic::new(code)
                .file(src.file)
                .field(path)
                .found(plain_words(found))
                .expected(plain_words(expected));
            return at(d, loc.or_else(|| located(path)));
        }
    }
    if msg.contains("recursion limit exceeded") || msg.contains("repetition limit exceeded") {
        return at(
            base.field(path)
                .detail(format!("{msg} (nesting and aliases are limited)")),
            loc,
        );
    }
    at(
        base.field(if path == "?" { "" } else { path })
            .detail(msg.to_string()),
        loc,
    )
}

/// Where a node sits in the YAML text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Pos {
    line: usize,
    column: usize,
}

#[derive(Default)]
struct SpanIndex {
    /// Where the key naming a node is.
    key: HashMap<String, Pos>,
    /// Where a node's first scalar is.
    value: HashMap<String, Pos>,
    scalar: HashSet<String>,
    duplicate: Option<DuplicateKey>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DuplicateKey {
    pub key: String,
    pub path: String,
    pub line: usize,
    pub column: usize,
}

enum Frame {
    Map {
        path: String,
        key: Option<String>,
        seen: HashSet<String>,
    },
    Seq {
        path: String,
        index: usize,
    },
    /// A node used as a mapping key (rare); ignored.
    Skip,
}

fn frame_path(f: &Frame) -> Option<&str> {
    match f {
        Frame::Map { path, .. } | Frame::Seq { path, .. } => Some(path),
        Frame::Skip => None,
    }
}

fn build_index(text: &str) -> SpanIndex {
    let mut idx = SpanIndex::default();
    let mut parser = Parser::new_from_str(text);
    let mut stack: Vec<Frame> = Vec::new();
    // Guards against pathological input: the index is a best effort.
    let mut budget: usize = 1_000_000;
    while budget > 0 {
        budget -= 1;
        let Ok((event, mark)) = parser.next_token() else {
            break;
        };
        let pos = Pos {
            line: mark.line(),
            column: mark.col() + 1,
        };
        let is_node_start = matches!(
            event,
            Event::Scalar(..)
                | Event::Alias(..)
                | Event::MappingStart(..)
                | Event::SequenceStart(..)
        );
        if is_node_start {
            // Is this node a key, or a value at some path?
            let mut as_key: Option<String> = None;
            let mut child: Option<String> = None;
            match stack.last_mut() {
                Some(Frame::Map { path, key, seen }) => {
                    if key.is_none() {
                        let k = match &event {
                            Event::Scalar(v, ..) => v.clone(),
                            _ => "?".to_string(),
                        };
                        let kp = join_path(path, &k);
                        if !seen.insert(k.clone()) && idx.duplicate.is_none() {
                            idx.duplicate = Some(DuplicateKey {
                                key: k.clone(),
                                path: kp.clone(),
                                line: pos.line,
                                column: pos.column,
                            });
                        }
                        idx.key.entry(kp).or_insert(pos);
                        *key = Some(k.clone());
                        as_key = Some(k);
                    } else if let Some(k) = key.take() {
                        child = Some(join_path(path, &k));
                    }
                }
                Some(Frame::Seq { path, index }) => {
                    child = Some(format!("{path}[{index}]"));
                    *index += 1;
                }
                Some(Frame::Skip) => {}
                None => child = Some(String::new()),
            }
            if as_key.is_some() {
                if matches!(event, Event::MappingStart(..) | Event::SequenceStart(..)) {
                    stack.push(Frame::Skip);
                }
            } else {
                match (&event, child) {
                    (Event::MappingStart(..), Some(p)) => stack.push(Frame::Map {
                        path: p,
                        key: None,
                        seen: HashSet::new(),
                    }),
                    (Event::SequenceStart(..), Some(p)) => {
                        stack.push(Frame::Seq { path: p, index: 0 })
                    }
                    (Event::MappingStart(..) | Event::SequenceStart(..), None) => {
                        stack.push(Frame::Skip)
                    }
                    (Event::Scalar(..) | Event::Alias(..), Some(p)) => {
                        idx.value.entry(p.clone()).or_insert(pos);
                        idx.scalar.insert(p);
                    }
                    _ => {}
                }
            }
            if matches!(event, Event::Scalar(..) | Event::Alias(..)) {
                // The first scalar inside a container marks where it starts.
                for f in stack.iter() {
                    if let Some(p) = frame_path(f) {
                        idx.value.entry(p.to_string()).or_insert(pos);
                    }
                }
            }
        }
        match event {
            Event::MappingEnd | Event::SequenceEnd => {
                stack.pop();
            }
            Event::StreamEnd => break,
            _ => {}
        }
    }
    idx
}

/// The line and column (1-based, relative to `text`) of the field at
/// `path`, or of its nearest ancestor that exists.
pub fn locate(text: &str, path: &str) -> Option<(usize, usize)> {
    let idx = build_index(text);
    let mut p = if path == "." { "" } else { path };
    loop {
        let found = if idx.scalar.contains(p) {
            idx.value.get(p).or_else(|| idx.key.get(p))
        } else {
            idx.key.get(p).or_else(|| idx.value.get(p))
        };
        if let Some(pos) = found {
            return Some((pos.line, pos.column));
        }
        if p.is_empty() {
            return None;
        }
        p = parent_path(p);
    }
}

fn parent_path(p: &str) -> &str {
    match (p.rfind('.'), p.rfind('[')) {
        (Some(a), Some(b)) => &p[..a.max(b)],
        (Some(a), None) => &p[..a],
        (None, Some(b)) => &p[..b],
        (None, None) => "",
    }
}

pub fn find_duplicate_key(text: &str) -> Option<DuplicateKey> {
    build_index(text).duplicate
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "name: A\nproducers:\n  - htx-a\n  - htx-b\nocop:\n  stars: 4\n  date: 2024-01\nimages:\n  - src: a.jpg\n    alt: x\n";

    #[test]
    fn locates_fields() {
        assert_eq!(locate(DOC, "name"), Some((1, 7)));
        assert_eq!(locate(DOC, "producers[1]"), Some((4, 5)));
        assert_eq!(locate(DOC, "ocop"), Some((5, 1)));
        assert_eq!(locate(DOC, "ocop.date"), Some((7, 9)));
        assert_eq!(locate(DOC, "images[0]"), Some((9, 5)));
        assert_eq!(locate(DOC, "images[0].alt"), Some((10, 10)));
        // An absent field falls back to its parent.
        assert_eq!(locate(DOC, "ocop.decision"), Some((5, 1)));
        assert_eq!(locate(DOC, ""), Some((1, 1)));
    }

    #[test]
    fn finds_duplicate_keys() {
        let d = find_duplicate_key("a: 1\nb:\n  c: 1\n  c: 2\n").unwrap();
        assert_eq!((d.path.as_str(), d.line, d.column), ("b.c", 4, 3));
    }

    #[derive(serde::Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct R {
        name: String,
        #[serde(default)]
        images: Vec<Img>,
    }

    #[derive(serde::Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Img {
        src: String,
        alt: String,
    }

    fn parse(text: &str) -> Diagnostic {
        let src = YamlSource {
            text,
            file: Path::new("p.md"),
            first_line: 2,
        };
        from_yaml::<R>(&src, &[]).unwrap_err()
    }

    #[test]
    fn classifies_errors_with_positions() {
        let d = parse("name: A\nimages:\n  - src: a.jpg\n");
        assert_eq!(d.code, Code::MissingField);
        assert_eq!(d.field.as_deref(), Some("images[0].alt"));
        assert_eq!(d.line, Some(4));

        let d = parse("name: A\nnmae: B\n");
        assert_eq!(d.code, Code::UnknownField);
        assert_eq!(d.get("found"), Some("nmae"));
        assert!(d.get("expected").unwrap().contains("name"));
        assert_eq!(d.line, Some(3));

        let d = parse("name: [1]\n");
        assert_eq!(d.code, Code::WrongType);
        assert_eq!(d.get("expected"), Some("a text"));

        let d = parse("name: A\nname: B\n");
        assert_eq!(d.code, Code::DuplicateKey);
        assert_eq!(d.line, Some(3));

        let d = parse("name: A\n  x: : y\n");
        assert_eq!(d.code, Code::YamlSyntax);
        assert!(d.line.is_some());

        let d = parse("# only a comment\n");
        assert_eq!(d.code, Code::EmptyRecord);
    }
}
