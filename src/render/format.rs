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

/// A short month label for calendars: `T8` (vi), `Aug` (en).
pub fn month_short(m: u8, lang: &str) -> String {
    match lang {
        "vi" => format!("T{m}"),
        _ => EN_MONTHS[(m as usize).clamp(1, 12) - 1]
            .chars()
            .take(3)
            .collect(),
    }
}

/// Runs of consecutive months, wrapping round the year end (`[11, 12, 1]`
/// is one run from 11 to 1), starting after a month outside the set.
pub fn month_runs(months: &[u8]) -> Vec<(u8, u8)> {
    let has = |m: u8| months.contains(&m);
    let Some(gap) = (1..=12u8).find(|m| !has(*m)) else {
        return if months.is_empty() {
            vec![]
        } else {
            vec![(1, 12)]
        };
    };
    let mut runs = Vec::new();
    let mut start: Option<u8> = None;
    let mut prev = gap;
    for i in 1..=12u8 {
        let m = (gap + i - 1) % 12 + 1;
        match (has(m), start) {
            (true, None) => start = Some(m),
            (false, Some(s)) => {
                runs.push((s, prev));
                start = None;
            }
            _ => {}
        }
        prev = m;
    }
    if let Some(s) = start {
        runs.push((s, prev));
    }
    runs.sort();
    runs
}

/// Months as a language writes them: `tháng 7–9, 1–2` (vi),
/// `July–September, January–February` (en); empty for none.
pub fn months(months: &[u8], lang: &str) -> String {
    let runs = month_runs(months);
    if runs.is_empty() {
        return String::new();
    }
    let one = |m: u8| match lang {
        "vi" => m.to_string(),
        _ => EN_MONTHS[(m as usize).clamp(1, 12) - 1].to_string(),
    };
    let list: Vec<String> = runs
        .iter()
        .map(|(a, b)| {
            if a == b {
                one(*a)
            } else {
                format!("{}–{}", one(*a), one(*b))
            }
        })
        .collect();
    match lang {
        "vi" => format!("tháng {}", list.join(", ")),
        _ => list.join(", "),
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

    #[test]
    fn month_ranges_wrap_round_the_year() {
        assert_eq!(month_runs(&[11, 12, 1]), vec![(11, 1)]);
        assert_eq!(month_runs(&[7, 8, 9, 1, 2]), vec![(1, 2), (7, 9)]);
        assert_eq!(months(&[8], "vi"), "tháng 8");
        assert_eq!(months(&[10, 11, 12], "vi"), "tháng 10–12");
        assert_eq!(months(&[11, 12, 1], "en"), "November–January");
        assert_eq!(months(&[], "en"), "");
        assert_eq!(month_short(8, "vi"), "T8");
        assert_eq!(month_short(8, "en"), "Aug");
    }
}
