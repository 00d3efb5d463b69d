//! The shape of the open data: a table is a list of columns, each with its
//! name, type, whether it is required, its meaning in Vietnamese and
//! English, and the function that reads it from the site. The exporters
//! and the data dictionary both read these columns, so the files and their
//! description cannot drift apart.

use crate::content::collection::Collection;
use crate::content::figure::Figure;
use crate::content::localised::Localised;
use crate::render::urls::Urls;
use crate::site::Site;
use serde_json::Value;

/// What a column holds, as the dictionary names it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Kind {
    /// The record's identifier: lowercase ASCII letters, digits and `-`.
    Slug,
    Text,
    /// An identifier or number written as text (leading zeros kept).
    Code,
    Number,
    Integer,
    Boolean,
    /// `YYYY-MM-DD`, or `YYYY-MM` where only the month is known.
    Date,
    Url,
    /// One of a closed list of values.
    Enum(&'static [&'static str]),
    /// The slug of a record of another collection.
    Ref(Collection),
    /// Slugs of records of another collection.
    Refs(Collection),
    /// Several texts.
    List,
    /// A figure: written as three columns, the value, its year and its
    /// source.
    Figure,
}

impl Kind {
    /// The type's name in the dictionary (`text`, `list<reference>` …).
    pub fn token(self) -> &'static str {
        match self {
            Kind::Slug => "slug",
            Kind::Text => "text",
            Kind::Code => "code",
            Kind::Number | Kind::Figure => "number",
            Kind::Integer => "integer",
            Kind::Boolean => "boolean",
            Kind::Date => "date",
            Kind::Url => "url",
            Kind::Enum(_) => "enum",
            Kind::Ref(_) => "reference",
            Kind::Refs(_) => "references",
            Kind::List => "list",
        }
    }

    /// What the dictionary adds about the values: the allowed ones, or the
    /// collection a reference points into.
    pub fn values(self) -> String {
        match self {
            Kind::Enum(v) => v.join(" | "),
            Kind::Ref(c) | Kind::Refs(c) => c.dir().to_string(),
            _ => String::new(),
        }
    }
}

/// One value read from a record.
#[derive(Debug, Clone)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    Bool(bool),
    List(Vec<String>),
    Figure(Option<Figure>),
}

pub type Get = fn(&Ctx, usize) -> Cell;
/// Reads the value in one language, with no fallback: a missing
/// translation stays empty in the data.
pub type GetIn = fn(&Ctx, usize, &str) -> Cell;

#[derive(Clone, Copy)]
pub enum Getter {
    One(Get),
    PerLanguage(GetIn),
}

#[derive(Clone)]
pub struct Column {
    pub name: &'static str,
    pub kind: Kind,
    pub required: bool,
    pub vi: &'static str,
    pub en: &'static str,
    pub get: Getter,
}

pub fn col(
    name: &'static str,
    kind: Kind,
    required: bool,
    vi: &'static str,
    en: &'static str,
    get: Get,
) -> Column {
    Column {
        name,
        kind,
        required,
        vi,
        en,
        get: Getter::One(get),
    }
}

/// A column written once per language: `name_vi`, `name_en`.
pub fn col_lang(
    name: &'static str,
    kind: Kind,
    required: bool,
    vi: &'static str,
    en: &'static str,
    get: GetIn,
) -> Column {
    Column {
        name,
        kind,
        required,
        vi,
        en,
        get: Getter::PerLanguage(get),
    }
}

/// One collection (or the tasks inside directives) as a table.
pub struct Table {
    /// The file name: `data/<key>.json`, `data/<key>.csv`.
    pub key: &'static str,
    pub title_vi: &'static str,
    pub title_en: &'static str,
    pub about_vi: &'static str,
    pub about_en: &'static str,
    pub len: fn(&Site) -> usize,
    pub columns: Vec<Column>,
}

/// A column as it appears in the files, after per-language and figure
/// columns are spread out.
#[derive(Debug, Clone)]
pub struct Field {
    pub name: String,
    pub kind: Kind,
    pub required: bool,
    pub vi: String,
    pub en: String,
}

/// What the getters read from.
pub struct Ctx<'a> {
    pub site: &'a Site,
    pub urls: &'a Urls,
}

impl Ctx<'_> {
    pub fn default_language(&self) -> &str {
        self.site.default_language()
    }

    /// Text in `lang` only when it is given in `lang`.
    pub fn loc(&self, l: &Localised, lang: &str) -> Cell {
        let default = self.default_language();
        if l.has(lang, default) {
            Cell::Text(l.get(lang, default).text.to_string())
        } else {
            Cell::Empty
        }
    }

    pub fn loc_opt(&self, l: Option<&Localised>, lang: &str) -> Cell {
        l.map_or(Cell::Empty, |l| self.loc(l, lang))
    }

    /// Text in the default language, for values inside lists.
    pub fn plain(&self, l: &Localised) -> String {
        l.default_text(self.default_language()).to_string()
    }

    /// The absolute URL of a record's page in `lang`.
    pub fn page(&self, c: Collection, slug: &str, lang: &str) -> Cell {
        Cell::Text(
            self.urls
                .absolute(&Urls::record(&self.site.config, lang, c, slug)),
        )
    }

    /// A record's Markdown body as written in `lang`.
    pub fn body<T>(&self, r: &crate::content::Record<T>, lang: &str) -> Cell {
        let b = if lang == self.default_language() {
            r.body.as_ref()
        } else {
            r.translations.get(lang)
        };
        b.map_or(Cell::Empty, |b| Cell::Text(b.text.trim().to_string()))
    }

    /// The absolute URL of a file under `content/` (media).
    pub fn media(&self, src: &str) -> String {
        self.urls.absolute(src)
    }
}

