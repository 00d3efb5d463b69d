//! One `Diagnostic` type for every error and warning of a run, and the
//! renderers that print them for people (human), for tools (JSON) and for
//! GitHub Actions annotations.
//!
//! A diagnostic is a stable [`Code`] plus named parameters; the message is
//! made from the two, so that it can be worded in another language without
//! touching the code that raised it.

mod vi;

use serde::Serialize;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// The language diagnostics and the command line speak.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Lang {
    #[default]
    Vi,
    En,
}

impl Lang {
    /// Vietnamese for Vietnamese sites, English otherwise.
    pub fn for_site(default_language: &str) -> Lang {
        if default_language == "vi" {
            Lang::Vi
        } else {
            Lang::En
        }
    }

    /// Picks the text in this language.
    pub fn pick<'a>(self, vi: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Vi => vi,
            Lang::En => en,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

macro_rules! codes {
    ($( $variant:ident = $code:literal, $sev:ident, $en:literal, $vi:literal; )*) => {
        /// Every diagnostic nongsan can give. The code string never changes
        /// once released: editors and CI scripts may match on it.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code { $( $variant, )* }

        impl Code {
            pub const ALL: &'static [Code] = &[ $( Code::$variant, )* ];

            pub fn as_str(self) -> &'static str {
                match self { $( Code::$variant => $code, )* }
            }

            pub fn severity(self) -> Severity {
                match self { $( Code::$variant => Severity::$sev, )* }
            }

            /// The English message template; `{name}` is replaced by the
            /// parameter of that name.
            pub fn template_en(self) -> &'static str {
                match self { $( Code::$variant => $en, )* }
            }

            /// The Vietnamese message template.
            pub fn template_vi(self) -> &'static str {
                match self { $( Code::$variant => $vi, )* }
            }
        }
    };
}

