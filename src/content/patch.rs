//! Applying saved changes to files already loaded, without walking
//! `content/` again: what the live preview does after an editor saves a
//! record.

use super::*;

/// Re-reads `paths`, files under `content/` that `cache` already holds,
/// and puts what they now hold into `content`, which was loaded through the
/// same cache. Paths that never were content and are gone again
/// (temporary files) are passed over. Returns false, leaving `content` and
/// `cache` as they were, when that is not enough: a file is new, gone, not
/// a record, fails to parse, or became or stopped being a draft. The caller
/// then loads everything again, which also reports what went wrong.
pub fn patch(
    root: &Path,
    config: &Config,
    opts: &LoadOptions,
    cache: &mut Cache,
    content: &mut Content,
    paths: &[PathBuf],
) -> bool {
    let mut fresh = Vec::with_capacity(paths.len());
    for path in paths {
        if !cache.files.contains_key(path)
            && !path.exists()
            && !cache.files.keys().any(|k| k.starts_with(path))
        {
            // A file written and renamed away within the save (an editor's
            // temporary copy): it never was content.
            continue;
        }
        if cache.files.get(path).is_none_or(|c| c.parsed.is_err()) {
            return false;
        }
        let (len, modified) = stamp(path);
        if modified.is_none() {
            return false;
        }
        let Some(collection) = collection_of(root, path) else {
            return false;
        };
        let Some(Ok(kind)) = path
            .file_name()
            .map(|n| classify_name(&n.to_string_lossy(), config))
        else {
            return false;
        };
        let found = Found {
            collection,
            path: path.clone(),
            shown: shown_path(root, path),
            kind,
        };
        let Ok(parsed) = parse_file(&found, config, opts.max_file_bytes) else {
            return false;
        };
        if !content.can_take(&parsed, opts.drafts) {
            return false;
        }
        fresh.push((path, len, modified, parsed));
    }
    for (path, len, modified, parsed) in fresh {
        content.take(parsed.clone());
        cache.files.insert(
            path.clone(),
            CachedFile {
                len,
                modified,
                parsed: Ok(parsed),
            },
        );
    }
    true
}

/// The collection whose folder holds `path` (absolute, or relative to the
/// working folder like `root`), if any.
pub fn collection_of(root: &Path, path: &Path) -> Option<Collection> {
    let rel = path.strip_prefix(root.join("content")).ok()?;
    let mut comps = rel.components();
    let first = comps.next()?;
    // A file directly in content/ (site.yaml) belongs to no collection.
    comps.next()?;
    Collection::from_dir(&first.as_os_str().to_string_lossy())
}

/// Puts `new` in the place of the record with its slug, keeping the
/// translations attached to the old one.
fn replace<T>(list: &mut [Record<T>], mut new: Record<T>) {
    if let Ok(i) = list.binary_search_by(|r| r.slug.cmp(&new.slug)) {
        new.translations = std::mem::take(&mut list[i].translations);
        list[i] = new;
    }
}

impl AnyRecord {
    fn is_draft(&self) -> bool {
        match self {
            AnyRecord::Products(r) => r.data.is_draft(),
            AnyRecord::Brands(r) => r.data.is_draft(),
            AnyRecord::Producers(r) => r.data.is_draft(),
            AnyRecord::Communes(r) => r.data.is_draft(),
            AnyRecord::Agencies(r) => r.data.is_draft(),
            AnyRecord::Chains(r) => r.data.is_draft(),
            AnyRecord::Directives(r) => r.data.is_draft(),
            AnyRecord::Indicators(r) => r.data.is_draft(),
            AnyRecord::Reports(r) => r.data.is_draft(),
            AnyRecord::Pages(r) => r.data.is_draft(),
        }
    }
}

impl Content {
    /// Whether the record or translation is one this content holds in
    /// place (so that taking it changes no slug).
    fn can_take(&self, p: &Parsed, keep_drafts: bool) -> bool {
        match p {
            Parsed::Record {
                collection,
                slug,
                any,
                ..
            } => (keep_drafts || !any.is_draft()) && self.position(*collection, slug).is_some(),
            Parsed::Translation {
                collection, slug, ..
            } => self.position(*collection, slug).is_some(),
        }
    }

    fn take(&mut self, p: Parsed) {
        match p {
            Parsed::Record { any, .. } => match any {
                AnyRecord::Products(r) => replace(&mut self.products, r),
                AnyRecord::Brands(r) => replace(&mut self.brands, r),
                AnyRecord::Producers(r) => replace(&mut self.producers, r),
                AnyRecord::Communes(r) => replace(&mut self.communes, r),
                AnyRecord::Agencies(r) => replace(&mut self.agencies, r),
                AnyRecord::Chains(r) => replace(&mut self.chains, r),
                AnyRecord::Directives(r) => replace(&mut self.directives, r),
                AnyRecord::Indicators(r) => replace(&mut self.indicators, r),
                AnyRecord::Reports(r) => replace(&mut self.reports, r),
                AnyRecord::Pages(r) => replace(&mut self.pages, r),
            },
            Parsed::Translation {
                collection,
                slug,
                lang,
                body,
            } => {
                self.attach_translation(collection, &slug, &lang, body);
            }
        }
    }

    /// The position of a record in its collection, by slug.
    pub fn position(&self, c: Collection, slug: &str) -> Option<usize> {
        fn p<T>(v: &[Record<T>], slug: &str) -> Option<usize> {
            v.binary_search_by(|r| r.slug.as_str().cmp(slug)).ok()
        }
        match c {
            Collection::Products => p(&self.products, slug),
            Collection::Brands => p(&self.brands, slug),
            Collection::Producers => p(&self.producers, slug),
            Collection::Communes => p(&self.communes, slug),
            Collection::Agencies => p(&self.agencies, slug),
            Collection::Chains => p(&self.chains, slug),
            Collection::Directives => p(&self.directives, slug),
            Collection::Indicators => p(&self.indicators, slug),
            Collection::Reports => p(&self.reports, slug),
            Collection::Pages => p(&self.pages, slug),
        }
    }
}
