//! On-disk cache of precompiled plugin artifacts.
//!
//! Compiling a component with Cranelift takes from a few hundred milliseconds
//! to seconds; loading a precompiled artifact takes milliseconds. Artifacts
//! are keyed by the SHA-256 of the component and the engine's compatibility
//! hash (wasmtime version and settings), so a changed plugin or a new host
//! never loads a stale artifact. Writes are atomic (temp file + rename), so
//! concurrent hosts never see half-written files. A corrupt or incompatible
//! artifact is ignored and replaced.

use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};

use wasmtime::component::Component;
use wasmtime::{Engine, Precompiled};

/// The host's cache directory: `$LLM_SANDBOX_CACHE_DIR`, else
/// `$XDG_CACHE_HOME/llm-sandbox`, else `~/.cache/llm-sandbox`.
pub(crate) fn base_dir() -> Option<PathBuf> {
    std::env::var_os("LLM_SANDBOX_CACHE_DIR")
        .map(PathBuf::from)
        .or_else(|| {
            std::env::var_os("XDG_CACHE_HOME").map(|d| PathBuf::from(d).join("llm-sandbox"))
        })
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache/llm-sandbox")))
}

/// The default directory of precompiled plugins: `plugins` in [`base_dir`].
pub(crate) fn default_dir() -> Option<PathBuf> {
    Some(base_dir()?.join("plugins"))
}

fn artifact_path(dir: &Path, engine: &Engine, hash: &[u8; 32]) -> PathBuf {
    let mut hasher = DefaultHasher::new();
    engine.precompile_compatibility_hash().hash(&mut hasher);
    let hex: String = hash.iter().map(|b| format!("{b:02x}")).collect();
    dir.join(format!("{hex}-{:016x}.cwasm", hasher.finish()))
}

/// Load the precompiled artifact of `bytes` from `dir`, or compile and store it.
pub(crate) fn load_or_compile(
    engine: &Engine,
    dir: Option<&Path>,
    hash: &[u8; 32],
    bytes: &[u8],
) -> wasmtime::Result<Component> {
    let Some(dir) = dir else {
        return Component::new(engine, bytes);
    };
    let path = artifact_path(dir, engine, hash);
    if matches!(
        Engine::detect_precompiled_file(&path),
        Ok(Some(Precompiled::Component))
    ) {
        // SAFETY: the file is in the user's own cache directory, was written by
        // this code from `Component::serialize`, and its name binds it to the
        // component's hash and this engine's compatibility hash. wasmtime also
        // validates the header and version before using it.
        match unsafe { Component::deserialize_file(engine, &path) } {
            Ok(component) => {
                tracing::debug!(path = %path.display(), "loaded precompiled plugin");
                return Ok(component);
            }
            Err(e) => tracing::debug!(path = %path.display(), "ignoring unusable artifact: {e}"),
        }
    }
    let started = std::time::Instant::now();
    let component = Component::new(engine, bytes)?;
    tracing::debug!(elapsed = ?started.elapsed(), "compiled plugin");
    if let Err(e) = store(&path, &component) {
        // The cache is an optimisation; a read-only home must not break runs.
        tracing::debug!(path = %path.display(), "could not cache the compiled plugin: {e}");
    }
    Ok(component)
}

fn store(path: &Path, component: &Component) -> wasmtime::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let tmp = dir.join(format!(
        ".{}.{}.tmp",
        path.file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("artifact"),
        std::process::id()
    ));
    std::fs::write(&tmp, component.serialize()?)?;
    std::fs::rename(&tmp, path)?;
    Ok(())
}
