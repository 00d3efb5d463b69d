//! Pictures drawn at build time as inline SVG: indicator charts, harvest
//! calendars, chain flows, OCOP stars and task progress bars. No script and
//! no chart library reach the browser.
//!
//! Every picture is an accessible image: `role="img"`, labelled by its
//! `<title>` and described by its `<desc>`. The texts come in already
//! translated; this module knows nothing of languages. Colours are classes
//! styled by the theme's stylesheet (so that print can turn them black and
//! white), with presentation attributes as a fallback.

pub mod bar;
pub mod calendar;
pub mod chart;
pub mod flow;
pub mod stars;

use std::fmt::Write;

/// Escapes text for SVG content and attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_esc(&mut out, s);
    out
}

/// Appends `s` escaped as [`esc`] escapes it.
fn push_esc(out: &mut String, s: &str) {
    let mut rest = s;
    while let Some(at) = rest.find(['&', '<', '>', '"', '\'']) {
        out.push_str(&rest[..at]);
        out.push_str(match rest.as_bytes()[at] {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            _ => "&#39;",
        });
        rest = &rest[at + 1..];
    }
    out.push_str(rest);
}

/// The accessible name and description of a picture, and the id that ties
/// them to it (unique on its page).
#[derive(Debug, Clone)]
pub struct Label {
    pub id: String,
    pub title: String,
    pub desc: String,
}

/// A picture being drawn: the opening tag, title and description, then
/// elements, then [`Svg::finish`].
pub struct Svg {
    out: String,
}

impl Svg {
    /// Opens an `<svg>` of `w`×`h` user units. `size` gives fixed width and
    /// height attributes (otherwise the picture scales with its box).
    pub fn new(label: &Label, class: &str, w: f64, h: f64, size: Option<(f64, f64)>) -> Svg {
        Svg::with_attrs(label, class, w, h, size, "")
    }

    /// As [`Svg::new`], with extra attributes (already escaped) on the
    /// `<svg>` element.
    pub fn with_attrs(
        label: &Label,
        class: &str,
        w: f64,
        h: f64,
        size: Option<(f64, f64)>,
        attrs: &str,
    ) -> Svg {
        let id = esc(&label.id);
        let mut out = String::with_capacity(1024);
        let _ = write!(
            out,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"{}\" viewBox=\"0 0 {} {}\"",
            esc(class),
            n(w),
            n(h)
        );
        if let Some((sw, sh)) = size {
            let _ = write!(out, " width=\"{}\" height=\"{}\"", n(sw), n(sh));
        }
        out.push_str(attrs);
        let _ = write!(
            out,
            " role=\"img\" aria-labelledby=\"{id}-t\" aria-describedby=\"{id}-d\" id=\"{id}\"><title id=\"{id}-t\">{}</title><desc id=\"{id}-d\">{}</desc>",
            esc(&label.title),
            esc(&label.desc)
        );
        Svg { out }
    }

    /// Elements to go inside an `<svg>` opened elsewhere.
    pub fn fragment() -> Svg {
        Svg {
            out: String::with_capacity(4096),
        }
    }

    /// The markup of a [`Svg::fragment`].
    pub fn into_markup(self) -> String {
        self.out
    }

    /// Appends raw, already escaped markup.
    pub fn raw(&mut self, s: &str) -> &mut Self {
        self.out.push_str(s);
        self
    }

    // The elements are written piece by piece, numbers and escaped text in
    // place: a calendar or chart has dozens, on thousands of pages.

    /// Appends ` name="value"` with `value` a coordinate (see [`n`]).
    fn number_attr(&mut self, name: &str, v: f64) {
        self.out.push(' ');
        self.out.push_str(name);
        self.out.push_str("=\"");
        push_n(&mut self.out, v);
        self.out.push('"');
    }

    /// Appends `<tag class="class"`.
    fn open(&mut self, tag: &str, class: &str) {
        self.out.push('<');
        self.out.push_str(tag);
        self.out.push_str(" class=\"");
        push_esc(&mut self.out, class);
        self.out.push('"');
    }

