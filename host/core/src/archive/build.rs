//! Archives going into a sandbox: the files of a plan (small, in memory) and
//! host files or directories (streamed, so a large file is never held whole).

use std::path::PathBuf;

use bytes::Bytes;
use futures_util::Stream;
use tokio_util::io::{ReaderStream, SyncIoBridge};

use crate::error::{Error, Result};
use crate::plan::SandboxFile;

/// A tar archive holding `files` at their absolute paths (relative to `/`),
/// owned by root, with their modes.
pub fn tar_of(files: &[SandboxFile]) -> std::io::Result<Vec<u8>> {
    let mtime = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let mut builder = tar::Builder::new(Vec::new());
    for file in files {
        let mut header = tar::Header::new_gnu();
        header.set_size(file.contents.len() as u64);
        header.set_mode(file.mode);
        header.set_uid(0);
        header.set_gid(0);
        header.set_mtime(mtime);
        header.set_entry_type(tar::EntryType::Regular);
        builder.append_data(
            &mut header,
            file.path.trim_start_matches('/'),
            file.contents.as_slice(),
        )?;
    }
    builder.into_inner()
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_keep_their_path_mode_and_contents() {
        let files = [SandboxFile {
            path: "/sandbox/.runs/a/main.py".into(),
            contents: "print('é')".into(),
            mode: 0o755,
        }];
        let bytes = tar_of(&files).unwrap();
        let mut archive = tar::Archive::new(bytes.as_slice());
        let mut entry = archive.entries().unwrap().next().unwrap().unwrap();
        assert_eq!(
            entry.path().unwrap().to_str(),
            Some("sandbox/.runs/a/main.py")
        );
        assert_eq!(entry.header().mode().unwrap(), 0o755);
        let mut text = String::new();
        std::io::Read::read_to_string(&mut entry, &mut text).unwrap();
        assert_eq!(text, "print('é')");
    }
}
