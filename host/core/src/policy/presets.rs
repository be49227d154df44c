//! Security presets: a policy plus the container limits that go with it.
//!
//! | preset | blocks from | network | memory | read-only root | user | extra |
//! |---|---|---|---|---|---|---|
//! | development | high | bridge | 1 GiB | no | root | 1024 pids |
//! | production | medium | none | 512 MiB | yes | nobody:nogroup | 1 CPU, 256 pids, no-new-privileges |
//! | strict | low | none | 128 MiB | yes | nobody:nogroup | ½ CPU, 64 pids, cap_drop ALL, no-new-privileges, small noexec /tmp |
//! | educational | medium | bridge | 256 MiB | yes | 1000:1000 | ½ CPU, 128 pids |
//!
//! The rules (in `rules.toml`) are grouped in categories; a preset gives
//! each category a severity. Process execution, native code and container
//! escapes are `high` everywhere; dynamic code evaluation `medium`; file
//! system access `low`; network access `medium` where the preset has no
//! network and `low` where it does (a policy should not refuse what the
//! container allows on purpose).
//!
//! Start from a preset and change what you need:
//!
//! ```
//! use llm_sandbox_core::policy::{SecurityPattern, SecurityPreset, Severity};
//! use llm_sandbox_core::runtime_config::ByteSize;
//!
//! let mut preset = SecurityPreset::get("production").unwrap();
//! preset.runtime.mem_limit = Some(ByteSize(1 << 30));
//! preset.policy.add_pattern(SecurityPattern::new(r"\bpandas\.", "pandas", Severity::Low));
//! ```

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use super::{RestrictedModule, SecurityPattern, SecurityPolicy, Severity};
use crate::error::{Error, Result};
use crate::runtime_config::{ByteSize, RuntimeConfig};

/// A named bundle of a security policy and container runtime settings.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SecurityPreset {
    /// Preset name (`strict`).
    pub name: String,
    /// One line saying what it is for.
    pub description: String,
    /// The code-level policy (for the built-in `patterns` plugin).
    pub policy: SecurityPolicy,
    /// Sandbox limits, in the neutral runtime config every backend maps to
    /// its engine (or refuses, naming the key it cannot honour).
    pub runtime: RuntimeConfig,
}

/// How each preset differs.
struct PresetSpec {
    name: &'static str,
    description: &'static str,
    threshold: Severity,
    /// Severity of network rules (low where the preset allows network).
    network: Severity,
    runtime: fn() -> RuntimeConfig,
}

const PRESETS: &[PresetSpec] = &[
    PresetSpec {
        name: "development",
        description: "permissive, for local development: blocks only high-severity findings; network on",
        threshold: Severity::High,
        network: Severity::Low,
        runtime: development,
    },
    PresetSpec {
        name: "production",
        description: "for applications: blocks medium and above; no network, read-only root, nobody",
        threshold: Severity::Medium,
        network: Severity::Medium,
        runtime: production,
    },
    PresetSpec {
        name: "strict",
        description: "for untrusted code: blocks low and above; no network, 128 MiB, no capabilities",
        threshold: Severity::Low,
        network: Severity::Medium,
        runtime: strict,
    },
    PresetSpec {
        name: "educational",
        description: "for teaching: blocks medium and above; network on, read-only root, 1000:1000",
        threshold: Severity::Medium,
        network: Severity::Low,
        runtime: educational,
    },
];

fn development() -> RuntimeConfig {
    RuntimeConfig {
        mem_limit: Some(ByteSize(1 << 30)),
        network_mode: Some("bridge".into()),
        read_only: Some(false),
        user: Some("root".into()),
        pids_limit: Some(1024),
        pids_limit_by_preset: true,
        ..Default::default()
    }
}

fn production() -> RuntimeConfig {
    RuntimeConfig {
        mem_limit: Some(ByteSize(512 << 20)),
        cpu_count: Some(1.0),
        network_mode: Some("none".into()),
        read_only: Some(true),
        user: Some("nobody:nogroup".into()),
        pids_limit: Some(256),
        pids_limit_by_preset: true,
        security_opt: vec!["no-new-privileges".into()],
        tmpfs: BTreeMap::from([("/tmp".into(), "size=64m,nosuid,nodev".into())]),
        ..Default::default()
    }
}

fn strict() -> RuntimeConfig {
    RuntimeConfig {
        mem_limit: Some(ByteSize(128 << 20)),
        memswap_limit: Some(ByteSize(128 << 20)),
        cpu_count: Some(0.5),
        network_mode: Some("none".into()),
        read_only: Some(true),
        user: Some("nobody:nogroup".into()),
        pids_limit: Some(64),
        pids_limit_by_preset: true,
        cap_drop: vec!["ALL".into()],
        security_opt: vec!["no-new-privileges".into()],
        tmpfs: BTreeMap::from([("/tmp".into(), "size=16m,noexec,nosuid,nodev".into())]),
        ..Default::default()
    }
}

fn educational() -> RuntimeConfig {
    RuntimeConfig {
        mem_limit: Some(ByteSize(256 << 20)),
        cpu_count: Some(0.5),
        network_mode: Some("bridge".into()),
        read_only: Some(true),
        user: Some("1000:1000".into()),
        pids_limit: Some(128),
        pids_limit_by_preset: true,
        tmpfs: BTreeMap::from([("/tmp".into(), "size=64m,nosuid,nodev".into())]),
        ..Default::default()
    }
}

/// One entry of `rules.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Rule {
    category: Category,
    description: String,
    #[serde(default)]
    languages: Vec<String>,
    #[serde(default)]
    modules: Vec<String>,
    #[serde(default)]
    pattern: Option<String>,
    #[serde(default)]
    id: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
