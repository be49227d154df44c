//! The error type of the core crate.

use std::path::PathBuf;

/// Result alias of the core crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What can go wrong in the data model: a configuration that does not parse
/// or validate, an archive that is refused, a host file that cannot be used.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Invalid configuration (runtime config, policy, preset); the message
    /// names the key or value and what is allowed.
    #[error("{0}")]
    InvalidConfig(String),

    /// An archive copied out of a sandbox was refused: an entry could escape
    /// the destination, is of a kind that is never copied, or a limit was
    /// reached. Nothing was written at the destination.
    #[error("refusing to copy out of the sandbox: {0}")]
    UnsafeArchive(String),

    /// A file on the host could not be read or written.
    #[error("{}: {source}", path.display())]
    Io {
        /// The path involved.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
}

impl Error {
    /// An I/O error about `path`.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}
