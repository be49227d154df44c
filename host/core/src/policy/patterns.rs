//! The model of the built-in `patterns` policy.
//!
//! The names are those users know from the Python llm-sandbox
//! (`SecurityPolicy`, `SecurityPattern`, `RestrictedModule`,
//! `severity_threshold`); every rule may be limited to some languages, and
//! packages can be restricted too. The policy travels to its plugin as TOML:
//!
//! ```toml
//! severity_threshold = "medium"
//!
//! [[patterns]]
//! pattern = 'os\.system\s*\('
//! description = "Runs a shell command"
//! severity = "high"
//! languages = ["python"]
//!
//! [[restricted_modules]]
//! name = "subprocess"
//! description = "Process execution"
//! severity = "high"
//! languages = ["python"]
//! ```
//!
//! Patterns are matched against the code with its comments blanked out;
//! restricted modules against the imports the language plugin detects (so a
//! module named in a comment or a string is never a finding).

use serde::{Deserialize, Serialize};

use super::Severity;
use crate::error::{Error, Result};

/// A regular expression that is a finding wherever it matches.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SecurityPattern {
    /// The regular expression (Rust `regex` syntax, multi-line mode).
    pub pattern: String,
    /// What a match means, for people.
    pub description: String,
    /// How serious a match is.
    pub severity: Severity,
    /// Languages it applies to (canonical names); empty = every language.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub languages: Vec<String>,
    /// A stable rule id; default `pattern:<pattern>`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
}

/// A module whose import is a finding (`os` also covers `os.path`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RestrictedModule {
    /// The module, as imported (`subprocess`, `child_process`, `sys/socket.h`).
    pub name: String,
    /// Why it is restricted.
    pub description: String,
    /// How serious importing it is.
    pub severity: Severity,
    /// Languages it applies to; empty = every language.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub languages: Vec<String>,
}

/// A package whose installation is a finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RestrictedPackage {
    /// The package name (versions and extras in requests are ignored).
    pub name: String,
    /// Why it is restricted.
    pub description: String,
    /// How serious installing it is.
    pub severity: Severity,
    /// Languages it applies to; empty = every language.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub languages: Vec<String>,
}

/// Regular expressions, restricted modules and packages, and the severity
/// from which findings block a run.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SecurityPolicy {
    /// Findings at or above this severity block a run.
    #[serde(default)]
    pub severity_threshold: Severity,
    /// Patterns matched against the code (comments excluded).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub patterns: Vec<SecurityPattern>,
    /// Modules the code must not import.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub restricted_modules: Vec<RestrictedModule>,
    /// Packages that must not be installed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub restricted_packages: Vec<RestrictedPackage>,
}

impl SecurityPolicy {
    /// The name of the built-in plugin that enforces this model.
    pub const PLUGIN: &'static str = "patterns";

    /// An empty policy blocking at `threshold`.
    pub fn new(threshold: Severity) -> Self {
        SecurityPolicy {
            severity_threshold: threshold,
            ..Default::default()
        }
    }

    /// Read a policy from TOML (the format of `--policy FILE.toml`). Unknown
    /// keys are refused; regular expressions are checked when a session or a
    /// check loads the policy.
    /// A document that sets nothing at all is refused too: an empty file is
    /// a mistake, and a policy without rules is written
    /// `severity_threshold = "medium"`.
    pub fn from_toml(text: &str) -> Result<SecurityPolicy> {
        let table: toml::Table = toml::from_str(text)
            .map_err(|e| Error::InvalidConfig(format!("security policy: {e}")))?;
        if table.is_empty() {
            return Err(Error::InvalidConfig(
                "security policy: the file sets nothing; a policy without rules is written \
                 `severity_threshold = \"medium\"`"
                    .into(),
            ));
        }
        toml::from_str(text).map_err(|e| Error::InvalidConfig(format!("security policy: {e}")))
    }