pub fn text(s: &str) -> Cell {
    Cell::Text(s.to_string())
}

pub fn opt_text<S: AsRef<str>>(s: Option<S>) -> Cell {
    s.map_or(Cell::Empty, |s| Cell::Text(s.as_ref().to_string()))
}

pub fn opt_num(v: Option<f64>) -> Cell {
    v.map_or(Cell::Empty, Cell::Number)
}

pub fn opt_date(d: Option<&crate::content::date::Date>) -> Cell {
    d.map_or(Cell::Empty, |d| Cell::Text(d.to_string()))
}

pub fn list<I: IntoIterator<Item = S>, S: ToString>(items: I) -> Cell {
    Cell::List(items.into_iter().map(|s| s.to_string()).collect())
}

/// The slugs of the records at `idx` of collection `c`.
pub fn slugs_at(site: &Site, c: Collection, idx: &[usize]) -> Cell {
    let mut v: Vec<String> = idx
        .iter()
        .filter_map(|i| site.content.slug_at(c, *i).map(str::to_string))
        .collect();
    v.sort();
    Cell::List(v)
}

/// The serde name of an enum value (`geographical_indication`).
pub fn key<T: serde::Serialize>(v: &T) -> Cell {
    Cell::Text(crate::render::views::enum_key(v))
}

/// A number as JSON: whole numbers without a decimal point.
pub fn number_value(v: f64) -> Value {
    if v.fract() == 0.0 && v.abs() < 9.0e15 {
        Value::from(v as i64)
    } else {
        serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number)
    }
}

impl Table {
    /// The columns as written in the files, in order.
    pub fn fields(&self, languages: &[String]) -> Vec<Field> {
        let mut out = Vec::new();
        for c in &self.columns {
            match (c.get, c.kind) {
                (Getter::PerLanguage(_), _) => {
                    for (n, l) in languages.iter().enumerate() {
                        out.push(Field {
                            name: format!("{}_{l}", c.name),
                            kind: c.kind,
                            // Text is required in the default language only;
                            // every page has an address in every language.
                            required: c.required && (n == 0 || c.kind == Kind::Url),
                            vi: format!("{} ({})", c.vi, language_name(l, "vi")),
                            en: format!("{} ({})", c.en, language_name(l, "en")),
                        });
                    }
                }
                (Getter::One(_), Kind::Figure) => {
                    out.push(Field {
                        name: c.name.to_string(),
                        kind: Kind::Number,
                        required: c.required,
                        vi: c.vi.to_string(),
                        en: c.en.to_string(),
                    });
                    out.push(Field {
                        name: format!("{}_year", c.name),
                        kind: Kind::Integer,
                        required: false,
                        vi: format!("{}: năm của số liệu", c.vi),
                        en: format!("{}: year of the figure", c.en),
                    });
                    out.push(Field {
                        name: format!("{}_source", c.name),
                        kind: Kind::Text,
                        required: false,
                        vi: format!("{}: nguồn số liệu", c.vi),
                        en: format!("{}: source of the figure", c.en),
                    });
                }
                (Getter::One(_), _) => out.push(Field {
                    name: c.name.to_string(),
                    kind: c.kind,
                    required: c.required,
                    vi: c.vi.to_string(),
                    en: c.en.to_string(),
                }),
            }
        }
        out
    }

    /// One record's values, aligned with [`Table::fields`].
    pub fn row(&self, ctx: &Ctx, i: usize) -> Vec<Value> {
        let languages = &ctx.site.config.languages;
        let mut out = Vec::new();
        for c in &self.columns {
            match c.get {
                Getter::PerLanguage(get) => {
                    for l in languages {
                        out.push(to_value(get(ctx, i, l)));
                    }
                }
                Getter::One(get) => match get(ctx, i) {
                    Cell::Figure(f) => {
                        let f = f.as_ref();
                        out.push(f.map_or(Value::Null, |f| number_value(f.value)));
                        out.push(f.and_then(|f| f.year).map_or(Value::Null, Value::from));
                        out.push(
                            f.and_then(|f| f.source.as_ref())
                                .map_or(Value::Null, |s| Value::String(ctx.plain(s))),
                        );
                    }
                    cell => out.push(to_value(cell)),
                },
            }
        }
        out
    }
}

fn to_value(c: Cell) -> Value {
    match c {
        Cell::Empty => Value::Null,
        Cell::Text(s) if s.is_empty() => Value::Null,
        Cell::Text(s) => Value::String(s),
        Cell::Number(n) => number_value(n),
        Cell::Bool(b) => Value::Bool(b),
        Cell::List(v) => Value::Array(v.into_iter().map(Value::String).collect()),
        Cell::Figure(f) => f.map_or(Value::Null, |f| number_value(f.value)),
    }
}

/// A language's name, written in `in_lang`, for the dictionary.
fn language_name(code: &str, in_lang: &str) -> String {
    match (code, in_lang) {
        ("vi", "vi") => "tiếng Việt".into(),
        ("en", "vi") => "tiếng Anh".into(),
        ("vi", _) => "Vietnamese".into(),
        ("en", _) => "English".into(),
        (other, _) => other.to_string(),
    }
}