codes! {
    YamlSyntax = "E001", Error, "YAML syntax error: {detail}", "lỗi cú pháp YAML: {detail}";
    WrongType = "E002", Error, "wrong type: expected {expected}, found {found}", "sai kiểu dữ liệu: cần {expected}, nhưng gặp {found}";
    InvalidValue = "E003", Error, "invalid value: expected {expected}, found {found}", "giá trị không hợp lệ: cần {expected}, nhưng gặp {found}";
    UnknownVariant = "E004", Error, "unknown value `{found}`: expected one of {expected}", "giá trị `{found}` không có trong danh sách: cần một trong {expected}";
    MissingField = "E005", Error, "missing required field `{name}`", "thiếu trường bắt buộc `{name}`";
    UnknownField = "E006", Error, "unknown field `{found}`: the known fields are {expected}", "trường `{found}` không tồn tại: các trường hợp lệ là {expected}";
    DuplicateKey = "E007", Error, "the key `{found}` is given twice", "khóa `{found}` được ghi hai lần";
    InvalidUtf8 = "E008", Error, "the file is not valid UTF-8 (byte {found}): save it as UTF-8", "tệp không phải UTF-8 hợp lệ (byte {found}): hãy lưu lại dưới dạng UTF-8";
    UnclosedFrontMatter = "E009", Error, "the front matter opened by `---` on line 1 is never closed by a `---` line", "phần đầu (front matter) mở bằng `---` ở dòng 1 nhưng không có dòng `---` đóng lại";
    UnknownReference = "E010", Error, "unknown {expected} `{found}`", "không tìm thấy {expected} `{found}`";
    DuplicateSlug = "E011", Error, "the slug `{found}` is used twice in {expected}: also in {other}", "slug `{found}` được dùng hai lần trong {expected}: cả ở {other}";
    BadFileName = "E012", Error, "bad file name `{found}`: {detail}", "tên tệp `{found}` không hợp lệ: {detail}";
    OrphanTranslation = "E013", Error, "translation `{found}` has no record `{expected}` beside it", "bản dịch `{found}` không có bản ghi `{expected}` bên cạnh";
    TranslationFrontMatter = "E014", Error, "a translation file holds only a Markdown body, not front matter", "tệp bản dịch chỉ chứa nội dung Markdown, không có phần đầu (front matter)";
    UnknownLanguage = "E015", Error, "unknown language `{found}`: the site's languages are {expected}", "ngôn ngữ `{found}` không có trong trang: các ngôn ngữ là {expected}";
    BadMediaPath = "E016", Error, "media path `{found}` {detail}", "đường dẫn tệp `{found}` {detail}";
    MissingFrontMatter = "E017", Error, "a `.md` record starts with front matter between `---` lines", "bản ghi `.md` phải bắt đầu bằng phần đầu (front matter) giữa hai dòng `---`";
    UnknownTask = "E018", Error, "task `{found}` is not a task of directive `{expected}`", "nhiệm vụ `{found}` không thuộc văn bản `{expected}`";
    TasksWithoutDirective = "E019", Error, "`tasks` needs the report's `directive`", "`tasks` cần có trường `directive` của báo cáo";
    DuplicateTaskId = "E020", Error, "task id `{found}` is used twice in this directive", "mã nhiệm vụ `{found}` được dùng hai lần trong văn bản này";
    MissingDefaultLanguage = "E021", Error, "localised text lacks the default language `{expected}`", "văn bản đa ngữ thiếu ngôn ngữ mặc định `{expected}`";
    ReferenceToDraft = "E022", Error, "refers to the draft {expected} `{found}`", "tham chiếu tới {expected} `{found}` đang là bản nháp";
    ReservedSlug = "E023", Error, "the page slug `{found}` is reserved: {detail}", "slug trang `{found}` đã được dành riêng: {detail}";
    ParticipantIdentity = "E024", Error, "a participant has exactly one of `producer` or `name`", "mỗi bên tham gia có đúng một trong hai trường `producer` hoặc `name`";
    DuplicateCode = "E025", Error, "the code `{found}` is also used by {other}", "mã `{found}` đã được dùng ở {other}";
    EmptyRecord = "E026", Error, "the record is empty", "bản ghi trống";
    SiteConfig = "E027", Error, "site.yaml: {detail}", "tệp site.yaml: {detail}";
    FileTooLarge = "E028", Error, "the file is {found} bytes, above the limit of {expected} bytes", "tệp có {found} byte, vượt giới hạn {expected} byte";
    Symlink = "E029", Error, "symbolic links are not followed: {detail}", "không đi theo liên kết tượng trưng (symbolic link): {detail}";
    ReadFailed = "E030", Error, "cannot read: {detail}", "không đọc được: {detail}";
    Template = "E031", Error, "template error: {detail}", "lỗi mẫu giao diện: {detail}";
    Output = "E032", Error, "output: {detail}", "thư mục đầu ra: {detail}";
    MissingContent = "E033", Error, "no content folder: {detail}", "không có thư mục nội dung: {detail}";
    UnknownCollection = "E034", Error, "unknown collection `{found}`: expected one of {expected}", "bộ sưu tập `{found}` không tồn tại: cần một trong {expected}";
    ImageUnsupported = "E035", Error, "`{found}` is not a picture nongsan can publish: {detail}", "`{found}` không phải là ảnh có thể đăng: {detail}";
    ImageCorrupt = "E036", Error, "the picture `{found}` cannot be decoded: {detail}", "không đọc được nội dung ảnh `{found}`: {detail}";
    ImageTooLarge = "E037", Error, "the picture `{found}` is {detail}, above the limit of {expected}", "ảnh `{found}` có {detail}, vượt giới hạn {expected}";
    UnsafeSvg = "E038", Error, "the drawing `{found}` holds {detail}: SVG files may not run scripts", "hình vẽ `{found}` chứa {detail}: tệp SVG không được chạy mã lệnh";
    ImageEncode = "E039", Error, "the picture `{found}` cannot be resized and saved: {detail}", "không thu nhỏ và lưu được ảnh `{found}`: {detail}";
    MissingTranslation = "W001", Warning, "no `{expected}` translation yet", "chưa có bản dịch `{expected}`";
    FigureWithoutSource = "W002", Warning, "figure without {expected}: public figures need a year and a source", "số liệu thiếu {expected}: số liệu công bố cần có năm và nguồn";
    CertificationExpired = "W003", Warning, "certification expired on {found}", "chứng nhận đã hết hạn ngày {found}";
    OcopExpired = "W004", Warning, "the OCOP rating of {found} expired on {expected} (36 months)", "xếp hạng OCOP ngày {found} đã hết hạn ngày {expected} (36 tháng)";
    StrayFile = "W005", Warning, "stray file `{found}` ignored: {detail}", "bỏ qua tệp lạ `{found}`: {detail}";
    UpdatesOutOfOrder = "W006", Warning, "updates are not in date order: {found} comes after {expected}", "các lần cập nhật không theo thứ tự ngày: {found} đứng sau {expected}";
}

