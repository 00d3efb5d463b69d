//! Indicator progress: `(latest actual − baseline) / (target − baseline)`
//! for the next target year, shown only where the target differs from the
//! baseline; past the last target year, against the last target.

use crate::content::Content;
use crate::content::model::Indicator;

#[derive(Debug, Clone, PartialEq)]
pub struct IndicatorProgress {
    /// The latest actual: (year, value).
    pub latest: Option<(i32, f64)>,
    /// The target measured against: (year, value).
    pub target: Option<(i32, f64)>,
    /// Share of the way from baseline to target (1.0 = reached); may be
    /// below 0 or above 1.
    pub ratio: Option<f64>,
}

pub fn of(ind: &Indicator) -> IndicatorProgress {
    let latest = ind
        .actuals
        .iter()
        .enumerate()
        .max_by(|(ia, a), (ib, b)| a.year.cmp(&b.year).then(ia.cmp(ib)))
        .map(|(_, a)| (a.year, a.value));
    let mut targets: Vec<(i32, f64)> = ind.targets.iter().map(|t| (t.year, t.value)).collect();
    targets.sort_by_key(|t| t.0);
    let from_year = latest.map(|l| l.0).or(ind.baseline.map(|b| b.year));
    let target = match from_year {
        Some(y) => targets
            .iter()
            .find(|t| t.0 >= y)
            .or(targets.last())
            .copied(),
        None => targets.first().copied(),
    };
    let ratio = match (ind.baseline, target, latest) {
        (Some(b), Some(t), Some(l)) if t.1 != b.value => {
            // The formula holds whichever way is better: for a lower-is-better
            // indicator both differences are negative.
            Some((l.1 - b.value) / (t.1 - b.value))
        }
        _ => None,
    };
    IndicatorProgress {
        latest,
        target,
        ratio,
    }
}

pub fn compute(content: &Content) -> Vec<IndicatorProgress> {
    content.indicators.iter().map(|i| of(&i.data)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ind(yaml: &str) -> Indicator {
        serde_yaml::from_str(yaml).unwrap()
    }

    #[test]
    fn progress_towards_next_target() {
        let i = ind(
            "name: x\nunit: u\nbaseline: {year: 2020, value: 11}\nactuals:\n  - {year: 2025, value: 235}\n  - {year: 2022, value: 94}\ntargets:\n  - {year: 2025, value: 150}\n  - {year: 2030, value: 311}\n",
        );
        let p = of(&i);
        assert_eq!(p.latest, Some((2025, 235.0)));
        assert_eq!(p.target, Some((2025, 150.0)));
        assert!((p.ratio.unwrap() - (224.0 / 139.0)).abs() < 1e-9);
    }

    #[test]
    fn past_the_last_target_uses_it() {
        let i = ind(
            "name: x\nunit: u\nbaseline: {year: 2020, value: 0}\nactuals: [{year: 2031, value: 50}]\ntargets: [{year: 2030, value: 100}]\n",
        );
        assert_eq!(of(&i).target, Some((2030, 100.0)));
        assert_eq!(of(&i).ratio, Some(0.5));
    }

    #[test]
    fn no_progress_when_target_equals_baseline() {
        let i = ind(
            "name: x\nunit: u\nbaseline: {year: 2020, value: 5}\nactuals: [{year: 2021, value: 6}]\ntargets: [{year: 2030, value: 5}]\n",
        );
        assert_eq!(of(&i).ratio, None);
    }

    #[test]
    fn lower_is_better_reads_the_same_formula() {
        let i = ind(
            "name: x\nunit: u\nhigher_is_better: false\nbaseline: {year: 2020, value: 100}\nactuals: [{year: 2024, value: 70}]\ntargets: [{year: 2030, value: 40}]\n",
        );
        assert_eq!(of(&i).ratio, Some(0.5));
    }
}
