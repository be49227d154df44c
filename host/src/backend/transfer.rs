//! Tar streams for copying files into and out of sandboxes.
//!
//! Copying in streams a tar built on a blocking thread through a pipe, so a
//! large file never sits in memory whole. Copying out treats the archive as
//! hostile: every entry must stay inside the destination (no absolute paths,
//! no `..`, no symlink or hard link pointing outside, no device files), and
//! the archive is extracted into a temporary directory next to the
//! destination that is renamed into place only when every entry passed.

use std::io::Read;
use std::path::{Component, Path, PathBuf};

use bytes::Bytes;
use futures_util::Stream;
use tokio::io::AsyncRead;
use tokio_util::io::{ReaderStream, SyncIoBridge};

use crate::error::{Error, Result};

/// A tar stream holding `source` (a file or a directory, recursively) under
/// the archive path `dest` (absolute paths are made relative to `/`).
pub fn tar_stream(
    source: PathBuf,
    dest: String,
) -> Result<impl Stream<Item = std::io::Result<Bytes>> + Send + 'static> {
    let meta = std::fs::symlink_metadata(&source).map_err(|e| Error::io(&source, e))?;
    if !(meta.is_file() || meta.is_dir()) {
        return Err(Error::InvalidConfig(format!(
            "{} is not a regular file or a directory",
            source.display()
        )));
    }
    let (reader, writer) = tokio::io::duplex(256 << 10);
    let name = dest
        .trim_start_matches('/')
        .trim_end_matches('/')
        .to_string();
    tokio::task::spawn_blocking(move || {
        let mut builder = tar::Builder::new(SyncIoBridge::new(writer));
        builder.follow_symlinks(false);
        let result = if meta.is_dir() {
            builder.append_dir_all(&name, &source)
        } else {
            builder.append_path_with_name(&source, &name)
        };
        // On error the pipe closes early and the upload fails.
        if let Err(e) = result.and_then(|()| builder.finish()) {
            tracing::warn!("building the archive of {} failed: {e}", source.display());
        }
    });
    Ok(ReaderStream::new(reader))
}

