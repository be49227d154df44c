//! Security policies: static checks of the code before it runs.
//!
//! A policy is a Wasm plugin (the `security-policy` world). Before every run
//! and every package install, a session with policies asks the language
//! plugin for the code's imports and its comment-free text, asks every active
//! policy for findings, and — in [`PolicyMode::Enforce`] — refuses to run
//! anything when a finding reaches its policy's severity threshold
//! ([`crate::Error::PolicyViolation`]). In [`PolicyMode::Advisory`] the code
//! runs and the findings come back with the result.
//!
//! - [`SecurityPolicy`] is the model of the built-in `patterns` policy
//!   (regular expressions and restricted modules), serialized to TOML for it.
//! - [`SecurityPreset`] bundles a policy with container limits
//!   (development, production, strict, educational).
//! - [`PolicyChecker`] runs the checks; sessions use it, and so can tools
//!   that only check (`host check`).
//!
//! The model lives in `llm_sandbox_core::policy` and is re-exported here.
//! Policies fail closed: a policy or preset that cannot be built or written
//! is an error when a session or a check opens, never an empty rule set.
//!
//! Static checks are a second line: obfuscated code gets past them. The
//! container's limits are the boundary (see `docs/security.md`).

mod checker;

pub use checker::{CheckReport, PolicyChecker};
pub use llm_sandbox_core::policy::*;