    /// The policy as TOML, as its plugin reads it. An error (never an
    /// empty text, which would mean no rules) if it cannot be written.
    pub fn to_toml(&self) -> Result<String> {
        let text = toml::to_string(self).map_err(|e| {
            Error::InvalidConfig(format!("security policy cannot be written as TOML: {e}"))
        })?;
        if text.trim().is_empty() {
            return Err(Error::InvalidConfig(
                "security policy was written as an empty TOML document".into(),
            ));
        }
        Ok(text)
    }

    /// Add a pattern.
    pub fn add_pattern(&mut self, pattern: SecurityPattern) -> &mut Self {
        self.patterns.push(pattern);
        self
    }

    /// Add a restricted module.
    pub fn add_restricted_module(&mut self, module: RestrictedModule) -> &mut Self {
        self.restricted_modules.push(module);
        self
    }

    /// The rules that apply to `language` only (a smaller policy to show or edit).
    pub fn for_language(&self, language: &str) -> SecurityPolicy {
        let applies = |langs: &[String]| langs.is_empty() || langs.iter().any(|l| l == language);
        SecurityPolicy {
            severity_threshold: self.severity_threshold,
            patterns: self
                .patterns
                .iter()
                .filter(|p| applies(&p.languages))
                .cloned()
                .collect(),
            restricted_modules: self
                .restricted_modules
                .iter()
                .filter(|m| applies(&m.languages))
                .cloned()
                .collect(),
            restricted_packages: self
                .restricted_packages
                .iter()
                .filter(|p| applies(&p.languages))
                .cloned()
                .collect(),
        }
    }
}

impl SecurityPattern {
    /// A pattern for every language.
    pub fn new(pattern: &str, description: &str, severity: Severity) -> Self {
        SecurityPattern {
            pattern: pattern.into(),
            description: description.into(),
            severity,
            languages: Vec::new(),
            id: None,
        }
    }
}

impl RestrictedModule {
    /// A restricted module for every language.
    pub fn new(name: &str, description: &str, severity: Severity) -> Self {
        RestrictedModule {
            name: name.into(),
            description: description.into(),
            severity,
            languages: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_policy_round_trips_through_toml() {
        let mut policy = SecurityPolicy::new(Severity::Low);
        policy
            .add_pattern(SecurityPattern::new(r"os\.system", "shell", Severity::High))
            .add_restricted_module(RestrictedModule {
                languages: vec!["python".into()],
                ..RestrictedModule::new("subprocess", "processes", Severity::High)
            });
        let text = policy.to_toml().unwrap();
        assert!(text.contains("severity_threshold = \"low\""), "{text}");
        assert_eq!(SecurityPolicy::from_toml(&text).unwrap(), policy);
    }

    #[test]
    fn an_empty_document_is_refused_not_read_as_no_rules() {
        for empty in ["", "# nothing\n"] {
            let err = SecurityPolicy::from_toml(empty).unwrap_err().to_string();
            assert!(err.contains("sets nothing"), "{err}");
        }
        let none = SecurityPolicy::from_toml("severity_threshold = 'medium'").unwrap();
        assert_eq!(none, SecurityPolicy::new(Severity::Medium));
    }

    #[test]
    fn unknown_keys_and_severities_are_refused_with_the_valid_ones() {
        let err = SecurityPolicy::from_toml("threshold = 'low'")
            .unwrap_err()
            .to_string();
        assert!(err.contains("severity_threshold"), "{err}");
        let err = SecurityPolicy::from_toml("severity_threshold = 'critical'")
            .unwrap_err()
            .to_string();
        assert!(err.contains("medium"), "{err}");
    }

    #[test]
    fn for_language_keeps_the_rules_that_apply() {
        let mut policy = SecurityPolicy::default();
        policy.add_restricted_module(RestrictedModule::new("net", "network", Severity::Medium));
        policy.add_restricted_module(RestrictedModule {
            languages: vec!["python".into()],
            ..RestrictedModule::new("os", "files", Severity::Low)
        });
        assert_eq!(policy.for_language("go").restricted_modules.len(), 1);
        assert_eq!(policy.for_language("python").restricted_modules.len(), 2);
    }
}
