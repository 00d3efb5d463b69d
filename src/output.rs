//! Writing the site safely: into a staging folder beside the output, then
//! swapped into place only when complete, so a failed or interrupted build
//! never leaves a half-written site. Only folders nongsan made (they carry a
//! marker file) are ever replaced.

use crate::diagnostics::{Code, Diagnostic};
use crate::render::Sink;
use std::fs;
use std::io::Write;
use std::path::{Component, Path, PathBuf};

/// The file nongsan leaves in every output folder it makes.
pub const MARKER: &str = ".nongsan-output";
const MARKER_TEXT: &str = "This folder is built by nongsan and is replaced by every build.\n";

fn err(detail: impl Into<String>) -> Diagnostic {
    Diagnostic::new(Code::Output).detail(detail)
}

fn absolute(p: &Path) -> PathBuf {
    let p = if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir()
            .map(|c| c.join(p))
            .unwrap_or_else(|_| p.to_path_buf())
    };
    // Resolve `..` and `.` without requiring the path to exist.
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other.as_os_str()),
        }
    }
    fs::canonicalize(&out).unwrap_or(out)
}

/// Refuses output folders whose replacement would destroy something that
/// is not a built site.
pub fn check_output_dir(output: &Path, root: &Path) -> Result<(), Diagnostic> {
    let out = absolute(output);
    let root = absolute(root);
    let forbidden: Vec<(PathBuf, &str)> = {
        let mut v = vec![
            (root.clone(), "the site folder itself"),
            (root.join("content"), "the content folder"),
            (root.join("themes"), "the themes folder"),
        ];
        if let Some(home) = std::env::var_os("HOME") {
            v.push((absolute(Path::new(&home)), "your home folder"));
        }
        v
    };
    if out.parent().is_none() {
        return Err(err(format!(
            "refusing to build into {}: the root of the file system",
            out.display()
        )));
    }
    for (p, what) in &forbidden {
        if out == *p {
            return Err(err(format!(
                "refusing to build into {}: it is {what}",
                out.display()
            )));
        }
    }
    for (p, what) in forbidden.iter().skip(1) {
        if out.starts_with(p) {
            return Err(err(format!(
                "refusing to build into {}: it is inside {what}",
                out.display()
            )));
        }
    }
    if root.starts_with(&out) {
        return Err(err(format!(
            "refusing to build into {}: it contains the site folder",
            out.display()
        )));
    }
    if out.exists() {
        if !out.is_dir() {
            return Err(err(format!("{} exists and is not a folder", out.display())));
        }
        let non_empty = fs::read_dir(&out)
            .map(|mut d| d.next().is_some())
            .unwrap_or(true);
        if non_empty && !out.join(MARKER).is_file() {
            return Err(err(format!(
                "refusing to replace {}: it is not empty and was not made by nongsan (no {MARKER} file); empty it or choose another --output",
                out.display()
            )));
        }
    }
    Ok(())
}

/// A site being written beside the output folder.
pub struct Staging {
    output: PathBuf,
    dir: PathBuf,
    committed: bool,
}

fn sibling(output: &Path, tag: &str) -> PathBuf {
    let name = output
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| "output".into());
    let parent = output.parent().map(Path::to_path_buf).unwrap_or_default();
    parent.join(format!(".{name}.{tag}-{}", std::process::id()))
}

/// Whether `rel` is a plain relative path that stays inside its folder.
pub fn is_safe_relative(rel: &str) -> bool {
    let p = Path::new(rel);
    !rel.is_empty() && p.components().all(|c| matches!(c, Component::Normal(_)))
}

