//! Tar archives of the files a plan writes into a sandbox (small, in memory;
//! large copies are streamed by [`super::transfer`]).

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
