//! The `nongsan` command line.

use clap::{Args, Parser, Subcommand};
use nongsan::build::{self, Options};
use nongsan::content::date::Date;
use nongsan::diagnostics::{self, Format, Lang};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

// Building a site allocates and frees millions of small strings and values
// across threads; mimalloc does that markedly faster than the system
// allocator (see docs/benchmarks.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `mi_option_purge_delay` (the same in its versions 2 and 3;
/// the binding crate leaves it unnamed).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Freed memory goes back to the system after 10 ms instead of mimalloc 3's
/// default of a second: a build allocates and frees in waves (records,
/// pages, the search index), and holding each wave's memory for a second
/// raised the peak by a tenth, at no measurable gain in time.
#[allow(unsafe_code)]
fn tune_allocator() {
    // SAFETY: called first thing in `main`, before any other thread exists
    // (mimalloc's options are not synchronised); the option takes any
    // number of milliseconds.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 10) }
}

/// Seeds for the hash maps of template values. ahash's own source adds to
/// one counter shared by every thread for each map made, and rendering
/// makes several maps per component and loop on both cores. The content
/// is the site's own, so a fixed seed costs no safety; it also makes any
/// order that depends on hashing the same from build to build.
struct FixedSeed;

impl ahash::random_state::RandomSource for FixedSeed {
    fn gen_hasher_seed(&self) -> usize {
        0x243F_6A88
    }
}

/// Builds the Lạng Sơn farm and forest products portal (or any site in the
/// same format) from YAML and Markdown records.
#[derive(Parser)]
#[command(name = "nongsan", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check every record, then build the whole site into the output folder.
    Build(BuildArgs),
    /// Check every record and reference without writing anything.
    Check(CheckArgs),
    /// Build, serve on 127.0.0.1 and rebuild on every change, with live reload.
    Serve(ServeArgs),
    /// Write a record skeleton with every field commented.
    New(NewArgs),
    /// Write the JSON Schema of every collection and of site.yaml.
    Schema(SchemaArgs),
}

#[derive(Args)]
struct Site {
    /// The site folder: the one holding content/ (and optionally themes/).
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// The language of messages (default: the site's default language).
    #[arg(long, value_enum)]
    lang: Option<Lang>,
}

#[derive(Args)]
struct Common {
    #[command(flatten)]
    site: Site,
    /// The date progress is reported as of (YYYY-MM-DD); overrides site.yaml.
    #[arg(long, value_parser = parse_date)]
    as_of: Option<Date>,
    /// Include records marked `draft: true`.
    #[arg(long)]
    drafts: bool,
    /// How to print diagnostics.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Refuse content files larger than this many megabytes.
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..=1024))]
    max_file_mb: u64,
}

#[derive(Args)]
struct BuildArgs {
    #[command(flatten)]
    common: Common,
    /// Where to write the site (default: ROOT/output).
    #[arg(long)]
    output: Option<PathBuf>,
    /// The site's public address, overriding site.yaml (e.g. https://example.org/nongsan/).
    #[arg(long)]
    base_url: Option<String>,
}

#[derive(Args)]
struct CheckArgs {
    #[command(flatten)]
    common: Common,
}

#[derive(Args)]
struct ServeArgs {
    #[command(flatten)]
    common: Common,
    /// The port to listen on, on 127.0.0.1 only.
    #[arg(long, default_value_t = 1111)]
    port: u16,
}

#[derive(Args)]
struct NewArgs {
    #[command(flatten)]
    site: Site,
    /// The collection: products, brands, producers, communes, agencies,
    /// chains, directives, indicators, reports or pages.
    collection: String,
    /// The new record's slug (lowercase ASCII letters, digits and `-`).
    slug: String,
}

#[derive(Args)]
struct SchemaArgs {
    #[command(flatten)]
    site: Site,
    /// The folder to write the schemas to (default: ROOT/schemas).
    #[arg(long)]
    out: Option<PathBuf>,
}

fn parse_date(s: &str) -> Result<Date, String> {
    Date::parse(s).ok_or_else(|| format!("`{s}` is not a date: give YYYY-MM-DD"))
}

fn options(c: &Common) -> Options {
    Options {
        root: c.site.root.clone(),
        as_of: c.as_of,
        drafts: c.drafts,
        max_file_bytes: Some(c.max_file_mb * 1024 * 1024),
        ..Options::default()
    }
}

