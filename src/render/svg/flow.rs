//! A linkage chain drawn as a flow: the five stages from input supply to
//! retail, each with its participants (and their households). Two layouts
//! of the same drawing: left to right for wide screens, top to bottom for
//! phones; the stylesheet shows one.

use super::{Label, Svg, n, text_width, wrap};
use std::fmt::Write;

pub struct Participant {
    pub name: String,
    /// Households, as written ("120 hộ").
    pub households: Option<String>,
    pub lead: bool,
}

pub struct Stage {
    pub label: String,
    pub participants: Vec<Participant>,
}

/// The words a flow needs, translated.
pub struct Words<'a> {
    pub lead: &'a str,
    pub empty: &'a str,
}

const NAME: f64 = 13.0;
const LINE: f64 = 17.0;
const PAD: f64 = 8.0;

/// The height of one participant's box at inner width `w`.
fn box_height(p: &Participant, w: f64) -> f64 {
    let lines = wrap(&p.name, w - 2.0 * PAD, NAME).len() as f64;
    let mut h = PAD + lines * LINE + PAD / 2.0;
    if p.households.is_some() {
        h += LINE;
    }
    if p.lead {
        h += 22.0;
    }
    h
}

/// Draws one participant's box at (x, y), `w` wide; returns its height.
fn draw_box(svg: &mut Svg, p: &Participant, x: f64, y: f64, w: f64, words: &Words) -> f64 {
    let h = box_height(p, w);
    let class = if p.lead {
        "flow-box is-lead"
    } else {
        "flow-box"
    };
    let stroke = if p.lead {
        " fill=\"#fff\" stroke=\"#7a2e1a\" stroke-width=\"2.5\" rx=\"4\""
    } else {
        " fill=\"#fff\" stroke=\"#5a524c\" rx=\"4\""
    };
    svg.rect(class, x, y, w, h, stroke);
    let mut ty = y + PAD + NAME - 1.0;
    for line in wrap(&p.name, w - 2.0 * PAD, NAME) {
        svg.text("flow-name", x + PAD, ty, "start", &line);
        ty += LINE;
    }
    if let Some(hh) = &p.households {
        svg.text("flow-hh", x + PAD, ty, "start", hh);
        ty += LINE;
    }
    if p.lead {
        let bw = text_width(words.lead, 11.0 * 1.15) + 14.0;
        svg.rect(
            "flow-badge",
            x + PAD,
            ty - 11.0,
            bw,
            17.0,
            " fill=\"#7a2e1a\" rx=\"8\"",
        );
        svg.text(
            "flow-badge-text",
            x + PAD + 7.0,
            ty + 1.5,
            "start",
            words.lead,
        );
    }
    h
}

fn draw_empty(svg: &mut Svg, x: f64, y: f64, w: f64, words: &Words) -> f64 {
    let lines = wrap(words.empty, w - 2.0 * PAD, 12.0);
    let h = PAD + lines.len() as f64 * LINE + PAD / 2.0;
    svg.rect(
        "flow-empty",
        x,
        y,
        w,
        h,
        " fill=\"none\" stroke=\"#5a524c\" stroke-dasharray=\"4 3\" rx=\"4\"",
    );
    let mut ty = y + PAD + 11.0;
    for l in lines {
        svg.text("flow-empty-text", x + PAD, ty, "start", &l);
        ty += LINE;
    }
    h
}

const STAGE: f64 = 14.0;

fn header_lines(i: usize, s: &Stage, w: f64) -> Vec<String> {
    // Headers are bold: measure them a size larger.
    wrap(&format!("{}. {}", i + 1, s.label), w - 20.0, STAGE * 1.12)
}

/// The height of a stage's header holding `lines` lines.
fn header_height(lines: usize) -> f64 {
    14.0 + lines as f64 * 18.0
}

/// Draws a stage's header, `h` high.
fn header(svg: &mut Svg, i: usize, s: &Stage, x: f64, y: f64, w: f64, h: f64) {
    svg.rect("flow-stage", x, y, w, h, " fill=\"#2f5d2a\" rx=\"4\"");
    let mut ty = y + 7.0 + STAGE;
    for line in header_lines(i, s, w) {
        svg.text("flow-stage-text", x + 10.0, ty, "start", &line);
        ty += 18.0;
    }
}

fn arrow(out: &mut String, x1: f64, y1: f64, x2: f64, y2: f64) {
    let _ = write!(
        out,
        "<path class=\"flow-arrow\" fill=\"none\" stroke=\"#2f5d2a\" stroke-width=\"2.5\" d=\"M{} {}L{} {}\"/>",
        n(x1),
        n(y1),
        n(x2),
        n(y2)
    );
    // The head points along the line (right or down).
    let (hx, hy) = (x2, y2);
    let head = if (y2 - y1).abs() > (x2 - x1).abs() {
        format!(
            "{},{} {},{} {},{}",
            n(hx - 6.0),
            n(hy - 7.0),
            n(hx + 6.0),
            n(hy - 7.0),
            n(hx),
            n(hy + 1.0)
        )
    } else {
        format!(
            "{},{} {},{} {},{}",
            n(hx - 7.0),
            n(hy - 6.0),
            n(hx - 7.0),
            n(hy + 6.0),
            n(hx + 1.0),
            n(hy)
        )
    };
    let _ = write!(
        out,
        "<polygon class=\"flow-head\" fill=\"#2f5d2a\" points=\"{head}\"/>"
    );
}

