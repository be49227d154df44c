//! The set of loaded plugins: how a language is chosen, how a policy is found.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::language::NOT_A_HANDLER;
use super::{LanguagePlugin, PluginRuntime, PolicyPlugin};
use crate::error::{Error, Result};

mod builtin {
    include!(concat!(env!("OUT_DIR"), "/builtin_plugins.rs"));
}

/// Where a plugin came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PluginSource {
    /// Compiled into the host binary (the crate name).
    Builtin(String),
    /// Loaded from a `.wasm` file at run time.
    File(PathBuf),
    /// Loaded from bytes given by an embedding application (a label).
    Bytes(String),
}

impl fmt::Display for PluginSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PluginSource::Builtin(name) => write!(f, "built-in {name}"),
            PluginSource::File(path) => write!(f, "{}", path.display()),
            PluginSource::Bytes(label) => write!(f, "{label}"),
        }
    }
}

/// Loaded language and policy plugins. Later plugins replace earlier ones
/// for the same language (or policy name) and win on shared aliases or
/// extensions.
#[derive(Debug, Clone)]
pub struct PluginRegistry {
    runtime: PluginRuntime,
    languages: Vec<Arc<LanguagePlugin>>,
    policies: Vec<Arc<PolicyPlugin>>,
}

impl PluginRegistry {
    /// An empty registry using `runtime`.
    pub fn new(runtime: PluginRuntime) -> Self {
        PluginRegistry {
            runtime,
            languages: Vec::new(),
            policies: Vec::new(),
        }
    }

    /// A registry with the built-in plugins, then those in the default plugin
    /// directory (see [`default_plugin_dir`]).
    pub fn with_defaults() -> Result<Self> {
        let mut registry = PluginRegistry::new(PluginRuntime::new()?);
        registry.load_builtins()?;
        if let Some(dir) = default_plugin_dir().filter(|d| d.is_dir()) {
            registry.load_dir(&dir)?;
        }
        Ok(registry)
    }

    /// Load the plugins compiled into the host.
    pub fn load_builtins(&mut self) -> Result<()> {
        for (name, bytes) in builtin::BUILTIN_LANGUAGES {
            let source = PluginSource::Builtin((*name).to_string());
            let plugin = LanguagePlugin::load(&self.runtime, source, bytes)?;
            self.add(plugin);
        }
        for (name, bytes) in builtin::BUILTIN_POLICIES {
            let source = PluginSource::Builtin((*name).to_string());
            let plugin = PolicyPlugin::load(&self.runtime, source, bytes)?;
            self.add_policy(plugin);
        }
        Ok(())
    }

    /// Load a security policy plugin from a `.wasm` component file.
    pub fn load_policy_file(&mut self, path: &Path) -> Result<Arc<PolicyPlugin>> {
        let bytes = std::fs::read(path).map_err(|e| Error::PluginLoad {
            source_name: path.display().to_string(),
            reason: format!("cannot read it: {e}"),
        })?;
        let plugin = PolicyPlugin::load(&self.runtime, PluginSource::File(path.into()), &bytes)?;
        Ok(self.add_policy(plugin))
    }

    /// Load a security policy plugin from bytes; `label` names it in messages.
    pub fn load_policy_bytes(&mut self, label: &str, bytes: &[u8]) -> Result<Arc<PolicyPlugin>> {
        let plugin = PolicyPlugin::load(&self.runtime, PluginSource::Bytes(label.into()), bytes)?;
        Ok(self.add_policy(plugin))
    }

    fn add_policy(&mut self, plugin: PolicyPlugin) -> Arc<PolicyPlugin> {
        let plugin = Arc::new(plugin);
        self.policies.retain(|p| p.name() != plugin.name());
        self.policies.push(plugin.clone());
        plugin
    }

    /// All loaded security policy plugins, in load order.
    pub fn policies(&self) -> &[Arc<PolicyPlugin>] {
        &self.policies
    }

    /// The security policy plugin called `name`.
    pub fn policy(&self, name: &str) -> Result<Arc<PolicyPlugin>> {
        let wanted = name.trim().to_ascii_lowercase();
        self.policies
            .iter()
            .find(|p| p.name() == wanted)
            .cloned()
            .ok_or_else(|| Error::UnknownPolicy {
                requested: name.to_string(),
                known: name_list(self.policies.iter().map(|p| p.name())),
            })
    }

    /// Load a language plugin from a `.wasm` component file.
    pub fn load_file(&mut self, path: &Path) -> Result<Arc<LanguagePlugin>> {
        let bytes = std::fs::read(path).map_err(|e| Error::PluginLoad {
            source_name: path.display().to_string(),
            reason: format!("cannot read it: {e}"),
        })?;
        let plugin = LanguagePlugin::load(&self.runtime, PluginSource::File(path.into()), &bytes)?;
        Ok(self.add(plugin))
    }

