//! Where every page lives, in every language.

use crate::config::Config;
use crate::content::collection::Collection;

/// The section key of a collection's pages (None: pages live at the root).
pub fn section_of(c: Collection) -> Option<&'static str> {
    match c {
        Collection::Products => Some("products"),
        Collection::Brands => Some("brands"),
        Collection::Producers => Some("producers"),
        Collection::Communes => Some("communes"),
        Collection::Agencies => Some("agencies"),
        Collection::Chains => Some("chains"),
        Collection::Directives => Some("directives"),
        Collection::Indicators => Some("indicators"),
        Collection::Reports => Some("reports"),
        Collection::Pages => None,
    }
}

#[derive(Debug, Clone)]
pub struct Urls {
    /// The path part of `base_url`, always starting and ending with `/`.
    pub base_path: String,
    /// `base_url`, ending with `/`.
    pub base_url: String,
}

impl Urls {
    pub fn new(config: &Config) -> Urls {
        let base_url = config.base_url.clone();
        let after_scheme = base_url
            .split_once("://")
            .map_or(base_url.as_str(), |(_, r)| r);
        let path = after_scheme.find('/').map_or("/", |i| &after_scheme[i..]);
        let mut base_path = path.to_string();
        if !base_path.ends_with('/') {
            base_path.push('/');
        }
        Urls {
            base_path,
            base_url,
        }
    }

    /// The site-relative path of a section in a language
    /// (`en/products/`).
    pub fn section(config: &Config, lang: &str, key: &str) -> String {
        folders(config, lang, &[config.section(lang, key)])
    }

    /// The site-relative path of a record's page (`san-pham/na-chi-lang/`).
    pub fn record(config: &Config, lang: &str, c: Collection, slug: &str) -> String {
        match section_of(c) {
            Some(key) => folders(config, lang, &[config.section(lang, key), slug]),
            None => folders(config, lang, &[slug]),
        }
    }

    /// A root-relative URL for a site-relative path; works at a domain root
    /// and under a sub-path.
    pub fn href(&self, rel: &str) -> String {
        [self.base_path.as_str(), rel].concat()
    }

    pub fn absolute(&self, rel: &str) -> String {
        [self.base_url.as_str(), rel].concat()
    }
}

/// The language's prefix, then each name followed by `/`, in one
/// allocation (every link on every page is made here).
fn folders(config: &Config, lang: &str, names: &[&str]) -> String {
    let prefixed = lang != config.default_language();
    let len = names.iter().map(|n| n.len() + 1).sum::<usize>()
        + if prefixed { lang.len() + 1 } else { 0 };
    let mut path = String::with_capacity(len);
    if prefixed {
        path.push_str(lang);
        path.push('/');
    }
    for n in names {
        path.push_str(n);
        path.push('/');
    }
    path
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_path_from_base_url() {
        let mut c = crate::config::parse(
            "title: A\nbase_url: https://example.org/nongsan/\n",
            std::path::Path::new("s"),
        )
        .unwrap();
        let u = Urls::new(&c);
        assert_eq!(u.base_path, "/nongsan/");
        assert_eq!(
            u.href(&Urls::record(&c, "en", Collection::Products, "na")),
            "/nongsan/en/products/na/"
        );
        assert_eq!(
            Urls::record(&c, "vi", Collection::Pages, "gioi-thieu"),
            "gioi-thieu/"
        );
        assert_eq!(Urls::section(&c, "en", "products"), "en/products/");
        assert_eq!(Urls::section(&c, "vi", "products"), "san-pham/");
        assert_eq!(
            u.absolute(&Urls::record(&c, "vi", Collection::Products, "na")),
            "https://example.org/nongsan/san-pham/na/"
        );
        c.base_url = "https://example.org/".into();
        assert_eq!(Urls::new(&c).base_path, "/");
    }
}
