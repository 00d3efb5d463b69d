//! Images records show, made fit for a slow phone: every raster picture
//! under `content/` is decoded once, turned upright, resized to a few
//! widths and re-encoded (WebP, with JPEG or PNG as the fallback) without
//! any of its metadata; SVG drawings are checked for scripts and published
//! as written. The work is cached by content hash under
//! `<site>/.nongsan-cache/images/`, so a rebuild with unchanged pictures
//! encodes nothing.
//!
//! `check` only reads headers (format, size, SVG safety); `process` does
//! the work for `build` and `serve`.

mod cache;
mod probe;
mod process;
mod svg;

use crate::content::Content;
use crate::content::collection::Collection;
use crate::diagnostics::{Code, Diagnostic};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub use cache::CACHE_DIR;

/// Widths pictures are published at, never wider than the source. 720
/// fits a full-width photo on a 375 px phone at twice its pixel density;
/// 480 a half-width one.
pub const WIDTHS: &[u32] = &[320, 480, 720, 1024, 1600];

/// A picture above this many pixels is refused: a small file claiming
/// huge dimensions (a "decompression bomb") would exhaust memory.
pub const MAX_PIXELS: u64 = 40_000_000;

/// The largest image file read, in bytes.
pub const MAX_FILE_BYTES: u64 = 50 * 1024 * 1024;

/// What can go wrong with one image; each becomes a [`Diagnostic`] on
/// every field that names it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImageError {
    #[error("cannot read: {0}")]
    Read(String),
    #[error("not a supported image: {0}")]
    Unsupported(String),
    #[error("cannot be decoded: {0}")]
    Corrupt(String),
    #[error("{found}, above the limit of {limit}")]
    TooLarge { found: String, limit: String },
    #[error("unsafe SVG: {0}")]
    UnsafeSvg(String),
    #[error("cannot be encoded: {0}")]
    Encode(String),
}

impl ImageError {
    fn diagnostic(&self, src: &str) -> Diagnostic {
        match self {
            ImageError::Read(e) => Diagnostic::new(Code::ReadFailed).detail(format!("{src}: {e}")),
            ImageError::Unsupported(d) => Diagnostic::new(Code::ImageUnsupported)
                .found(src)
                .detail(d.clone()),
            ImageError::Corrupt(d) => Diagnostic::new(Code::ImageCorrupt)
                .found(src)
                .detail(d.clone()),
            ImageError::TooLarge { found, limit } => Diagnostic::new(Code::ImageTooLarge)
                .found(src)
                .detail(found.clone())
                .expected(limit.clone()),
            ImageError::UnsafeSvg(d) => Diagnostic::new(Code::UnsafeSvg)
                .found(src)
                .detail(d.clone()),
            ImageError::Encode(d) => Diagnostic::new(Code::ImageEncode)
                .found(src)
                .detail(d.clone()),
        }
    }
}

/// The formats of a published rendition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Webp,
    Jpeg,
    Png,
}

impl Format {
    pub fn ext(self) -> &'static str {
        match self {
            Format::Webp => "webp",
            Format::Jpeg => "jpg",
            Format::Png => "png",
        }
    }

    pub fn mime(self) -> &'static str {
        match self {
            Format::Webp => "image/webp",
            Format::Jpeg => "image/jpeg",
            Format::Png => "image/png",
        }
    }
}

/// One published size of a picture.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendition {
    pub width: u32,
    pub height: u32,
    /// Relative to the output folder (`media/hoa-hoi-720.1a2b3c4d.webp`).
    pub path: String,
}

/// A picture as pages show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picture {
    /// The upright size of the source.
    pub width: u32,
    pub height: u32,
    /// JPEG or PNG renditions, narrowest first (for an SVG: the file).
    pub fallback: Vec<Rendition>,
    /// The fallback's format (`None` for an SVG).
    pub fallback_format: Option<Format>,
    /// WebP renditions, narrowest first; empty where WebP does not help.
    pub webp: Vec<Rendition>,
}

impl Picture {
    pub fn is_svg(&self) -> bool {
        self.fallback_format.is_none()
    }

