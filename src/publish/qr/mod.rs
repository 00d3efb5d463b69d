//! QR codes as SVG: one per product and producer page, pointing at the
//! page's absolute URL, for packaging and market stalls.
//!
//! [`encode`] makes the symbol; the drawing makes one path that serves the
//! standalone file and the printable label sheet, scales without blur (a
//! `viewBox` in modules) and carries a `<title>`.

use crate::diagnostics::{Code, Diagnostic};
use crate::render::svg::digits;

mod encode;
mod penalty;

/// White modules kept round the code, as the standard asks.
pub const QUIET_ZONE: usize = 4;

/// The code's modules: its width and, row by row, whether each is dark;
/// and the SVG path drawing them (see [`Modules::path`]).
pub struct Modules {
    pub width: usize,
    pub dark: Vec<bool>,
    path: String,
}

/// Encodes `url` with medium error correction (15 % of the code may be
/// lost: a crease or a stain on a bag).
pub fn encode(url: &str) -> Result<Modules, Diagnostic> {
    let code = encode::encode(url.as_bytes()).ok_or_else(|| {
        Diagnostic::new(Code::Output).detail(format!(
            "cannot make a QR code for {url}: longer than a QR code holds ({} bytes)",
            url.len()
        ))
    })?;
    let path = draw(code.size, &code.dark);
    Ok(Modules {
        width: code.size,
        dark: code.dark,
        path,
    })
}

/// One path for every dark module, runs of a row merged, in module units
/// with the quiet zone included.
fn draw(width: usize, dark: &[bool]) -> String {
    // Written as bytes: the path is ASCII, and has thousands of numbers.
    let mut d: Vec<u8> = Vec::with_capacity(width * width);
    let mut buf = [0u8; 20];
    // Byte by byte: one to three digits are not worth a call to memcpy.
    let mut number = |d: &mut Vec<u8>, n: usize| {
        for &b in digits(n as u64, &mut buf) {
            d.push(b);
        }
    };
    // Each run of dark modules is a line one module thick through the
    // middle of its row (`stroke-width` 1, square ends): half the bytes of
    // a filled rectangle per run. A row starts where its first run does;
    // each next run moves on from where the last one ended.
    for y in 0..width {
        let row = &dark[y * width..(y + 1) * width];
        let mut x = 0;
        let mut end = None;
        while x < width {
            if !row[x] {
                x += 1;
                continue;
            }
            let start = x;
            while x < width && row[x] {
                x += 1;
            }
            match end {
                None => {
                    d.push(b'M');
                    number(&mut d, start + QUIET_ZONE);
                    d.push(b' ');
                    number(&mut d, y + QUIET_ZONE);
                    d.extend_from_slice(b".5h");
                }
                Some(e) => {
                    d.push(b'm');
                    number(&mut d, start - e);
                    d.extend_from_slice(b" 0h");
                }
            }
            number(&mut d, x - start);
            end = Some(x);
        }
    }
    String::from_utf8(d).unwrap_or_default()
}

impl Modules {
    /// The side of the drawing in modules, quiet zone included.
    pub fn side(&self) -> usize {
        self.width + 2 * QUIET_ZONE
    }

    /// One path for every dark module, runs of a row merged, in module
    /// units with the quiet zone included.
    pub fn path(&self) -> &str {
        &self.path
    }
}

/// A standalone SVG file of the code for `url`; `title` names it for
/// screen readers and file browsers.
pub fn svg(url: &str, title: &str) -> Result<String, Diagnostic> {
    Ok(svg_of(&encode(url)?, title))
}

/// The SVG of an encoded QR code.
pub fn svg_of(m: &Modules, title: &str) -> String {
    let side = m.side();
    // 6 px a module: a crisp 200-odd pixel image, scaled freely for print.
    let px = side * 6;
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {side} {side}\" width=\"{px}\" height=\"{px}\" shape-rendering=\"crispEdges\" role=\"img\"><title>{}</title><rect width=\"{side}\" height=\"{side}\" fill=\"#fff\"/><path fill=\"none\" stroke=\"#000\" d=\"{}\"/></svg>\n",
        xml_escape(title),
        m.path()
    )
}

