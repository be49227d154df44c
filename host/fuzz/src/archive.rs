//! Hostile archives for the extractor, and the checker that whatever the
//! archive held, nothing outside the destination changed and nothing inside
//! it leads out.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use arbitrary::Arbitrary;
use llm_sandbox_core::archive::{ExtractLimits, extract};

/// One entry of an archive, from a small alphabet of names so that entries
/// meet each other (same directories, links through links).
#[derive(Debug, Arbitrary)]
pub struct Entry {
    /// Path components, each an index into [`NAMES`].
    pub path: Vec<u8>,
    /// What it is.
    pub kind: Kind,
    /// Link target components, each an index into [`NAMES`] (0 = `..`).
    pub link: Vec<u8>,
    /// Whether the link target is absolute.
    pub absolute: bool,
    /// File contents.
    pub data: Vec<u8>,
    /// Permission bits.
    pub mode: u16,
}

/// The entry types an archive can hold.
#[derive(Debug, Clone, Copy, Arbitrary)]
pub enum Kind {
    /// A regular file.
    File,
    /// A directory.
    Dir,
    /// A symbolic link.
    Symlink,
    /// A hard link.
    HardLink,
    /// A FIFO.
    Fifo,
    /// A character device.
    CharDevice,
}

/// Names paths and targets are made of.
pub const NAMES: &[&str] = &["..", "top", "a", "b", ".", "sub", "x", "top/a", "../top"];

fn join(indices: &[u8], absolute: bool) -> String {
    let parts: Vec<&str> = indices
        .iter()
        .take(12)
        .map(|i| NAMES[usize::from(*i) % NAMES.len()])
        .collect();
    let joined = parts.join("/");
    if absolute {
        format!("/{joined}")
    } else {
        joined
    }
}

/// A tar with `entries` as raw GNU headers (names are not sanitised: the
/// tar crate's builder would refuse some of them, a hostile `tar` would not).
pub fn raw_tar(entries: &[Entry]) -> Vec<u8> {
    let mut out = Vec::new();
    for entry in entries.iter().take(64) {
        let name = join(&entry.path, false);
        let link = join(&entry.link, entry.absolute);
        let (kind, data): (tar::EntryType, &[u8]) = match entry.kind {
            Kind::File => (tar::EntryType::Regular, &entry.data),
            Kind::Dir => (tar::EntryType::Directory, b""),
            Kind::Symlink => (tar::EntryType::Symlink, b""),
            Kind::HardLink => (tar::EntryType::Link, b""),
            Kind::Fifo => (tar::EntryType::Fifo, b""),
            Kind::CharDevice => (tar::EntryType::Char, b""),
        };
        let mut header = tar::Header::new_gnu();
        let n = name.len().min(99);
        header.as_old_mut().name[..n].copy_from_slice(&name.as_bytes()[..n]);
        let l = link.len().min(99);
        header.as_old_mut().linkname[..l].copy_from_slice(&link.as_bytes()[..l]);
        header.set_entry_type(kind);
        header.set_size(data.len() as u64);
        header.set_mode(u32::from(entry.mode) & 0o7777);
        header.set_cksum();
        out.extend_from_slice(header.as_bytes());
        out.extend_from_slice(data);
        out.resize(out.len().div_ceil(512) * 512, 0);
    }
    out.resize(out.len() + 1024, 0);
    out
}

/// Extract `tar` into a fresh scene and check the extractor's promises.
pub fn check_extraction(tar: &[u8]) {
    let scene = tempfile::tempdir().expect("a temporary directory");
    let root = scene.path();
    // The destination's parent and grandparent hold files that must stay.
    let base = root.join("outer/base");
    std::fs::create_dir_all(&base).expect("scene");
    std::fs::write(root.join("outer/sentinel"), "outer").expect("scene");
    std::fs::write(base.join("sentinel"), "base").expect("scene");
    let before = snapshot(root);
    let dest = base.join("dest");
    let limits = ExtractLimits {
        max_entries: 64,
        max_bytes: 1 << 20,
    };
    let result = extract(tar, &dest, &limits);
    let mut after = snapshot(root);
    match result {
        Ok(_) => {
            after.retain(|path, _| !path.starts_with(&dest));
            check_links_stay_inside(&dest);
        }
        Err(_) => {
            assert!(
                dest.symlink_metadata().is_err(),
                "a refused copy left {dest:?}"
            );
        }
    }
    assert_eq!(before, after, "files outside the destination changed");
}

/// Every path under `root` (links not followed) with what it is.
fn snapshot(root: &Path) -> BTreeMap<PathBuf, String> {
    let mut seen = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let meta = std::fs::symlink_metadata(&path).expect("listed entry");
            let what = if meta.is_symlink() {
                format!("link {:?}", std::fs::read_link(&path).ok())
            } else if meta.is_dir() {
                stack.push(path.clone());
                "dir".to_string()
            } else {
                format!("file {:?}", std::fs::read(&path).ok())
            };
            seen.insert(path, what);
        }
    }
    seen
}

/// Every link below `dest` that resolves at all resolves inside `dest`.
fn check_links_stay_inside(dest: &Path) {
    let Ok(dest_real) = std::fs::canonicalize(dest) else {
        return;
    };
    let mut stack = vec![dest.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let Ok(meta) = std::fs::symlink_metadata(&path) else {
                continue;
            };
            if meta.is_symlink() {
                if let Ok(real) = std::fs::canonicalize(&path) {
                    assert!(
                        real.starts_with(&dest_real),
                        "{path:?} resolves to {real:?}, outside {dest_real:?}"
                    );
                }
            } else if meta.is_dir() {
                stack.push(path);
            } else {
                use std::os::unix::fs::PermissionsExt;
                assert_eq!(
                    meta.permissions().mode() & 0o7000,
                    0,
                    "{path:?} kept a special bit"
                );
            }
        }
    }
}
