//! Checking code against the active policies of a session.

use std::sync::Arc;

use serde::Serialize;

use super::{Finding, PolicyConfig, Severity};
use crate::error::Result;
use crate::plugin::{LanguagePlugin, PluginRegistry, PolicyPlugin, PolicyRequest, WarmInstance};

/// The outcome of a check: every finding, in source order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CheckReport {
    /// Whether the code may run: no finding reaches its policy's threshold.
    pub allowed: bool,
    /// Every finding, blocking or not (see [`Finding::blocking`]).
    pub findings: Vec<Finding>,
}

impl CheckReport {
    /// The findings that reach their policy's threshold.
    pub fn blocking(&self) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(|f| f.blocking)
    }
}

/// A policy whose configuration was accepted.
#[derive(Debug, Clone)]
struct ActivePolicy {
    plugin: Arc<PolicyPlugin>,
    config: String,
    threshold: Severity,
    warm: Arc<WarmInstance>,
}

/// Checks code of one language against a set of configured policies.
///
/// Building one configures every policy (so a bad configuration fails
/// before any sandbox exists); [`PolicyChecker::check`] then costs one call
/// of the language plugin for the imports, one for the comment-free text,
/// and one per policy (whose instance is kept for the next check, so that
/// it can reuse its parsed configuration).
#[derive(Debug, Clone)]
pub struct PolicyChecker {
    language: Arc<LanguagePlugin>,
    policies: Vec<ActivePolicy>,
}

impl PolicyChecker {
    /// Resolve `policies` in `registry` and configure each of them for code
    /// handled by `language`.
    pub fn new(
        registry: &PluginRegistry,
        language: Arc<LanguagePlugin>,
        policies: &[PolicyConfig],
    ) -> Result<PolicyChecker> {
        let policies = policies
            .iter()
            .map(|p| {
                if let Some(reason) = &p.unusable {
                    return Err(crate::Error::InvalidPolicy {
                        policy: p.plugin.clone(),
                        reason: reason.clone(),
                    });
                }
                let plugin = registry.policy(&p.plugin)?;
                let own = plugin.configure(&p.config)?;
                Ok(ActivePolicy {
                    plugin,
                    config: p.config.clone(),
                    threshold: p.threshold.unwrap_or(own),
                    warm: Arc::default(),
                })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(PolicyChecker { language, policies })
    }

    /// Whether no policy is active (checks then find nothing, for free).
    pub fn is_empty(&self) -> bool {
        self.policies.is_empty()
    }

    /// The thresholds in force: (policy name, severity that blocks).
    pub fn thresholds(&self) -> Vec<(String, Severity)> {
        self.policies
            .iter()
            .map(|p| (p.plugin.name().to_string(), p.threshold))
            .collect()
    }

    /// Check `code`, to be run after installing `packages`.
    pub fn check(&self, code: &str, packages: &[String]) -> Result<CheckReport> {
        if self.policies.is_empty() {
            return Ok(CheckReport {
                allowed: true,
                findings: Vec::new(),
            });
        }
        let started = std::time::Instant::now();
        let imports = self.language.imports(code)?;
        let code_without_comments = self.language.strip_comments(code)?;
        let request = PolicyRequest {
            language: self.language.name(),
            code,
            code_without_comments: &code_without_comments,
            imports: &imports,
            packages,
        };
        let mut findings = Vec::new();
        for policy in &self.policies {
            findings.extend(policy.plugin.check(
                &policy.config,
                policy.threshold,
                &request,
                &policy.warm,
            )?);
        }
        findings.sort_by_key(|f| (f.line.is_none(), f.line, f.column));
        let allowed = !findings.iter().any(|f| f.blocking);
        tracing::debug!(
            findings = findings.len(),
            allowed,
            elapsed = ?started.elapsed(),
            "policy check"
        );
        Ok(CheckReport { allowed, findings })
    }
}
