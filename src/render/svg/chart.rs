//! An indicator chart: per year, a column for the baseline, the actual and
//! the target, each labelled with its value as the table beside it writes
//! it. Targets are outlined and dashed, baselines grey, actuals solid, so the
//! three read apart in black and white.

use super::{Label, Svg, text_width};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    Baseline,
    Actual,
    Target,
}

impl Kind {
    fn class(self) -> &'static str {
        match self {
            Kind::Baseline => "bar-baseline",
            Kind::Actual => "bar-actual",
            Kind::Target => "bar-target",
        }
    }

    fn attrs(self) -> &'static str {
        match self {
            Kind::Baseline => " fill=\"#8c8279\"",
            Kind::Actual => " fill=\"#2f5d2a\"",
            Kind::Target => {
                " fill=\"#fff1cc\" stroke=\"#8a5a00\" stroke-width=\"1.5\" stroke-dasharray=\"4 2\""
            }
        }
    }
}

/// One value to draw: its year, kind, number and the number as written.
#[derive(Debug, Clone)]
pub struct Point {
    pub year: i32,
    pub kind: Kind,
    pub value: f64,
    pub text: String,
}

/// The words of the legend, translated.
pub struct Words<'a> {
    pub baseline: &'a str,
    pub actual: &'a str,
    pub target: &'a str,
}

const W: f64 = 360.0;
const TOP: f64 = 20.0;
const BOTTOM: f64 = 168.0;
const FONT: f64 = 11.0;

/// A step of 1, 2, 2.5 or 5 times a power of ten giving about four
/// gridlines up to `max`.
pub fn nice_step(max: f64) -> f64 {
    if max <= 0.0 || !max.is_finite() {
        return 1.0;
    }
    let raw = max / 4.0;
    let mag = 10f64.powf(raw.log10().floor());
    let f = raw / mag;
    let m = if f <= 1.0 {
        1.0
    } else if f <= 2.0 {
        2.0
    } else if f <= 2.5 {
        2.5
    } else if f <= 5.0 {
        5.0
    } else {
        10.0
    };
    m * mag
}

/// Draws `points` (any order); `fmt` writes the tick labels as the page's
/// language writes numbers.
pub fn chart(
    label: &Label,
    points: &[Point],
    words: &Words,
    fmt: &dyn Fn(f64) -> String,
) -> String {
    let mut pts: Vec<&Point> = points.iter().filter(|p| p.value.is_finite()).collect();
    pts.sort_by(|a, b| a.year.cmp(&b.year).then(a.kind.cmp(&b.kind)));
    let max = pts.iter().map(|p| p.value).fold(0.0, f64::max);
    let min = pts.iter().map(|p| p.value).fold(0.0, f64::min);
    let step = nice_step(max.max(-min));
    let top = (max / step).ceil().max(1.0) * step;
    let bottom = if min < 0.0 {
        (min / step).floor() * step
    } else {
        0.0
    };
    let mut ticks = Vec::new();
    let mut t = bottom;
    while t <= top + step / 2.0 {
        ticks.push(t);
        t += step;
    }
    let tick_labels: Vec<String> = ticks.iter().map(|t| fmt(*t)).collect();
    let left = tick_labels
        .iter()
        .map(|s| text_width(s, FONT))
        .fold(0.0, f64::max)
        + 10.0;
    let right = W - 6.0;
    let y_of = |v: f64| BOTTOM - (v - bottom) / (top - bottom) * (BOTTOM - TOP);

    let mut svg = Svg::new(label, "chart-svg", W, 226.0, None);
    for (t, s) in ticks.iter().zip(&tick_labels) {
        let y = y_of(*t);
        svg.line(if *t == 0.0 { "axis" } else { "grid" }, left, y, right, y);
        svg.text("tick", left - 5.0, y + 4.0, "end", s);
    }

    let mut years: Vec<i32> = pts.iter().map(|p| p.year).collect();
    years.dedup();
    let group = (right - left) / years.len().max(1) as f64;
    for (gi, year) in years.iter().enumerate() {
        let in_year: Vec<&&Point> = pts.iter().filter(|p| p.year == *year).collect();
        let k = in_year.len() as f64;
        let bw = ((group - 10.0) / k).min(34.0);
        let x0 = left + group * gi as f64 + (group - bw * k) / 2.0;
        for (bi, p) in in_year.iter().enumerate() {
            let x = x0 + bw * bi as f64;
            let (y0, y1) = (y_of(p.value.max(0.0)), y_of(p.value.min(0.0)));
            svg.rect(
                p.kind.class(),
                x + 1.5,
                y0,
                bw - 3.0,
                y1 - y0,
                p.kind.attrs(),
            );
            svg.text("bar-value", x + bw / 2.0, y0 - 4.0, "middle", &p.text);
        }
        svg.text(
            "year",
            left + group * (gi as f64 + 0.5),
            BOTTOM + 16.0,
            "middle",
            &year.to_string(),
        );
    }

    // Legend: only the kinds drawn.
    let mut x = left;
    for kind in [Kind::Baseline, Kind::Actual, Kind::Target] {
        if !pts.iter().any(|p| p.kind == kind) {
            continue;
        }
        let text = match kind {
            Kind::Baseline => words.baseline,
            Kind::Actual => words.actual,
            Kind::Target => words.target,
        };
        svg.rect(kind.class(), x, 203.0, 14.0, 12.0, kind.attrs());
        svg.text("legend", x + 19.0, 213.5, "start", text);
        x += 19.0 + text_width(text, FONT) + 18.0;
    }
    svg.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(year: i32, kind: Kind, value: f64) -> Point {
        Point {
            year,
            kind,
            value,
            text: format!("{value}"),
        }
    }

    #[test]
    fn steps_are_round() {
        assert_eq!(nice_step(235.0), 100.0);
        assert_eq!(nice_step(300.0), 100.0);
        assert_eq!(nice_step(4000.0), 1000.0);
        assert_eq!(nice_step(9.0), 2.5);
        assert_eq!(nice_step(0.0), 1.0);
    }

    #[test]
    fn every_value_is_drawn_and_written() {
        let l = Label {
            id: "c".into(),
            title: "t".into(),
            desc: "d".into(),
        };
        let pts = [
            p(2020, Kind::Baseline, 11.0),
            p(2022, Kind::Actual, 94.0),
            p(2025, Kind::Actual, 235.0),
            p(2030, Kind::Target, 300.0),
        ];
        let w = Words {
            baseline: "B",
            actual: "A",
            target: "T",
        };
        let s = chart(&l, &pts, &w, &|v| format!("{v}"));
        assert_eq!(s.matches("class=\"bar-value\"").count(), 4, "{s}");
        for v in ["11", "94", "235", "300"] {
            assert!(s.contains(&format!(">{v}</text>")), "{v}");
        }
        assert_eq!(s.matches("class=\"bar-actual\"").count(), 2 + 1);
        assert_eq!(s.matches("class=\"year\"").count(), 4);
    }
}
