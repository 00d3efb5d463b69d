//! Writing the site safely: into a staging folder beside the output, then
//! swapped into place only when complete, so a failed or interrupted build
//! never leaves a half-written site. Only folders nongsan made (they carry a
//! marker file) are ever replaced.

use crate::diagnostics::{Code, Diagnostic};
use crate::render::{Counted, Make, Sink};
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
    /// Held for the whole build: a second build of the same output waits
    /// for nothing and fails at once. The operating system releases it when
    /// the process ends, however it ends.
    _lock: fs::File,
    /// The staging folder, open: files are made relative to it.
    at: At,
    /// Fault injection for tests: abort the process after this many files.
    abort_after: Option<usize>,
    written: std::sync::atomic::AtomicUsize,
}

/// Environment variable that makes a build abort after writing this many
/// files, as if it were killed; tests use it to show the previous output
/// survives.
pub const FAULT_ENV: &str = "NONGSAN_FAULT_ABORT_AFTER_WRITES";

fn output_name(output: &Path) -> String {
    output
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| "output".into())
}

fn sibling(output: &Path, tag: &str) -> PathBuf {
    let parent = output.parent().map(Path::to_path_buf).unwrap_or_default();
    parent.join(format!(
        ".{}.{tag}-{}",
        output_name(output),
        std::process::id()
    ))
}

fn take_lock(output: &Path) -> Result<fs::File, Diagnostic> {
    let parent = output.parent().map(Path::to_path_buf).unwrap_or_default();
    let path = parent.join(format!(".{}.lock", output_name(output)));
    let file = fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|e| err(format!("cannot open the lock {}: {e}", path.display())))?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(fs::TryLockError::WouldBlock) => Err(err(format!(
            "another build is writing {} right now; wait for it to finish",
            output.display()
        ))),
        Err(fs::TryLockError::Error(e)) => Err(err(format!("cannot lock {}: {e}", path.display()))),
    }
}

/// Cleans up after builds that were killed: with the lock held no other
/// build is running, so leftover staging folders can go, and an output that
/// a build moved aside but never replaced is put back.
fn recover(output: &Path) -> Result<(), Diagnostic> {
    let parent = output.parent().map(Path::to_path_buf).unwrap_or_default();
    let name = output_name(output);
    let building = format!(".{name}.building-");
    let old = format!(".{name}.old-");
    let mut olds: Vec<PathBuf> = Vec::new();
    let entries =
        fs::read_dir(&parent).map_err(|e| err(format!("cannot read {}: {e}", parent.display())))?;
    for e in entries.flatten() {
        let n = e.file_name().to_string_lossy().to_string();
        if n.starts_with(&building) && e.path().join(MARKER).is_file() {
            let _ = fs::remove_dir_all(e.path());
        } else if n.starts_with(&old) && e.path().join(MARKER).is_file() {
            olds.push(e.path());
        }
    }
    olds.sort();
    if !output.exists()
        && let Some(last) = olds.pop()
    {
        fs::rename(&last, output)
            .map_err(|e| err(format!("cannot restore {}: {e}", output.display())))?;
    }
    for o in olds {
        let _ = fs::remove_dir_all(o);
    }
    Ok(())
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
        let parent = output.parent().map(Path::to_path_buf).unwrap_or_default();
        fs::create_dir_all(&parent)
            .map_err(|e| err(format!("cannot create {}: {e}", parent.display())))?;
        let lock = take_lock(&output)?;
        recover(&output)?;
        let dir = sibling(&output, "building");
        fs::create_dir(&dir).map_err(|e| err(format!("cannot create {}: {e}", dir.display())))?;
        fs::write(dir.join(MARKER), MARKER_TEXT)
            .map_err(|e| err(format!("cannot write the marker: {e}")))?;
        let abort_after = std::env::var(FAULT_ENV).ok().and_then(|v| v.parse().ok());
        Ok(Staging {
            output,
            committed: false,
            at: At::open(&dir),
            dir,
            _lock: lock,
            abort_after,
            written: std::sync::atomic::AtomicUsize::new(0),
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
            remove_tree(&old);
        }
        Ok(())
    }
}

