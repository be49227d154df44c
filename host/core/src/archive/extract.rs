//! Extracting an archive that comes out of a sandbox (see the module docs of
//! [`crate::archive`] for the guarantees).

use std::cell::Cell;
use std::ffi::{OsStr, OsString};
use std::io::{self, Read};
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use rustix::fs::{CWD, RenameFlags};
use tokio::io::AsyncRead;
use tokio_util::io::SyncIoBridge;

use super::beneath::Beneath;
use super::tree::{Kind, Refusal, Tree, shown, split_entry_path};
use crate::error::{Error, Result};

/// Caps on what one copy out of a sandbox may write on the host.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExtractLimits {
    /// Most entries (files, directories, links) in one copy.
    pub max_entries: u64,
    /// Most bytes of file contents in one copy.
    pub max_bytes: u64,
}

impl Default for ExtractLimits {
    /// 100,000 entries and 1 GiB of contents.
    fn default() -> Self {
        ExtractLimits {
            max_entries: 100_000,
            max_bytes: 1 << 30,
        }
    }
}

/// Most bytes of headers and extended metadata (long names, PAX records)
/// read between two entries: far above any real path, far below memory
/// trouble.
const METADATA_PER_ENTRY: u64 = 1 << 20;

/// Longest symbolic link target accepted (the kernel's `PATH_MAX`).
const MAX_LINK_TARGET: usize = 4096;

/// Extract `reader` (an async tar stream) so that its single top-level entry
/// becomes `dest`, on a blocking thread. See [`extract`].
pub async fn extract_stream(
    reader: impl AsyncRead + Send + Unpin + 'static,
    dest: PathBuf,
    limits: ExtractLimits,
) -> Result<u64> {
    let shown_dest = dest.clone();
    tokio::task::spawn_blocking(move || extract(SyncIoBridge::new(reader), &dest, &limits))
        .await
        .map_err(|e| Error::io(shown_dest, io::Error::other(e)))?
}

/// Extract a tar whose entries all sit below one top-level entry (a file or
/// a directory, as an engine archives a sandbox path) so that this entry
/// becomes `dest`, which must not exist. Returns the number of entries
/// written. Anything unsafe (see the module docs) is refused with
/// [`Error::UnsafeArchive`], and then nothing exists at `dest`.
pub fn extract(reader: impl Read, dest: &Path, limits: &ExtractLimits) -> Result<u64> {
    if dest.symlink_metadata().is_ok() {
        return Err(Error::InvalidConfig(format!(
            "{} already exists; remove it or choose another destination",
            dest.display()
        )));
    }
    let parent = match dest.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&parent).map_err(|e| Error::io(&parent, e))?;
    // Private to this process (mode 0700), removed with everything in it on
    // any error.
    let staging = tempfile::Builder::new()
        .prefix(".llm-sandbox-copy-")
        .tempdir_in(&parent)
        .map_err(|e| Error::io(&parent, e))?;
    let mut beneath = Beneath::open(staging.path()).map_err(|e| Error::io(staging.path(), e))?;
    let count = Extraction::new(&mut beneath, limits).run(reader)?;
    rustix::fs::renameat_with(beneath.root(), STAGED, CWD, dest, RenameFlags::NOREPLACE).map_err(
        |e| match e {
            rustix::io::Errno::EXIST => Error::InvalidConfig(format!(
                "{} was created while copying; nothing was written",
                dest.display()
            )),
            e => Error::io(dest, e.into()),
        },
    )?;
    Ok(count)
}

/// The name of the top-level entry inside the staging directory.
const STAGED: &str = "copy";

/// Shared by the extraction and its metered reader: how many bytes may still
/// be read, in this phase and in all.
#[derive(Debug)]
struct Meter {
    phase: Cell<u64>,
    total: Cell<u64>,
    exceeded: Cell<Option<&'static str>>,
}

/// A reader that stops, with an error, when the meter runs out.
struct Metered<R> {
    inner: R,
    meter: Rc<Meter>,
}

impl<R: Read> Read for Metered<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let allowed = self.meter.phase.get().min(self.meter.total.get());
        if allowed == 0 && !buf.is_empty() {
            let which = if self.meter.total.get() == 0 {
                "the archive is larger than its contents allow"
            } else {
                "an entry's metadata (name, link or extended headers) is too large"
            };
            self.meter.exceeded.set(Some(which));
            return Err(io::Error::other(which));
        }
        let window = buf
            .len()
            .min(usize::try_from(allowed).unwrap_or(usize::MAX));
        let n = self.inner.read(&mut buf[..window])?;
        self.meter.phase.set(self.meter.phase.get() - n as u64);
        self.meter.total.set(self.meter.total.get() - n as u64);
        Ok(n)
    }
}

