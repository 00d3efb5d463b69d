//! When each file was last changed, from git history: one `git log` over
//! the whole `content/` folder, not one process per file. Outside a git
//! repository (or without git) there is simply no history.

use super::date::Date;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// File (relative to the site folder) → the date of the last commit that
/// changed it.
pub fn last_changed(root: &Path) -> HashMap<PathBuf, Date> {
    let mut out = HashMap::new();
    let Some(top) = git(root, &["rev-parse", "--show-toplevel"]) else {
        return out;
    };
    let top = PathBuf::from(top.trim());
    let Ok(root_abs) = std::fs::canonicalize(root) else {
        return out;
    };
    let Ok(top_abs) = std::fs::canonicalize(&top) else {
        return out;
    };
    // Paths in the log are relative to the repository's top; records are
    // named relative to the site folder.
    let Ok(prefix) = root_abs.strip_prefix(&top_abs) else {
        return out;
    };
    let Some(log) = git(
        root,
        &[
            "log",
            "--format=%x00%ct",
            "--name-only",
            "--no-renames",
            "--",
            "content",
        ],
    ) else {
        return out;
    };
    let mut current: Option<Date> = None;
    for line in log.lines() {
        if let Some(ts) = line.strip_prefix('\0') {
            current = ts
                .trim()
                .parse::<i64>()
                .ok()
                .and_then(|t| time::OffsetDateTime::from_unix_timestamp(t).ok())
                .map(|t| Date::from_time(t.date()));
            continue;
        }
        let (Some(date), false) = (current, line.is_empty()) else {
            continue;
        };
        let Ok(rel) = Path::new(line).strip_prefix(prefix) else {
            continue;
        };
        // Newest commits come first: the first date seen is the last change.
        out.entry(rel.to_path_buf()).or_insert(date);
    }
    out
}

fn git(dir: &Path, args: &[&str]) -> Option<String> {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    String::from_utf8(out.stdout).ok()
}
