//! A run's artifacts seen from the session: the directory the run (or an
//! interactive kernel) writes them in, and collecting it in one transfer.
//!
//! `<workdir>/.artifacts/<run-id>/plots` is where the language plugin
//! captures plots, `<workdir>/.artifacts/<run-id>/files` is the program's
//! `LLM_SANDBOX_ARTIFACTS`. After the run, the host reads one tar of the
//! whole directory ([`crate::Sandbox::archive_out`]), bounded, and takes the
//! plots and files from it in memory (`llm_sandbox_core::artifacts`).

use std::time::Duration;

use futures_util::StreamExt;

use crate::artifacts::{ArtifactOptions, Collected, archive_budget, collect};
use crate::backend::{ExecSpec, Sandbox};
use crate::error::{Error, Result};
use crate::plugin::PlotCapture;

/// The environment variable that names a run's files directory.
pub const ARTIFACTS_VAR: &str = "LLM_SANDBOX_ARTIFACTS";

/// Where one run (or one kernel) keeps its artifacts.
#[derive(Debug, Clone)]
pub(super) struct ArtifactDir {
    dir: String,
    options: ArtifactOptions,
}

impl ArtifactDir {
    /// The directory of run `name` (a run id, or `kernel`) in `workdir`.
    pub(super) fn new(options: &ArtifactOptions, workdir: &str, name: &str) -> Self {
        ArtifactDir {
            dir: format!("{}/.artifacts/{name}", workdir.trim_end_matches('/')),
            options: options.clone(),
        }
    }

    fn plots_dir(&self) -> String {
        format!("{}/plots", self.dir)
    }

    fn files_dir(&self) -> String {
        format!("{}/files", self.dir)
    }

    /// What the language plugin is asked to capture plots with.
    pub(super) fn plots(&self) -> Option<PlotCapture> {
        self.options.plots.then(|| PlotCapture {
            dir: self.plots_dir(),
            formats: self.options.plot_formats.clone(),
            dpi: self.options.dpi,
        })
    }

    /// The variable that gives the program its files directory.
    pub(super) fn env(&self) -> Option<(String, String)> {
        self.options
            .files
            .then(|| (ARTIFACTS_VAR.to_string(), self.files_dir()))
    }

    /// A step that (re)makes the directories, empty.
    pub(super) fn prepare(&self) -> ExecSpec {
        let script = r#"rm -rf "$1" && mkdir -p "$1/plots" "$1/files""#;
        ExecSpec {
            timeout: Some(Duration::from_secs(30)),
            ..ExecSpec::new(["sh", "-c", script, "sh", &self.dir])
        }
    }

    /// Run [`ArtifactDir::prepare`] on its own: make the directories, or
    /// empty them (between an interactive kernel's cells).
    pub(super) async fn reset(&self, sandbox: &dyn Sandbox) -> Result<()> {
        let out = sandbox.exec(self.prepare()).await?;
        if out.exit_code != 0 {
            return Err(Error::in_sandbox(
                format!("(re)make the artifacts directory {}", self.dir),
                &out.stderr,
            ));
        }
        Ok(())
    }

    /// Read the directory out of the sandbox and take its artifacts. A
    /// directory that cannot be read (the program removed it) is a note,
    /// not a failure of the run.
    pub(super) async fn collect(&self, sandbox: &dyn Sandbox) -> Collected {
        if self.holds_nothing(sandbox).await {
            return Collected::default();
        }
        let budget = archive_budget(&self.options);
        let mut stream = match sandbox.archive_out(&self.dir).await {
            Ok(stream) => stream,
            Err(e) => return unreadable(e.to_string()),
        };
        let mut archive = Vec::new();
        let mut cut = false;
        while let Some(chunk) = stream.next().await {
            match chunk {
                Ok(bytes) => {
                    archive.extend_from_slice(&bytes);
                    if archive.len() as u64 > budget {
                        archive.truncate(budget as usize);
                        cut = true;
                        break;
                    }
                }
                Err(e) if archive.is_empty() => return unreadable(e.to_string()),
                Err(_) => break,
            }
        }
        drop(stream);
        let options = self.options.clone();
        tokio::task::spawn_blocking(move || collect(&archive, cut, &options))
            .await
            .unwrap_or_else(|e| unreadable(format!("the collection failed: {e}")))
    }

    /// Whether the run left nothing to collect (most runs): one step through
    /// the runner is much cheaper than an archive over an exec. Anything
    /// but a clear "nothing" (the program removed the directory) leaves the
    /// answer to the archive.
    async fn holds_nothing(&self, sandbox: &dyn Sandbox) -> bool {
        let script = r#"find "$1/plots" "$1/files" -mindepth 1 ! -type d -print -quit"#;
        let spec = ExecSpec {
            timeout: Some(Duration::from_secs(30)),
            ..ExecSpec::new(["sh", "-c", script, "sh", &self.dir])
        };
        matches!(sandbox.exec(spec).await, Ok(out) if out.exit_code == 0 && out.stdout.is_empty())
    }

    /// Remove the run's directory (its artifacts were collected; a long
    /// session should not keep them all). A failure is only logged.
    pub(super) async fn discard(&self, sandbox: &dyn Sandbox) {
        let spec = ExecSpec {
            timeout: Some(Duration::from_secs(60)),
            ..ExecSpec::new(["rm", "-rf", &self.dir])
        };
        match sandbox.exec(spec).await {
            Ok(out) if out.exit_code == 0 => {}
            Ok(out) => tracing::debug!(
                "could not remove a run's artifacts: {}",
                String::from_utf8_lossy(&out.stderr)
            ),
            Err(e) => tracing::debug!("could not remove a run's artifacts: {e}"),
        }
    }
}

fn unreadable(reason: String) -> Collected {
    Collected {
        artifacts: Vec::new(),
        notes: vec![format!(
            "the artifacts directory could not be read: {reason}"
        )],
    }
}
