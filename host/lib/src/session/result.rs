//! What a run returns.

use std::time::Duration;

use serde::Serialize;

use super::config::OutputEncoding;
use crate::artifacts::Artifact;
use crate::backend::ExecOutput;
use crate::error::{Error, Result};
use crate::plan::StepKind;
use crate::policy::Finding;

/// The result of a run or command.
#[derive(Debug, Clone, Default, Serialize)]
pub struct RunResult {
    /// Exit code of the last step executed (the first that failed, if any);
    /// 128 + N when killed by signal N (137 for SIGKILL).
    pub exit_code: i64,
    /// Standard output of all steps (decoded per [`OutputEncoding`]).
    pub stdout: String,
    /// Standard error of all steps.
    pub stderr: String,
    /// Whether output was cut at the output limit.
    pub truncated: bool,
    /// The kind of step that failed, if one did (`compile` for compile errors).
    pub failed_step: Option<StepKind>,
    /// Wall-clock time of the whole run, in seconds.
    #[serde(rename = "duration_secs", serialize_with = "as_secs")]
    pub duration: Duration,
    /// What the session's security policies found in the code. When
    /// policies are enforced these never block (a blocking finding stops the
    /// run before it starts); in advisory mode they may.
    pub findings: Vec<Finding>,
    /// Interactive sessions: the printed form of the cell's trailing
    /// expression (Python's `repr`, R's `print`, Node's `util.inspect`), when
    /// it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// Interactive sessions: what the cell raised (`exit_code` is then 1,
    /// or 124 when the cell ran out of time and was interrupted).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<CellError>,
    /// Interactive sessions: the kernel had to be restarted (the cell could
    /// not be interrupted, or it ended the kernel), so what earlier cells
    /// defined is gone.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub state_lost: bool,
    /// With [`crate::SessionConfig::artifacts`]: the run's plots (in the
    /// order it showed them) and files (by name). Their bytes are not
    /// serialised.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub artifacts: Vec<Artifact>,
    /// What of the artifacts was refused (links, paths that climb) or left
    /// out (beyond the caps), one line each.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub artifact_notes: Vec<String>,
}

/// An error a cell raised, as its language describes it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct CellError {
    /// The error's type (`ZeroDivisionError`, `TypeError`, `simpleError`).
    pub name: String,
    /// Its message.
    pub value: String,
    /// The traceback, as the language prints it (may be empty).
    #[serde(default)]
    pub traceback: String,
}

fn as_secs<S: serde::Serializer>(d: &Duration, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_f64(d.as_secs_f64())
}

impl RunResult {
    /// Whether every step exited with 0.
    pub fn success(&self) -> bool {
        self.exit_code == 0
    }

    /// Add the output of one step.
    pub(crate) fn append(
        &mut self,
        kind: StepKind,
        out: &ExecOutput,
        encoding: OutputEncoding,
    ) -> Result<()> {
        self.exit_code = out.exit_code;
        self.stdout
            .push_str(&decode(&out.stdout, encoding, "stdout")?);
        self.stderr
            .push_str(&decode(&out.stderr, encoding, "stderr")?);
        self.truncated |= out.truncated;
        if out.exit_code != 0 {
            self.failed_step = Some(kind);
        }
        Ok(())
    }
}

/// Decode program output per `encoding`.
pub(crate) fn decode(bytes: &[u8], encoding: OutputEncoding, stream: &str) -> Result<String> {
    match (std::str::from_utf8(bytes), encoding) {
        (Ok(text), _) => Ok(text.to_string()),
        (Err(_), OutputEncoding::Lossy) => Ok(String::from_utf8_lossy(bytes).into_owned()),
        (Err(e), OutputEncoding::Strict) => Err(Error::InvalidOutput {
            stream: stream.to_string(),
            offset: e.valid_up_to(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_is_replaced_or_refused() {
        let bytes = b"ok \xff\xfe end";
        assert_eq!(
            decode(bytes, OutputEncoding::Lossy, "stdout").unwrap(),
            "ok \u{fffd}\u{fffd} end"
        );
        let err = decode(bytes, OutputEncoding::Strict, "stdout").unwrap_err();
        assert!(
            matches!(err, Error::InvalidOutput { offset: 3, .. }),
            "{err:?}"
        );
    }
}
