//! The data model of the llm-sandbox host, with no engine and no Wasm
//! runtime in it: what the host library, its backends and its fuzzers share.
//!
//! - [`plan`] — what a language plugin asks the host to do (files to write,
//!   steps to run) and its validation: plugins are untrusted.
//! - [`runtime_config`] — the seed's runtime-config keys (limits, network,
//!   users, mounts), typed and engine-neutral; each backend maps them.
//! - [`policy`] — security policies and presets as data; the host library
//!   runs them with the policy plugins.
//! - [`artifacts`] — the plots and files a run returns, taken from a
//!   hostile archive in memory, bounded, without links.
//! - [`archive`] — tar streams into sandboxes, and extraction of archives
//!   coming out of them that cannot write, or leave a link, outside the
//!   destination.
//!
//! Applications use these types through the host library
//! (`llm_sandbox_host`), which re-exports them.

pub mod archive;
pub mod artifacts;
mod error;
pub mod plan;
pub mod policy;
pub mod runtime_config;

pub use error::{Error, Result};