/// Removes a folder and everything in it, its top-level entries in
/// parallel (a large output is tens of thousands of files).
fn remove_tree(dir: &Path) {
    use rayon::prelude::*;
    if let Ok(entries) = fs::read_dir(dir) {
        let entries: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
        entries.par_iter().for_each(|p| {
            let _ = if p.is_dir() && !p.is_symlink() {
                fs::remove_dir_all(p)
            } else {
                fs::remove_file(p)
            };
        });
    }
    let _ = fs::remove_dir_all(dir);
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

impl Staging {
    /// Creates the file `rel` in the new output, and the folders above it.
    fn create(&self, rel: &str) -> Result<fs::File, Diagnostic> {
        if !is_safe_relative(rel) {
            return Err(err(format!(
                "refusing to write outside the output folder: {rel}"
            )));
        }
        if let Some(limit) = self.abort_after
            && self
                .written
                .fetch_add(1, std::sync::atomic::Ordering::SeqCst)
                >= limit
        {
            std::process::abort();
        }
        // A page is written first into a folder of its own, which is then
        // new: made before the file, rather than found missing by a failed
        // open. Other files mostly go into a folder that is already there
        // (a record's QR code, its label sheet): tried first, and their
        // folders made only when missing, since asking for a folder that
        // exists locks its parent, which every thread writes into.
        if let Some(folder) = rel.strip_suffix("/index.html") {
            match self.at.make_dir(&self.dir, folder) {
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    fs::create_dir_all(self.dir.join(folder))
                        .map_err(|e| err(format!("cannot create {folder}: {e}")))?;
                }
                _ => {}
            }
        }
        match self.at.create_file(&self.dir, rel) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                if let Some(parent) = self.dir.join(rel).parent() {
                    fs::create_dir_all(parent)
                        .map_err(|e| err(format!("cannot create {}: {e}", parent.display())))?;
                }
                self.at.create_file(&self.dir, rel)
            }
            other => other,
        }
        .map_err(|e| err(format!("cannot write {rel}: {e}")))
    }
}

impl Sink for Staging {
    fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        self.create(rel)?
            .write_all(bytes)
            .map_err(|e| err(format!("cannot write {rel}: {e}")))
    }

    fn write_with(&self, rel: &str, make: Make) -> Result<u64, Diagnostic> {
        let file = self.create(rel)?;
        let mut w = Counted::new(std::io::BufWriter::with_capacity(1 << 16, file));
        make(&mut w)
            .and_then(|()| w.flush())
            .map_err(|e| err(format!("cannot write {rel}: {e}")))?;
        Ok(w.count)
    }
}

/// Where files are made: relative to the open staging folder where the
/// system allows it (a path walked from there, not from the root of the
/// file system, for each of tens of thousands of files), else by path.
struct At {
    #[cfg(unix)]
    dir: Option<std::os::fd::OwnedFd>,
}

#[cfg(unix)]
impl At {
    fn open(dir: &Path) -> At {
        use rustix::fs::{Mode, OFlags};
        let flags = OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC;
        At {
            dir: rustix::fs::open(dir, flags, Mode::empty()).ok(),
        }
    }

    /// Creates (or empties) the file `rel` of the folder `dir`, as
    /// `File::create` does: write only, mode 0666 less the umask.
    fn create_file(&self, dir: &Path, rel: &str) -> std::io::Result<fs::File> {
        use rustix::fs::{Mode, OFlags};
        let Some(at) = &self.dir else {
            return fs::File::create(dir.join(rel));
        };
        let flags = OFlags::WRONLY | OFlags::CREATE | OFlags::TRUNC | OFlags::CLOEXEC;
        rustix::fs::openat(at, rel, flags, Mode::from_bits_truncate(0o666))
            .map(fs::File::from)
            .map_err(std::io::Error::from)
    }

