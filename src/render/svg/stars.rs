//! OCOP stars: `stars` filled of five, the rest outlined, so that the count
//! reads in black and white too.

use super::{Label, Svg, n};

/// The five points of a star of radius 10 centred on (0, 0).
const STAR: &str = "0,-10 2.9,-4 9.5,-3.1 4.8,1.5 5.9,8.1 0,5 -5.9,8.1 -4.8,1.5 -9.5,-3.1 -2.9,-4";

/// Stars drawn `height` units high (the width follows).
pub fn stars(label: &Label, stars: u8, height: f64) -> String {
    let count = 5u8;
    let w = f64::from(count) * 22.0;
    let mut svg = Svg::new(
        label,
        "stars-svg",
        w,
        22.0,
        Some((height * w / 22.0, height)),
    );
    for i in 0..count {
        let cls = if i < stars { "star-on" } else { "star-off" };
        let fill = if i < stars { "#8a5a00" } else { "none" };
        svg.raw(&format!(
            "<polygon class=\"{cls}\" fill=\"{fill}\" stroke=\"#8a5a00\" stroke-width=\"1.5\" transform=\"translate({} 11.5)\" points=\"{STAR}\"/>",
            n(f64::from(i) * 22.0 + 11.0)
        ));
    }
    svg.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_as_many_stars_as_the_rating() {
        let l = Label {
            id: "s".into(),
            title: "4 sao OCOP".into(),
            desc: "4/5".into(),
        };
        let s = stars(&l, 4, 16.0);
        assert_eq!(s.matches("class=\"star-on\"").count(), 4);
        assert_eq!(s.matches("class=\"star-off\"").count(), 1);
        assert!(s.contains("<title id=\"s-t\">4 sao OCOP</title>"));
    }
}
