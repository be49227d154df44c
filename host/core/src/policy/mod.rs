//! Security policies: static checks of the code before it runs.
//!
//! A policy is a Wasm plugin (the `security-policy` world). Before every run
//! and every package install, a session with policies asks the language
//! plugin for the code's imports and its comment-free text, asks every active
//! policy for findings, and — in [`PolicyMode::Enforce`] — refuses to run
//! anything when a finding reaches its policy's severity threshold
//! (the host library's `Error::PolicyViolation`). In [`PolicyMode::Advisory`] the code
//! runs and the findings come back with the result.
//!
//! - [`SecurityPolicy`] is the model of the built-in `patterns` policy
//!   (regular expressions and restricted modules), serialized to TOML for it.
//! - [`SecurityPreset`] bundles a policy with container limits
//!   (development, production, strict, educational).
//! - The host library's `PolicyChecker` runs the checks with the plugins;
//!   this module only holds the model.
//!
//! Static checks are a second line: obfuscated code gets past them. The
//! container's limits are the boundary (see `docs/security.md`).

mod patterns;
mod presets;

pub use patterns::{RestrictedModule, RestrictedPackage, SecurityPattern, SecurityPolicy};
pub use presets::SecurityPreset;

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// How serious a finding is, from least to most.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Informational.
    Safe,
    /// Worth knowing (file system, environment).
    Low,
    /// Risky (network, dynamic code).
    #[default]
    Medium,
    /// Dangerous (process execution, native code).
    High,
}

impl Severity {
    /// Every severity, least first.
    pub const ALL: [Severity; 4] = [
        Severity::Safe,
        Severity::Low,
        Severity::Medium,
        Severity::High,
    ];

    /// The lower-case name (`medium`).
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Safe => "safe",
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Severity {
    type Err = crate::Error;
    fn from_str(s: &str) -> crate::Result<Severity> {
        Severity::ALL
            .into_iter()
            .find(|v| v.as_str().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| {
                crate::Error::InvalidConfig(format!(
                    "`{s}` is not a severity; use safe, low, medium or high"
                ))
            })
    }
}

/// One thing a policy found in the code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The policy that reported it.
    pub policy: String,
    /// The rule's stable identifier (`module:subprocess`).
    pub rule: String,
    /// What was found, for people.
    pub description: String,
    /// How serious it is.
    pub severity: Severity,
    /// 1-based line, when it has a place in the code.
    pub line: Option<u32>,
    /// 1-based column (characters), when it has a place in the code.
    pub column: Option<u32>,
    /// Whether it reaches its policy's threshold (it blocks the run when
    /// policies are enforced).
    pub blocking: bool,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column) {
            (Some(line), Some(column)) => write!(f, "{line}:{column}: ")?,
            (Some(line), None) => write!(f, "{line}: ")?,
            _ => {}
        }
        write!(
            f,
            "{} {}: {} [{}]",
            self.severity, self.rule, self.description, self.policy
        )
    }
}

/// What a session does with findings that reach a threshold.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PolicyMode {
    /// Refuse to run: nothing executes, the error lists the findings.
    #[default]
    Enforce,
    /// Run anyway and return the findings with the result.
    Advisory,
}

/// A policy to apply in a session: which plugin, its configuration, and
/// optionally a threshold that overrides the one its configuration implies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyConfig {
    /// The policy plugin's name (`patterns` for the built-in one).
    pub plugin: String,
    /// The configuration handed to the plugin (TOML for `patterns`).
    pub config: String,
    /// Block at this severity instead of the configuration's own threshold.
    pub threshold: Option<Severity>,
    /// Why this configuration could not be built (a policy that does not
    /// serialise). A session or a check given it fails before anything runs:
    /// policies fail closed, never as an empty rule set.
    pub unusable: Option<String>,
}

impl PolicyConfig {
    /// The policy plugin `plugin` with configuration `config`.
    pub fn new(plugin: impl Into<String>, config: impl Into<String>) -> Self {
        PolicyConfig {
            plugin: plugin.into(),
            config: config.into(),
            threshold: None,
            unusable: None,
        }
    }
}

impl From<SecurityPolicy> for PolicyConfig {
    fn from(policy: SecurityPolicy) -> PolicyConfig {
        PolicyConfig::from(&policy)
    }
}

impl From<&SecurityPolicy> for PolicyConfig {
    fn from(policy: &SecurityPolicy) -> PolicyConfig {
        match policy.to_toml() {
            Ok(text) => PolicyConfig::new(SecurityPolicy::PLUGIN, text),
            Err(e) => PolicyConfig {
                unusable: Some(e.to_string()),
                ..PolicyConfig::new(SecurityPolicy::PLUGIN, "")
            },
        }
    }
}

/// The message of a refused run: the blocking findings, one per line.
pub fn blocked_message(findings: &[Finding]) -> String {
    let blocking: Vec<&Finding> = findings.iter().filter(|f| f.blocking).collect();
    let mut text = format!(
        "blocked by security policy ({} finding{} at or above the threshold; nothing was run):",
        blocking.len(),
        if blocking.len() == 1 { "" } else { "s" }
    );
    for finding in blocking {
        text.push_str("\n  ");
        text.push_str(&finding.to_string());
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn severities_order_parse_and_print() {
        assert!(Severity::Safe < Severity::Low && Severity::Medium < Severity::High);
        assert_eq!("HIGH".parse::<Severity>().unwrap(), Severity::High);
        let err = "critical".parse::<Severity>().unwrap_err().to_string();
        assert!(err.contains("safe, low, medium or high"), "{err}");
        assert_eq!(Severity::Low.to_string(), "low");
    }

    #[test]
    fn the_blocked_message_lists_only_blocking_findings_with_places() {
        let finding = |rule: &str, blocking, line| Finding {
            policy: "patterns".into(),
            rule: rule.into(),
            description: "Process execution".into(),
            severity: Severity::High,
            line,
            column: line.map(|_| 1),
            blocking,
        };
        let text = blocked_message(&[
            finding("module:subprocess", true, Some(3)),
            finding("module:os", false, Some(1)),
            finding("package:x", true, None),
        ]);
        assert!(text.contains("2 findings"), "{text}");
        assert!(
            text.contains("3:1: high module:subprocess: Process execution [patterns]"),
            "{text}"
        );
        assert!(text.contains("\n  high package:x"), "{text}");
        assert!(!text.contains("module:os"), "{text}");
    }
}
