//! A loaded security policy plugin and the host-side view of its answers.
//!
//! Policy plugins are as untrusted as language plugins: every answer is
//! bounded (number of findings, length of texts), cleaned of control
//! characters (findings are printed to terminals) and checked (locations).

use std::sync::{Arc, Mutex};

use serde::Serialize;
use wasmtime::Store;

use super::bindings::llm_sandbox::plugin::types as wit_types;
use super::policy_bindings::exports::llm_sandbox::plugin::policy as wit;
use super::policy_bindings::{SecurityPolicy, SecurityPolicyPre};
use super::registry::PluginSource;
use super::{PluginRuntime, PluginState, RuntimeInner};
use crate::error::{Error, Result};
use crate::plugin::ImportedModule;
use crate::policy::{Finding, Severity};

/// Most findings kept from one policy for one check; the most severe are kept.
pub const MAX_FINDINGS: usize = 1000;
/// Longest rule id kept, in characters.
const MAX_RULE_CHARS: usize = 200;
/// Longest description kept, in characters.
const MAX_DESCRIPTION_CHARS: usize = 1000;

/// What a policy plugin says about itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PolicyInfo {
    /// Name, lower case (`patterns`).
    pub name: String,
    /// Plugin version.
    pub version: String,
    /// One-line description.
    pub description: String,
}

/// A security policy plugin, compiled and ready to instantiate.
pub struct PolicyPlugin {
    info: PolicyInfo,
    source: PluginSource,
    pre: SecurityPolicyPre<PluginState>,
    runtime: Arc<RuntimeInner>,
}

impl std::fmt::Debug for PolicyPlugin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PolicyPlugin")
            .field("name", &self.info.name)
            .field("source", &self.source)
            .finish()
    }
}

/// An instance kept between checks of one configuration, so that a policy
/// can reuse what it built (a parsed configuration, compiled patterns)
/// instead of building it again before every run. Fuel is refilled for each
/// call; an instance whose call failed is dropped, never reused.
#[derive(Default)]
pub(crate) struct WarmInstance(Mutex<Option<(Store<PluginState>, SecurityPolicy)>>);

impl std::fmt::Debug for WarmInstance {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("WarmInstance")
    }
}

/// What the host passes to a policy's `check`.
pub(crate) struct PolicyRequest<'a> {
    pub language: &'a str,
    pub code: &'a str,
    pub code_without_comments: &'a str,
    pub imports: &'a [ImportedModule],
    pub packages: &'a [String],
}

impl PolicyPlugin {
    /// Compile and link `bytes` as a security policy and ask it who it is.
    pub fn load(runtime: &PluginRuntime, source: PluginSource, bytes: &[u8]) -> Result<Self> {
        let source_name = source.to_string();
        let component = runtime.compile(&source_name, bytes)?;
        let refuse = |reason: String| Error::PluginLoad {
            source_name: source_name.clone(),
            reason,
        };
        let inner = runtime.inner().clone();
        let instance_pre = inner.instantiate_pre(&source_name, &component)?;
        let pre = SecurityPolicyPre::new(instance_pre).map_err(|e| {
            refuse(format!(
                "it is not a security policy (it does not export `llm-sandbox:plugin/policy@{}` \
                 with the expected functions): {e:#}",
                super::CONTRACT_VERSION
            ))
        })?;
        let mut plugin = PolicyPlugin {
            info: PolicyInfo {
                name: source_name.clone(),
                version: String::new(),
                description: String::new(),
            },
            source,
            pre,
            runtime: inner,
        };
        let info = plugin.call("describe", |store, policy| {
            policy.llm_sandbox_plugin_policy().call_describe(store)
        })?;
        plugin.info = validate_info(info).map_err(refuse)?;
        Ok(plugin)
    }

    /// What the plugin says about itself.
    pub fn info(&self) -> &PolicyInfo {
        &self.info
    }

    /// The policy's name.
    pub fn name(&self) -> &str {
        &self.info.name
    }

    /// Where the plugin came from.
    pub fn source(&self) -> &PluginSource {
        &self.source
    }

    /// Check `config` and return the severity at which it blocks runs.
    pub fn configure(&self, config: &str) -> Result<Severity> {
        let settings = self.call("configure", |store, policy| {
            policy
                .llm_sandbox_plugin_policy()
                .call_configure(store, config)
        })?;
        settings
            .map(|s| s.severity_threshold.into())
            .map_err(|reason| Error::InvalidPolicy {
                policy: self.info.name.clone(),
                reason: clean(&reason, MAX_DESCRIPTION_CHARS),
            })
    }

