//! Writing a security policy plugin.
//!
//! A policy is a plain Rust type implementing [`PolicyPlugin`], exported with
//! [`crate::export_policy!`] from a `cdylib` crate built for `wasm32-wasip2`:
//!
//! ```ignore
//! use llm_sandbox_sdk::policy::*;
//!
//! struct NoSockets;
//!
//! impl PolicyPlugin for NoSockets {
//!     fn describe() -> PolicyInfo { /* name, version, description */ }
//!     fn configure(config: String) -> Result<PolicySettings, String> { /* parse, say the threshold */ }
//!     fn check(config: String, request: CheckRequest) -> Result<Vec<Finding>, String> {
//!         Ok(request
//!             .imports
//!             .iter()
//!             .filter(|i| module_matches(&i.module, "socket"))
//!             .map(|i| Finding::new("no-sockets", "opens network sockets", Severity::High).at(i.line, i.column))
//!             .collect())
//!     }
//! }
//!
//! llm_sandbox_sdk::export_policy!(NoSockets);
//! ```
//!
//! The host calls `configure` once when a session opens (so a bad
//! configuration fails before any sandbox exists), then `check` before every
//! run and package install. Checks of one configuration may share an
//! instance (each call gets a fresh instruction budget): caching what you
//! build from the configuration, keyed by it, makes every check after the
//! first cheaper; nothing else should depend on state between calls.

/// Raw bindings of the `security-policy` world. The shared types and the
/// logging import are those of [`crate::bindings`].
#[allow(missing_docs, clippy::all)]
pub mod bindings {
    wit_bindgen::generate!({
        world: "security-policy",
        path: "../wit",
        pub_export_macro: true,
        export_macro_name: "export_security_policy",
        default_bindings_module: "llm_sandbox_sdk::policy::bindings",
        with: {
            "llm-sandbox:plugin/types@0.3.0": crate::bindings::llm_sandbox::plugin::types,
            "llm-sandbox:plugin/log@0.3.0": crate::bindings::llm_sandbox::plugin::log,
        },
    });
}

pub use crate::ImportedModule;
pub use bindings::exports::llm_sandbox::plugin::policy::{
    CheckRequest, Finding, PolicyInfo, PolicySettings, Severity,
};

/// A security policy written as plain Rust. Export it with [`crate::export_policy!`].
pub trait PolicyPlugin {
    /// Who the policy is.
    fn describe() -> PolicyInfo;

    /// Check `config` and say which severity blocks a run under it. The error
    /// is shown to the user as is: say what is wrong and where.
    fn configure(config: String) -> Result<PolicySettings, String>;

    /// Every finding in `request` under `config`, whatever its severity.
    fn check(config: String, request: CheckRequest) -> Result<Vec<Finding>, String>;
}

/// Export a [`PolicyPlugin`] implementation as the plugin's component exports.
///
/// Use it once, at the crate root of a `cdylib` crate built for `wasm32-wasip2`.
#[macro_export]
macro_rules! export_policy {
    ($ty:ident) => {
        impl $crate::policy::bindings::exports::llm_sandbox::plugin::policy::Guest for $ty {
            fn describe() -> $crate::policy::PolicyInfo {
                <$ty as $crate::policy::PolicyPlugin>::describe()
            }
            fn configure(config: String) -> Result<$crate::policy::PolicySettings, String> {
                <$ty as $crate::policy::PolicyPlugin>::configure(config)
            }
            fn check(
                config: String,
                request: $crate::policy::CheckRequest,
            ) -> Result<Vec<$crate::policy::Finding>, String> {
                <$ty as $crate::policy::PolicyPlugin>::check(config, request)
            }
        }
        // Only a wasm build exports the component ABI; native builds (unit
        // tests of the plugin) just get the trait impl.
        #[cfg(target_arch = "wasm32")]
        $crate::policy::bindings::export_security_policy!($ty with_types_in $crate::policy::bindings);
    };
}

impl Finding {
    /// A finding of `rule` with no place in the code (add one with [`Finding::at`]).
    pub fn new(
        rule: impl Into<String>,
        description: impl Into<String>,
        severity: Severity,
    ) -> Self {
        Finding {
            rule: rule.into(),
            description: description.into(),
            severity,
            line: None,
            column: None,
        }
    }

    /// The same finding at `line` and `column` (both 1-based).
    pub fn at(mut self, line: u32, column: u32) -> Self {
        self.line = Some(line);
        self.column = Some(column);
        self
    }
}

impl Severity {
    /// Parse `safe`, `low`, `medium` or `high` (case-insensitive).
    pub fn parse(text: &str) -> Option<Severity> {
        match text.trim().to_ascii_lowercase().as_str() {
            "safe" => Some(Severity::Safe),
            "low" => Some(Severity::Low),
            "medium" => Some(Severity::Medium),
            "high" => Some(Severity::High),
            _ => None,
        }
    }

    /// The severity's rank: safe 0, low 1, medium 2, high 3.
    pub fn rank(self) -> u8 {
        match self {
            Severity::Safe => 0,
            Severity::Low => 1,
            Severity::Medium => 2,
            Severity::High => 3,
        }
    }
}

/// Whether the imported module `imported` is the module `name` or inside it.
///
/// `os` matches `os`, `os.path` and `os/exec`-style children (`.`, `/`, `::`
/// separators), never `osmnx`; a `node:` scheme is ignored (`node:fs` is
/// `fs`); a C/C++ header matches with or without its angle brackets.
pub fn module_matches(imported: &str, name: &str) -> bool {
    let imported = imported
        .trim()
        .trim_matches(|c| c == '<' || c == '>' || c == '"');
    let imported = imported.strip_prefix("node:").unwrap_or(imported);
    let name = name.trim();
    if name.is_empty() {
        return false;
    }
    match imported.strip_prefix(name) {
        Some("") => true,
        Some(rest) => rest.starts_with('.') || rest.starts_with('/') || rest.starts_with("::"),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modules_match_themselves_and_their_children_only() {
        assert!(module_matches("os", "os"));
        assert!(module_matches("os.path", "os"));
        assert!(module_matches("node:child_process", "child_process"));
        assert!(module_matches("sys/socket.h", "sys/socket.h"));
        assert!(module_matches("<sys/socket.h>", "sys/socket.h"));
        assert!(module_matches("net/http", "net"));
        assert!(module_matches("std::fs", "std"));
        assert!(!module_matches("osmnx", "os"));
        assert!(!module_matches("os", "os.path"));
        assert!(!module_matches("sys/socket.hpp", "sys/socket.h"));
        assert!(!module_matches("anything", ""));
    }

    #[test]
    fn severities_parse_and_rank_in_order() {
        assert_eq!(Severity::parse(" High "), Some(Severity::High));
        assert_eq!(Severity::parse("critical"), None);
        assert!(Severity::Safe.rank() < Severity::Low.rank());
        assert!(Severity::Medium.rank() < Severity::High.rank());
    }
}
