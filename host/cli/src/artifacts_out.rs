//! Artifacts on the command line: the flags that capture them, writing
//! them to a directory, and listing them in JSON.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use base64::Engine;
use clap::Args;
use llm_sandbox_host::RunResult;
use llm_sandbox_host::artifacts::{Artifact, ArtifactKind, ArtifactOptions, PlotFormat};

#[derive(Args, Debug, Default)]
pub struct ArtifactArgs {
    /// Capture the plots the program shows and the files it writes to
    /// $LLM_SANDBOX_ARTIFACTS, and write them to DIR (plots as
    /// plot-0001.png…, files under files/). DIR may exist but must not hold
    /// files of the same names.
    #[arg(long, value_name = "DIR")]
    pub artifacts: Option<PathBuf>,

    /// Plot format: png (default), svg or pdf; repeatable.
    #[arg(long = "plot-format", value_name = "FORMAT")]
    pub plot_formats: Vec<String>,

    /// Resolution of PNG plots.
    #[arg(long, value_name = "N", default_value_t = 100)]
    pub dpi: u32,

    /// With --json: capture artifacts and include their bytes, base64-encoded.
    #[arg(long)]
    pub artifacts_base64: bool,
}

impl ArtifactArgs {
    /// What to capture, if anything.
    pub fn options(&self) -> anyhow::Result<Option<ArtifactOptions>> {
        if self.artifacts.is_none() && !self.artifacts_base64 {
            if !self.plot_formats.is_empty() {
                bail!("--plot-format needs --artifacts DIR (or --json --artifacts-base64)");
            }
            return Ok(None);
        }
        let mut formats = Vec::new();
        for name in &self.plot_formats {
            let format = PlotFormat::parse(name)
                .with_context(|| format!("--plot-format {name}: use png, svg or pdf"))?;
            if !formats.contains(&format) {
                formats.push(format);
            }
        }
        if formats.is_empty() {
            formats.push(PlotFormat::Png);
        }
        if self.dpi == 0 || self.dpi > 2400 {
            bail!("--dpi {}: use a resolution between 1 and 2400", self.dpi);
        }
        Ok(Some(ArtifactOptions {
            plot_formats: formats,
            dpi: self.dpi,
            ..ArtifactOptions::default()
        }))
    }

    /// Write a result's artifacts to the --artifacts directory (names start
    /// with `prefix`), and say what was refused or left out on stderr.
    /// Returns where each artifact went.
    pub fn write(&self, result: &RunResult, prefix: &str) -> anyhow::Result<Vec<PathBuf>> {
        for note in &result.artifact_notes {
            eprintln!("host: artifacts: {note}");
        }
        let Some(dir) = &self.artifacts else {
            return Ok(Vec::new());
        };
        std::fs::create_dir_all(dir)
            .with_context(|| format!("cannot create the artifacts directory {}", dir.display()))?;
        result
            .artifacts
            .iter()
            .map(|artifact| write_one(dir, prefix, artifact))
            .collect()
    }
}

/// Where an artifact goes below `dir`.
fn target(dir: &Path, prefix: &str, artifact: &Artifact) -> PathBuf {
    match artifact.kind {
        ArtifactKind::Plot => dir.join(format!("{prefix}plot-{}", artifact.name)),
        ArtifactKind::File => dir.join(format!("{prefix}files")).join(&artifact.name),
    }
}

fn write_one(dir: &Path, prefix: &str, artifact: &Artifact) -> anyhow::Result<PathBuf> {
    let path = target(dir, prefix, artifact);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("cannot create {}", parent.display()))?;
    }
    // Never over what is there (the caller's files, or a link).
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .with_context(|| {
            format!(
                "cannot write the artifact {} (it exists? pick an empty --artifacts directory)",
                path.display()
            )
        })?;
    file.write_all(&artifact.bytes)
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(path)
}

/// A result as JSON, its artifacts with where they were written and, when
/// asked, their bytes in base64.
pub fn result_json(
    result: &RunResult,
    written: &[PathBuf],
    base64: bool,
) -> anyhow::Result<serde_json::Value> {
    let mut value = serde_json::to_value(result)?;
    if let Some(list) = value.get_mut("artifacts").and_then(|a| a.as_array_mut()) {
        for (i, entry) in list.iter_mut().enumerate() {
            if let Some(path) = written.get(i) {
                entry["path"] = path.display().to_string().into();
            }
            if base64 {
                let bytes = &result.artifacts[i].bytes;
                entry["base64"] = base64::engine::general_purpose::STANDARD
                    .encode(bytes)
                    .into();
            }
        }
    }
    Ok(value)
}
