//! Writing the files of a write request, as the runner's user.

use std::io::Write;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
use std::path::Path;

use llm_sandbox_runner::FileHeader;

/// Write every file (parents created, mode applied); stop at the first
/// failure and say which file and why.
pub fn write_all(files: &[FileHeader], contents: &[&[u8]]) -> Result<(), String> {
    for (file, bytes) in files.iter().zip(contents) {
        write_one(file, bytes).map_err(|e| format!("cannot write {}: {e}", file.path))?;
    }
    Ok(())
}

fn write_one(file: &FileHeader, bytes: &[u8]) -> std::io::Result<()> {
    let path = Path::new(&file.path);
    if !path.is_absolute() {
        return Err(std::io::Error::other("the path is not absolute"));
    }
    let mode = file.mode & 0o777;
    if let Some(parent) = path.parent() {
        std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o755)
            .create(parent)?;
    }
    let mut out = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(mode)
        .open(path)?;
    out.write_all(bytes)?;
    // An existing file keeps its old mode through open(); set it.
    out.set_permissions(std::fs::Permissions::from_mode(mode))
}