    /// The rendition for `src`: the narrowest at least 720 px wide (what a
    /// phone needs), else the widest.
    pub fn src(&self) -> Option<&Rendition> {
        self.fallback
            .iter()
            .find(|r| r.width >= 720)
            .or(self.fallback.last())
    }
}

/// Every picture of a build, by its path under `content/`.
#[derive(Debug, Default)]
pub struct Images {
    pictures: BTreeMap<String, Picture>,
}

impl Images {
    pub const fn new() -> Images {
        Images {
            pictures: BTreeMap::new(),
        }
    }

    pub fn get(&self, src: &str) -> Option<&Picture> {
        self.pictures.get(src)
    }

    pub fn len(&self) -> usize {
        self.pictures.len()
    }

    pub fn is_empty(&self) -> bool {
        self.pictures.is_empty()
    }
}

/// What [`process`] made.
#[derive(Debug, Default)]
pub struct Processed {
    pub images: Images,
    /// Files to publish, relative to the output folder: every rendition,
    /// each raster source's own path (its widest rendition, so that links
    /// to it keep working, without its metadata) and each SVG as written.
    pub files: Vec<(String, Vec<u8>)>,
    pub counts: Counts,
    pub diagnostics: Vec<Diagnostic>,
}

/// How many raster pictures were encoded, and how many came from the cache.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    pub processed: usize,
    pub cached: usize,
}

/// The kinds of image file, by extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Raster,
    Svg,
}

fn kind_of(path: &str) -> Option<Kind> {
    let ext = path.rsplit_once('.')?.1.to_ascii_lowercase();
    match ext.as_str() {
        "jpg" | "jpeg" | "png" | "webp" => Some(Kind::Raster),
        "svg" => Some(Kind::Svg),
        _ => None,
    }
}

/// Whether nongsan publishes this file under `content/` through the image
/// pipeline rather than copying it.
pub fn is_image(path: &str) -> bool {
    kind_of(path).is_some()
}

/// Which record fields name which file: `src` → (record file, field).
type Uses = BTreeMap<String, Vec<(PathBuf, String)>>;

fn uses(content: &Content) -> Uses {
    let mut m: Uses = BTreeMap::new();
    for r in &content.products {
        for (i, im) in r.data.images.iter().enumerate() {
            m.entry(im.src.clone())
                .or_default()
                .push((r.file.clone(), format!("images[{i}].src")));
        }
    }
    for r in &content.brands {
        if let Some(l) = &r.data.logo {
            m.entry(l.src.clone())
                .or_default()
                .push((r.file.clone(), "logo.src".into()));
        }
    }
    m
}

/// The records that show the file `src` (for `serve`: a changed picture
/// re-renders their pages).
pub fn shown_by(content: &Content, src: &str) -> Vec<(Collection, String)> {
    let mut out = Vec::new();
    for r in &content.products {
        if r.data.images.iter().any(|im| im.src == src) {
            out.push((Collection::Products, r.slug.clone()));
        }
    }
    for r in &content.brands {
        if r.data.logo.as_ref().is_some_and(|l| l.src == src) {
            out.push((Collection::Brands, r.slug.clone()));
        }
    }
    out
}

/// Turns an error about `src` into diagnostics on every field that names
/// it, or on the file itself when no record does.
fn diagnose(e: &ImageError, src: &str, uses: &Uses) -> Vec<Diagnostic> {
    match uses.get(src) {
        Some(list) if !list.is_empty() => list
            .iter()
            .map(|(file, field)| e.diagnostic(src).file(file).field(field.clone()))
            .collect(),
        _ => vec![e.diagnostic(src).file(Path::new("content").join(src))],
    }
}

fn read(path: &Path) -> Result<Vec<u8>, ImageError> {
    let len = std::fs::metadata(path)
        .map_err(|e| ImageError::Read(e.to_string()))?
        .len();
    if len > MAX_FILE_BYTES {
        return Err(ImageError::TooLarge {
            found: format!("{len} bytes"),
            limit: format!("{MAX_FILE_BYTES} bytes"),
        });
    }
    std::fs::read(path).map_err(|e| ImageError::Read(e.to_string()))
}

