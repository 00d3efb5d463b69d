//! Records turned into pictures: the words, ids and numbers each SVG of
//! [`super::svg`] needs, in the page's language.

use super::format;
use super::svg::{Label, bar, calendar, chart, flow, stars};
use super::value::{Fields, Value, null, value};
use super::views::View;
use crate::content::date::Date;
use crate::content::model::{Chain, Indicator, Product, Role};
use crate::site::TaskState;

/// Fills `{name}` placeholders of a UI string.
fn fill(template: &str, pairs: &[(&str, &str)]) -> String {
    let mut s = template.to_string();
    for (k, v) in pairs {
        s = s.replace(&format!("{{{k}}}"), v);
    }
    s
}

/// Which season the month of `as_of` falls in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InSeason {
    Main,
    Off,
}

/// The months 1 to 12 of a season as bits (the calendar draws no other).
fn months_mask(months: &[u8]) -> u16 {
    months
        .iter()
        .filter(|m| (1..=12).contains(*m))
        .fold(0, |mask, m| mask | 1 << m)
}

pub fn in_season(p: &Product, as_of: &Date) -> Option<InSeason> {
    if p.season.contains(&as_of.month) {
        Some(InSeason::Main)
    } else if p.off_season.contains(&as_of.month) {
        Some(InSeason::Off)
    } else {
        None
    }
}

