//! SVG drawings are published byte for byte (they are small already), but
//! only when they hold nothing that runs: an SVG opened at its own address
//! is a document, and a script in it would run on the portal's origin.
//!
//! Unsafe drawings are refused with a diagnostic rather than rewritten:
//! the file the editor committed is then exactly the file published, and
//! no serialiser can reintroduce what a cleaner took out. Drawings from
//! design tools hold no scripts; one that does is worth a look.

use super::ImageError;

/// Elements that run code or embed HTML.
const UNSAFE_ELEMENTS: &[&str] = &[
    "script",
    "foreignobject",
    "iframe",
    "embed",
    "object",
    "handler",
    "listener",
];

/// Checks the drawing and returns its width and height in CSS pixels: from
/// its `width` and `height` when they are plain numbers, else from its
/// `viewBox`, else the browsers' default of 300 × 150.
pub fn inspect(bytes: &[u8]) -> Result<(u32, u32), ImageError> {
    let text = std::str::from_utf8(bytes)
        .map_err(|_| ImageError::Corrupt("an SVG file is UTF-8 text".into()))?;
    // No DTD: entity declarations are how XML hides content and blows up.
    let opts = roxmltree::ParsingOptions {
        allow_dtd: false,
        ..roxmltree::ParsingOptions::default()
    };
    let doc = roxmltree::Document::parse_with_options(text, opts).map_err(|e| match e {
        roxmltree::Error::DtdDetected => {
            ImageError::UnsafeSvg("a document type declaration (<!DOCTYPE>)".into())
        }
        e => ImageError::Corrupt(e.to_string()),
    })?;
    let root = doc.root_element();
    if !root.tag_name().name().eq_ignore_ascii_case("svg") {
        return Err(ImageError::Unsupported(
            "the file is not an SVG drawing".into(),
        ));
    }
    for node in doc.descendants() {
        if node.is_element() {
            let name = node.tag_name().name().to_ascii_lowercase();
            if UNSAFE_ELEMENTS.contains(&name.as_str()) {
                return Err(ImageError::UnsafeSvg(format!("a <{name}> element")));
            }
            for a in node.attributes() {
                if a.name().to_ascii_lowercase().starts_with("on") {
                    return Err(ImageError::UnsafeSvg(
                        "an event handler attribute (on…)".into(),
                    ));
                }
                if runs(a.value()) {
                    return Err(ImageError::UnsafeSvg("a `javascript:` link".into()));
                }
            }
        } else if node.is_text()
            && node
                .parent_element()
                .is_some_and(|p| p.tag_name().name().eq_ignore_ascii_case("style"))
            && node.text().is_some_and(runs)
        {
            return Err(ImageError::UnsafeSvg("a `javascript:` link".into()));
        }
    }
    Ok(size(&root))
}

/// Whether a value holds a script address, however it is spaced or cased
/// (`java\tscript:` still runs in some browsers).
fn runs(value: &str) -> bool {
    let squeezed: String = value
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    squeezed.contains("javascript:")
        || squeezed.contains("vbscript:")
        || squeezed.contains("data:text/html")
}

fn length(v: Option<&str>) -> Option<f64> {
    let v = v?.trim();
    let v = v.strip_suffix("px").unwrap_or(v);
    v.parse::<f64>().ok().filter(|x| x.is_finite() && *x > 0.0)
}

fn size(root: &roxmltree::Node) -> (u32, u32) {
    let px = |x: f64| x.round().clamp(1.0, 100_000.0) as u32;
    let view_box: Option<(f64, f64)> = root.attribute("viewBox").and_then(|vb| {
        let n: Vec<f64> = vb
            .split([' ', ',', '\t', '\n'])
            .filter(|s| !s.is_empty())
            .filter_map(|s| s.parse().ok())
            .collect();
        (n.len() == 4 && n[2] > 0.0 && n[3] > 0.0).then(|| (n[2], n[3]))
    });
    match (
        length(root.attribute("width")),
        length(root.attribute("height")),
        view_box,
    ) {
        (Some(w), Some(h), _) => (px(w), px(h)),
        (Some(w), None, Some((vw, vh))) => (px(w), px(w * vh / vw)),
        (None, Some(h), Some((vw, vh))) => (px(h * vw / vh), px(h)),
        (_, _, Some((vw, vh))) => (px(vw), px(vh)),
        _ => (300, 150),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unsafe_(svg: &str) -> bool {
        matches!(inspect(svg.as_bytes()), Err(ImageError::UnsafeSvg(_)))
    }

    #[test]
    fn sizes_from_attributes_or_view_box() {
        let s = |x: &str| inspect(x.as_bytes()).unwrap();
        assert_eq!(
            s(r#"<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"/>"#),
            (40, 20)
        );
        assert_eq!(
            s(r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 640 420"/>"#),
            (640, 420)
        );
        assert_eq!(
            s(r#"<svg xmlns="http://www.w3.org/2000/svg" width="100%" viewBox="0,0,64,42"/>"#),
            (64, 42)
        );
        assert_eq!(
            s(r#"<svg xmlns="http://www.w3.org/2000/svg" width="320px" viewBox="0 0 640 420"/>"#),
            (320, 210)
        );
        assert_eq!(
            s(r#"<svg xmlns="http://www.w3.org/2000/svg"/>"#),
            (300, 150)
        );
    }

    #[test]
    fn refuses_what_runs() {
        let ns = r#"xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink""#;
        assert!(unsafe_(&format!(
            "<svg {ns}><script>alert(1)</script></svg>"
        )));
        assert!(unsafe_(&format!(
            "<svg {ns}><SCRIPT>alert(1)</SCRIPT></svg>"
        )));
        assert!(unsafe_(&format!("<svg {ns} onload=\"alert(1)\"/>")));
        assert!(unsafe_(&format!(
            "<svg {ns}><a xlink:href=\" java\tscript:alert(1)\"><text>x</text></a></svg>"
        )));
        assert!(unsafe_(&format!(
            "<svg {ns}><foreignObject><p>x</p></foreignObject></svg>"
        )));
        assert!(unsafe_(&format!(
            "<svg {ns}><set attributeName=\"href\" to=\"javascript:alert(1)\"/></svg>"
        )));
        assert!(unsafe_(
            "<!DOCTYPE svg [<!ENTITY x \"y\">]><svg xmlns=\"http://www.w3.org/2000/svg\">&x;</svg>"
        ));
        assert!(!unsafe_(&format!(
            "<svg {ns} viewBox=\"0 0 1 1\"><a href=\"https://example.org/\"><rect width=\"1\" height=\"1\"/></a></svg>"
        )));
        assert!(matches!(inspect(b"<svg"), Err(ImageError::Corrupt(_))));
        assert!(matches!(
            inspect(b"<html/>"),
            Err(ImageError::Unsupported(_))
        ));
    }
}