/// The flow left to right.
pub fn horizontal(label: &Label, stages: &[Stage], words: &Words) -> String {
    let (col, gap) = (168.0, 30.0);
    let width = col * stages.len() as f64 + gap * (stages.len().saturating_sub(1)) as f64;
    let heights: Vec<f64> = stages
        .iter()
        .map(|s| {
            if s.participants.is_empty() {
                let lines = wrap(words.empty, col - 2.0 * PAD, 12.0).len() as f64;
                PAD + lines * LINE + PAD / 2.0
            } else {
                s.participants
                    .iter()
                    .map(|p| box_height(p, col) + 10.0)
                    .sum::<f64>()
                    - 10.0
            }
        })
        .collect();
    let head = header_height(
        stages
            .iter()
            .enumerate()
            .map(|(i, s)| header_lines(i, s, col).len())
            .max()
            .unwrap_or(1),
    );
    let height = head + 12.0 + heights.iter().copied().fold(0.0, f64::max) + 4.0;
    let mut svg = Svg::new(label, "flow-svg flow-wide", width.max(1.0), height, None);
    let mut arrows = String::new();
    for (i, s) in stages.iter().enumerate() {
        let x = (col + gap) * i as f64;
        header(&mut svg, i, s, x, 0.0, col, head);
        if i + 1 < stages.len() {
            arrow(
                &mut arrows,
                x + col + 3.0,
                head / 2.0,
                x + col + gap - 5.0,
                head / 2.0,
            );
        }
        let mut y = head + 12.0;
        if s.participants.is_empty() {
            draw_empty(&mut svg, x, y, col, words);
        }
        for p in &s.participants {
            y += draw_box(&mut svg, p, x, y, col, words) + 10.0;
        }
    }
    svg.raw(&arrows);
    svg.finish()
}

/// The flow top to bottom, for phones.
pub fn vertical(label: &Label, stages: &[Stage], words: &Words) -> String {
    // Narrow, so that its text stays legible on a 320 px screen.
    let width = 300.0;
    let inner = width - 22.0;
    let mut body = Svg::new(label, "flow-svg flow-narrow", width, 0.0, None);
    // The height is known only after laying out: draw into a scratch
    // picture, then write the real opening tag with the height.
    let mut y = 0.0;
    let mut arrows = String::new();
    for (i, s) in stages.iter().enumerate() {
        let h = header_height(header_lines(i, s, width).len());
        header(&mut body, i, s, 0.0, y, width, h);
        y += h + 8.0;
        if s.participants.is_empty() {
            y += draw_empty(&mut body, 20.0, y, inner, words) + 8.0;
        }
        for p in &s.participants {
            y += draw_box(&mut body, p, 20.0, y, inner, words) + 8.0;
        }
        if i + 1 < stages.len() {
            arrow(&mut arrows, width / 2.0, y - 2.0, width / 2.0, y + 14.0);
            y += 22.0;
        }
    }
    body.raw(&arrows);
    let drawn = body.finish();
    // Replace the provisional height in the viewBox.
    drawn.replacen(
        &format!("viewBox=\"0 0 {} 0\"", n(width)),
        &format!("viewBox=\"0 0 {} {}\"", n(width), n(y.max(1.0))),
        1,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stages() -> Vec<Stage> {
        vec![
            Stage {
                label: "Input".into(),
                participants: vec![],
            },
            Stage {
                label: "Production".into(),
                participants: vec![
                    Participant {
                        name: "Hợp tác xã Dịch vụ và Sản xuất nông nghiệp Đồng Bành".into(),
                        households: None,
                        lead: true,
                    },
                    Participant {
                        name: "Growers".into(),
                        households: Some("120 households".into()),
                        lead: false,
                    },
                ],
            },
        ]
    }

    fn words() -> Words<'static> {
        Words {
            lead: "Lead",
            empty: "None recorded",
        }
    }

    fn label() -> Label {
        Label {
            id: "f".into(),
            title: "t".into(),
            desc: "d".into(),
        }
    }

    #[test]
    fn every_participant_and_stage_is_drawn() {
        for s in [
            horizontal(&label(), &stages(), &words()),
            vertical(&label(), &stages(), &words()),
        ] {
            assert_eq!(s.matches("class=\"flow-stage\"").count(), 2);
            assert_eq!(s.matches("class=\"flow-box").count(), 2);
            assert!(s.contains(">120 households</text>"));
            assert!(s.contains(">Lead</text>"));
            assert!(s.contains(">None recorded</text>"));
            assert!(!s.contains(" 0\" role"), "the height is set: {s}");
        }
    }
}
