//! Front-matter splitting and text decoding never panic, and a split
//! always covers the text it came from.
#![no_main]

use libfuzzer_sys::fuzz_target;
use nongsan::content::source::{decode, split_front_matter};
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = decode(data.to_vec(), Path::new("fuzz.md")) else {
        return;
    };
    if let Ok(split) = split_front_matter(&text) {
        assert!(split.front_matter.len() + split.body.len() <= text.len());
        assert!(split.body_line >= 3);
    }
});