    /// Load a language plugin from bytes; `label` names it in messages.
    pub fn load_bytes(&mut self, label: &str, bytes: &[u8]) -> Result<Arc<LanguagePlugin>> {
        let plugin = LanguagePlugin::load(&self.runtime, PluginSource::Bytes(label.into()), bytes)?;
        Ok(self.add(plugin))
    }

    /// Load every `*.wasm` file in `dir`, in name order: language plugins
    /// and security policies alike. Returns how many of each were loaded.
    pub fn load_dir(&mut self, dir: &Path) -> Result<(usize, usize)> {
        let entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
        let mut files: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "wasm") && p.is_file())
            .collect();
        files.sort();
        let (mut languages, mut policies) = (0, 0);
        for file in &files {
            match self.load_file(file) {
                Ok(_) => languages += 1,
                Err(Error::PluginLoad { reason, .. }) if reason.contains(NOT_A_HANDLER) => {
                    self.load_policy_file(file).map_err(|e| match e {
                        Error::PluginLoad { source_name, .. } => Error::PluginLoad {
                            source_name,
                            reason: format!(
                                "it is neither a language handler nor a security policy \
                                 (it exports neither `llm-sandbox:plugin/language@{v}` \
                                 nor `llm-sandbox:plugin/policy@{v}`)",
                                v = super::CONTRACT_VERSION
                            ),
                        },
                        other => other,
                    })?;
                    policies += 1;
                }
                Err(e) => return Err(e),
            }
        }
        Ok((languages, policies))
    }

    fn add(&mut self, plugin: LanguagePlugin) -> Arc<LanguagePlugin> {
        let plugin = Arc::new(plugin);
        if let Some(pos) = self
            .languages
            .iter()
            .position(|p| p.name() == plugin.name())
        {
            let old = self.languages.remove(pos);
            tracing::debug!(
                language = plugin.name(),
                "plugin from {} replaces {}",
                plugin.source(),
                old.source()
            );
        }
        self.languages.push(plugin.clone());
        plugin
    }

    /// All loaded language plugins, in load order.
    pub fn languages(&self) -> &[Arc<LanguagePlugin>] {
        &self.languages
    }

    /// The plugin for a language name or alias (case-insensitive).
    pub fn language(&self, name: &str) -> Result<Arc<LanguagePlugin>> {
        let wanted = name.trim().to_ascii_lowercase();
        self.newest_first()
            .find(|p| p.name() == wanted)
            .or_else(|| {
                self.newest_first()
                    .find(|p| p.info().aliases.contains(&wanted))
            })
            .cloned()
            .ok_or_else(|| Error::UnknownLanguage {
                requested: name.to_string(),
                known: self.known(),
            })
    }

    /// The plugin that claims `path`'s extension.
    pub fn for_file(&self, path: &Path) -> Result<Arc<LanguagePlugin>> {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        ext.and_then(|ext| {
            self.newest_first()
                .find(|p| p.info().extensions.contains(&ext))
                .cloned()
        })
        .ok_or_else(|| Error::UnknownExtension {
            file: path.display().to_string(),
            known: self.known(),
        })
    }

    /// The runtime plugins are compiled and run with.
    pub fn runtime(&self) -> &PluginRuntime {
        &self.runtime
    }

    fn newest_first(&self) -> impl Iterator<Item = &Arc<LanguagePlugin>> {
        self.languages.iter().rev()
    }

    fn known(&self) -> String {
        name_list(self.languages.iter().map(|p| p.name()))
    }
}

/// Plugin names for an error message: sorted, comma-separated, or `none`.
fn name_list<'a>(names: impl Iterator<Item = &'a str>) -> String {
    let mut names: Vec<&str> = names.collect();
    names.sort_unstable();
    if names.is_empty() {
        "none".into()
    } else {
        names.join(", ")
    }
}

/// The directory plugins are loaded from by default: `$LLM_SANDBOX_PLUGIN_DIR`,
/// else `$XDG_DATA_HOME/llm-sandbox/plugins`, else `~/.local/share/llm-sandbox/plugins`.
pub fn default_plugin_dir() -> Option<PathBuf> {
    std::env::var_os("LLM_SANDBOX_PLUGIN_DIR")
        .map(PathBuf::from)
        .or_else(|| {
            std::env::var_os("XDG_DATA_HOME").map(|d| PathBuf::from(d).join("llm-sandbox/plugins"))
        })
        .or_else(|| {
            std::env::var_os("HOME")
                .map(|h| PathBuf::from(h).join(".local/share/llm-sandbox/plugins"))
        })
}