/// One extraction in progress.
struct Extraction<'a> {
    beneath: &'a mut Beneath,
    limits: &'a ExtractLimits,
    tree: Tree,
    /// The archive's top-level name, once seen.
    top: Option<OsString>,
    entries: u64,
    bytes: u64,
    /// Directories created by entries, with their mode and time, in order.
    dirs: Vec<(Vec<OsString>, u32, u64)>,
}

fn refused(reason: impl Into<String>) -> Error {
    Error::UnsafeArchive(reason.into())
}

impl<'a> Extraction<'a> {
    fn new(beneath: &'a mut Beneath, limits: &'a ExtractLimits) -> Self {
        Extraction {
            beneath,
            limits,
            tree: Tree::new(),
            top: None,
            entries: 0,
            bytes: 0,
            dirs: Vec::new(),
        }
    }

    fn run(mut self, reader: impl Read) -> Result<u64> {
        let meter = Rc::new(Meter {
            phase: Cell::new(METADATA_PER_ENTRY),
            total: Cell::new(
                self.limits
                    .max_bytes
                    .saturating_add(self.limits.max_entries.saturating_mul(2048))
                    .saturating_add(METADATA_PER_ENTRY),
            ),
            exceeded: Cell::new(None),
        });
        let metered = Metered {
            inner: reader,
            meter: meter.clone(),
        };
        let mut archive = tar::Archive::new(metered);
        let unreadable = |e: io::Error, meter: &Meter| match meter.exceeded.get() {
            Some(why) => refused(why),
            None => refused(format!("unreadable archive: {e}")),
        };
        let mut entries = archive.entries().map_err(|e| unreadable(e, &meter))?;
        loop {
            meter.phase.set(METADATA_PER_ENTRY);
            let Some(entry) = entries.next() else { break };
            let mut entry = entry.map_err(|e| unreadable(e, &meter))?;
            let size = entry.size();
            meter.phase.set(size);
            self.entry(&mut entry, size)
                .map_err(|e| match (e, meter.exceeded.get()) {
                    (_, Some(why)) => refused(why),
                    (e, None) => e,
                })?;
        }
        if self.top.is_none() {
            return Err(refused("the archive is empty"));
        }
        self.tree.check_links().map_err(|r| self.refusal(r, None))?;
        // Final modes last, deepest first, so a read-only directory does not
        // stop its own entries from being written.
        for (path, mode, mtime) in self.dirs.iter().rev() {
            self.beneath
                .finish_dir(path, *mode, *mtime)
                .map_err(|e| refused(format!("directory `{}`: {e}", self.show(path))))?;
        }
        Ok(self.entries)
    }

    /// Check one entry against the tree and the limits, then create it.
    fn entry<R: Read>(&mut self, entry: &mut tar::Entry<'_, R>, size: u64) -> Result<()> {
        let header = entry.header();
        let kind = header.entry_type();
        let mode = header.mode().unwrap_or(0o644);
        let mtime = header.mtime().unwrap_or(0);
        let raw = entry.path_bytes().into_owned();
        let name = String::from_utf8_lossy(&raw).into_owned();
        let kind = match kind {
            tar::EntryType::XGlobalHeader => return Ok(()),
            tar::EntryType::Regular | tar::EntryType::Continuous => Kind::File,
            tar::EntryType::Directory => Kind::Dir,
            tar::EntryType::Symlink => Kind::Symlink(self.link_target(entry, &name)?),
            tar::EntryType::Link => Kind::File,
            other => {
                return Err(refused(format!(
                    "entry `{name}` is a {}; only files, directories and links are copied",
                    kind_name(other)
                )));
            }
        };
        let hard_link = entry.header().entry_type() == tar::EntryType::Link;
        let path = self.place(&raw, &name)?;
        self.entries += 1;
        if self.entries > self.limits.max_entries {
            return Err(refused(format!(
                "the copy holds more than {} entries (ExtractLimits::max_entries); copy a smaller tree or raise the limit",
                self.limits.max_entries
            )));
        }
        if kind == Kind::File && !hard_link {
            self.bytes = self.bytes.saturating_add(size);
            if self.bytes > self.limits.max_bytes {
                return Err(refused(format!(
                    "the copy holds more than {} bytes (ExtractLimits::max_bytes); copy less or raise the limit",
                    self.limits.max_bytes
                )));
            }
        }
        let target = if hard_link {
            Some(self.hard_link_target(entry, &name)?)
        } else {
            None
        };
        if path.is_empty() {
            if hard_link || matches!(kind, Kind::Symlink(_)) {
                return Err(refused(format!(
                    "`{name}` is a link; copy the file or directory it points to instead"
                )));
            }
            self.tree
                .set_root(kind.clone())
                .map_err(|r| self.refusal(r, Some(&name)))?;
        } else {
            self.tree
                .add(&path, kind.clone())
                .map_err(|r| self.refusal(r, Some(&name)))?;
        }
        let on_disk = self.staged(&path);
        let written = match (&kind, &target) {
            (_, Some(target)) => {
                let target = self.staged(target);
                self.beneath.hard_link(&target, &on_disk)
            }
            (Kind::Dir, _) => {
                self.dirs.push((on_disk.clone(), mode, mtime));
                self.beneath.create_dir(&on_disk)
            }
            (Kind::File, _) => self.beneath.create_file(&on_disk, entry, size, mode, mtime),
            (Kind::Symlink(target), _) => self.beneath.symlink(&on_disk, target),
        };
        written.map_err(|e| refused(format!("entry `{name}`: {e}")))
    }

