//! The image cache: each picture's renditions stored under the hash of its
//! bytes and of the settings that made them, outside the output folder
//! (which is rebuilt aside and swapped), so that a rebuild with unchanged
//! pictures encodes nothing. Deleting the folder is always safe.

use super::process::{Encoded, JPEG_QUALITY, Variant, WEBP_QUALITY};
use super::{Format, WIDTHS};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// Under the site folder.
pub const CACHE_DIR: &str = ".nongsan-cache/images";

/// Bumped whenever the pipeline or an encoder changes what it writes for
/// the same input: every cached picture is then made again.
const PIPELINE: &str =
    "nongsan-images 2; image 0.25 (jpeg, png); libwebp-sys 0.9 (lossless for PNG); lanczos3";

/// The cache key of a picture: its bytes and everything that shapes its
/// renditions.
pub fn key(bytes: &[u8]) -> String {
    let mut h = Sha256::new();
    h.update(
        format!("{PIPELINE}; widths {WIDTHS:?}; jpeg {JPEG_QUALITY}; webp {WEBP_QUALITY}\n")
            .as_bytes(),
    );
    h.update(bytes);
    h.finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect::<String>()
}

#[derive(Serialize, Deserialize)]
struct Manifest {
    width: u32,
    height: u32,
    variants: Vec<Entry>,
}

#[derive(Serialize, Deserialize)]
struct Entry {
    width: u32,
    height: u32,
    format: Format,
    len: usize,
}

pub struct Cache {
    dir: PathBuf,
}

impl Cache {
    pub fn new(root: &Path) -> Cache {
        Cache {
            dir: root.join(CACHE_DIR),
        }
    }

    fn file(entry: &Entry) -> String {
        format!("{}.{}", entry.width, entry.format.ext())
    }

    /// Whether a picture of this key was encoded before: it then decodes.
    pub fn has(&self, key: &str) -> bool {
        self.dir.join(key).join("manifest.json").is_file()
    }

    /// The renditions stored under `key`, if all are there and whole.
    pub fn load(&self, key: &str) -> Option<Encoded> {
        let dir = self.dir.join(key);
        let text = std::fs::read_to_string(dir.join("manifest.json")).ok()?;
        let m: Manifest = serde_json::from_str(&text).ok()?;
        let mut variants = Vec::with_capacity(m.variants.len());
        for e in &m.variants {
            let bytes = std::fs::read(dir.join(Self::file(e))).ok()?;
            if bytes.len() != e.len {
                return None;
            }
            variants.push(Variant {
                width: e.width,
                height: e.height,
                format: e.format,
                bytes,
            });
        }
        Some(Encoded {
            width: m.width,
            height: m.height,
            variants,
        })
    }

    /// Stores the renditions; a cache that cannot be written only costs
    /// time, so failures are ignored. Written aside and renamed, so that a
    /// concurrent build never reads half an entry.
    pub fn store(&self, key: &str, enc: &Encoded) {
        let _ = self.try_store(key, enc);
    }

    fn try_store(&self, key: &str, enc: &Encoded) -> std::io::Result<()> {
        let dest = self.dir.join(key);
        if dest.is_dir() {
            if self.load(key).is_some() {
                // Stored meanwhile by a build running beside this one.
                return Ok(());
            }
            // A damaged entry: replace it.
            std::fs::remove_dir_all(&dest)?;
        }
        let tmp = self.dir.join(format!(".tmp-{key}-{}", std::process::id()));
        std::fs::create_dir_all(&tmp)?;
        let m = Manifest {
            width: enc.width,
            height: enc.height,
            variants: enc
                .variants
                .iter()
                .map(|v| Entry {
                    width: v.width,
                    height: v.height,
                    format: v.format,
                    len: v.bytes.len(),
                })
                .collect(),
        };
        for (e, v) in m.variants.iter().zip(&enc.variants) {
            std::fs::write(tmp.join(Self::file(e)), &v.bytes)?;
        }
        std::fs::write(
            tmp.join("manifest.json"),
            serde_json::to_string(&m).unwrap_or_default(),
        )?;
        let r = std::fs::rename(&tmp, &dest);
        if r.is_err() {
            let _ = std::fs::remove_dir_all(&tmp);
        }
        r
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stores_and_loads_whole_entries_only() {
        let tmp = tempfile::tempdir().unwrap();
        let cache = Cache::new(tmp.path());
        let enc = Encoded {
            width: 2,
            height: 1,
            variants: vec![Variant {
                width: 2,
                height: 1,
                format: Format::Jpeg,
                bytes: vec![1, 2, 3],
            }],
        };
        let k = key(b"abc");
        assert!(cache.load(&k).is_none());
        cache.store(&k, &enc);
        assert_eq!(cache.load(&k), Some(enc));
        // A truncated file is not trusted.
        std::fs::write(tmp.path().join(CACHE_DIR).join(&k).join("2.jpg"), [1]).unwrap();
        assert!(cache.load(&k).is_none());
        assert_ne!(key(b"abc"), key(b"abd"));
    }
}