/// `--lang`, else the site's default language, else Vietnamese.
fn lang(site: &Site) -> Lang {
    site.lang.unwrap_or_else(|| {
        build::site_language(&site.root).map_or(Lang::Vi, |l| Lang::for_site(&l))
    })
}

fn print(diags: &[diagnostics::Diagnostic], format: Format, lang: Lang) {
    if diags.is_empty() {
        if format == Format::Json {
            println!("[]");
        }
        return;
    }
    let text = diagnostics::render(diags, format, lang);
    match format {
        Format::Human => eprint!("{text}"),
        _ => print!("{text}"),
    }
}

fn main() -> ExitCode {
    tune_allocator();
    // Fails only when a map was made before, which `main` has not done.
    let _ = ahash::random_state::set_random_source(FixedSeed);
    let cli = Cli::parse();
    let started = Instant::now();
    match cli.command {
        Command::Check(a) => {
            let lang = lang(&a.common.site);
            let checked = build::check(&options(&a.common));
            print(&checked.diagnostics, a.common.format, lang);
            if checked.has_errors() {
                return ExitCode::from(1);
            }
            if a.common.format == Format::Human {
                let ms = started.elapsed().as_millis();
                match lang {
                    Lang::Vi => eprintln!("ổn: không có lỗi ({ms} ms)"),
                    Lang::En => eprintln!("ok: no errors ({ms} ms)"),
                }
            }
            ExitCode::SUCCESS
        }
        Command::Build(a) => {
            let lang = lang(&a.common.site);
            let mut opts = options(&a.common);
            opts.output = a.output;
            opts.base_url = a.base_url;
            let built = build::build(&opts);
            print(&built.diagnostics, a.common.format, lang);
            if built.has_errors() {
                if a.common.format == Format::Human {
                    eprintln!(
                        "{}",
                        lang.pick(
                            "dựng trang thất bại: thư mục đầu ra cũ (nếu có) vẫn nguyên vẹn",
                            "build failed: the previous output, if any, is untouched"
                        )
                    );
                }
                return ExitCode::from(1);
            }
            if a.common.format == Format::Human {
                let (n, out, ms) = (
                    built.pages,
                    built.output.display(),
                    started.elapsed().as_millis(),
                );
                let (made, cached) = (built.images.processed, built.images.cached);
                match lang {
                    Lang::Vi => eprintln!(
                        "đã dựng {n} trang vào {out} trong {ms} ms (ảnh: {made} xử lý mới, {cached} lấy từ bộ đệm)"
                    ),
                    Lang::En => eprintln!(
                        "built {n} pages into {out} in {ms} ms (images: {made} processed, {cached} from cache)"
                    ),
                }
            }
            ExitCode::SUCCESS
        }
        Command::Serve(a) => {
            let lang = lang(&a.common.site);
            match nongsan::serve::serve(&options(&a.common), a.port, lang) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("{}: {e}", lang.pick("lỗi", "error"));
                    ExitCode::from(1)
                }
            }
        }
        Command::New(a) => {
            let lang = lang(&a.site);
            match nongsan::scaffold::write_new(&a.site.root, &a.collection, &a.slug, lang) {
                Ok(path) => {
                    match lang {
                        Lang::Vi => eprintln!("đã tạo {}", path.display()),
                        Lang::En => eprintln!("wrote {}", path.display()),
                    }
                    ExitCode::SUCCESS
                }
                Err(d) => {
                    print(&[d], Format::Human, lang);
                    ExitCode::from(1)
                }
            }
        }
        Command::Schema(a) => {
            let lang = lang(&a.site);
            let out = a.out.unwrap_or_else(|| a.site.root.join("schemas"));
            match nongsan::schema::write_all(&out) {
                Ok(files) => {
                    match lang {
                        Lang::Vi => {
                            eprintln!("đã ghi {} lược đồ vào {}", files.len(), out.display())
                        }
                        Lang::En => {
                            eprintln!("wrote {} schemas into {}", files.len(), out.display())
                        }
                    }
                    ExitCode::SUCCESS
                }
                Err(d) => {
                    print(&[d], Format::Human, lang);
                    ExitCode::from(1)
                }
            }
        }
    }
}