impl Staging {
    pub fn new(output: &Path, root: &Path) -> Result<Staging, Diagnostic> {
        check_output_dir(output, root)?;
        let output = absolute(output);
        let dir = sibling(&output, "building");
        if dir.exists() {
            fs::remove_dir_all(&dir)
                .map_err(|e| err(format!("cannot clear {}: {e}", dir.display())))?;
        }
        if let Some(parent) = dir.parent() {
            fs::create_dir_all(parent)
                .map_err(|e| err(format!("cannot create {}: {e}", parent.display())))?;
        }
        fs::create_dir(&dir).map_err(|e| err(format!("cannot create {}: {e}", dir.display())))?;
        fs::write(dir.join(MARKER), MARKER_TEXT)
            .map_err(|e| err(format!("cannot write the marker: {e}")))?;
        Ok(Staging {
            output,
            dir,
            committed: false,
        })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Moves the finished site into place: the old output is moved aside,
    /// the new one renamed in, then the old one removed.
    pub fn commit(mut self) -> Result<(), Diagnostic> {
        let old = sibling(&self.output, "old");
        if old.exists() {
            fs::remove_dir_all(&old)
                .map_err(|e| err(format!("cannot clear {}: {e}", old.display())))?;
        }
        let had_old = self.output.exists();
        if had_old {
            fs::rename(&self.output, &old)
                .map_err(|e| err(format!("cannot move the old output aside: {e}")))?;
        }
        if let Err(e) = fs::rename(&self.dir, &self.output) {
            if had_old {
                let _ = fs::rename(&old, &self.output);
            }
            return Err(err(format!("cannot move the new output into place: {e}")));
        }
        self.committed = true;
        if had_old {
            let _ = fs::remove_dir_all(&old);
        }
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

impl Sink for Staging {
    fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        if !is_safe_relative(rel) {
            return Err(err(format!(
                "refusing to write outside the output folder: {rel}"
            )));
        }
        let path = self.dir.join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)
                .map_err(|e| err(format!("cannot create {}: {e}", parent.display())))?;
        }
        let mut f = fs::File::create(&path).map_err(|e| err(format!("cannot write {rel}: {e}")))?;
        f.write_all(bytes)
            .map_err(|e| err(format!("cannot write {rel}: {e}")))
    }
}

/// Copies a file from the site's content into the staging folder.
pub fn copy_into(staging: &Staging, rel: &str, from: &Path) -> Result<(), Diagnostic> {
    let bytes = fs::read(from).map_err(|e| err(format!("cannot read {}: {e}", from.display())))?;
    staging.write(rel, &bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn safe_relative_paths() {
        assert!(is_safe_relative("en/products/a/index.html"));
        for bad in ["", "/etc/passwd", "../x", "a/../../b", "./a"] {
            assert!(!is_safe_relative(bad), "{bad}");
        }
    }

    #[test]
    fn refuses_dangerous_outputs() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("site");
        fs::create_dir_all(root.join("content")).unwrap();
        assert!(check_output_dir(&root, &root).is_err());
        assert!(check_output_dir(&root.join("content"), &root).is_err());
        assert!(check_output_dir(&root.join("content/x"), &root).is_err());
        assert!(check_output_dir(Path::new("/"), &root).is_err());
        assert!(check_output_dir(tmp.path(), &root).is_err());
        let foreign = root.join("output");
        fs::create_dir_all(&foreign).unwrap();
        fs::write(foreign.join("notes.txt"), "mine").unwrap();
        assert!(check_output_dir(&foreign, &root).is_err());
        fs::write(foreign.join(MARKER), "").unwrap();
        assert!(check_output_dir(&foreign, &root).is_ok());
        assert!(check_output_dir(&root.join("fresh"), &root).is_ok());
    }

    #[test]
    fn staging_swaps_and_cleans_up() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("site");
        fs::create_dir_all(&root).unwrap();
        let out = root.join("output");
        let s = Staging::new(&out, &root).unwrap();
        s.write("a/index.html", b"one").unwrap();
        s.commit().unwrap();
        assert_eq!(fs::read(out.join("a/index.html")).unwrap(), b"one");
        // An abandoned build leaves the output alone and removes its staging.
        let s = Staging::new(&out, &root).unwrap();
        s.write("a/index.html", b"two").unwrap();
        let staged = s.dir().to_path_buf();
        drop(s);
        assert!(!staged.exists());
        assert_eq!(fs::read(out.join("a/index.html")).unwrap(), b"one");
    }
}
