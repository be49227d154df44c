//! Copying files between the host and a session's sandbox.

use std::path::Path;

use super::Session;
use crate::error::{Error, Result};

impl Session {
    /// Copy a host file or directory into the sandbox so that it becomes
    /// `dest`; a relative `dest` is relative to the work dir. Streams (large
    /// files are not held in memory).
    pub async fn copy_to_runtime(&self, source: &Path, dest: &str) -> Result<()> {
        self.ensure_open()?;
        let dest = self.absolute(dest)?;
        self.with_default_timeout(self.sandbox.copy_in(source, &dest))
            .await
    }

    /// Copy a file or directory out of the sandbox so that it becomes `dest`
    /// on the host (which must not exist yet). The sandbox's tree is hostile:
    /// entries that could escape `dest` — `..` or absolute names, links that
    /// reach outside alone or through other links, writes through links,
    /// hard links to anything but a file of the copy, device files and FIFOs —
    /// and copies beyond [`SessionConfig::copy_limits`](crate::SessionConfig)
    /// fail with [`Error::UnsafeArchive`], and then nothing is written (see
    /// [`crate::archive`]). Returns the number of entries copied.
    pub async fn copy_from_runtime(&self, source: &str, dest: &Path) -> Result<u64> {
        self.ensure_open()?;
        let source = self.absolute(source)?;
        let copy = self
            .sandbox
            .copy_out(&source, dest, &self.config.copy_limits);
        self.with_default_timeout(copy).await
    }

    fn absolute(&self, path: &str) -> Result<String> {
        if path.is_empty() || path.contains('\0') {
            return Err(Error::InvalidConfig(format!(
                "invalid sandbox path {path:?}"
            )));
        }
        Ok(if path.starts_with('/') {
            path.to_string()
        } else {
            format!("{}/{path}", self.config.workdir.trim_end_matches('/'))
        })
    }

    async fn with_default_timeout<T>(
        &self,
        work: impl std::future::Future<Output = Result<T>>,
    ) -> Result<T> {
        let result = match self.config.default_timeout {
            Some(limit) => tokio::time::timeout(limit, work)
                .await
                .map_err(|_| Error::Timeout {
                    timeout: limit,
                    stdout: String::new(),
                    stderr: String::new(),
                })?,
            None => work.await,
        };
        self.check_not_expired(result)
    }
}
