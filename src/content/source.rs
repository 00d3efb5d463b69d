//! Reading one content file: size limit, UTF-8, byte-order mark, line
//! endings, NFC, and the split of front matter from body.

use crate::diagnostics::{Code, Diagnostic};
use std::path::Path;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// Files above this many bytes are refused rather than read.
pub const DEFAULT_MAX_FILE_BYTES: u64 = 10 * 1024 * 1024;

/// Reads a file as NFC text with `\n` line endings and no BOM.
pub fn read_text(path: &Path, shown: &Path, max_bytes: u64) -> Result<String, Diagnostic> {
    use std::io::Read;
    let failed = |e: std::io::Error| {
        Diagnostic::new(Code::ReadFailed)
            .file(shown)
            .detail(e.to_string())
    };
    let too_large = |len: u64| {
        Diagnostic::new(Code::FileTooLarge)
            .file(shown)
            .found(len.to_string())
            .expected(max_bytes.to_string())
    };
    // One open, its size from the open file, then one read of that many
    // bytes: the fewest calls to the system for the thousands of files of
    // a site. The file is read as large as it was when opened (a read to
    // the end would take another call to find that end), so one that
    // grows meanwhile is still held to the limit.
    let file = std::fs::File::open(path).map_err(failed)?;
    let len = file.metadata().map_err(failed)?.len();
    if len > max_bytes {
        return Err(too_large(len));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0).saturating_add(1));
    file.take(len).read_to_end(&mut bytes).map_err(failed)?;
    decode(bytes, shown)
}

pub fn decode(bytes: Vec<u8>, shown: &Path) -> Result<String, Diagnostic> {
    // Checked quickly, then copied: copying is cheaper than the standard
    // library's check of multi-byte text. A file that fails goes through
    // that check, for the place of the fault.
    if let Ok(text) = simdutf8::basic::from_utf8(&bytes) {
        return Ok(normalise(text.to_owned()));
    }
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let bytes = e.as_bytes();
            let before = &bytes[..at];
            let line = before.iter().filter(|b| **b == b'\n').count() + 1;
            let line_start = before
                .iter()
                .rposition(|b| *b == b'\n')
                .map_or(0, |p| p + 1);
            let column = String::from_utf8_lossy(&before[line_start..])
                .chars()
                .count()
                + 1;
            return Err(Diagnostic::new(Code::InvalidUtf8)
                .file(shown)
                .at(line, column)
                .found(format!("0x{:02X}", bytes[at])));
        }
    };
    Ok(normalise(text))
}

/// Drops a BOM, turns CRLF and lone CR into LF, and composes to NFC.
pub fn normalise(text: String) -> String {
    let mut text = match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    };
    if text.contains('\r') {
        text = text.replace("\r\n", "\n").replace('\r', "\n");
    }
    if !plainly_nfc(text.as_bytes()) && is_nfc_quick(text.chars()) != IsNormalized::Yes {
        text = text.nfc().collect();
    }
    text
}

/// True when every character of the UTF-8 `bytes` is one that is NFC
/// whatever stands around it: below U+0300 (where combining marks begin),
/// U+1E80 to U+1EFF (the precomposed Vietnamese letters) or U+2010 to
/// U+203F (dashes, quotes, ellipsis). A byte scan, several times faster
/// than the full check that Vietnamese text otherwise goes through.
fn plainly_nfc(bytes: &[u8]) -> bool {
    // Eight bytes at a time past those below 0xCC: Vietnamese text has a
    // multi-byte letter every few characters, but most of its bytes are
    // ASCII or continuation bytes.
    const LOW: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const TO_CC: u64 = 0x3434_3434_3434_3434;
    let mut i = 0;
    while i < bytes.len() {
        if let Some(chunk) = bytes.get(i..i + 8) {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            let x = u64::from_le_bytes(word);
            // A byte is 0xCC or above when its top bit is set and its
            // other seven bits reach 0x4C (0x4C + 0x34 = 0x80); the sums
            // stay inside their bytes.
            let at_or_above_cc = x & ((x & LOW) + TO_CC) & HIGH;
            if at_or_above_cc == 0 {
                i += 8;
                continue;
            }
            i += at_or_above_cc.trailing_zeros() as usize / 8;
        }
        let b = bytes[i];
        // ASCII, continuation bytes and the lead bytes of U+0080..U+02FF.
        if b < 0xCC {
            i += 1;
            continue;
        }
        if !plain_above_cc(bytes, i) {
            return false;
        }
        i += 3;
    }
    true
}

/// Whether the character at `i`, whose lead byte is 0xCC or above, is in
/// one of the blocks [`plainly_nfc`] passes (all of three bytes).
fn plain_above_cc(bytes: &[u8], i: usize) -> bool {
    let next = bytes.get(i + 1).copied().unwrap_or(0);
    let third = bytes.get(i + 2).copied().unwrap_or(0);
    match bytes[i] {
        0xE1 => next == 0xBA || next == 0xBB,
        0xE2 => next == 0x80 && third >= 0x90,
        _ => false,
    }
}

/// A `.md` record split in two.
#[derive(Debug, PartialEq, Eq)]
pub struct Split<'a> {
    pub front_matter: &'a str,
    pub body: &'a str,
    /// The line in the file where the front matter's first line is.
    pub front_matter_line: usize,
    /// The line in the file where the body starts.
    pub body_line: usize,
}