/// Checks every image under `content/` and every image field: that
/// fields name a picture, the format, the dimensions against the limits,
/// SVG safety. With `decode`, pictures the cache does not hold are decoded
/// too (`nongsan check`; a build decodes them anyway).
pub fn check(root: &Path, content: &Content, decode: bool) -> Vec<Diagnostic> {
    let uses = uses(content);
    let mut diags = field_problems(content, &uses);
    let content_dir = root.join("content");
    let cache = cache::Cache::new(root);
    let found: Vec<Diagnostic> = content
        .media
        .par_iter()
        .filter_map(|m| kind_of(m).map(|k| (m, k)))
        .flat_map_iter(|(m, k)| {
            let r = read(&content_dir.join(m)).and_then(|bytes| match k {
                Kind::Svg => svg::inspect(&bytes).map(|_| ()),
                Kind::Raster if decode && !cache.has(&cache::key(&bytes)) => process::check(&bytes),
                Kind::Raster => probe::probe(&bytes).map(|_| ()),
            });
            match r {
                Ok(()) => Vec::new(),
                Err(e) => diagnose(&e, m, &uses),
            }
        })
        .collect();
    diags.extend(found);
    diags
}

/// The checks of [`check`] that read no file: image fields naming a file
/// that is not a picture. Enough after a change to records alone, when
/// every picture was found sound before.
pub fn check_fields(content: &Content) -> Vec<Diagnostic> {
    field_problems(content, &uses(content))
}

fn field_problems(content: &Content, uses: &Uses) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    for (src, list) in uses {
        if kind_of(src).is_none() && content.media.contains(src) {
            let e = ImageError::Unsupported("use a JPEG, PNG, WebP or SVG file".into());
            for (file, field) in list {
                diags.push(e.diagnostic(src).file(file).field(field.clone()));
            }
        }
    }
    diags
}

/// Publishes every image under `content/`: SVGs as written, raster
/// pictures through the cache. `bar` is given the number of pictures that
/// need encoding and may return a progress bar.
pub fn process(
    root: &Path,
    content: &Content,
    bar: &dyn Fn(usize) -> Option<indicatif::ProgressBar>,
) -> Processed {
    let uses = uses(content);
    let content_dir = root.join("content");
    let cache = cache::Cache::new(root);
    let sources: Vec<(&String, Kind)> = content
        .media
        .iter()
        .filter_map(|m| kind_of(m).map(|k| (m, k)))
        .collect();

    // First the cheap part: read, hash, look in the cache.
    enum Step {
        Svg(Picture, Vec<u8>),
        Encoded {
            key: String,
            enc: process::Encoded,
            fresh: bool,
        },
        Todo(String, Vec<u8>),
        Failed(ImageError),
    }
    let steps: Vec<Step> = sources
        .par_iter()
        .map(|(m, k)| {
            let bytes = match read(&content_dir.join(m)) {
                Ok(b) => b,
                Err(e) => return Step::Failed(e),
            };
            match k {
                Kind::Svg => match svg::inspect(&bytes) {
                    Ok((w, h)) => Step::Svg(
                        Picture {
                            width: w,
                            height: h,
                            fallback: vec![Rendition {
                                width: w,
                                height: h,
                                path: (*m).clone(),
                            }],
                            fallback_format: None,
                            webp: Vec::new(),
                        },
                        bytes,
                    ),
                    Err(e) => Step::Failed(e),
                },
                Kind::Raster => {
                    let key = cache::key(&bytes);
                    match cache.load(&key) {
                        Some(enc) => Step::Encoded {
                            key,
                            enc,
                            fresh: false,
                        },
                        None => Step::Todo(key, bytes),
                    }
                }
            }
        })
        .collect();

    // Then the costly part, in parallel, with a bar when it is long.
    let todo = steps.iter().filter(|s| matches!(s, Step::Todo(..))).count();
    let progress = if todo > 0 { bar(todo) } else { None };
    let steps: Vec<Step> = steps
        .into_par_iter()
        .map(|s| match s {
            Step::Todo(key, bytes) => {
                let r = process::encode(&bytes);
                if let Some(b) = &progress {
                    b.inc(1);
                }
                match r {
                    Ok(enc) => {
                        cache.store(&key, &enc);
                        Step::Encoded {
                            key,
                            enc,
                            fresh: true,
                        }
                    }
                    Err(e) => Step::Failed(e),
                }
            }
            other => other,
        })
        .collect();
    if let Some(b) = progress {
        b.finish_and_clear();
    }

    let mut out = Processed::default();
    for ((src, _), step) in sources.iter().zip(steps) {
        match step {
            Step::Svg(p, bytes) => {
                out.files.push(((*src).clone(), bytes));
                out.images.pictures.insert((*src).clone(), p);
            }
            Step::Encoded { key, enc, fresh } => {
                if fresh {
                    out.counts.processed += 1;
                } else {
                    out.counts.cached += 1;
                }
                let (picture, files) = publish(src, &key, enc);
                out.files.extend(files);
                out.images.pictures.insert((*src).clone(), picture);
            }
            Step::Todo(..) => {}
            Step::Failed(e) => out.diagnostics.extend(diagnose(&e, src, &uses)),
        }
    }
    out
}

