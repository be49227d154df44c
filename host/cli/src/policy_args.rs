//! The security policy flags shared by `host run` and `host check`, and how
//! findings are printed.

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use clap::Args;
use llm_sandbox_host::{
    Finding, PluginRegistry, PolicyConfig, RuntimeConfig, SecurityPolicy, SecurityPreset, Severity,
};

use crate::config::Config;

#[derive(Args, Debug, Default)]
pub struct PolicyArgs {
    /// Security preset: development, production, strict or educational
    /// (`host presets list`). Sets a policy and container limits.
    #[arg(long, value_name = "NAME")]
    pub preset: Option<String>,

    /// A pattern policy from a TOML file (severity_threshold, patterns,
    /// restricted_modules, restricted_packages); repeatable.
    #[arg(long = "policy", value_name = "FILE.toml")]
    pub policy_files: Vec<PathBuf>,

    /// Load a security policy plugin (.wasm component) and apply it; repeatable.
    #[arg(long = "policy-plugin", value_name = "FILE.wasm")]
    pub policy_plugins: Vec<PathBuf>,

    /// Configuration file for a policy plugin: the Nth one goes to the Nth
    /// --policy-plugin.
    #[arg(long = "policy-plugin-config", value_name = "FILE")]
    pub policy_plugin_configs: Vec<PathBuf>,

    /// Block from this severity (safe, low, medium, high) whatever the
    /// policies say.
    #[arg(long, value_name = "SEVERITY")]
    pub threshold: Option<String>,
}

/// What the policy flags ask for.
pub struct Policies {
    /// The policies to apply, in order.
    pub configs: Vec<PolicyConfig>,
    /// The preset's container limits, if a preset was chosen.
    pub runtime: Option<RuntimeConfig>,
    /// The preset's name, if any.
    pub preset: Option<String>,
}

impl PolicyArgs {
    /// Whether any policy flag was given.
    pub fn any(&self) -> bool {
        self.preset.is_some() || !self.policy_files.is_empty() || !self.policy_plugins.is_empty()
    }

    /// Load the policy plugins into `registry` and collect the policies.
    /// The config file's preset applies when no --preset is given.
    pub fn resolve(
        &self,
        registry: &mut PluginRegistry,
        config: &Config,
    ) -> anyhow::Result<Policies> {
        if self.policy_plugin_configs.len() > self.policy_plugins.len() {
            bail!(
                "{} --policy-plugin-config given for {} --policy-plugin; give one per plugin, in the same order",
                self.policy_plugin_configs.len(),
                self.policy_plugins.len()
            );
        }
        let threshold = self
            .threshold
            .as_deref()
            .map(str::parse::<Severity>)
            .transpose()
            .context("--threshold")?;
        let mut configs = Vec::new();
        let preset = self.preset.clone().or_else(|| config.preset.clone());
        let mut runtime = None;
        if let Some(name) = &preset {
            let preset = SecurityPreset::get(name)?;
            configs.push(PolicyConfig::from(&preset.policy));
            runtime = Some(preset.runtime);
        }
        for path in &self.policy_files {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("cannot read {}", path.display()))?;
            let policy = SecurityPolicy::from_toml(&text)
                .with_context(|| format!("in {}", path.display()))?;
            configs.push(policy.into());
        }
        for (i, path) in self.policy_plugins.iter().enumerate() {
            let plugin = registry.load_policy_file(path)?;
            let config = match self.policy_plugin_configs.get(i) {
                Some(file) => std::fs::read_to_string(file)
                    .with_context(|| format!("cannot read {}", file.display()))?,
                None => String::new(),
            };
            configs.push(PolicyConfig::new(plugin.name(), config));
        }
        if threshold.is_some() {
            for config in &mut configs {
                config.threshold = threshold;
            }
        }
        Ok(Policies {
            configs,
            runtime,
            preset,
        })
    }
}

/// How findings name the code: the file, or `<code>` for --code and stdin.
pub fn source_label(file: Option<&Path>) -> String {
    file.map_or("<code>".into(), |f| f.display().to_string())
}

/// Findings for people, one per line: `FILE:LINE:COL: blocked|note:
/// severity rule: description [policy]`.
pub fn write_findings(
    out: &mut dyn std::io::Write,
    findings: &[Finding],
    file: &str,
) -> std::io::Result<()> {
    for finding in findings {
        let mark = if finding.blocking { "blocked" } else { "note" };
        match (finding.line, finding.column) {
            (Some(line), Some(column)) => write!(out, "{file}:{line}:{column}: ")?,
            (Some(line), None) => write!(out, "{file}:{line}: ")?,
            _ => write!(out, "{file}: ")?,
        }
        writeln!(
            out,
            "{mark}: {} {}: {} [{}]",
            finding.severity, finding.rule, finding.description, finding.policy
        )?;
    }
    Ok(())
}
