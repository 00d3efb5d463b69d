//! A harvest calendar: twelve months in a row, the main season filled, the
//! off-season hatched (so that it reads in black and white), and a marker
//! over the month the site is reported as of.

use super::{Label, Svg, esc, text_width};

/// The words a calendar needs, translated.
pub struct Words<'a> {
    /// Short month labels, January first.
    pub months: [&'a str; 12],
    pub main: &'a str,
    pub off: &'a str,
    pub now: &'a str,
}

const X0: f64 = 4.0;
const CELL: f64 = 29.0;
const GAP: f64 = 1.5;
const FILL_MAIN: &str = " fill=\"#2f5d2a\"";

const WIDTH: f64 = X0 * 2.0 + CELL * 12.0;
const HEIGHT: f64 = 84.0;

/// A calendar labelled `label` around a [`drawing`] made before.
pub fn with_drawing(label: &Label, drawing: &str) -> String {
    let mut svg = Svg::new(label, "calendar-svg", WIDTH, HEIGHT, None);
    svg.raw(drawing);
    svg.finish()
}

/// What a calendar draws inside its `<svg>` after the title and
/// description: the same for every product with the same seasons in one
/// language, so it can be made once for them all. `id`: the calendar's.
pub fn drawing(id: &str, main: &[u8], off: &[u8], now: Option<u8>, w: &Words) -> String {
    let mut svg = Svg::fragment();
    let hatch = format!("{id}-hatch");
    svg.raw(&format!(
        "<defs><pattern id=\"{}\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><rect class=\"hatch-bg\" width=\"6\" height=\"6\" fill=\"#fff1cc\"/><line class=\"hatch-line\" x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#8a5a00\" stroke-width=\"2.5\"/></pattern></defs>",
        esc(&hatch)
    ));
    let fill_off = format!(" fill=\"url(#{})\"", esc(&hatch));
    for m in 1..=12u8 {
        let x = X0 + CELL * f64::from(m - 1);
        let (class, extra) = if main.contains(&m) {
            ("cal-main", FILL_MAIN)
        } else if off.contains(&m) {
            ("cal-off", fill_off.as_str())
        } else {
            ("cal-none", " fill=\"#f3efe7\"")
        };
        svg.rect(class, x + GAP / 2.0, 14.0, CELL - GAP, 26.0, extra);
        svg.text(
            "cal-month",
            x + CELL / 2.0,
            55.0,
            "middle",
            w.months[usize::from(m - 1)],
        );
        if now == Some(m) {
            let cx = x + CELL / 2.0;
            svg.raw(&format!(
                "<polygon class=\"cal-now\" fill=\"#7a2e1a\" points=\"{},{} {},{} {},{}\"/>",
                super::n(cx - 6.0),
                2,
                super::n(cx + 6.0),
                2,
                super::n(cx),
                11
            ));
        }
    }
    // The legend, one entry after another.
    let mut x = X0;
    let y = 72.0;
    let legend: [(&str, &str, &str); 3] = [
        ("cal-main", FILL_MAIN, w.main),
        ("cal-off", &fill_off, w.off),
        ("cal-now", "", w.now),
    ];
    for (class, extra, text) in legend {
        if class == "cal-now" {
            if now.is_none() {
                continue;
            }
            svg.raw(&format!(
                "<polygon class=\"cal-now\" fill=\"#7a2e1a\" points=\"{},{} {},{} {},{}\"/>",
                super::n(x),
                y - 5.0,
                super::n(x + 12.0),
                y - 5.0,
                super::n(x + 6.0),
                y + 4.0
            ));
        } else {
            svg.rect(class, x, y - 8.0, 14.0, 14.0, extra);
        }
        svg.text("cal-legend", x + 19.0, y + 4.0, "start", text);
        x += 19.0 + text_width(text, 12.0) + 16.0;
    }
    svg.into_markup()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A whole calendar, labelled `label`.
    fn calendar(label: &Label, main: &[u8], off: &[u8], now: Option<u8>, w: &Words) -> String {
        with_drawing(label, &drawing(&label.id, main, off, now, w))
    }

    fn words() -> Words<'static> {
        Words {
            months: [
                "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12",
            ],
            main: "Main",
            off: "Off",
            now: "Now",
        }
    }

    #[test]
    fn a_drawing_made_once_serves_every_label() {
        let label = |title: &str| Label {
            id: "calendar".into(),
            title: title.into(),
            desc: "d".into(),
        };
        let drawing = drawing("calendar", &[1, 2], &[3], Some(2), &words());
        for title in ["Na Chi Lăng", "Hồi <Lạng Sơn>"] {
            assert_eq!(
                with_drawing(&label(title), &drawing),
                calendar(&label(title), &[1, 2], &[3], Some(2), &words())
            );
        }
        assert!(!drawing.contains("Na Chi"));
        assert_ne!(
            drawing,
            super::drawing("calendar", &[1], &[3], Some(2), &words())
        );
    }

    #[test]
    fn marks_main_and_off_season_months() {
        let l = Label {
            id: "cal".into(),
            title: "t".into(),
            desc: "d".into(),
        };
        let s = calendar(&l, &[8], &[10, 11, 12], Some(11), &words());
        // One cell per month plus one legend swatch per kind.
        assert_eq!(s.matches("class=\"cal-main\"").count(), 1 + 1);
        assert_eq!(s.matches("class=\"cal-off\"").count(), 3 + 1);
        assert_eq!(s.matches("class=\"cal-none\"").count(), 8);
        assert_eq!(s.matches("class=\"cal-now\"").count(), 2);
    }
}
