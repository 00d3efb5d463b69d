//! Vietnamese alphabetical order for lists of names (a ă â b c d đ e ê …,
//! letters before tones, tones in dictionary order), from CLDR's `vi`
//! collation through ICU4X. Byte order would put every `Đ…` last and `Ái`
//! after `o`.

use icu_collator::options::CollatorOptions;
use icu_collator::{CollatorBorrowed, CollatorPreferences};
use std::sync::OnceLock;

/// The `vi` collator, made once: its data is compiled into the binary, so
/// making it cannot fail for a locale it ships; if it ever did, names fall
/// back to the root collation, which still orders letters before tones.
fn collator() -> &'static CollatorBorrowed<'static> {
    static COLLATOR: OnceLock<CollatorBorrowed<'static>> = OnceLock::new();
    COLLATOR.get_or_init(|| {
        let vi: CollatorPreferences = icu_locale_core::locale!("vi").into();
        CollatorBorrowed::try_new(vi, CollatorOptions::default())
            .or_else(|_| {
                CollatorBorrowed::try_new(
                    CollatorPreferences::default(),
                    CollatorOptions::default(),
                )
            })
            .unwrap_or_else(|_| unreachable!("the root collation is compiled in"))
    })
}

/// A byte key that sorts `s` in Vietnamese order; ties between different
/// strings that collate equal are broken by the text itself.
pub fn key(s: &str) -> (Vec<u8>, String) {
    let mut k = Vec::with_capacity(s.len() * 2);
    // Writing into a Vec cannot fail.
    let _ = collator().write_sort_key_to(s, &mut k);
    (k, s.to_string())
}

/// Compares two names in Vietnamese order.
pub fn compare(a: &str, b: &str) -> std::cmp::Ordering {
    collator().compare(a, b).then_with(|| a.cmp(b))
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::UnicodeNormalization;

    fn sorted(expected: &[&str]) -> Vec<String> {
        let mut v: Vec<String> = expected.iter().rev().map(|s| s.to_string()).collect();
        v.sort_by_cached_key(|s| key(s));
        v
    }

    #[test]
    fn sorts_as_the_vietnamese_dictionary() {
        let expected = [
            "Ái Quốc",
            "An Sơn",
            "Ba Sơn",
            "Bắc Sơn",
            "Bằng Mạc",
            "Châu Sơn",
            "Chi Lăng",
            "Dương",
            "Điềm He",
            "Đình Lập",
            "ma",
            "mà",
            "mả",
            "mã",
            "má",
            "mạ",
            "o",
            "ô",
            "ơ",
            "Yên Phúc",
        ];
        assert_eq!(sorted(&expected), expected);
    }

    #[test]
    fn letters_before_tones_and_d_before_dd() {
        // a < ă < â as letters; a tone only breaks a tie between the same
        // letters; đ is a letter of its own after d.
        let expected = ["Anh", "Ánh", "Ăn", "Bắc", "Dương", "Đào"];
        assert_eq!(sorted(&expected), expected);
        let mut shuffled = vec!["Đào", "Ăn", "Ánh", "Dương", "Bắc", "Anh"];
        shuffled.sort_by(|a, b| compare(a, b));
        assert_eq!(shuffled, expected);
    }

    #[test]
    fn decomposed_text_sorts_like_composed_text() {
        let nfd: String = "Đồng Đăng".nfd().collect();
        assert_eq!(key(&nfd).0, key("Đồng Đăng").0);
    }
}
