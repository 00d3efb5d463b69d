//! A task's progress as a bar with its percentage written beside it.

use super::{Label, Svg};

const TRACK: f64 = 120.0;

/// A bar for `percent` (0–100); `state` is a class for its colour
/// (`overdue`, `done`, …) and `text` the percentage as written.
pub fn progress(label: &Label, percent: u8, state: &str, text: &str) -> String {
    let p = f64::from(percent.min(100));
    let w = TRACK + 52.0;
    let mut svg = Svg::new(label, "bar-svg", w, 20.0, Some((w, 20.0)));
    svg.rect(
        "bar-track",
        0.5,
        4.5,
        TRACK,
        11.0,
        " fill=\"#fff\" stroke=\"#5a524c\"",
    );
    svg.rect(
        &format!("bar-fill bar-{state}"),
        0.5,
        4.5,
        TRACK * p / 100.0,
        11.0,
        " fill=\"#2f5d2a\"",
    );
    svg.text("bar-text", TRACK + 8.0, 15.0, "start", text);
    svg.finish()
}

/// One part of a stacked bar: its class and count.
pub struct Segment<'a> {
    pub class: &'a str,
    pub count: usize,
}

/// Tasks by status as one bar split in proportion to the counts; the
/// counts themselves are written beside it in the page.
pub fn stacked(label: &Label, segments: &[Segment]) -> String {
    let total: usize = segments.iter().map(|s| s.count).sum();
    let w = 320.0;
    // The bar stretches to the width of its box.
    let mut svg = Svg::with_attrs(
        label,
        "stack-svg",
        w,
        24.0,
        None,
        " preserveAspectRatio=\"none\"",
    );
    let mut x = 0.0;
    for s in segments.iter().filter(|s| s.count > 0) {
        let sw = w * s.count as f64 / total.max(1) as f64;
        svg.rect(
            &format!("seg seg-{}", s.class),
            x,
            0.0,
            sw,
            24.0,
            " fill=\"#5a524c\" stroke=\"#fff\" stroke-width=\"2\"",
        );
        x += sw;
    }
    if total == 0 {
        svg.rect("seg seg-none", 0.0, 0.0, w, 24.0, " fill=\"#f3efe7\"");
    }
    svg.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stacked_parts_add_up_to_the_width() {
        let l = Label {
            id: "s".into(),
            title: "t".into(),
            desc: "d".into(),
        };
        let s = stacked(
            &l,
            &[
                Segment {
                    class: "done",
                    count: 1,
                },
                Segment {
                    class: "in_progress",
                    count: 3,
                },
                Segment {
                    class: "not_started",
                    count: 0,
                },
            ],
        );
        assert!(s.contains("width=\"80\""), "{s}");
        assert!(s.contains("width=\"240\""), "{s}");
        assert!(!s.contains("seg-not_started"));
    }

    #[test]
    fn fill_is_proportional() {
        let l = Label {
            id: "b".into(),
            title: "60 %".into(),
            desc: "d".into(),
        };
        let s = progress(&l, 60, "in-progress", "60 %");
        assert!(s.contains("width=\"72\""), "{s}");
        assert!(s.contains(">60 %</text>"));
    }
}
