//! Slug rules: a record's slug is its file name, lowercase ASCII letters,
//! digits and `-`.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Names Windows reserves for devices: a file or folder so named cannot be
/// checked out or served there.
const WINDOWS_DEVICES: &[&str] = &[
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8",
    "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

pub fn is_windows_device(s: &str) -> bool {
    WINDOWS_DEVICES.contains(&s)
}

/// What is wrong with a file name's slug, in words for the diagnostic.
pub fn problem(s: &str) -> &'static str {
    if is_windows_device(s) {
        WINDOWS_DEVICE
    } else {
        SLUG_RULE
    }
}

pub const SLUG_RULE: &str = "a slug holds only lowercase ASCII letters, digits and `-`";
pub const WINDOWS_DEVICE: &str = "Windows reserves this name for a device";
pub const YML: &str = "record files end in `.yaml`, not `.yml`";

pub fn is_valid(s: &str) -> bool {
    !s.is_empty()
        && !is_windows_device(s)
        && s.len() <= 100
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--")
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Folds Vietnamese (and other Latin) text to lowercase ASCII: marks are
/// stripped after decomposition, and `đ`, which has no decomposition, maps
/// to `d`.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    // A character at a time: the marks are dropped, so the reordering a
    // whole-string NFD would do among them cannot change the result, and
    // ASCII (most of any text) needs no decomposition. Latin letters with
    // marks (every Vietnamese one) are looked up, folded once.
    let latin = latin_folds();
    for c in s.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            continue;
        }
        match latin.get(c) {
            Some(Folded::To(b)) => out.push(char::from(b)),
            Some(Folded::Nothing) => {}
            None => fold_char(c, &mut out),
        }
    }
    out
}

/// One character of [`fold`], the long way.
fn fold_char(c: char, out: &mut String) {
    if matches!(c, 'đ' | 'Đ') {
        out.push('d');
        return;
    }
    for d in std::iter::once(c).nfd().filter(|d| !is_combining_mark(*d)) {
        out.extend(d.to_lowercase());
    }
}

/// What a character folds to, when that is one ASCII character or none.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Folded {
    To(u8),
    Nothing,
}

/// The Latin letters with marks (Latin-1 to Latin Extended-B, and Latin
/// Extended Additional, where most Vietnamese letters are) and the
/// combining marks, each as [`fold_char`] folds it, where that is one
/// ASCII character or none.
struct LatinFolds {
    table: Vec<Option<Folded>>,
}

const LATIN_RANGES: [(u32, u32); 3] = [(0xC0, 0x250), (0x300, 0x370), (0x1E00, 0x1F00)];

impl LatinFolds {
    fn new() -> LatinFolds {
        let table = LATIN_RANGES
            .iter()
            .flat_map(|&(from, to)| from..to)
            .map(|u| {
                let c = char::from_u32(u)?;
                let mut s = String::new();
                fold_char(c, &mut s);
                match s.as_bytes() {
                    [] => Some(Folded::Nothing),
                    [b] if b.is_ascii() => Some(Folded::To(*b)),
                    _ => None,
                }
            })
            .collect();
        LatinFolds { table }
    }

    fn get(&self, c: char) -> Option<Folded> {
        let u = u32::from(c);
        let mut at = 0;
        for (from, to) in LATIN_RANGES {
            if (from..to).contains(&u) {
                return self.table.get(at + (u - from) as usize).copied().flatten();
            }
            at += (to - from) as usize;
        }
        None
    }
}

fn latin_folds() -> &'static LatinFolds {
    static FOLDS: std::sync::OnceLock<LatinFolds> = std::sync::OnceLock::new();
    FOLDS.get_or_init(LatinFolds::new)
}

/// The slug an editor most likely meant for `name` (`Hoa Hồi` → `hoa-hoi`).
pub fn propose(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in fold(name).chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() {
        out.push_str("record");
    }
    if is_windows_device(&out) {
        out.push_str("-1");
    }
    out
}

/// The nearest of `candidates` to `wanted`, when one is near enough to be
/// worth suggesting.
pub fn nearest<'a>(wanted: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let mut best: Option<(f64, &str)> = None;
    for c in candidates {
        let score = strsim::jaro_winkler(wanted, c);
        if best.is_none_or(|(b, bc)| score > b || (score == b && c < bc)) {
            best = Some((score, c));
        }
    }
    best.filter(|(s, _)| *s >= 0.7).map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_by_the_table_is_folding_the_long_way() {
        let latin = latin_folds();
        let mut looked_up = 0;
        for u in (0x80..0x2000).chain(0x1_0000..0x1_0100) {
            let Some(c) = char::from_u32(u) else { continue };
            let mut long = String::new();
            fold_char(c, &mut long);
            assert_eq!(fold(&c.to_string()), long, "U+{u:04X}");
            if latin.get(c).is_some() {
                looked_up += 1;
            }
        }
        // Every Vietnamese letter is in the table.
        for c in "ăâđêôơưàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ".chars()
        {
            let upper = c.to_uppercase().next().unwrap_or(c);
            assert!(latin.get(c).is_some() && latin.get(upper).is_some(), "{c}");
        }
        assert!(looked_up > 400, "{looked_up}");
        assert_eq!(fold("Đặc sản Lạng Sơn: HỒI"), "dac san lang son: hoi");
    }

    #[test]
    fn valid_slugs() {
        assert!(is_valid("na-chi-lang"));
        assert!(is_valid("bc-716-2026"));
        for bad in [
            "", "Na", "na_chi", "na chi", "-na", "na-", "na--chi", "hồi", "../x", "a.b",
        ] {
            assert!(!is_valid(bad), "{bad}");
        }
    }

    #[test]
    fn folds_a_character_at_a_time_as_the_whole_text_would() {
        let whole = |s: &str| -> String {
            s.nfd()
                .filter(|c| !is_combining_mark(*c))
                .map(|c| if c == 'đ' || c == 'Đ' { 'd' } else { c })
                .flat_map(char::to_lowercase)
                .collect()
        };
        let mut texts: Vec<String> = [
            "Quýt vàng Bắc Sơn, ĐỒNG ĐĂNG 2024",
            // Marks written apart, and out of canonical order.
            "La\u{0323}\u{0302}ng So\u{031B}n",
            "o\u{0302}\u{0323}\u{0301}",
            "Ǆemal İstanbul ß Σ ﬁ Å",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        // Every character up to the end of the Latin and Greek blocks and
        // the Vietnamese letters.
        texts.extend(
            (0..0x0500u32)
                .chain(0x1E00..0x1F00)
                .filter_map(char::from_u32)
                .map(String::from),
        );
        for t in &texts {
            assert_eq!(fold(t), whole(t), "{t:?}");
        }
        assert_eq!(fold("Quýt vàng Bắc Sơn, ĐỒNG"), "quyt vang bac son, dong");
    }

    #[test]
    fn proposes_folded_slugs() {
        assert_eq!(propose("Quýt vàng Bắc Sơn"), "quyt-vang-bac-son");
        assert_eq!(propose("Đồng Đăng"), "dong-dang");
        assert_eq!(propose("Na_Chi Lăng "), "na-chi-lang");
        assert_eq!(propose("con"), "con-1");
    }

    #[test]
    fn nearest_suggests_close_slugs_only() {
        let c = ["htx-dong-banh", "transtech-lang-son"];
        assert_eq!(nearest("htx-dong-ban", c), Some("htx-dong-banh"));
        assert_eq!(nearest("zzzz", c), None);
    }
}