/// Escapes text for XML content and attribute values.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    // Runs without anything to escape are copied whole; what is escaped
    // is ASCII, so the cuts fall between characters.
    while let Some(at) = rest.bytes().position(|b| {
        matches!(b, b'&' | b'<' | b'>' | b'"' | b'\'')
            || (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r'))
    }) {
        out.push_str(&rest[..at]);
        match rest.as_bytes()[at] {
            b'&' => out.push_str("&amp;"),
            b'<' => out.push_str("&lt;"),
            b'>' => out.push_str("&gt;"),
            b'"' => out.push_str("&quot;"),
            b'\'' => out.push_str("&apos;"),
            // Characters XML 1.0 forbids: dropped rather than written.
            _ => {}
        }
        rest = &rest[at + 1..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_url_becomes_a_square_of_modules() {
        let m = encode("https://example.org/nongsan/san-pham/na-chi-lang/").unwrap();
        assert_eq!(m.dark.len(), m.width * m.width);
        // Finder pattern: the top-left corner is dark.
        assert!(m.dark[0]);
        assert!(m.path().starts_with("M4 4.5h7m"));
    }

    fn number(s: &str) -> (usize, &str) {
        let end = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
        (s[..end].parse().unwrap(), &s[end..])
    }

    /// The dark modules the path draws: each `h` a line through the middle
    /// of a row, from the current point.
    fn drawn(path: &str, side: usize) -> Vec<bool> {
        let mut out = vec![false; side * side];
        let (mut x, mut y) = (0usize, 0usize);
        let mut rest = path;
        while let Some(c) = rest.chars().next() {
            rest = &rest[1..];
            match c {
                'M' => {
                    let (nx, r) = number(rest);
                    let (ny, r) = number(r.strip_prefix(' ').unwrap());
                    (x, y, rest) = (nx, ny, r.strip_prefix(".5").unwrap());
                }
                'm' => {
                    let (dx, r) = number(rest);
                    (x, rest) = (x + dx, r.strip_prefix(" 0").unwrap());
                }
                'h' => {
                    let (len, r) = number(rest);
                    for i in x..x + len {
                        assert!(!out[y * side + i], "drawn twice at {i},{y}");
                        out[y * side + i] = true;
                    }
                    (x, rest) = (x + len, r);
                }
                other => panic!("unexpected {other:?} in the path"),
            }
        }
        out
    }

    #[test]
    fn the_path_draws_every_dark_module_and_no_other() {
        for url in [
            "https://example.org/",
            "https://example.org/nongsan/san-pham/na-chi-lang/",
            "https://bench.example.org/en/producers/a-rather-long-producer-name-for-a-bigger-code/",
        ] {
            let m = encode(url).unwrap();
            let side = m.side();
            let drawn = drawn(m.path(), side);
            for y in 0..side {
                for x in 0..side {
                    let inside = (QUIET_ZONE..QUIET_ZONE + m.width).contains(&x)
                        && (QUIET_ZONE..QUIET_ZONE + m.width).contains(&y);
                    let dark = inside && m.dark[(y - QUIET_ZONE) * m.width + (x - QUIET_ZONE)];
                    assert_eq!(drawn[y * side + x], dark, "{url}: module {x},{y}");
                }
            }
        }
    }

    #[test]
    fn the_svg_is_titled_and_escaped() {
        let s = svg("https://example.org/", "Mã QR <Na & Hồi>").unwrap();
        assert!(s.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assert!(s.contains("<title>Mã QR &lt;Na &amp; Hồi&gt;</title>"));
        assert!(!s.contains("style"));
    }

    #[test]
    fn xml_escaping_drops_what_xml_forbids() {
        assert_eq!(
            xml_escape("a&b<c>d\"e'f\u{1}g\th\ni\rj Hồi"),
            "a&amp;b&lt;c&gt;d&quot;e&apos;fg\th\ni\rj Hồi"
        );
    }
}
