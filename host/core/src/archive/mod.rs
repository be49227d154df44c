//! Tar archives between the host and a sandbox.
//!
//! Going in ([`tar_of`], [`tar_stream`]) is simple: the host builds the
//! archive. Coming out ([`extract`], [`extract_stream`]) is not: the archive
//! is made inside, or from, a sandbox that runs hostile code, so every byte of
//! it is treated as hostile. The extractor guarantees, whatever the archive
//! holds:
//!
//! - no write ever follows a link: each entry is created beneath the staging
//!   directory by `*at` calls with `O_NOFOLLOW` on every path component, and
//!   an entry whose parent is a link or a file (`top/sub -> ..`, then
//!   `top/sub/x`) is refused;
//! - every symbolic link is checked against the tree as it will exist once
//!   extracted, following the archive's other links physically (a chain such
//!   as `b/c -> ../..` with `d -> b/c/..` is caught, not each link lexically
//!   on its own); a link may not reach above the destination, nor be absolute;
//! - hard links only to regular files extracted earlier from the same archive;
//! - device files, FIFOs, sockets and sparse entries are refused;
//! - entries, bytes, and the metadata read between entries are capped
//!   ([`ExtractLimits`]);
//! - a refusal writes nothing at the destination: the archive is extracted
//!   into a private staging directory beside it, which is renamed into place
//!   (never over an existing path) only when every entry and link passed.
//!
//! Every backend's copy-out and every artifact goes through this module.

mod beneath;
mod build;
mod extract;
mod tree;

pub use build::{tar_of, tar_stream};
pub use extract::{ExtractLimits, extract, extract_stream};
