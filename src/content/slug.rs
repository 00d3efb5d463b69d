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
    // ASCII (most of any text) needs no decomposition.
    for c in s.chars() {
        match c {
            c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            'đ' | 'Đ' => out.push('d'),
            c => {
                for d in std::iter::once(c).nfd().filter(|d| !is_combining_mark(*d)) {
                    out.extend(d.to_lowercase());
                }
            }
        }
    }
    out
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