    /// The entry's path below the top-level entry; the first entry decides
    /// the top-level name, and every other must share it.
    fn place(&mut self, raw: &[u8], name: &str) -> Result<Vec<OsString>> {
        let mut names =
            split_entry_path(raw).map_err(|why| refused(format!("entry `{name}` {why}")))?;
        let first = names.remove(0);
        match &self.top {
            None => self.top = Some(first),
            Some(top) if *top == first => {}
            Some(top) => {
                return Err(refused(format!(
                    "the archive has more than one top-level entry (`{}` and `{}`)",
                    top.to_string_lossy(),
                    first.to_string_lossy()
                )));
            }
        }
        Ok(names)
    }

    fn link_target<R: Read>(&self, entry: &tar::Entry<'_, R>, name: &str) -> Result<PathBuf> {
        let target = entry
            .link_name_bytes()
            .ok_or_else(|| refused(format!("link `{name}` has no target")))?;
        if target.len() > MAX_LINK_TARGET || target.contains(&0) {
            return Err(refused(format!("link `{name}` has an invalid target")));
        }
        Ok(PathBuf::from(OsStr::from_bytes(&target)))
    }

    /// A hard link's target, as a path below the top-level entry, after
    /// checking it names a regular file extracted earlier.
    fn hard_link_target<R: Read>(
        &mut self,
        entry: &tar::Entry<'_, R>,
        name: &str,
    ) -> Result<Vec<OsString>> {
        let raw = entry
            .link_name_bytes()
            .ok_or_else(|| refused(format!("hard link `{name}` has no target")))?
            .into_owned();
        let shown_target = String::from_utf8_lossy(&raw).into_owned();
        let outside = || {
            refused(format!(
                "hard link `{name}` points outside the copy (to `{shown_target}`)"
            ))
        };
        let mut names = split_entry_path(&raw).map_err(|_| outside())?;
        if self.top.as_ref() != Some(&names.remove(0)) {
            return Err(outside());
        }
        self.tree
            .check_hard_link_target(&names)
            .map_err(|r| self.refusal(r, Some(name)))?;
        Ok(names)
    }

    /// Where a path below the top-level entry lives in the staging directory.
    fn staged(&self, path: &[OsString]) -> Vec<OsString> {
        std::iter::once(OsString::from(STAGED))
            .chain(path.iter().cloned())
            .collect()
    }

    /// A staged path shown as an archive path, for messages.
    fn show(&self, staged: &[OsString]) -> String {
        let mut names = staged.to_vec();
        if let (Some(first), Some(top)) = (names.first_mut(), &self.top) {
            *first = top.clone();
        }
        shown(&names).display().to_string()
    }

    fn refusal(&self, refusal: Refusal, entry: Option<&str>) -> Error {
        let top = self.top.clone().unwrap_or_default();
        let archive_path = |p: &Path| Path::new(&top).join(p).display().to_string();
        let entry = entry.unwrap_or("");
        refused(match refusal {
            Refusal::ThroughLink(link) => format!(
                "entry `{entry}` would be written through the link `{}`",
                archive_path(&link)
            ),
            Refusal::ThroughFile(file) => format!(
                "entry `{entry}` would be written below the file `{}`",
                archive_path(&file)
            ),
            Refusal::Duplicate => format!("entry `{entry}` appears twice"),
            Refusal::BadHardLink(why) => format!("hard link `{entry}`: the target {why}"),
            Refusal::Escapes { link, target } => format!(
                "link `{}` points outside the destination (to `{}`)",
                archive_path(&link),
                target.display()
            ),
            Refusal::LinkLoop { link } => format!(
                "link `{}` is part of a loop or a chain of more than 40 links",
                archive_path(&link)
            ),
            Refusal::TooComplex => "the archive's links are too many to check".into(),
        })
    }
}

fn kind_name(kind: tar::EntryType) -> &'static str {
    match kind {
        tar::EntryType::Char => "character device",
        tar::EntryType::Block => "block device",
        tar::EntryType::Fifo => "FIFO",
        tar::EntryType::GNUSparse => "sparse file",
        _ => "special entry",
    }
}

#[cfg(test)]
mod tests;
