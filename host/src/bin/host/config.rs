//! The CLI's config file (TOML).
//!
//! ```toml
//! # Trust this CA bundle inside sandboxes (TLS-intercepting networks).
//! ca_bundle = "/etc/ssl/certs/ca-certificates.crt"
//! # Extra directory of *.wasm language plugins.
//! plugin_dir = "/opt/llm-sandbox/plugins"
//!
//! # Image per language, instead of the plugin's default.
//! [images]
//! python = "registry.example.com/python-ml:3.11"
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::Context;
use serde::Deserialize;

/// Settings read from the config file; every key is optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// PEM CA bundle to trust inside sandboxes.
    pub ca_bundle: Option<PathBuf>,
    /// Extra plugin directory.
    pub plugin_dir: Option<PathBuf>,
    /// Image per language name.
    #[serde(default)]
    pub images: BTreeMap<String, String>,
}

impl Config {
    /// Load `explicit`, else `$LLM_SANDBOX_CONFIG`, else the default path if it exists.
    pub fn load(explicit: Option<&Path>) -> anyhow::Result<Config> {
        let (path, required) = match explicit {
            Some(p) => (p.to_path_buf(), true),
            None => match std::env::var_os("LLM_SANDBOX_CONFIG") {
                Some(p) => (PathBuf::from(p), true),
                None => match default_path() {
                    Some(p) => (p, false),
                    None => return Ok(Config::default()),
                },
            },
        };
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if !required && e.kind() == std::io::ErrorKind::NotFound => {
                return Ok(Config::default());
            }
            Err(e) => {
                return Err(e).with_context(|| format!("cannot read config {}", path.display()));
            }
        };
        toml::from_str(&text).with_context(|| format!("invalid config {}", path.display()))
    }
}

fn default_path() -> Option<PathBuf> {
    std::env::var_os("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")))
        .map(|d| d.join("llm-sandbox/config.toml"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_keys_are_rejected_with_the_valid_ones() {
        let err = toml::from_str::<Config>("ca_bundel = 'x'")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("ca_bundle") && err.contains("plugin_dir"),
            "{err}"
        );
    }

    #[test]
    fn images_map_languages_to_images() {
        let c: Config = toml::from_str("[images]\npython = 'my/python:1'").unwrap();
        assert_eq!(c.images["python"], "my/python:1");
    }
}
