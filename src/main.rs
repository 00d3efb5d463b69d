//! The `nongsan` command line.

use anyhow::Result;
use clap::{Args, Parser, Subcommand};
use nongsan::build::{self, Options};
use nongsan::content::date::Date;
use nongsan::diagnostics::{self, Format};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

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
}

#[derive(Args)]
struct Common {
    /// The site folder: the one holding content/ (and optionally themes/).
    #[arg(long, default_value = ".")]
    root: PathBuf,
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

fn parse_date(s: &str) -> Result<Date, String> {
    Date::parse(s).ok_or_else(|| format!("`{s}` is not a date: give YYYY-MM-DD"))
}

fn options(c: &Common) -> Options {
    Options {
        root: c.root.clone(),
        as_of: c.as_of,
        drafts: c.drafts,
        max_file_bytes: Some(c.max_file_mb * 1024 * 1024),
        ..Options::default()
    }
}

fn print(diags: &[diagnostics::Diagnostic], format: Format) {
    if diags.is_empty() {
        if format == Format::Json {
            println!("[]");
        }
        return;
    }
    let text = diagnostics::render(diags, format);
    match format {
        Format::Human => eprint!("{text}"),
        _ => print!("{text}"),
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let started = Instant::now();
    match cli.command {
        Command::Check(a) => {
            let checked = build::check(&options(&a.common));
            print(&checked.diagnostics, a.common.format);
            if checked.has_errors() {
                return ExitCode::from(1);
            }
            if a.common.format == Format::Human {
                eprintln!("ok: no errors ({} ms)", started.elapsed().as_millis());
            }
            ExitCode::SUCCESS
        }
        Command::Build(a) => {
            let mut opts = options(&a.common);
            opts.output = a.output;
            opts.base_url = a.base_url;
            let built = build::build(&opts);
            print(&built.diagnostics, a.common.format);
            if built.has_errors() {
                if a.common.format == Format::Human {
                    eprintln!("build failed: the previous output, if any, is untouched");
                }
                return ExitCode::from(1);
            }
            if a.common.format == Format::Human {
                eprintln!(
                    "built {} pages into {} in {} ms",
                    built.pages,
                    built.output.display(),
                    started.elapsed().as_millis()
                );
            }
            ExitCode::SUCCESS
        }
    }
}
