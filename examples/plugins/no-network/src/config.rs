//! The policy's configuration: a small TOML document, possibly empty.
//!
//! ```toml
//! # Modules (and packages) allowed despite the table, in every language.
//! allow = ["http", "urllib.parse"]
//! # Findings at or above this severity block a run (default "high").
//! severity_threshold = "high"
//! ```

use llm_sandbox_sdk::policy::{Severity, module_matches};
use serde::Deserialize;

/// The configuration as written.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Raw {
    #[serde(default)]
    allow: Vec<String>,
    #[serde(default)]
    severity_threshold: Option<String>,
}

/// A checked configuration.
#[derive(Debug)]
pub struct Config {
    /// Modules and packages never reported, with what is inside them.
    pub allow: Vec<String>,
    /// Findings at or above this severity block a run.
    pub severity_threshold: Severity,
}

impl Config {
    /// Parse and check `text`; an empty text is the default configuration.
    /// The error says what is wrong, for the user to read as is.
    pub fn parse(text: &str) -> Result<Config, String> {
        let raw: Raw = toml::from_str(text).map_err(|e| {
            let place = e.span().map_or(String::new(), |span| {
                let before = &text[..span.start.min(text.len())];
                let line = before.matches('\n').count() + 1;
                let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
                format!(" (line {line}, column {column})")
            });
            format!(
                "invalid no-network configuration{place}: {}",
                e.message().trim()
            )
        })?;
        let severity_threshold = match raw.severity_threshold.as_deref() {
            None => Severity::High,
            Some(s) => Severity::parse(s).ok_or_else(|| {
                format!(
                    "invalid no-network configuration: severity_threshold {s:?} is not one of \
                     \"safe\", \"low\", \"medium\", \"high\""
                )
            })?,
        };
        let mut allow = Vec::with_capacity(raw.allow.len());
        for entry in raw.allow {
            let entry = entry.trim();
            if entry.is_empty() {
                return Err(
                    "invalid no-network configuration: an `allow` entry is empty; name a module \
                     or package (\"http\", \"urllib.parse\")"
                        .to_string(),
                );
            }
            allow.push(entry.to_string());
        }
        Ok(Config {
            allow,
            severity_threshold,
        })
    }

    /// Whether the imported module (or normalised package name) is allowed.
    pub fn allows(&self, name: &str) -> bool {
        self.allow.iter().any(|a| module_matches(name, a))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_configuration_is_the_default() {
        for text in ["", "  \n", "# nothing\n"] {
            let config = Config::parse(text).unwrap();
            assert!(config.allow.is_empty());
            assert_eq!(config.severity_threshold, Severity::High);
        }
    }

    #[test]
    fn both_keys_are_read() {
        let config = Config::parse("allow = [\"http\"]\nseverity_threshold = \"Medium\"").unwrap();
        assert_eq!(config.allow, ["http"]);
        assert_eq!(config.severity_threshold, Severity::Medium);
        assert!(config.allows("http.client"));
        assert!(!config.allows("https"));
    }

    #[test]
    fn mistakes_are_refused_with_a_clear_message() {
        let err = Config::parse("allow = []\nalow = [\"http\"]").unwrap_err();
        assert!(err.contains("(line 2, column 1)"), "{err}");
        assert!(err.contains("unknown field `alow`"), "{err}");
        assert!(err.contains("allow"), "{err}");
        let err = Config::parse("severity_threshold = \"critical\"").unwrap_err();
        assert!(err.contains("\"critical\""), "{err}");
        let err = Config::parse("allow = \"http\"").unwrap_err();
        assert!(err.contains("sequence"), "{err}");
        let err = Config::parse("allow = [\"\"]").unwrap_err();
        assert!(err.contains("empty"), "{err}");
        let err = Config::parse("allow = [").unwrap_err();
        assert!(err.starts_with("invalid no-network configuration"), "{err}");
    }
}