    pub fn rect(&mut self, class: &str, x: f64, y: f64, w: f64, h: f64, extra: &str) -> &mut Self {
        self.open("rect", class);
        self.number_attr("x", x);
        self.number_attr("y", y);
        self.number_attr("width", w.max(0.0));
        self.number_attr("height", h.max(0.0));
        self.out.push_str(extra);
        self.out.push_str("/>");
        self
    }

    pub fn line(&mut self, class: &str, x1: f64, y1: f64, x2: f64, y2: f64) -> &mut Self {
        self.open("line", class);
        self.number_attr("x1", x1);
        self.number_attr("y1", y1);
        self.number_attr("x2", x2);
        self.number_attr("y2", y2);
        self.out.push_str("/>");
        self
    }

    /// Text at (x, y); `anchor` is start, middle or end.
    pub fn text(&mut self, class: &str, x: f64, y: f64, anchor: &str, s: &str) -> &mut Self {
        self.open("text", class);
        self.number_attr("x", x);
        self.number_attr("y", y);
        if anchor != "start" {
            self.out.push_str(" text-anchor=\"");
            self.out.push_str(anchor);
            self.out.push('"');
        }
        self.out.push('>');
        push_esc(&mut self.out, s);
        self.out.push_str("</text>");
        self
    }

    pub fn finish(mut self) -> String {
        self.out.push_str("</svg>");
        self.out
    }
}

/// A coordinate written briefly: at most one decimal, no trailing zero.
pub fn n(v: f64) -> String {
    let mut out = String::new();
    push_n(&mut out, v);
    out
}

/// Appends `v` as [`n`] writes it.
pub fn push_n(out: &mut String, v: f64) {
    let tenths = (v * 10.0).round();
    if !tenths.is_finite() || tenths.abs() > 1e15 {
        out.push_str(&n_by_float(v));
        return;
    }
    // From the whole number of tenths: formatting the float to one
    // decimal went through the slow exact path of every number of every
    // chart, calendar and bar.
    let t = tenths as i64;
    if t < 0 && (t <= -10 || t % 10 != 0) {
        out.push('-');
    }
    push_uint(out, (t / 10).unsigned_abs());
    if t % 10 != 0 {
        out.push('.');
        out.push(char::from(b'0' + (t % 10).unsigned_abs() as u8));
    }
}

/// Appends `n` in decimal, without the general formatting machinery:
/// pictures and QR codes write thousands of numbers.
pub fn push_uint(out: &mut String, n: u64) {
    let mut buf = [0u8; 20];
    for &d in digits(n, &mut buf) {
        out.push(char::from(d));
    }
}

/// The decimal digits of `n`, written at the end of `buf`.
pub fn digits(n: u64, buf: &mut [u8; 20]) -> &[u8] {
    let mut i = buf.len();
    let mut n = n;
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    &buf[i..]
}

/// [`n`] through float formatting, for what is not a plain number.
fn n_by_float(v: f64) -> String {
    let r = (v * 10.0).round() / 10.0;
    if r == r.trunc() {
        format!("{}", r as i64)
    } else {
        format!("{r:.1}")
    }
}

/// The width of `s` in user units at font size `size`, estimated on the
/// wide side: system fonts (DejaVu Sans, Roboto, Segoe UI) average a little
/// over half an em per letter, more for capitals and digits. An estimate
/// is enough to wrap names into boxes, provided it errs wide.
pub fn text_width(s: &str, size: f64) -> f64 {
    s.chars()
        .map(|c| {
            if c == ' ' {
                0.32
            } else if matches!(c, 'm' | 'w' | 'M' | 'W') {
                0.9
            } else if c.is_uppercase() || c.is_ascii_digit() {
                0.72
            } else if matches!(
                c,
                'i' | 'l'
                    | 'j'
                    | 't'
                    | 'f'
                    | 'r'
                    | '.'
                    | ','
                    | '('
                    | ')'
                    | 'ì'
                    | 'í'
                    | 'ị'
                    | 'ỉ'
                    | 'ĩ'
            ) {
                0.36
            } else {
                0.62
            }
        })
        .sum::<f64>()
        * size
}

