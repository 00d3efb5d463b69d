//! A printable A4 sheet of ten labels per product and language: name,
//! brand, OCOP stars, the QR code of the product's page and the portal's
//! address. An SVG sized in millimetres prints at true size from any
//! browser and needs no stylesheet.

use super::qr::{self, xml_escape};
use crate::content::collection::Collection;
use crate::diagnostics::Diagnostic;
use crate::render::urls::Urls;
use crate::render::views::View;
use std::cell::RefCell;
use std::rc::Rc;

const PAGE_W: f64 = 210.0;
const PAGE_H: f64 = 297.0;
const COLS: usize = 2;
const ROWS: usize = 5;
const MARGIN_X: f64 = 8.0;
const MARGIN_Y: f64 = 10.0;
const GAP: f64 = 4.0;
const QR_MM: f64 = 40.0;
/// Characters of the name per line at its size in the space beside the QR.
const NAME_CHARS: usize = 18;

/// The sheet's file beside the product's page.
pub const FILE: &str = "label-sheet.svg";

/// Greedy word wrap to at most `lines` lines of about `width` characters;
/// what does not fit ends in an ellipsis.
pub fn wrap(text: &str, width: usize, lines: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut cur = String::new();
    for word in text.split_whitespace() {
        let fits = cur.is_empty() || cur.chars().count() + 1 + word.chars().count() <= width;
        if fits {
            if !cur.is_empty() {
                cur.push(' ');
            }
            cur.push_str(word);
        } else {
            out.push(std::mem::take(&mut cur));
            cur.push_str(word);
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    if out.len() > lines {
        out.truncate(lines);
        if let Some(last) = out.last_mut() {
            last.push('…');
        }
    }
    out
}

/// A five-pointed star of outer radius `r` centred on (`cx`, `cy`).
fn star(cx: f64, cy: f64, r: f64, filled: bool) -> String {
    let mut pts = Vec::with_capacity(10);
    for k in 0..10 {
        let radius = if k % 2 == 0 { r } else { r * 0.45 };
        let a = std::f64::consts::PI * (k as f64) / 5.0 - std::f64::consts::FRAC_PI_2;
        pts.push(format!(
            "{:.2},{:.2}",
            cx + radius * a.cos(),
            cy + radius * a.sin()
        ));
    }
    let fill = if filled { "#c8102e" } else { "none" };
    format!(
        "<polygon points=\"{}\" fill=\"{fill}\" stroke=\"#c8102e\" stroke-width=\"0.3\"/>",
        pts.join(" ")
    )
}

/// The five stars of an OCOP rating, `filled` of them filled, on the line
/// at `y`. Each point is formatted from floating point, and labels differ
/// in only a few lines, so each thread keeps the rows it has drawn.
fn stars_row(tx: f64, y: f64, filled: u8) -> String {
    thread_local! {
        static ROWS: RefCell<std::collections::HashMap<(u64, u64, u8), String>> =
            Default::default();
    }
    let draw = || {
        (0..5u8)
            .map(|k| star(tx + 2.2 + f64::from(k) * 5.0, y - 1.2, 2.2, k < filled))
            .collect::<String>()
    };
    ROWS.with_borrow_mut(|rows| {
        // A handful of lines in practice; a bound all the same.
        if rows.len() >= 256 {
            rows.clear();
        }
        rows.entry((tx.to_bits(), y.to_bits(), filled))
            .or_insert_with(draw)
            .clone()
    })
}

/// The portal's address as people type it: no scheme, no final slash.
pub fn portal_address(urls: &Urls) -> String {
    let u = urls.base_url.as_str();
    let u = u.split_once("://").map_or(u, |(_, r)| r);
    u.trim_end_matches('/').to_string()
}

/// The label sheet of product `i` in the view's language.
pub fn sheet(v: &View, i: usize) -> Result<String, Diagnostic> {
    let site = v.site;
    let r = &site.content.products[i];
    let url = v.urls.absolute(&Urls::record(
        &site.config,
        v.lang,
        Collection::Products,
        &r.slug,
    ));
    sheet_with(v, i, &qr::encode(&url)?)
}

/// The label sheet of product `i`, with the QR code of its page already
/// encoded (encoding is the costly part, and the page's QR file needs it
/// too).
pub fn sheet_with(v: &View, i: usize, m: &qr::Modules) -> Result<String, Diagnostic> {
    let site = v.site;
    let p = &site.content.products[i].data;
    let side = m.side() as f64;
    let name = v.text(&p.name);
    let brand = p
        .brand
        .as_deref()
        .and_then(|b| site.index.get(Collection::Brands, b))
        .map(|b| v.text(&site.content.brands[b].data.name).to_string());
    let address = portal_address(v.urls);
    let title = v.t("label_sheet_title").replace("{name}", name);
    let alike = alike(v, &address);

    // One label drawn at the origin, then placed ten times.
    let mut label = alike.frame.clone();
    label.push_str(&format!(
        "<g transform=\"translate(4 5) scale({:.4})\"><rect width=\"{side}\" height=\"{side}\" fill=\"#fff\"/><path fill=\"none\" stroke=\"#000\" shape-rendering=\"crispEdges\" d=\"{}\"/></g>",
        QR_MM / side,
        m.path()
    ));
    let tx = TX;
    let mut y = 10.0;
    for line in wrap(name, NAME_CHARS, 3) {
        label.push_str(&format!(
            "<text x=\"{tx:.2}\" y=\"{y:.2}\" font-size=\"3.8\" font-weight=\"700\" fill=\"#1a1a1a\">{}</text>",
            xml_escape(&line)
        ));
        y += 4.6;
    }
    if let Some(b) = &brand {
        y += 0.8;
        for line in wrap(b, 30, 2) {
            label.push_str(&format!(
                "<text x=\"{tx:.2}\" y=\"{y:.2}\" font-size=\"2.8\" fill=\"#333\">{}</text>",
                xml_escape(&line)
            ));
            y += 3.6;
        }
    }
    if let Some(o) = &p.ocop {
        y += 2.5;
        label.push_str(&stars_row(tx, y, o.stars));
        label.push_str(&format!(
            "<text x=\"{:.2}\" y=\"{:.2}\" font-size=\"3.2\" font-weight=\"700\" fill=\"#c8102e\">OCOP</text>",
            tx + 26.0,
            y
        ));
    }
    label.push_str(&alike.foot);

    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{PAGE_W}mm\" height=\"{PAGE_H}mm\" viewBox=\"0 0 {PAGE_W} {PAGE_H}\" font-family=\"'Noto Sans', 'DejaVu Sans', Arial, sans-serif\" lang=\"{}\" role=\"img\"><title>{}</title><defs><g id=\"label\">{label}</g></defs><rect width=\"{PAGE_W}\" height=\"{PAGE_H}\" fill=\"#fff\"/>",
        xml_escape(v.lang),
        xml_escape(&title)
    );
    out.push_str(&alike.placed);
    out.push_str("</svg>\n");
    Ok(out)
}

/// Where a label's text starts, right of its QR code.
const TX: f64 = 4.0 + QR_MM + 3.0;

/// What every label sheet in a language has alike: a label's frame and the
/// lines at its foot, and the ten places of the label on the page.
struct Alike {
    frame: String,
    foot: String,
    placed: String,
}

/// What every label sheet in `v`'s language for the portal at `address`
/// has alike, made once per thread (it is most of a sheet's numbers).
fn alike(v: &View, address: &str) -> Rc<Alike> {
    thread_local! {
        static MADE: RefCell<Vec<(AlikeKey, Rc<Alike>)>> = const { RefCell::new(Vec::new()) };
    }
    let key = (v.lang.to_string(), v.t("label_scan"), address.to_string());
    MADE.with(|made| {
        let mut made = made.borrow_mut();
        if let Some((_, a)) = made.iter().find(|(k, _)| *k == key) {
            return a.clone();
        }
        let a = Rc::new(make_alike(&key.1, address));
        made.push((key, a.clone()));
        a
    })
}

/// Language, the text at a label's foot, the portal's address.
type AlikeKey = (String, String, String);

fn make_alike(scan_text: &str, address: &str) -> Alike {
    let label_w = (PAGE_W - 2.0 * MARGIN_X - (COLS as f64 - 1.0) * GAP) / COLS as f64;
    let label_h = (PAGE_H - 2.0 * MARGIN_Y - (ROWS as f64 - 1.0) * GAP) / ROWS as f64;
    let tx = TX;
    let frame = format!(
        "<rect x=\"0\" y=\"0\" width=\"{label_w:.2}\" height=\"{label_h:.2}\" rx=\"3\" fill=\"#fff\" stroke=\"#999\" stroke-width=\"0.3\" stroke-dasharray=\"2 1.5\"/>"
    );
    let mut foot = String::new();
    let scan = wrap(scan_text, 30, 2);
    let mut sy = label_h - 8.0 - 3.0 * scan.len() as f64;
    for line in scan {
        sy += 3.0;
        foot.push_str(&format!(
            "<text x=\"{tx:.2}\" y=\"{sy:.2}\" font-size=\"2.4\" fill=\"#333\">{}</text>",
            xml_escape(&line)
        ));
    }
    foot.push_str(&format!(
        "<text x=\"{tx:.2}\" y=\"{:.2}\" font-size=\"2.8\" font-weight=\"700\" fill=\"#7a2e1a\">{}</text>",
        label_h - 4.5,
        xml_escape(address)
    ));
    let mut placed = String::new();
    for row in 0..ROWS {
        for c in 0..COLS {
            placed.push_str(&format!(
                "<use href=\"#label\" x=\"{:.2}\" y=\"{:.2}\"/>",
                MARGIN_X + c as f64 * (label_w + GAP),
                MARGIN_Y + row as f64 * (label_h + GAP)
            ));
        }
    }
    Alike {
        frame,
        foot,
        placed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_wrap_on_words_and_are_cut_with_an_ellipsis() {
        assert_eq!(
            wrap("Mật ong ngũ gia bì Quảng Lạc", 18, 3),
            ["Mật ong ngũ gia bì", "Quảng Lạc"]
        );
        assert_eq!(wrap("a b c d", 1, 2), ["a", "b…"]);
        assert!(wrap("", 10, 2).is_empty());
    }

    #[test]
    fn rows_of_stars_are_drawn_once_per_line_and_rating() {
        for y in [12.5, 17.1, 21.7] {
            for filled in 0..=5u8 {
                let direct: String = (0..5u8)
                    .map(|k| star(47.0 + 2.2 + f64::from(k) * 5.0, y - 1.2, 2.2, k < filled))
                    .collect();
                // The first call draws the row, the second finds it kept.
                assert_eq!(stars_row(47.0, y, filled), direct);
                assert_eq!(stars_row(47.0, y, filled), direct);
                assert_eq!(
                    direct.matches("fill=\"#c8102e\"").count(),
                    usize::from(filled)
                );
            }
        }
    }

    #[test]
    fn the_address_drops_scheme_and_slash() {
        let mut c = crate::config::parse(
            "title: A\nbase_url: https://example.org/nongsan/\n",
            std::path::Path::new("s"),
        )
        .unwrap();
        assert_eq!(portal_address(&Urls::new(&c)), "example.org/nongsan");
        c.base_url = "http://x.vn/".into();
        assert_eq!(portal_address(&Urls::new(&c)), "x.vn");
    }
}
