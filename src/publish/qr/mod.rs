//! QR codes as SVG: one per product and producer page, pointing at the
//! page's absolute URL, for packaging and market stalls.
//!
//! [`encode`] makes the symbol; the drawing makes one path that serves the
//! standalone file and the printable label sheet, scales without blur (a
//! `viewBox` in modules) and carries a `<title>`.

use crate::diagnostics::{Code, Diagnostic};
use crate::render::svg::push_uint;

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
    let mut d = String::with_capacity(width * width);
    for y in 0..width {
        let row = &dark[y * width..(y + 1) * width];
        let mut x = 0;
        while x < width {
            if !row[x] {
                x += 1;
                continue;
            }
            let start = x;
            while x < width && row[x] {
                x += 1;
            }
            let len = x - start;
            d.push('M');
            push_uint(&mut d, (start + QUIET_ZONE) as u64);
            d.push(' ');
            push_uint(&mut d, (y + QUIET_ZONE) as u64);
            d.push('h');
            push_uint(&mut d, len as u64);
            d.push_str("v1h-");
            push_uint(&mut d, len as u64);
            d.push('z');
        }
    }
    d
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
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {side} {side}\" width=\"{px}\" height=\"{px}\" shape-rendering=\"crispEdges\" role=\"img\"><title>{}</title><rect width=\"{side}\" height=\"{side}\" fill=\"#fff\"/><path fill=\"#000\" d=\"{}\"/></svg>\n",
        xml_escape(title),
        m.path()
    )
}

/// Escapes text for XML content and attribute values.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 forbids: dropped rather than written.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
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
        assert!(m.path().starts_with("M4 4h7v1h-7z"));
    }

    #[test]
    fn the_svg_is_titled_and_escaped() {
        let s = svg("https://example.org/", "Mã QR <Na & Hồi>").unwrap();
        assert!(s.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assert!(s.contains("<title>Mã QR &lt;Na &amp; Hồi&gt;</title>"));
        assert!(!s.contains("style"));
    }
}
