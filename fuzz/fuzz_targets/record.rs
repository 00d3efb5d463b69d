//! Any bytes, as any collection's `.yaml` or `.md` record, give a record or
//! a diagnostic, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use nongsan::config::{self, Config};
use nongsan::content::collection::Collection;
use nongsan::content::parse_bytes;
use std::path::Path;
use std::sync::LazyLock;

static CONFIG: LazyLock<Option<Config>> = LazyLock::new(|| {
    config::parse(
        "title: { vi: Thử, en: Test }\nbase_url: https://example.org/\ncategories:\n  fruit: Trái cây\n",
        Path::new("site.yaml"),
    )
    .ok()
});

fuzz_target!(|data: &[u8]| {
    let Some(config) = CONFIG.as_ref() else {
        return;
    };
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let collection = Collection::ALL[(selector as usize) % Collection::ALL.len()];
    let name = match selector / 16 % 3 {
        0 => "record.yaml",
        1 => "record.md",
        _ => "record.en.md",
    };
    let _ = parse_bytes(collection, name, rest.to_vec(), config);
});
