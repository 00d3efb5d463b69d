//! The theme's shared pieces: the main menu's current item, and partials
//! (templates under `partials/`), rendered once per language and state of
//! the menu and placed in every page.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{Site, assert_no_panic, fixture};
use scraper::{Html, Selector};

fn build(site: &Site) {
    let run = site.run(&["build"]);
    assert_no_panic(&run);
    assert_eq!(run.code, 0, "{}", run.all());
}

/// The build fails, says which file, and writes nothing.
fn fails_naming(site: &Site, file: &str) {
    let run = site.run(&["build"]);
    assert_no_panic(&run);
    assert_eq!(run.code, 1, "{}", run.all());
    assert!(run.all().contains(file), "{}", run.all());
    assert!(!site.path("output/index.html").exists());
}

/// The main menu's items marked current on the page at `file`, as
/// (link text, `aria-current`).
fn current_items(site: &Site, file: &str) -> Vec<(String, String)> {
    let html = Html::parse_document(&site.read(file));
    let sel = Selector::parse("nav.main-nav a[aria-current]").unwrap();
    html.select(&sel)
        .map(|a| {
            (
                a.text().collect::<String>(),
                a.value().attr("aria-current").unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn the_main_menu_marks_the_section_and_says_when_it_is_the_page_itself() {
    let site = fixture("valid");
    build(&site);
    // A section's own page: its item is the page.
    assert_eq!(
        current_items(&site, "output/san-pham/index.html"),
        [("Sản phẩm".to_string(), "page".to_string())]
    );
    assert_eq!(
        current_items(&site, "output/en/products/index.html"),
        [("Products".to_string(), "page".to_string())]
    );
    // A record of the section: its item is current, not the page.
    assert_eq!(
        current_items(&site, "output/san-pham/na-chi-lang/index.html"),
        [("Sản phẩm".to_string(), "true".to_string())]
    );
    // A filter page of products is below the products' page.
    let filters: Vec<_> = std::fs::read_dir(site.path("output/san-pham/danh-muc"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.join("index.html").is_file())
        .collect();
    assert!(!filters.is_empty());
    for f in &filters {
        let rel = f.join("index.html");
        let rel = rel.strip_prefix(site.root()).unwrap().to_str().unwrap();
        assert_eq!(
            current_items(&site, rel),
            [("Sản phẩm".to_string(), "true".to_string())],
            "{rel}"
        );
    }
    // A free page in the menu is the page; the home page has no current item.
    assert_eq!(
        current_items(&site, "output/gioi-thieu/index.html")
            .into_iter()
            .map(|(_, c)| c)
            .collect::<Vec<_>>(),
        ["page"]
    );
    assert!(current_items(&site, "output/index.html").is_empty());
    assert!(current_items(&site, "output/en/index.html").is_empty());
}

#[test]
fn a_partial_of_the_site_theme_is_placed_in_every_page_in_its_language() {
    let site = fixture("valid");
    site.write(
        "themes/default/templates/partials/footer.html",
        "<footer class=\"own\">{{ t.as_of }} · {{ lang }} · {{ site.title | loc }}\
         {% for f in footer_links %} <a href=\"{{ f.url }}\">{{ f.name }}</a>{% endfor %}</footer>\n",
    );
    build(&site);
    for (file, text) in [
        ("output/index.html", "· vi ·"),
        ("output/san-pham/na-chi-lang/index.html", "· vi ·"),
        ("output/en/products/na-chi-lang/index.html", "· en ·"),
        ("output/en/progress/index.html", "· en ·"),
        ("output/404.html", "· vi ·"),
    ] {
        let html = site.read(file);
        assert_eq!(html.matches("<footer").count(), 1, "{file}");
        let at = html.find("<footer class=\"own\">").expect(file);
        let footer = &html[at..html[at..].find("</footer>").unwrap() + at];
        assert!(footer.contains(text), "{file}: {footer}");
        // Placed as HTML, not escaped, and without the file's last line end.
        assert!(footer.contains("<a href=\""), "{file}: {footer}");
        assert!(html.contains("</footer>\n</body>"), "{file}");
    }
    // The menu and the masthead still come from the built-in theme.
    let page = site.read("output/en/products/na-chi-lang/index.html");
    assert!(page.contains("<nav class=\"main-nav\""));
    assert!(page.contains("<form class=\"site-search\""));
}

#[test]
fn a_partial_that_uses_the_page_fails_the_build_naming_its_file() {
    let site = fixture("valid");
    site.write(
        "themes/default/templates/partials/menu.html",
        "<nav>{{ page.title }}</nav>\n",
    );
    fails_naming(&site, "themes/default/templates/partials/menu.html");
    // Once, not once per page.
    let run = site.run(&["build"]);
    assert_eq!(
        run.all().matches("partials/menu.html:").count(),
        1,
        "{}",
        run.all()
    );
}

#[test]
fn a_product_card_template_of_the_site_is_what_every_listing_shows() {
    let site = fixture("valid");
    site.write(
        "themes/default/templates/cards/product.html",
        "<li class=\"own-card\" data-lang=\"{{ lang }}\"{% if card.facets %}{% for f in card.facets %} data-{{ f[0] }}=\"{{ f[1] }}\"{% endfor %}{% endif %}>\
         <a href=\"{{ card.url }}\">{{ card.name | loc }}</a> {{ t.ocop_short }}</li>\n",
    );
    build(&site);
    let card = "<li class=\"own-card\" data-lang=\"vi\"><a href=\"/san-pham/na-chi-lang/\">";
    // Pages that list products without filters show the card as it is.
    for file in [
        "output/index.html",
        "output/thuong-hieu/na-lang-son/index.html",
        "output/chu-the/htx-dong-banh/index.html",
    ] {
        let html = site.read(file);
        assert!(html.contains(card), "{file}");
        assert!(!html.contains("class=\"card\""), "{file}");
    }
    // The listing and filter pages show it with its filter values.
    for file in [
        "output/san-pham/index.html",
        "output/san-pham/danh-muc/fruit/index.html",
    ] {
        let html = site.read(file);
        let at = html
            .find("<li class=\"own-card\" data-lang=\"vi\" data-")
            .expect(file);
        assert!(html[at..].contains("data-category=\"fruit\""), "{file}");
        assert!(!html.contains("class=\"card\""), "{file}");
    }
    let en = site.read("output/en/products/index.html");
    assert!(en.contains("<li class=\"own-card\" data-lang=\"en\""));
}

#[test]
fn a_product_card_template_that_fails_fails_the_build_naming_its_file() {
    let site = fixture("valid");
    site.write(
        "themes/default/templates/cards/product.html",
        "<li>{{ card.name.text | round }}</li>\n",
    );
    fails_naming(&site, "themes/default/templates/cards/product.html");
}

#[test]
fn a_site_template_that_calls_the_product_card_component_still_shows_the_cards() {
    let site = fixture("valid");
    site.write(
        "themes/default/templates/list.html",
        "{% extends \"base.html\" %}{% block content %}<ul>\
         {% if groups %}{% for g in groups %}{% for c in g.cards %}{{ <product_card card={c} level={3} /> }}{% endfor %}{% endfor %}{% endif %}\
         </ul>{% endblock content %}",
    );
    build(&site);
    let html = site.read("output/san-pham/index.html");
    let at = html.find("<li class=\"card\"").expect("a card");
    assert!(
        html[at..].contains("<a href=\"/san-pham/na-chi-lang/\">"),
        "{html}"
    );
}