#[derive(Debug, PartialEq, Eq)]
pub enum SplitError {
    /// The file does not start with a `---` line.
    Missing,
    /// A `---` line opens front matter that no `---` line closes.
    Unclosed,
}

fn is_fence(line: &str) -> bool {
    line.trim_end() == "---"
}

/// Splits `---\n<yaml>\n---\n<body>`.
pub fn split_front_matter(text: &str) -> Result<Split<'_>, SplitError> {
    let first_end = text.find('\n').unwrap_or(text.len());
    if !is_fence(&text[..first_end]) {
        return Err(SplitError::Missing);
    }
    let fm_start = (first_end + 1).min(text.len());
    let mut pos = fm_start;
    let mut line_no = 2;
    while pos < text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
        if is_fence(&text[pos..end]) {
            let body_start = (end + 1).min(text.len());
            return Ok(Split {
                front_matter: &text[fm_start..pos],
                body: &text[body_start..],
                front_matter_line: 2,
                body_line: line_no + 1,
            });
        }
        pos = end + 1;
        line_no += 1;
    }
    Err(SplitError::Unclosed)
}

/// Whether text starts with what looks like front matter.
pub fn has_front_matter(text: &str) -> bool {
    let first_end = text.find('\n').unwrap_or(text.len());
    is_fence(&text[..first_end])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn characters_passed_by_the_byte_scan_are_nfc_beside_anything() {
        let mut passed = 0;
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let s = c.to_string();
            if plainly_nfc(s.as_bytes()) {
                passed += 1;
                assert_eq!(
                    is_nfc_quick(std::iter::once(c)),
                    IsNormalized::Yes,
                    "U+{:04X}",
                    c as u32
                );
                assert_eq!(
                    unicode_normalization::char::canonical_combining_class(c),
                    0,
                    "U+{:04X}",
                    c as u32
                );
            }
        }
        // Everything below U+0300, and the two blocks.
        assert_eq!(passed, 0x300 + 0x80 + 0x30);
    }

    /// [`plainly_nfc`] a byte at a time, without the word scan.
    fn plainly_nfc_bytewise(bytes: &[u8]) -> bool {
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] < 0xCC {
                i += 1;
                continue;
            }
            if !plain_above_cc(bytes, i) {
                return false;
            }
            i += 3;
        }
        true
    }

    #[test]
    fn the_word_scan_agrees_with_the_byte_scan_at_every_offset() {
        let pieces = [
            "Quýt",
            "Bắc Sơn",
            "–",
            "“x”",
            "…",
            "\u{0301}",
            "ộ",
            "\u{00cb}",
            "\u{02ff}",
            "\u{0300}",
            "\u{1e7f}",
            "\u{1f00}",
            "\u{2010}",
            "\u{200f}",
            "\u{2040}",
            "한",
            "\u{10348}",
            "abcdefgh",
            "\u{cc}",
        ];
        let mut tried = 0;
        for pad in 0..16 {
            for a in pieces {
                for b in pieces {
                    let text = format!("{}{a}{}{b}", "x".repeat(pad), "y".repeat(pad % 9));
                    assert_eq!(
                        plainly_nfc(text.as_bytes()),
                        plainly_nfc_bytewise(text.as_bytes()),
                        "{text:?}"
                    );
                    tried += 1;
                }
            }
        }
        assert_eq!(tried, 16 * pieces.len() * pieces.len());
        // Every byte value at every place in a word, among ASCII.
        for b in 0..=255u8 {
            for at in 0..12 {
                let mut bytes = vec![b'a'; 12];
                bytes[at] = b;
                assert_eq!(
                    plainly_nfc(&bytes),
                    plainly_nfc_bytewise(&bytes),
                    "{b:#x} at {at}"
                );
            }
        }
    }

    #[test]
    fn text_with_a_combining_mark_is_still_composed() {
        // "Lạng Sơn" with the dot below and the horn as combining marks,
        // after letters the byte scan passes.
        let decomposed = "Quýt Bắc Sơn – La\u{0323}ng So\u{031B}n";
        assert!(!plainly_nfc(decomposed.as_bytes()));
        assert_eq!(normalise(decomposed.to_string()), "Quýt Bắc Sơn – Lạng Sơn");
        assert!(plainly_nfc("Quýt Bắc Sơn – Lạng Sơn “ngon” …".as_bytes()));
    }

    #[test]
    fn splits_front_matter() {
        let s = split_front_matter("---\nname: A\n---\nBody\n").unwrap();
        assert_eq!(s.front_matter, "name: A\n");
        assert_eq!(s.body, "Body\n");
        assert_eq!(s.body_line, 4);
        let s = split_front_matter("---\nname: A\n---").unwrap();
        assert_eq!(s.body, "");
        assert_eq!(
            split_front_matter("---\nname: A\n"),
            Err(SplitError::Unclosed)
        );
        assert_eq!(split_front_matter("name: A\n"), Err(SplitError::Missing));
        assert_eq!(split_front_matter(""), Err(SplitError::Missing));
    }

    #[test]
    fn normalises_text() {
        let nfd = "Ho\u{0302}\u{0300}i\r\nx";
        assert_eq!(normalise(format!("\u{feff}{nfd}")), "Hồi\nx");
    }

    #[test]
    fn locates_invalid_utf8() {
        let d = decode(b"ab\ncd\xffe".to_vec(), Path::new("x.md")).unwrap_err();
        assert_eq!((d.line, d.column), (Some(2), Some(3)));
        assert_eq!(d.code, Code::InvalidUtf8);
    }
}