/// Names the renditions of `src` (`media/na-720.<hash8>.webp`: the hash
/// changes with the picture or the settings, so a host may cache them
/// forever) and picks the file published at `src` itself.
fn publish(src: &str, key: &str, enc: process::Encoded) -> (Picture, Vec<(String, Vec<u8>)>) {
    let (dir, name) = match src.rsplit_once('/') {
        Some((d, n)) => (format!("{d}/"), n),
        None => (String::new(), src),
    };
    let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
    let hash8 = key.get(..8).unwrap_or(key);
    let src_ext = src
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    let mut picture = Picture {
        width: enc.width,
        height: enc.height,
        fallback: Vec::new(),
        fallback_format: None,
        webp: Vec::new(),
    };
    let mut files = Vec::new();
    // The widest rendition in the source's own format, for its own path.
    let mut own: Option<(u32, &[u8])> = None;
    for v in &enc.variants {
        let path = format!("{dir}{stem}-{}.{hash8}.{}", v.width, v.format.ext());
        let r = Rendition {
            width: v.width,
            height: v.height,
            path: path.clone(),
        };
        let same = match v.format {
            Format::Jpeg => src_ext == "jpg" || src_ext == "jpeg",
            Format::Png => src_ext == "png",
            Format::Webp => src_ext == "webp",
        };
        if same && own.is_none_or(|(w, _)| v.width > w) {
            own = Some((v.width, &v.bytes));
        }
        match v.format {
            Format::Webp => picture.webp.push(r),
            f => {
                picture.fallback_format = Some(f);
                picture.fallback.push(r);
            }
        }
        files.push((path, v.bytes.clone()));
    }
    let own = own.map(|(_, b)| b.to_vec()).or_else(|| {
        enc.variants
            .iter()
            .rev()
            .find(|v| v.format != Format::Webp)
            .map(|v| v.bytes.clone())
    });
    if let Some(bytes) = own {
        files.push((src.to_string(), bytes));
    }
    picture.fallback.sort_by_key(|r| r.width);
    picture.webp.sort_by_key(|r| r.width);
    (picture, files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn image_kinds_by_extension() {
        assert!(is_image("media/a.JPG"));
        assert!(is_image("media/a.webp"));
        assert!(is_image("media/a.svg"));
        assert!(!is_image("media/a.pdf"));
        assert!(!is_image("media/noext"));
    }

    #[test]
    fn renditions_are_named_by_width_and_hash() {
        let enc = process::Encoded {
            width: 800,
            height: 600,
            variants: vec![
                process::Variant {
                    width: 320,
                    height: 240,
                    format: Format::Jpeg,
                    bytes: vec![1],
                },
                process::Variant {
                    width: 800,
                    height: 600,
                    format: Format::Jpeg,
                    bytes: vec![2],
                },
                process::Variant {
                    width: 800,
                    height: 600,
                    format: Format::Webp,
                    bytes: vec![3],
                },
            ],
        };
        let (p, files) = publish("media/na.jpeg", "0123456789abcdef", enc);
        assert_eq!(p.fallback[0].path, "media/na-320.01234567.jpg");
        assert_eq!(p.webp[0].path, "media/na-800.01234567.webp");
        assert_eq!(p.src().map(|r| r.width), Some(800));
        // The source's own path holds its widest JPEG.
        assert!(files.contains(&("media/na.jpeg".to_string(), vec![2])));
    }
}