/// Breaks `s` into lines no wider than `max` at font size `size`; a word
/// longer than a line is cut.
pub fn wrap(s: &str, max: f64, size: f64) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut cur = String::new();
    for word in s.split_whitespace() {
        let candidate = if cur.is_empty() {
            word.to_string()
        } else {
            format!("{cur} {word}")
        };
        if text_width(&candidate, size) <= max || cur.is_empty() {
            cur = candidate;
        } else {
            lines.push(std::mem::take(&mut cur));
            cur = word.to_string();
        }
        // A single word wider than the line: cut it by characters.
        while text_width(&cur, size) > max && cur.chars().count() > 1 {
            let mut head = String::new();
            let mut rest = String::new();
            for c in cur.chars() {
                if rest.is_empty() && text_width(&format!("{head}{c}"), size) <= max {
                    head.push(c);
                } else {
                    rest.push(c);
                }
            }
            if head.is_empty() {
                break;
            }
            lines.push(head);
            cur = rest;
        }
    }
    if !cur.is_empty() {
        lines.push(cur);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coordinates_are_written_as_float_formatting_writes_them() {
        let mut v = -400.0;
        while v < 400.0 {
            assert_eq!(n(v), n_by_float(v), "{v}");
            v += 0.0137;
        }
        for v in [
            0.0,
            -0.0,
            0.05,
            -0.05,
            0.04,
            -0.04,
            2.25,
            12.35,
            1e9 + 0.3,
            -7.95,
        ] {
            assert_eq!(n(v), n_by_float(v), "{v}");
        }
        assert_eq!(n(4.8), "4.8");
        assert_eq!(n(-0.5), "-0.5");
        assert_eq!(n(27.0), "27");
        assert_eq!(n(-27.0), "-27");
        assert_eq!(n(-10.0), "-10");
        assert_eq!(n(-1.0), "-1");
        let mut s = String::new();
        for k in [0, 7, 10, 1234567890, u64::MAX] {
            s.clear();
            push_uint(&mut s, k);
            assert_eq!(s, k.to_string());
        }
    }

    #[test]
    fn escapes_markup() {
        assert_eq!(
            esc("<a href=\"x\">&'"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
    }

    #[test]
    fn numbers_are_short() {
        assert_eq!(n(12.0), "12");
        assert_eq!(n(12.25), "12.3");
        assert_eq!(n(-0.04), "0");
    }

    #[test]
    fn wraps_by_words_within_the_width() {
        let lines = wrap(
            "Hợp tác xã Dịch vụ và Sản xuất nông nghiệp Đồng Bành",
            150.0,
            12.0,
        );
        assert!(lines.len() >= 2, "{lines:?}");
        for l in &lines {
            assert!(text_width(l, 12.0) <= 150.0, "{l}");
        }
        assert_eq!(
            lines.join(" "),
            "Hợp tác xã Dịch vụ và Sản xuất nông nghiệp Đồng Bành"
        );
    }

    #[test]
    fn cuts_a_word_longer_than_a_line() {
        let lines = wrap("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", 50.0, 12.0);
        assert!(lines.len() > 1);
        assert_eq!(lines.concat(), "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
    }

    #[test]
    fn every_picture_is_labelled() {
        let label = Label {
            id: "x".into(),
            title: "T <1>".into(),
            desc: "D".into(),
        };
        let s = Svg::new(&label, "c", 10.0, 10.0, None).finish();
        assert!(s.contains("role=\"img\""));
        assert!(s.contains("aria-labelledby=\"x-t\""));
        assert!(s.contains("<title id=\"x-t\">T &lt;1&gt;</title>"));
        assert!(s.contains("<desc id=\"x-d\">D</desc>"));
    }
}