/// One error or warning, with where it is and what it is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub code: Code,
    /// The file, relative to the site folder where possible.
    pub file: Option<PathBuf>,
    pub line: Option<usize>,
    pub column: Option<usize>,
    /// The field's path in the record (`tasks[1].updates[0].date`).
    pub field: Option<String>,
    /// Named parameters of the message (`expected`, `found`, `hint`, …).
    pub params: Vec<(&'static str, String)>,
}

impl Diagnostic {
    pub fn new(code: Code) -> Self {
        Diagnostic {
            code,
            file: None,
            line: None,
            column: None,
            field: None,
            params: Vec::new(),
        }
    }

    pub fn file(mut self, file: impl Into<PathBuf>) -> Self {
        self.file = Some(file.into());
        self
    }

    pub fn at(mut self, line: usize, column: usize) -> Self {
        self.line = Some(line);
        self.column = Some(column);
        self
    }

    pub fn field(mut self, field: impl Into<String>) -> Self {
        let f: String = field.into();
        self.field = if f.is_empty() || f == "." {
            None
        } else {
            Some(f)
        };
        self
    }

    pub fn param(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.params.push((name, value.into()));
        self
    }

    pub fn expected(self, v: impl Into<String>) -> Self {
        self.param("expected", v)
    }

    pub fn found(self, v: impl Into<String>) -> Self {
        self.param("found", v)
    }

    pub fn detail(self, v: impl Into<String>) -> Self {
        self.param("detail", v)
    }

    pub fn hint(self, v: impl Into<String>) -> Self {
        self.param("hint", v)
    }

