//! The runner binary the host carries, and how it gets into a sandbox.

use std::path::PathBuf;
use std::sync::OnceLock;

include!(concat!(env!("OUT_DIR"), "/runner_binary.rs"));

/// Where the runner is inside every sandbox (bind-mounted read-only, or
/// copied in).
pub const SANDBOX_PATH: &str = "/.llm-sandbox/llm-sandbox-runner";

/// Where it is copied when the root file system cannot take it (read-only
/// roots with a user other than root).
pub(crate) const FALLBACK_PATH: &str = "/tmp/.llm-sandbox/llm-sandbox-runner";

/// The runner's bytes.
pub(crate) fn bytes() -> &'static [u8] {
    RUNNER_BINARY
}

/// A copy of the runner on the host's disk, for engines that can
/// bind-mount it: `<cache>/runner/<hash>/llm-sandbox-runner`, written once
/// (atomically) and checked against the embedded bytes. `None` when it
/// cannot be written (the runner is then copied into each sandbox).
pub(crate) fn host_copy() -> Option<PathBuf> {
    static COPY: OnceLock<Option<PathBuf>> = OnceLock::new();
    COPY.get_or_init(|| match write_host_copy() {
        Ok(path) => Some(path),
        Err(e) => {
            tracing::debug!("cannot keep the runner on disk for bind mounts ({e}); copying it in");
            None
        }
    })
    .clone()
}

fn write_host_copy() -> std::io::Result<PathBuf> {
    use sha2::{Digest, Sha256};
    use std::os::unix::fs::PermissionsExt;
    let base = crate::plugin::cache_base_dir()
        .ok_or_else(|| std::io::Error::other("no cache directory (set LLM_SANDBOX_CACHE_DIR)"))?;
    let hash: String = Sha256::digest(RUNNER_BINARY)[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let dir = base.join("runner").join(hash);
    let path = dir.join("llm-sandbox-runner");
    if std::fs::read(&path).is_ok_and(|existing| existing == RUNNER_BINARY) {
        return Ok(path);
    }
    std::fs::create_dir_all(&dir)?;
    // The engine reads it, perhaps as another user: world-readable.
    for step in [base.join("runner"), dir.clone()] {
        std::fs::set_permissions(&step, std::fs::Permissions::from_mode(0o755))?;
    }
    let temp = tempfile::NamedTempFile::new_in(&dir)?;
    std::fs::write(temp.path(), RUNNER_BINARY)?;
    std::fs::set_permissions(temp.path(), std::fs::Permissions::from_mode(0o755))?;
    temp.persist(&path).map_err(|e| e.error)?;
    Ok(path)
}