    /// Makes the folder `rel` of `dir`, as `fs::create_dir` does.
    fn make_dir(&self, dir: &Path, rel: &str) -> std::io::Result<()> {
        let Some(at) = &self.dir else {
            return fs::create_dir(dir.join(rel));
        };
        rustix::fs::mkdirat(at, rel, rustix::fs::Mode::from_bits_truncate(0o777))
            .map_err(std::io::Error::from)
    }
}

#[cfg(not(unix))]
impl At {
    fn open(_: &Path) -> At {
        At {}
    }

    fn create_file(&self, dir: &Path, rel: &str) -> std::io::Result<fs::File> {
        fs::File::create(dir.join(rel))
    }

    fn make_dir(&self, dir: &Path, rel: &str) -> std::io::Result<()> {
        fs::create_dir(dir.join(rel))
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
    use crate::render::Discard;

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
        // Into a folder already made, into new folders several deep, and
        // not below a file.
        s.write("a/qr.svg", b"<svg/>").unwrap();
        s.write("b/c/d/index.html", b"deep").unwrap();
        assert!(s.write("a/index.html/x", b"no").is_err());
        s.commit().unwrap();
        assert_eq!(fs::read(out.join("a/index.html")).unwrap(), b"one");
        assert_eq!(fs::read(out.join("a/qr.svg")).unwrap(), b"<svg/>");
        assert_eq!(fs::read(out.join("b/c/d/index.html")).unwrap(), b"deep");
        // An abandoned build leaves the output alone and removes its staging.
        let s = Staging::new(&out, &root).unwrap();
        s.write("a/index.html", b"two").unwrap();
        let staged = s.dir().to_path_buf();
        drop(s);
        assert!(!staged.exists());
        assert_eq!(fs::read(out.join("a/index.html")).unwrap(), b"one");
    }

    #[test]
    fn files_written_piece_by_piece_are_whole_and_measured() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("site");
        fs::create_dir_all(&root).unwrap();
        let out = root.join("output");
        let s = Staging::new(&out, &root).unwrap();
        // More than the writer's buffer, in many pieces.
        let size = s
            .write_with("data/big.csv", &mut |w| {
                for i in 0..20_000 {
                    writeln!(w, "row {i}")?;
                }
                Ok(())
            })
            .unwrap();
        let expected: String = (0..20_000).map(|i| format!("row {i}\n")).collect();
        assert_eq!(size, expected.len() as u64);
        // The same through the default: gathered, then written.
        let gathered = Discard
            .write_with("x", &mut |w| w.write_all(expected.as_bytes()))
            .unwrap();
        assert_eq!(gathered, size);
        assert!(
            s.write_with("../escape", &mut |w| w.write_all(b"x"))
                .is_err()
        );
        s.commit().unwrap();
        assert_eq!(
            fs::read_to_string(out.join("data/big.csv")).unwrap(),
            expected
        );
    }

    #[test]
    fn a_second_build_of_the_same_output_is_refused() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("site");
        fs::create_dir_all(&root).unwrap();
        let out = root.join("output");
        let first = Staging::new(&out, &root).unwrap();
        let second = Staging::new(&out, &root);
        assert!(second.is_err());
        drop(first);
        assert!(Staging::new(&out, &root).is_ok());
    }

    #[test]
    fn recovers_from_a_build_killed_mid_swap() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("site");
        fs::create_dir_all(&root).unwrap();
        let out = root.join("output");
        // What a build killed between its two renames leaves: the old site
        // moved aside, no output, and a staging folder.
        let aside = root.join(".output.old-999999");
        fs::create_dir_all(&aside).unwrap();
        fs::write(aside.join(MARKER), "").unwrap();
        fs::write(aside.join("index.html"), "old").unwrap();
        let stale = root.join(".output.building-999998");
        fs::create_dir_all(&stale).unwrap();
        fs::write(stale.join(MARKER), "").unwrap();
        let s = Staging::new(&out, &root).unwrap();
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "old");
        assert!(!stale.exists());
        drop(s);
    }
}
