//! An Atom feed of reports and news per language (`feed.xml`,
//! `en/feed.xml`), the newest [`ENTRIES`] first.

use super::qr::xml_escape;
use crate::content::collection::Collection;
use crate::content::date::Date;
use crate::render::urls::Urls;
use crate::render::value::Fields;
use crate::render::views::View;

/// Reports in a feed: readers poll it, often on phones, and a feed of
/// every report with its full text grows without end (a province's
/// thousand reports made one of 7 MB). The reports page lists them all.
pub const ENTRIES: usize = 50;

/// The feed's file in a language: beside the home page.
pub fn path(v: &View) -> String {
    format!("{}feed.xml", v.site.config.lang_prefix(v.lang))
}

/// Atom wants a time; reports have a day (or a month). Midnight in
/// Vietnam (UTC+7).
pub fn timestamp(d: &Date) -> String {
    let t = d.first_day();
    format!(
        "{:04}-{:02}-{:02}T00:00:00+07:00",
        t.year(),
        t.month() as u8,
        t.day()
    )
}

pub fn atom(v: &View, publisher: &str) -> String {
    let site = v.site;
    let urls = v.urls;
    let k = &site.content;
    let mut order: Vec<usize> = (0..k.reports.len()).collect();
    order.sort_by(|a, b| {
        k.reports[*b]
            .data
            .date
            .cmp(&k.reports[*a].data.date)
            .then_with(|| k.reports[*a].slug.cmp(&k.reports[*b].slug))
    });
    let self_url = urls.absolute(&path(v));
    let section = urls.absolute(&Urls::section(&site.config, v.lang, "reports"));
    let updated = order
        .first()
        .map_or(site.as_of, |i| k.reports[*i].data.date);
    let title = format!(
        "{} · {}",
        v.text(&site.config.title),
        v.t("section_reports")
    );
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\" xml:base=\"{}\">\n<id>{}</id>\n<title>{}</title>\n",
        xml_escape(v.lang),
        xml_escape(&urls.base_url),
        xml_escape(&self_url),
        xml_escape(&title),
    );
    if let Some(d) = &site.config.description {
        out.push_str(&format!("<subtitle>{}</subtitle>\n", xml_escape(v.text(d))));
    }
    out.push_str(&format!(
        "<updated>{}</updated>\n<link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n<author><name>{}</name></author>\n<generator>nongsan</generator>\n",
        timestamp(&updated),
        xml_escape(&self_url),
        xml_escape(&section),
        xml_escape(publisher),
    ));
    for i in order.into_iter().take(ENTRIES) {
        let r = &k.reports[i];
        let rep = &r.data;
        let url = urls.absolute(&Urls::record(
            &site.config,
            v.lang,
            Collection::Reports,
            &r.slug,
        ));
        let when = timestamp(&rep.date);
        out.push_str(&format!(
            "<entry>\n<id>{u}</id>\n<title>{}</title>\n<published>{when}</published>\n<updated>{when}</updated>\n<link rel=\"alternate\" type=\"text/html\" href=\"{u}\"/>\n<category term=\"{}\" label=\"{}\"/>\n",
            xml_escape(v.text(&rep.title)),
            crate::render::views::enum_key(&rep.kind),
            xml_escape(&v.t(&format!(
                "report_kind_{}",
                crate::render::views::enum_key(&rep.kind)
            ))),
            u = xml_escape(&url),
        ));
        if let Some(a) = rep
            .agency
            .as_deref()
            .and_then(|a| site.index.get(Collection::Agencies, a))
        {
            out.push_str(&format!(
                "<author><name>{}</name></author>\n",
                xml_escape(v.text(&k.agencies[a].data.name))
            ));
        }
        if let Some(s) = &rep.summary {
            out.push_str(&format!("<summary>{}</summary>\n", xml_escape(v.text(s))));
        }
        if let Some(html) = v.body(r).at("html").as_str() {
            out.push_str(&format!(
                "<content type=\"html\">{}</content>\n",
                xml_escape(html)
            ));
        }
        out.push_str("</entry>\n");
    }
    out.push_str("</feed>\n");
    out
}