impl View<'_> {
    /// "In season now" or "off-season now" for a product, as of the site's
    /// date, or null.
    pub fn in_season_label(&self, p: &Product) -> Value {
        match in_season(p, &self.site.as_of) {
            Some(InSeason::Main) => {
                value!({"kind": "main", "label": self.t("in_season_main")})
            }
            Some(InSeason::Off) => {
                value!({"kind": "off", "label": self.t("in_season_off")})
            }
            None => null(),
        }
    }

    /// OCOP stars, labelled "4 sao OCOP"; `id` must be unique on the page.
    pub fn stars_svg(&self, n: u8, id: &str, height: f64) -> String {
        let count = n.to_string();
        let label = Label {
            id: id.to_string(),
            title: fill(&self.t("stars_title"), &[("n", &count)]),
            desc: fill(&self.t("stars_desc"), &[("n", &count)]),
        };
        stars::stars(&label, n, height)
    }

    /// A task's progress bar, or None when no progress was reported.
    pub fn progress_svg(&self, st: &TaskState, id: &str) -> Option<String> {
        let p = st.progress?;
        let text = format::percent(f64::from(p) / 100.0, self.lang);
        let desc = match &st.last_update {
            Some(d) => fill(
                &self.t("bar_desc"),
                &[("p", &text), ("date", &self.date(d))],
            ),
            None => text.clone(),
        };
        let label = Label {
            id: id.to_string(),
            title: fill(&self.t("bar_title"), &[("p", &text)]),
            desc,
        };
        let state = if st.overdue {
            "overdue"
        } else if st.due_soon {
            "due-soon"
        } else {
            st.status.as_str()
        };
        Some(bar::progress(&label, p, state, &text))
    }

    /// An indicator's progress from baseline to target as a bar (full at
    /// 100 %; the text says when it is beyond).
    pub fn ratio_svg(&self, ratio: f64, target_year: i32, id: &str) -> String {
        let text = format::percent(ratio, self.lang);
        let year = target_year.to_string();
        let label = Label {
            id: id.to_string(),
            title: fill(&self.t("bar_title"), &[("p", &text)]),
            desc: fill(
                &self.t("indicator_bar_desc"),
                &[("p", &text), ("year", &year)],
            ),
        };
        let percent = (ratio * 100.0).clamp(0.0, 100.0).round() as u8;
        bar::progress(&label, percent, "done", &text)
    }

    /// The harvest calendar of a product, and its seasons in words.
    pub fn calendar_svg(&self, p: &Product, name: &str) -> (String, String, String) {
        let main = format::months(&p.season, self.lang);
        let off = format::months(&p.off_season, self.lang);
        let mut desc = Vec::new();
        if !main.is_empty() {
            desc.push(fill(&self.t("calendar_desc_main"), &[("months", &main)]));
        }
        if !off.is_empty() {
            desc.push(fill(&self.t("calendar_desc_off"), &[("months", &off)]));
        }
        let label = Label {
            id: "calendar".into(),
            title: fill(&self.t("calendar_title"), &[("name", name)]),
            desc: desc.join(" "),
        };
        // Products share a handful of seasons: each language draws each
        // pair of seasons once.
        let drawing = self.memo.calendar_drawing(
            (months_mask(&p.season), months_mask(&p.off_season)),
            || {
                let labels: Vec<String> = (1..=12)
                    .map(|m| format::month_short(m, self.lang))
                    .collect();
                let (w_main, w_off, w_now) = (
                    self.t("season_main"),
                    self.t("season_off"),
                    self.t("season_now"),
                );
                let words = calendar::Words {
                    months: std::array::from_fn(|i| labels[i].as_str()),
                    main: &w_main,
                    off: &w_off,
                    now: &w_now,
                };
                calendar::drawing(
                    &label.id,
                    &p.season,
                    &p.off_season,
                    Some(self.site.as_of.month),
                    &words,
                )
            },
        );
        let svg = calendar::with_drawing(&label, &drawing);
        (svg, main, off)
    }

    /// An indicator's chart; its value labels are written as the table
    /// beside it writes them ([`View::number`]).
    pub fn chart_svg(&self, ind: &Indicator, slug: &str) -> String {
        let mut points = Vec::new();
        let mut desc = Vec::new();
        let (w_b, w_a, w_t) = (self.t("baseline"), self.t("actual"), self.t("target"));
        if let Some(b) = ind.baseline {
            points.push(chart::Point {
                year: b.year,
                kind: chart::Kind::Baseline,
                value: b.value,
                text: self.number(b.value),
            });
        }
        for a in &ind.actuals {
            points.push(chart::Point {
                year: a.year,
                kind: chart::Kind::Actual,
                value: a.value,
                text: self.number(a.value),
            });
        }
        for t in &ind.targets {
            points.push(chart::Point {
                year: t.year,
                kind: chart::Kind::Target,
                value: t.value,
                text: self.number(t.value),
            });
        }
        let mut sorted: Vec<&chart::Point> = points.iter().collect();
        sorted.sort_by(|a, b| a.year.cmp(&b.year).then(a.kind.cmp(&b.kind)));
        for p in sorted {
            let kind = match p.kind {
                chart::Kind::Baseline => &w_b,
                chart::Kind::Actual => &w_a,
                chart::Kind::Target => &w_t,
            };
            desc.push(format!("{} {}: {}", kind, p.year, p.text));
        }
        let unit = self.text(&ind.unit).to_string();
        let label = Label {
            id: format!("chart-{slug}"),
            title: fill(
                &self.t("chart_title"),
                &[("name", self.text(&ind.name)), ("unit", &unit)],
            ),
            desc: format!("{}.", desc.join("; ")),
        };
        let words = chart::Words {
            baseline: &w_b,
            actual: &w_a,
            target: &w_t,
        };
        let lang = self.lang;
        chart::chart(&label, &points, &words, &|v| format::number(v, lang))
    }

    /// A chain's flow in its two layouts (wide, narrow), and the number of
    /// households taking part, when any is given.
    pub fn flow_svgs(&self, c: &Chain, slug: &str) -> (String, String) {
        let lead_listed = c
            .participants
            .iter()
            .any(|p| p.producer.as_deref() == Some(c.lead.as_str()));
        let name_of = |producer: &Option<String>,
                       name: &Option<crate::content::localised::Localised>|
         -> String {
            match (producer, name) {
                (Some(s), _) => {
                    let l = self.link(crate::content::collection::Collection::Producers, s);
                    l.at("name").at("text").as_str().unwrap_or(s).to_string()
                }
                (None, Some(n)) => self.text(n).to_string(),
                (None, None) => self.t("unknown"),
            }
        };
        let mut desc = Vec::new();
        let stages: Vec<flow::Stage> = Role::ALL
            .iter()
            .map(|role| {
                let mut ps: Vec<flow::Participant> = c
                    .participants
                    .iter()
                    .filter(|p| p.role == *role)
                    .map(|p| flow::Participant {
                        name: name_of(&p.producer, &p.name),
                        households: p.households.as_ref().map(|h| {
                            fill(&self.t("households_count"), &[("n", &self.number(h.value))])
                        }),
                        lead: p.producer.as_deref() == Some(c.lead.as_str()),
                    })
                    .collect();
                if !lead_listed && *role == Role::Production {
                    ps.insert(
                        0,
                        flow::Participant {
                            name: name_of(&Some(c.lead.clone()), &None),
                            households: None,
                            lead: true,
                        },
                    );
                }
                let label = self.t(&format!("role_{}", role.as_str()));
                if !ps.is_empty() {
                    let names: Vec<String> = ps
                        .iter()
                        .map(|p| {
                            let mut s = p.name.clone();
                            if p.lead {
                                s.push_str(&format!(" ({})", self.t("flow_lead")));
                            }
                            if let Some(h) = &p.households {
                                s.push_str(&format!(", {h}"));
                            }
                            s
                        })
                        .collect();
                    desc.push(format!("{label}: {}", names.join("; ")));
                }
                flow::Stage {
                    label,
                    participants: ps,
                }
            })
            .collect();
        let title = fill(&self.t("flow_title"), &[("name", self.text(&c.name))]);
        let desc = format!("{}.", desc.join(". "));
        let (w_lead, w_empty) = (self.t("flow_lead"), self.t("flow_empty"));
        let words = flow::Words {
            lead: &w_lead,
            empty: &w_empty,
        };
        let wide = flow::horizontal(
            &Label {
                id: format!("flow-{slug}-wide"),
                title: title.clone(),
                desc: desc.clone(),
            },
            &stages,
            &words,
        );
        let narrow = flow::vertical(
            &Label {
                id: format!("flow-{slug}-narrow"),
                title,
                desc,
            },
            &stages,
            &words,
        );
        (wide, narrow)
    }
}

#[cfg(test)]
mod tests {
    use super::months_mask;

    #[test]
    fn seasons_are_keyed_by_their_months_only() {
        assert_eq!(months_mask(&[12, 1, 2]), months_mask(&[1, 2, 12]));
        assert_eq!(months_mask(&[1, 1]), months_mask(&[1]));
        assert_eq!(months_mask(&[0, 13, 200]), months_mask(&[]));
        assert_ne!(months_mask(&[1]), months_mask(&[2]));
        assert_eq!(months_mask(&(1..=12).collect::<Vec<u8>>()).count_ones(), 12);
    }
}