/// Extract a tar (as produced by the engine for `source_name`'s basename)
/// into `dest`, which must not exist. Returns the number of entries written.
pub fn extract_safely(reader: impl AsyncRead + Send + Unpin + 'static, dest: &Path) -> Result<u64> {
    if dest.exists() || dest.is_symlink() {
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
    let staging = tempfile::Builder::new()
        .prefix(".llm-sandbox-copy-")
        .tempdir_in(&parent)
        .map_err(|e| Error::io(&parent, e))?;
    let count = unpack(SyncIoBridge::new(reader), staging.path())?;
    // The archive's single top-level entry becomes `dest`.
    let mut top = std::fs::read_dir(staging.path())
        .map_err(|e| Error::io(staging.path(), e))?
        .filter_map(|e| e.ok().map(|e| e.path()));
    let (Some(first), None) = (top.next(), top.next()) else {
        return Err(refused(
            "the archive does not hold exactly one top-level entry",
        ));
    };
    std::fs::rename(&first, dest).map_err(|e| Error::io(dest, e))?;
    Ok(count)
}

fn refused(reason: impl Into<String>) -> Error {
    Error::UnsafeArchive(reason.into())
}

/// Unpack into `root` after checking every entry.
fn unpack(reader: impl Read, root: &Path) -> Result<u64> {
    let mut archive = tar::Archive::new(reader);
    archive.set_preserve_permissions(false);
    archive.set_unpack_xattrs(false);
    let mut count = 0;
    let entries = archive
        .entries()
        .map_err(|e| refused(format!("unreadable archive: {e}")))?;
    for entry in entries {
        let mut entry = entry.map_err(|e| refused(format!("unreadable archive: {e}")))?;
        let raw = entry.path_bytes().into_owned();
        let shown = String::from_utf8_lossy(&raw).into_owned();
        let path = entry
            .path()
            .map_err(|e| refused(format!("entry `{shown}`: {e}")))?
            .into_owned();
        let relative = inside(&path).ok_or_else(|| {
            refused(format!(
                "entry `{shown}` would be written outside the destination"
            ))
        })?;
        let kind = entry.header().entry_type();
        match kind {
            tar::EntryType::Regular | tar::EntryType::Directory => {}
            tar::EntryType::Symlink | tar::EntryType::Link => {
                let target = entry
                    .link_name()
                    .map_err(|e| refused(format!("entry `{shown}`: {e}")))?
                    .ok_or_else(|| refused(format!("link `{shown}` has no target")))?
                    .into_owned();
                let resolved = if kind == tar::EntryType::Link || target.is_absolute() {
                    // Hard link targets are archive paths; absolute symlinks
                    // point into the host's own tree.
                    if target.is_absolute() {
                        None
                    } else {
                        inside(&target)
                    }
                } else {
                    inside(&relative.parent().unwrap_or(Path::new("")).join(&target))
                };
                if resolved.is_none() {
                    return Err(refused(format!(
                        "link `{shown}` points outside the destination (to `{}`)",
                        target.display()
                    )));
                }
            }
            tar::EntryType::XGlobalHeader | tar::EntryType::XHeader => continue,
            other => {
                return Err(refused(format!(
                    "entry `{shown}` is a {other:?}, not a file, directory or link"
                )));
            }
        }
        let target = root.join(&relative);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        entry
            .unpack(&target)
            .map_err(|e| refused(format!("entry `{shown}`: {e}")))?;
        count += 1;
    }
    Ok(count)
}

/// `path` normalised lexically, if it stays inside its root.
fn inside(path: &Path) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::Normal(part) => out.push(part),
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    return None;
                }
            }
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A tar with one entry whose raw name is `name` (bypassing the tar
    /// crate's own checks, as a hostile engine could).
    fn raw_tar(entries: &[(&str, tar::EntryType, &str)]) -> Vec<u8> {
        let mut builder = tar::Builder::new(Vec::new());
        for (name, kind, link) in entries {
            let mut header = tar::Header::new_old();
            let bytes = name.as_bytes();
            header.as_old_mut().name[..bytes.len()].copy_from_slice(bytes);
            header.set_entry_type(*kind);
            header.set_size(if *kind == tar::EntryType::Regular {
                1
            } else {
                0
            });
            header.set_mode(0o644);
            if !link.is_empty() {
                let l = link.as_bytes();
                header.as_old_mut().linkname[..l.len()].copy_from_slice(l);
            }
            header.set_cksum();
            let data: &[u8] = if *kind == tar::EntryType::Regular {
                b"x"
            } else {
                b""
            };
            builder.append(&header, data).unwrap();
        }
        builder.into_inner().unwrap()
    }

    fn extract(tar: Vec<u8>) -> (tempfile::TempDir, Result<u64>) {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("out");
        let rt = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        let result = rt.block_on(async {
            let reader = std::io::Cursor::new(tar);
            tokio::task::spawn_blocking({
                let dest = dest.clone();
                move || extract_safely(reader, &dest)
            })
            .await
            .unwrap()
        });
        (dir, result)
    }

    #[test]
    fn escaping_entries_are_refused_and_nothing_is_left() {
        use tar::EntryType::*;
        let cases = [
            vec![("out/../../x", Regular, "")],
            vec![("/etc/x", Regular, "")],
            vec![("out/passwd", Symlink, "/etc/passwd")],
            vec![("out/up", Symlink, "../../..")],
            vec![("out/hard", Link, "/etc/shadow")],
            vec![("out/dev", Char, "")],
        ];
        for entries in cases {
            let (dir, result) = extract(raw_tar(&entries));
            let err = result.unwrap_err();
            assert!(matches!(err, Error::UnsafeArchive(_)), "{entries:?}: {err}");
            let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
            assert!(left.is_empty(), "{entries:?} left {left:?}");
        }
    }

    #[test]
    fn safe_entries_land_at_the_destination() {
        use tar::EntryType::*;
        let tar = raw_tar(&[
            ("out/", Directory, ""),
            ("out/a.txt", Regular, ""),
            ("out/sub/b.txt", Regular, ""),
            ("out/link", Symlink, "sub/b.txt"),
        ]);
        let (dir, result) = extract(tar);
        assert_eq!(result.unwrap(), 4);
        let dest = dir.path().join("out");
        assert_eq!(std::fs::read_to_string(dest.join("a.txt")).unwrap(), "x");
        assert_eq!(std::fs::read_to_string(dest.join("link")).unwrap(), "x");
    }

    #[test]
    fn an_existing_destination_is_not_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("out"), "mine").unwrap();
        let err = extract_safely(tokio::io::empty(), &dir.path().join("out")).unwrap_err();
        assert!(err.to_string().contains("already exists"), "{err}");
        assert_eq!(
            std::fs::read_to_string(dir.path().join("out")).unwrap(),
            "mine"
        );
    }

    #[test]
    fn lexical_normalisation_keeps_paths_inside() {
        assert_eq!(inside(Path::new("a/./b/../c")), Some(PathBuf::from("a/c")));
        assert_eq!(inside(Path::new("a/../..")), None);
        assert_eq!(inside(Path::new("/a")), None);
    }
}
