//! Dates, numbers and money as each language writes them.

use crate::content::date::Date;

const EN_MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// `21/6/2026` or `tháng 6/2026` in Vietnamese; `21 June 2026` or
/// `June 2026` in English.
pub fn date(d: &Date, lang: &str) -> String {
    let m = d.month as usize;
    match (lang, d.day) {
        ("vi", Some(day)) => format!("{day}/{m}/{}", d.year),
        ("vi", None) => format!("tháng {m}/{}", d.year),
        (_, Some(day)) => format!("{day} {} {}", EN_MONTHS[m.clamp(1, 12) - 1], d.year),
        (_, None) => format!("{} {}", EN_MONTHS[m.clamp(1, 12) - 1], d.year),
    }
}

pub fn month_name(m: u8, lang: &str) -> String {
    match lang {
        "vi" => format!("Tháng {m}"),
        _ => EN_MONTHS[(m as usize).clamp(1, 12) - 1].to_string(),
    }
}

/// Groups digits by thousands: `1.234.567,5` (vi) or `1,234,567.5` (en).
pub fn number(v: f64, lang: &str) -> String {
    let (group, decimal) = if lang == "vi" { ('.', ',') } else { (',', '.') };
    let negative = v < 0.0;
    let v = v.abs();
    let rounded = (v * 100.0).round() / 100.0;
    let int = rounded.trunc() as u128;
    let frac = ((rounded - rounded.trunc()) * 100.0).round() as u32;
    let digits = int.to_string();
    let mut out = String::with_capacity(digits.len() + 8);
    if negative {
        out.push('-');
    }
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(group);
        }
        out.push(ch);
    }
    if frac > 0 {
        out.push(decimal);
        let f = format!("{frac:02}");
        out.push_str(f.trim_end_matches('0'));
    }
    out
}

/// Money in đồng: `1.234.567 ₫`.
pub fn vnd(v: f64, lang: &str) -> String {
    format!("{}\u{a0}₫", number(v.round(), lang))
}

/// A percentage for progress bars and tables.
pub fn percent(ratio: f64, lang: &str) -> String {
    format!("{}\u{a0}%", number((ratio * 100.0).round(), lang))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_per_language() {
        let d = Date::parse("2026-06-21").unwrap();
        assert_eq!(date(&d, "vi"), "21/6/2026");
        assert_eq!(date(&d, "en"), "21 June 2026");
        let m = Date::parse("2026-07").unwrap();
        assert_eq!(date(&m, "vi"), "tháng 7/2026");
        assert_eq!(date(&m, "en"), "July 2026");
    }

    #[test]
    fn numbers_per_language() {
        assert_eq!(number(1234567.0, "vi"), "1.234.567");
        assert_eq!(number(1234567.0, "en"), "1,234,567");
        assert_eq!(number(2.5, "vi"), "2,5");
        assert_eq!(number(999.0, "en"), "999");
        assert_eq!(number(-1000.0, "en"), "-1,000");
        assert_eq!(vnd(1234567.0, "vi"), "1.234.567\u{a0}₫");
    }
}