    /// Every finding of the policy under `config`, bounded and cleaned, each
    /// marked blocking when at or above `threshold`. `warm` keeps an
    /// instance for the next check of the same configuration.
    pub(crate) fn check(
        &self,
        config: &str,
        threshold: Severity,
        request: &PolicyRequest<'_>,
        warm: &WarmInstance,
    ) -> Result<Vec<Finding>> {
        let request = wit::CheckRequest {
            language: request.language.to_string(),
            code: request.code.to_string(),
            code_without_comments: request.code_without_comments.to_string(),
            imports: request
                .imports
                .iter()
                .map(|i| wit_types::ImportedModule {
                    module: i.module.clone(),
                    line: i.line,
                    column: i.column,
                })
                .collect(),
            packages: request.packages.to_vec(),
        };
        let name = self.info.name.as_str();
        let kept = warm.0.lock().unwrap_or_else(|e| e.into_inner()).take();
        let (mut store, instance) = match kept {
            Some(kept) => kept,
            None => {
                let mut store = self.runtime.store(name);
                let instance = self.runtime.call_in(&mut store, name, "check", |store| {
                    self.pre.instantiate(store)
                })?;
                (store, instance)
            }
        };
        let found = self.runtime.call_in(&mut store, name, "check", |store| {
            instance
                .llm_sandbox_plugin_policy()
                .call_check(store, config, &request)
        })?;
        let mut slot = warm.0.lock().unwrap_or_else(|e| e.into_inner());
        if slot.is_none() {
            *slot = Some((store, instance));
        }
        drop(slot);
        let found = found.map_err(|reason| Error::PolicyFailed {
            policy: self.info.name.clone(),
            reason: clean(&reason, MAX_DESCRIPTION_CHARS),
        })?;
        Ok(self.findings(found, threshold))
    }

    fn findings(&self, mut found: Vec<wit::Finding>, threshold: Severity) -> Vec<Finding> {
        if found.len() > MAX_FINDINGS {
            tracing::warn!(
                policy = %self.info.name,
                "the policy reported {} findings; keeping the {MAX_FINDINGS} most severe",
                found.len()
            );
            // Keep the most severe so that a flood cannot hide what blocks.
            found.sort_by_key(|f| std::cmp::Reverse(Severity::from(f.severity)));
            found.truncate(MAX_FINDINGS);
        }
        // In the plugin's order: the checker sorts all policies' findings together.
        found
            .into_iter()
            .map(|f| {
                let severity = Severity::from(f.severity);
                Finding {
                    policy: self.info.name.clone(),
                    rule: clean(&f.rule, MAX_RULE_CHARS),
                    description: clean(&f.description, MAX_DESCRIPTION_CHARS),
                    severity,
                    line: f.line.filter(|&l| l > 0),
                    column: f.line.filter(|&l| l > 0).and(f.column.filter(|&c| c > 0)),
                    blocking: severity >= threshold,
                }
            })
            .collect()
    }

    /// Instantiate in a fresh, limited store and make one call.
    fn call<R: Send>(
        &self,
        call: &'static str,
        f: impl FnOnce(&mut Store<PluginState>, &SecurityPolicy) -> wasmtime::Result<R> + Send,
    ) -> Result<R> {
        self.runtime.call(&self.info.name, call, |store| {
            let policy = self.pre.instantiate(&mut *store)?;
            f(store, &policy)
        })
    }
}

impl From<wit::Severity> for Severity {
    fn from(s: wit::Severity) -> Severity {
        match s {
            wit::Severity::Safe => Severity::Safe,
            wit::Severity::Low => Severity::Low,
            wit::Severity::Medium => Severity::Medium,
            wit::Severity::High => Severity::High,
        }
    }
}

/// `text` cut to `max` characters, control characters (terminal escapes,
/// newlines) replaced by spaces.
fn clean(text: &str, max: usize) -> String {
    let mut out: String = text
        .chars()
        .take(max)
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if text.chars().nth(max).is_some() {
        out.push('…');
    }
    out
}

fn validate_info(info: wit::PolicyInfo) -> std::result::Result<PolicyInfo, String> {
    let name = info.name.trim().to_ascii_lowercase();
    if name.is_empty()
        || name.len() > 64
        || !name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c))
    {
        return Err(format!(
            "its policy name {:?} must be 1-64 characters of letters, digits and `-_.`",
            clean(&info.name, 80)
        ));
    }
    Ok(PolicyInfo {
        name,
        version: clean(&info.version, 40),
        description: clean(&info.description, 200),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_from_plugins_are_cut_and_lose_control_characters() {
        assert_eq!(clean("a\u{1b}[31mb\nc", 100), "a [31mb c");
        assert_eq!(clean("abcdef", 3), "abc…");
        assert_eq!(clean("abc", 3), "abc");
    }
}