    pub fn get(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn severity(&self) -> Severity {
        self.code.severity()
    }

    pub fn is_error(&self) -> bool {
        self.severity() == Severity::Error
    }

    /// The message in English, made from the code's template and the
    /// parameters.
    pub fn message(&self) -> String {
        self.message_in(Lang::En)
    }

    /// The message in `lang`.
    pub fn message_in(&self, lang: Lang) -> String {
        match lang {
            Lang::En => fill(self.code.template_en(), &self.params),
            Lang::Vi => {
                // What the editor wrote (`found`, names, files) stays as
                // written; only the tool's own words are translated.
                let params: Vec<(&'static str, String)> = self
                    .params
                    .iter()
                    .map(|(k, v)| match *k {
                        "expected" | "detail" | "hint" => (*k, vi::phrase(v)),
                        _ => (*k, v.clone()),
                    })
                    .collect();
                fill(self.code.template_vi(), &params)
            }
        }
    }

    /// "did you mean …?" and other advice, when there is some, in English.
    pub fn hint_text(&self) -> Option<String> {
        self.hint_in(Lang::En)
    }

    pub fn hint_in(&self, lang: Lang) -> Option<String> {
        let hint = self.get("hint")?;
        Some(match self.code {
            Code::UnknownReference | Code::BadFileName | Code::UnknownVariant => match lang {
                Lang::En => format!("did you mean `{hint}`?"),
                Lang::Vi => format!("có phải ý bạn là `{hint}`?"),
            },
            _ => match lang {
                Lang::En => hint.to_string(),
                Lang::Vi => vi::phrase(hint),
            },
        })
    }

    fn location(&self) -> String {
        let mut s = match &self.file {
            Some(f) => display_path(f),
            None => String::new(),
        };
        if let Some(line) = self.line {
            let _ = write!(s, ":{line}");
            if let Some(col) = self.column {
                let _ = write!(s, ":{col}");
            }
        }
        s
    }
}

fn fill(template: &str, params: &[(&'static str, String)]) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        match after.find('}') {
            Some(end) => {
                let name = &after[..end];
                match params.iter().find(|(k, _)| *k == name) {
                    Some((_, v)) => out.push_str(v),
                    None => out.push('?'),
                }
                rest = &after[end + 1..];
            }
            None => {
                out.push_str(&rest[start..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

fn display_path(p: &Path) -> String {
    // Forward slashes on every platform: the paths are shown to editors and
    // matched by CI annotations.
    p.to_string_lossy().replace('\\', "/")
}

/// Sorts diagnostics by file, line and code so that every run prints them in
/// the same order, whatever order the parallel loader found them in.
pub fn sort(diags: &mut [Diagnostic]) {
    diags.sort_by(|a, b| {
        (&a.file, a.line, a.column, a.code, &a.field, &a.params)
            .cmp(&(&b.file, b.line, b.column, b.code, &b.field, &b.params))
    });
}

pub fn error_count(diags: &[Diagnostic]) -> usize {
    diags.iter().filter(|d| d.is_error()).count()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Human,
    Json,
    Github,
}

pub fn render(diags: &[Diagnostic], format: Format, lang: Lang) -> String {
    match format {
        Format::Human => render_human(diags, lang),
        Format::Json => render_json(diags, lang),
        Format::Github => render_github(diags, lang),
    }
}

fn render_human(diags: &[Diagnostic], lang: Lang) -> String {
    let mut out = String::new();
    for d in diags {
        let sev = match d.severity() {
            Severity::Error => lang.pick("lỗi", "error"),
            Severity::Warning => lang.pick("cảnh báo", "warning"),
        };
        let _ = writeln!(out, "{sev}[{}]: {}", d.code.as_str(), d.message_in(lang));
        let loc = d.location();
        if !loc.is_empty() {
            let _ = write!(out, "  --> {loc}");
            if let Some(field) = &d.field {
                let _ = write!(out, "  ({} `{field}`)", lang.pick("trường", "field"));
            }
            out.push('\n');
        } else if let Some(field) = &d.field {
            let _ = writeln!(out, "  {} `{field}`", lang.pick("trường", "field"));
        }
        if let Some(h) = d.hint_in(lang) {
            let _ = writeln!(out, "  {}: {h}", lang.pick("gợi ý", "hint"));
        }
    }
    let errors = error_count(diags);
    let warnings = diags.len() - errors;
    if !diags.is_empty() {
        let _ = match lang {
            Lang::Vi => writeln!(out, "{errors} lỗi, {warnings} cảnh báo"),
            Lang::En => writeln!(out, "{errors} error(s), {warnings} warning(s)"),
        };
    }
    out
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    file: Option<String>,
    line: Option<usize>,
    column: Option<usize>,
    severity: Severity,
    code: &'static str,
    message: String,
    field: Option<&'a str>,
    expected: Option<&'a str>,
    found: Option<&'a str>,
    hint: Option<String>,
}

fn render_json(diags: &[Diagnostic], lang: Lang) -> String {
    let list: Vec<JsonDiagnostic> = diags
        .iter()
        .map(|d| JsonDiagnostic {
            file: d.file.as_deref().map(display_path),
            line: d.line,
            column: d.column,
            severity: d.severity(),
            code: d.code.as_str(),
            message: d.message_in(lang),
            field: d.field.as_deref(),
            expected: d.get("expected"),
            found: d.get("found"),
            hint: d.hint_in(lang),
        })
        .collect();
    let mut s = serde_json::to_string_pretty(&list).unwrap_or_else(|_| "[]".to_string());
    s.push('\n');
    s
}

/// GitHub Actions workflow commands: each diagnostic becomes an annotation
/// on the file and line in the pull request.
fn render_github(diags: &[Diagnostic], lang: Lang) -> String {
    let mut out = String::new();
    for d in diags {
        let kind = match d.severity() {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut props = Vec::new();
        if let Some(f) = &d.file {
            props.push(format!("file={}", gh_property(&display_path(f))));
        }
        if let Some(l) = d.line {
            props.push(format!("line={l}"));
        }
        if let Some(c) = d.column {
            props.push(format!("col={c}"));
        }
        props.push(format!("title={}", d.code.as_str()));
        let mut msg = d.message_in(lang);
        if let Some(field) = &d.field {
            msg = format!("{field}: {msg}");
        }
        if let Some(h) = d.hint_in(lang) {
            msg = format!("{msg} ({h})");
        }
        let _ = writeln!(out, "::{kind} {}::{}", props.join(","), gh_data(&msg));
    }
    out
}

fn gh_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn gh_property(s: &str) -> String {
    gh_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_well_formed() {
        let mut seen = std::collections::HashSet::new();
        for c in Code::ALL {
            let s = c.as_str();
            assert!(seen.insert(s), "duplicate code {s}");
            assert_eq!(s.len(), 4);
            let prefix = if c.severity() == Severity::Error {
                'E'
            } else {
                'W'
            };
            assert!(s.starts_with(prefix), "{s} has the wrong severity letter");
        }
    }

    #[test]
    fn message_is_filled_from_parameters() {
        let d = Diagnostic::new(Code::UnknownReference)
            .expected("producer")
            .found("htx-dong-ban")
            .hint("htx-dong-banh");
        assert_eq!(d.message(), "unknown producer `htx-dong-ban`");
        assert_eq!(
            d.hint_text().as_deref(),
            Some("did you mean `htx-dong-banh`?")
        );
    }

    #[test]
    fn every_code_speaks_vietnamese_and_english() {
        for c in Code::ALL {
            assert!(!c.template_vi().is_empty() && !c.template_en().is_empty());
            assert_ne!(
                c.template_vi(),
                c.template_en(),
                "{} is not translated",
                c.as_str()
            );
        }
        let d = Diagnostic::new(Code::UnknownReference)
            .expected("producer")
            .found("htx-x")
            .hint("htx-y");
        assert_eq!(d.message_in(Lang::Vi), "không tìm thấy chủ thể `htx-x`");
        assert_eq!(
            d.hint_in(Lang::Vi).as_deref(),
            Some("có phải ý bạn là `htx-y`?")
        );
    }

    #[test]
    fn github_escapes_properties() {
        let d = Diagnostic::new(Code::EmptyRecord)
            .file("content/a,b.md")
            .at(3, 1);
        let s = render(&[d], Format::Github, Lang::En);
        assert!(s.starts_with("::error file=content/a%2Cb.md,line=3,col=1,title=E026::"));
    }

    #[test]
    fn json_has_the_required_keys() {
        let d = Diagnostic::new(Code::MissingField)
            .file("content/x.yaml")
            .at(1, 1)
            .param("name", "name");
        let v: serde_json::Value =
            serde_json::from_str(&render(&[d], Format::Json, Lang::En)).unwrap();
        let o = &v[0];
        for k in ["file", "line", "column", "severity", "code", "message"] {
            assert!(o.get(k).is_some(), "missing {k}");
        }
        assert_eq!(o["code"], "E005");
        assert_eq!(o["severity"], "error");
    }
}
