//! Dates of day or month precision (`2026-06-21`, `2026-07`).

use serde::de::{self, Deserializer, Unexpected, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use std::fmt;
use time::{Month, util::days_in_month};

/// A calendar date that may be known only to the month. Real documents say
/// "tháng 6 năm 2026": such a date sorts as the first of the month and
/// counts as the last day of it for deadlines and expiry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: Option<u8>,
}

const EXPECTED: &str = "a date YYYY-MM-DD or YYYY-MM";

impl Date {
    pub fn parse(s: &str) -> Option<Date> {
        let s = s.trim();
        let mut parts = s.split('-');
        let y = parts.next()?;
        let m = parts.next()?;
        let d = parts.next();
        if parts.next().is_some() || y.len() != 4 || m.len() != 2 {
            return None;
        }
        if !y.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit()) {
            return None;
        }
        let year: i32 = y.parse().ok()?;
        let month: u8 = m.parse().ok()?;
        let month_t = Month::try_from(month).ok()?;
        let day = match d {
            None => None,
            Some(d) => {
                if d.len() != 2 || !d.bytes().all(|b| b.is_ascii_digit()) {
                    return None;
                }
                let day: u8 = d.parse().ok()?;
                if day == 0 || day > days_in_month(month_t, year) {
                    return None;
                }
                Some(day)
            }
        };
        Some(Date { year, month, day })
    }

    pub fn from_time(d: time::Date) -> Date {
        Date {
            year: d.year(),
            month: d.month() as u8,
            day: Some(d.day()),
        }
    }

    fn month_t(&self) -> Month {
        Month::try_from(self.month).unwrap_or(Month::January)
    }

    /// The first day it may mean: the day itself, or the 1st of the month.
    pub fn first_day(&self) -> time::Date {
        let day = self.day.unwrap_or(1);
        time::Date::from_calendar_date(self.year, self.month_t(), day).unwrap_or(time::Date::MIN)
    }

    /// The last day it may mean: the day itself, or the end of the month.
    pub fn last_day(&self) -> time::Date {
        let m = self.month_t();
        let day = self.day.unwrap_or_else(|| days_in_month(m, self.year));
        time::Date::from_calendar_date(self.year, m, day).unwrap_or(time::Date::MAX)
    }

    pub fn is_month_only(&self) -> bool {
        self.day.is_none()
    }

    /// The same date shifted by whole months (OCOP ratings last 36), with
    /// the day clamped to the target month's length.
    pub fn add_months(&self, months: i32) -> Date {
        let total = self.year * 12 + (self.month as i32 - 1) + months;
        let year = total.div_euclid(12);
        let month = (total.rem_euclid(12) + 1) as u8;
        let day = self.day.map(|d| {
            let max = days_in_month(Month::try_from(month).unwrap_or(Month::January), year);
            d.min(max)
        });
        Date { year, month, day }
    }
}

impl PartialOrd for Date {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Date {
    /// Month-only dates sort as the first of their month, before any day of
    /// it.
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (self.year, self.month, self.day.unwrap_or(0)).cmp(&(
            other.year,
            other.month,
            other.day.unwrap_or(0),
        ))
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self.day {
            Some(d) => write!(f, "{:04}-{:02}-{:02}", self.year, self.month, d),
            None => write!(f, "{:04}-{:02}", self.year, self.month),
        }
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Date;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(EXPECTED)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Date, E> {
                Date::parse(v).ok_or_else(|| E::invalid_value(Unexpected::Str(v), &EXPECTED))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Date, E> {
                Err(E::invalid_type(Unexpected::Signed(v), &EXPECTED))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Date, E> {
                Err(E::invalid_type(Unexpected::Unsigned(v), &EXPECTED))
            }
        }
        d.deserialize_any(V)
    }
}

/// Today's date from `SOURCE_DATE_EPOCH` when set (reproducible builds), else
/// the system clock, in UTC.
pub fn today() -> Date {
    let epoch = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok());
    let ts = match epoch {
        Some(e) => time::OffsetDateTime::from_unix_timestamp(e).ok(),
        None => None,
    }
    .unwrap_or_else(time::OffsetDateTime::now_utc);
    Date::from_time(ts.date())
}

impl schemars::JsonSchema for Date {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "YYYY-MM-DD, or YYYY-MM when only the month is known",
            "type": "string",
            "pattern": "^[0-9]{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?$"
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_days_and_months() {
        assert_eq!(
            Date::parse("2026-06-21"),
            Some(Date {
                year: 2026,
                month: 6,
                day: Some(21)
            })
        );
        assert_eq!(
            Date::parse("2026-07"),
            Some(Date {
                year: 2026,
                month: 7,
                day: None
            })
        );
    }

    #[test]
    fn rejects_impossible_dates() {
        for bad in [
            "2026-02-30",
            "2026-13",
            "2026-00-10",
            "26-01-01",
            "2026-1-1",
            "2026/01/01",
            "2026-01-01-01",
        ] {
            assert_eq!(Date::parse(bad), None, "{bad}");
        }
        assert!(Date::parse("2024-02-29").is_some());
        assert!(Date::parse("2025-02-29").is_none());
    }

    #[test]
    fn month_only_means_the_whole_month() {
        let d = Date::parse("2026-07").unwrap();
        assert_eq!(d.first_day().to_string(), "2026-07-01");
        assert_eq!(d.last_day().to_string(), "2026-07-31");
        assert!(d < Date::parse("2026-07-01").unwrap());
    }

    #[test]
    fn adds_months_with_clamping() {
        let d = Date::parse("2023-08-31").unwrap();
        assert_eq!(d.add_months(36).to_string(), "2026-08-31");
        assert_eq!(
            Date::parse("2024-02-29")
                .unwrap()
                .add_months(12)
                .to_string(),
            "2025-02-28"
        );
        assert_eq!(
            Date::parse("2022-12").unwrap().add_months(36).to_string(),
            "2025-12"
        );
    }
}