enum Category {
    Process,
    Native,
    Escape,
    Network,
    Dynamic,
    Files,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Rules {
    rule: Vec<Rule>,
}

/// The built-in rules, parsed once. rules.toml is part of the source and a
/// unit test parses it; should it ever fail to load, every preset is an
/// error (never a preset without rules).
fn rules() -> Result<&'static [Rule]> {
    static RULES: OnceLock<Result<Vec<Rule>, String>> = OnceLock::new();
    RULES
        .get_or_init(|| parse_rules(include_str!("rules.toml")))
        .as_deref()
        .map_err(|e| Error::InvalidConfig(e.clone()))
}

fn parse_rules(text: &str) -> Result<Vec<Rule>, String> {
    let rules = toml::from_str::<Rules>(text)
        .map_err(|e| format!("the security presets' rules do not load: {e}"))?
        .rule;
    if rules.is_empty() {
        return Err("the security presets' rules are empty".into());
    }
    Ok(rules)
}

impl PresetSpec {
    fn severity(&self, category: Category) -> Severity {
        match category {
            Category::Process | Category::Native | Category::Escape => Severity::High,
            Category::Dynamic => Severity::Medium,
            Category::Network => self.network,
            Category::Files => Severity::Low,
        }
    }

    fn build(&self) -> Result<SecurityPreset> {
        Ok(self.build_from(rules()?))
    }

    fn build_from(&self, rules: &[Rule]) -> SecurityPreset {
        let mut policy = SecurityPolicy::new(self.threshold);
        for rule in rules {
            let severity = self.severity(rule.category);
            for module in &rule.modules {
                policy.add_restricted_module(RestrictedModule {
                    languages: rule.languages.clone(),
                    ..RestrictedModule::new(module, &rule.description, severity)
                });
            }
            if let Some(pattern) = &rule.pattern {
                policy.add_pattern(SecurityPattern {
                    languages: rule.languages.clone(),
                    id: rule.id.clone(),
                    ..SecurityPattern::new(pattern, &rule.description, severity)
                });
            }
        }
        SecurityPreset {
            name: self.name.into(),
            description: self.description.into(),
            policy,
            runtime: (self.runtime)(),
        }
    }
}

impl SecurityPreset {
    /// The names of the presets: development, production, strict, educational.
    pub fn names() -> Vec<&'static str> {
        PRESETS.iter().map(|p| p.name).collect()
    }

    /// Every preset, in the order of [`SecurityPreset::names`].
    pub fn all() -> Result<Vec<SecurityPreset>> {
        PRESETS.iter().map(PresetSpec::build).collect()
    }

    /// The preset called `name` (case-insensitive).
    pub fn get(name: &str) -> Result<SecurityPreset> {
        PRESETS
            .iter()
            .find(|p| p.name.eq_ignore_ascii_case(name.trim()))
            .ok_or_else(|| {
                Error::InvalidConfig(format!(
                    "unknown security preset `{name}`; known: {}",
                    Self::names().join(", ")
                ))
            })?
            .build()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_parses_and_every_pattern_compiles() {
        let parsed: Rules = toml::from_str(include_str!("rules.toml")).unwrap();
        assert!(parsed.rule.len() > 40);
        for rule in &parsed.rule {
            assert!(
                rule.pattern.is_some() == rule.modules.is_empty(),
                "a rule has either modules or a pattern: {rule:?}"
            );
            if let Some(p) = &rule.pattern {
                regex::Regex::new(&format!("(?m){p}")).unwrap_or_else(|e| panic!("{p}: {e}"));
            }
        }
    }

    #[test]
    fn presets_follow_the_table() {
        assert_eq!(
            SecurityPreset::names(),
            ["development", "production", "strict", "educational"]
        );
        let strict = SecurityPreset::get("Strict").unwrap();
        assert_eq!(strict.policy.severity_threshold, Severity::Low);
        assert_eq!(strict.runtime.network_mode.as_deref(), Some("none"));
        assert_eq!(strict.runtime.mem_limit, Some(ByteSize(128 << 20)));
        assert_eq!(strict.runtime.cap_drop, ["ALL"]);
        let dev = SecurityPreset::get("development").unwrap();
        assert_eq!(dev.policy.severity_threshold, Severity::High);
        assert_eq!(dev.runtime.read_only, Some(false));
        let edu = SecurityPreset::get("educational").unwrap();
        assert_eq!(edu.runtime.user.as_deref(), Some("1000:1000"));
        assert!(
            SecurityPreset::get("lax")
                .unwrap_err()
                .to_string()
                .contains("strict")
        );
        for preset in SecurityPreset::all().unwrap() {
            preset.runtime.validate().unwrap();
        }
    }

    #[test]
    fn network_rules_are_lenient_where_the_preset_has_network() {
        let socket = |preset: &str| {
            SecurityPreset::get(preset)
                .unwrap()
                .policy
                .restricted_modules
                .into_iter()
                .find(|m| m.name == "socket" && m.languages == ["python"])
                .unwrap()
                .severity
        };
        assert_eq!(socket("production"), Severity::Medium);
        assert_eq!(socket("educational"), Severity::Low);
    }

    #[test]
    fn rules_that_cannot_load_make_every_preset_an_error_not_an_empty_policy() {
        for broken in ["[[rule]]\ncategory = 'nonsense'", "not toml at all", ""] {
            let err = parse_rules(broken).unwrap_err();
            assert!(err.contains("security presets' rules"), "{err}");
        }
        // The path every preset takes: rules first, then the policy.
        let spec = &PRESETS[2];
        let loaded = parse_rules(include_str!("rules.toml")).unwrap();
        let preset = spec.build_from(&loaded);
        assert!(preset.policy.restricted_modules.len() > 20);
        assert!(!preset.policy.to_toml().unwrap().is_empty());
    }
}
