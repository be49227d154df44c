//! Trusting an extra CA bundle inside the sandbox.
//!
//! On networks that intercept TLS (corporate proxies, some CI machines),
//! package installs inside a sandbox fail unless the intercepting CA is
//! trusted there. A [`CaBundle`] is copied into the sandbox when it opens,
//! appended to the image's system store when that store is writable, and
//! combined with it into one bundle that the usual environment variables
//! point at (OpenSSL, Python requests and pip, Node and npm, curl, git).

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::plan::{SandboxFile, Step, StepKind};

/// Directory under the work dir holding the bundles (the work dir is
/// writable even when the root file system is read-only).
const DIR: &str = ".llm-sandbox/ca";

/// Appends the extra bundle to the system store (when writable) and builds the combined bundle.
const INSTALL_SCRIPT: &str = r#"sys=/etc/ssl/certs/ca-certificates.crt
if [ -f "$sys" ]; then
  cat "$sys" "$1" > "$2"
  if [ -w "$sys" ]; then cat "$1" >> "$sys"; fi
else
  cp "$1" "$2"
fi"#;

/// Environment variables that make common tools use the combined bundle.
const ENV_VARS: &[&str] = &[
    "SSL_CERT_FILE",
    "REQUESTS_CA_BUNDLE",
    "PIP_CERT",
    "CURL_CA_BUNDLE",
    "GIT_SSL_CAINFO",
    "NODE_EXTRA_CA_CERTS",
    "NPM_CONFIG_CAFILE",
];

/// A PEM bundle of CA certificates to trust inside sandboxes.
#[derive(Debug, Clone)]
pub struct CaBundle {
    pem: Vec<u8>,
    source: PathBuf,
    dir: String,
}

impl CaBundle {
    /// Read a PEM bundle (one or more `BEGIN CERTIFICATE` blocks) from
    /// `path`, for a sandbox whose work dir is `workdir`.
    pub fn from_file(path: &Path, workdir: &str) -> Result<Self> {
        let pem = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        if !pem
            .windows(b"-----BEGIN CERTIFICATE-----".len())
            .any(|w| w == b"-----BEGIN CERTIFICATE-----")
        {
            return Err(Error::InvalidConfig(format!(
                "CA bundle {} contains no PEM certificate (`-----BEGIN CERTIFICATE-----`)",
                path.display()
            )));
        }
        Ok(CaBundle {
            pem,
            source: path.to_path_buf(),
            dir: format!("{}/{DIR}", workdir.trim_end_matches('/')),
        })
    }

    /// Where the bundle was read from.
    pub fn source(&self) -> &Path {
        &self.source
    }

    /// Files to write into the sandbox.
    fn extra(&self) -> String {
        format!("{}/extra-ca.pem", self.dir)
    }

    fn combined(&self) -> String {
        format!("{}/ca-bundle.pem", self.dir)
    }

    pub(crate) fn files(&self) -> Vec<SandboxFile> {
        vec![SandboxFile {
            path: self.extra(),
            contents: self.pem.clone(),
            mode: 0o644,
        }]
    }

    /// The step that installs the bundle (run as root).
    pub(crate) fn install_step(&self) -> Step {
        Step {
            kind: StepKind::Setup,
            argv: [
                "sh",
                "-c",
                INSTALL_SCRIPT,
                "sh",
                &self.extra(),
                &self.combined(),
            ]
            .map(String::from)
            .to_vec(),
            workdir: Some(self.dir.clone()),
            env: vec![],
        }
    }

    /// Environment for every process in the sandbox.
    pub(crate) fn env(&self) -> Vec<(String, String)> {
        ENV_VARS
            .iter()
            .map(|k| ((*k).to_string(), self.combined()))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_without_certificates_is_refused_with_its_path() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("not-a-bundle.pem");
        std::fs::write(&path, "hello").unwrap();
        let err = CaBundle::from_file(&path, "/sandbox")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("not-a-bundle.pem") && err.contains("no PEM certificate"),
            "{err}"
        );
    }

    #[test]
    fn missing_file_names_the_path() {
        let err = CaBundle::from_file(Path::new("/nonexistent/ca.pem"), "/sandbox").unwrap_err();
        assert!(err.to_string().contains("/nonexistent/ca.pem"));
    }
}
