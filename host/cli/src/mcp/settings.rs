//! The `[mcp]` table of the config file, and the limits the server runs
//! with once flags and defaults are applied.
//!
//! ```toml
//! [mcp]
//! preset = "production"                  # every session's security preset
//! allowed_presets = ["production", "strict"]  # what open_session may ask for
//! max_sessions = 32                      # open sessions, all clients together
//! idle_timeout_secs = 600                # a session unused this long is closed
//! max_session_age_secs = 3600            # and none lives longer than this
//! default_timeout_secs = 30              # per call, when the client names none
//! max_timeout_secs = 300                 # the most a client may ask for
//! output_limit = "1m"                    # captured output per stream per run
//! max_artifact_bytes = "16m"             # plots and files one run returns
//! max_file_bytes = "16m"                 # what upload_file/download_file move
//! allowed_images = ["llm-sandbox/*"]     # images open_session may name (empty: any)
//! listen = "127.0.0.1:8765"              # serve Streamable HTTP here
//! token_file = "/etc/llm-sandbox/mcp-token"
//! allowed_hosts = ["sandbox.internal"]   # Host headers accepted besides loopback
//! warm_sandboxes = { python = 2 }        # ready sandboxes per language and kind
//! ```

use std::path::PathBuf;
use std::time::Duration;

use anyhow::{Context, bail};
use llm_sandbox_host::SecurityPreset;
use llm_sandbox_host::runtime_config::ByteSize;
use serde::Deserialize;

/// The preset sessions get when nothing else is configured: an unattended
/// server runs code nobody read.
pub const DEFAULT_PRESET: &str = "production";

/// `[mcp]`: every key optional.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct McpSection {
    /// Security preset of every session (default: the file's top-level
    /// `preset`, else `production`).
    pub preset: Option<String>,
    /// Presets a client may pick in `open_session` and `check_code`
    /// (default: the server's preset and `strict`).
    pub allowed_presets: Option<Vec<String>>,
    /// Most sessions open at once, over all clients (default 32).
    pub max_sessions: Option<usize>,
    /// Close a session nobody used for this long (default 600).
    pub idle_timeout_secs: Option<u64>,
    /// Close any session this old (default 3600).
    pub max_session_age_secs: Option<u64>,
    /// A call's time limit when the client gives none (default 30).
    pub default_timeout_secs: Option<f64>,
    /// The longest time limit a client may ask for (default 300).
    pub max_timeout_secs: Option<f64>,
    /// Captured output per stream and run (default 1 MiB).
    pub output_limit: Option<ByteSize>,
    /// Plots and files one run may return, in bytes (default 16 MiB).
    pub max_artifact_bytes: Option<ByteSize>,
    /// Largest file `upload_file` and `download_file` move (default 16 MiB).
    pub max_file_bytes: Option<ByteSize>,
    /// Images `open_session` may name: exact names, or prefixes ending in
    /// `*`. Empty or absent: any image the engine has or can pull.
    #[serde(default)]
    pub allowed_images: Vec<String>,
    /// Serve Streamable HTTP on this address instead of stdio.
    pub listen: Option<String>,
    /// The bearer token HTTP clients must send, read from this file.
    pub token_file: Option<PathBuf>,
    /// `Host` header values accepted over HTTP besides the loopback names
    /// (needed when listening beyond loopback; guards against DNS rebinding).
    #[serde(default)]
    pub allowed_hosts: Vec<String>,
    /// Sandboxes kept ready per language, for each kind of session (plain
    /// for `run_code`, interactive for `open_session`): a call then starts
    /// in milliseconds instead of creating a container. Default: none.
    #[serde(default)]
    pub warm_sandboxes: std::collections::BTreeMap<String, usize>,
}

/// What the server enforces, resolved once at start.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Every session's preset unless the client picks an allowed one.
    pub preset: String,
    /// Presets a client may pick.
    pub allowed_presets: Vec<String>,
    /// Most open sessions.
    pub max_sessions: usize,
    /// Idle expiry.
    pub idle_timeout: Duration,
    /// Maximum age.
    pub max_session_age: Duration,
    /// Default per-call limit.
    pub default_timeout: Duration,
    /// Largest per-call limit.
    pub max_timeout: Duration,
    /// Output cap per stream, bytes.
    pub output_limit: usize,
    /// Artifact cap per run, bytes.
    pub max_artifact_bytes: u64,
    /// File transfer cap, bytes.
    pub max_file_bytes: u64,
    /// Image allow-list (empty: any).
    pub allowed_images: Vec<String>,
}

impl Limits {
    /// Resolve `[mcp]` (with the file's top-level preset as fallback).
    pub fn resolve(section: &McpSection, top_level_preset: Option<&str>) -> anyhow::Result<Limits> {
        let preset = section
            .preset
            .as_deref()
            .or(top_level_preset)
            .unwrap_or(DEFAULT_PRESET)
            .to_string();
        let allowed_presets = match &section.allowed_presets {
            Some(list) => {
                let mut list = list.clone();
                if !list.contains(&preset) {
                    list.insert(0, preset.clone());
                }
                list
            }
            None if preset == "strict" => vec![preset.clone()],
            None => vec![preset.clone(), "strict".into()],
        };
        for name in &allowed_presets {
            SecurityPreset::get(name).with_context(|| "config [mcp]: unknown preset")?;
        }
        let secs = |value: Option<f64>, default: f64, key: &str| -> anyhow::Result<Duration> {
            let value = value.unwrap_or(default);
            match Duration::try_from_secs_f64(value) {
                Ok(d) if !d.is_zero() => Ok(d),
                _ => bail!("config [mcp] {key} = {value}: give a positive number of seconds"),
            }
        };
        let limits = Limits {
            preset,
            allowed_presets,
            max_sessions: section.max_sessions.unwrap_or(32),
            idle_timeout: secs(
                section.idle_timeout_secs.map(|s| s as f64),
                600.0,
                "idle_timeout_secs",
            )?,
            max_session_age: secs(
                section.max_session_age_secs.map(|s| s as f64),
                3600.0,
                "max_session_age_secs",
            )?,
            default_timeout: secs(section.default_timeout_secs, 30.0, "default_timeout_secs")?,
            max_timeout: secs(section.max_timeout_secs, 300.0, "max_timeout_secs")?,
            output_limit: bytes(section.output_limit, 1 << 20) as usize,
            max_artifact_bytes: bytes(section.max_artifact_bytes, 16 << 20),
            max_file_bytes: bytes(section.max_file_bytes, 16 << 20),
            allowed_images: section.allowed_images.clone(),
        };
        if limits.max_sessions == 0 {
            bail!("config [mcp] max_sessions = 0: allow at least one session");
        }
        if limits.default_timeout > limits.max_timeout {
            bail!(
                "config [mcp]: default_timeout_secs ({:?}) is above max_timeout_secs ({:?})",
                limits.default_timeout,
                limits.max_timeout
            );
        }
        Ok(limits)
    }

    /// The time limit for a call that asked for `requested` seconds.
    pub fn timeout(&self, requested: Option<f64>) -> Result<Duration, String> {
        let Some(secs) = requested else {
            return Ok(self.default_timeout);
        };
        match Duration::try_from_secs_f64(secs) {
            Ok(d) if !d.is_zero() && d <= self.max_timeout => Ok(d),
            _ => Err(format!(
                "timeout {secs}: give a number of seconds above 0 and at most {} (this server's maximum)",
                self.max_timeout.as_secs_f64()
            )),
        }
    }

    /// The preset for a call that asked for `requested`.
    pub fn preset(&self, requested: Option<&str>) -> Result<String, String> {
        match requested {
            None => Ok(self.preset.clone()),
            Some(name) if self.allowed_presets.iter().any(|p| p == name) => Ok(name.to_string()),
            Some(name) => Err(format!(
                "preset {name:?} is not allowed on this server; allowed: {}",
                self.allowed_presets.join(", ")
            )),
        }
    }

    /// Whether a client may name `image`.
    pub fn image_allowed(&self, image: &str) -> bool {
        self.allowed_images.is_empty()
            || self
                .allowed_images
                .iter()
                .any(|pattern| match pattern.strip_suffix('*') {
                    Some(prefix) => image.starts_with(prefix),
                    None => image == pattern,
                })
    }
}

fn bytes(value: Option<ByteSize>, default: u64) -> u64 {
    value.map_or(default, |b| u64::try_from(b.0).unwrap_or(0).max(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits(toml_text: &str) -> anyhow::Result<Limits> {
        let section: McpSection = toml::from_str(toml_text)?;
        Limits::resolve(&section, None)
    }

    #[test]
    fn an_unattended_server_defaults_to_the_production_preset() {
        let limits = limits("").unwrap();
        assert_eq!(limits.preset, "production");
        assert_eq!(limits.preset(None).unwrap(), "production");
        assert_eq!(limits.preset(Some("strict")).unwrap(), "strict");
        let err = limits.preset(Some("development")).unwrap_err();
        assert!(
            err.contains("not allowed") && err.contains("production, strict"),
            "{err}"
        );
    }

    #[test]
    fn timeouts_above_the_maximum_are_refused_with_the_maximum() {
        let limits = limits("max_timeout_secs = 60").unwrap();
        assert_eq!(limits.timeout(None).unwrap(), Duration::from_secs(30));
        assert_eq!(
            limits.timeout(Some(2.5)).unwrap(),
            Duration::from_millis(2500)
        );
        let err = limits.timeout(Some(61.0)).unwrap_err();
        assert!(err.contains("at most 60"), "{err}");
        assert!(limits.timeout(Some(-1.0)).is_err());
        assert!(limits.timeout(Some(f64::NAN)).is_err());
    }

    #[test]
    fn image_patterns_match_exactly_or_by_prefix() {
        let limits = limits("allowed_images = ['llm-sandbox/*', 'python:3.12']").unwrap();
        assert!(limits.image_allowed("llm-sandbox/python-datascience:bookworm"));
        assert!(limits.image_allowed("python:3.12"));
        assert!(!limits.image_allowed("python:3.12-slim"));
        assert!(!limits.image_allowed("evil/llm-sandbox"));
        assert!(self::limits("").unwrap().image_allowed("anything:at-all"));
    }

    #[test]
    fn bad_values_are_refused_naming_the_key() {
        let err = limits("max_sessions = 0").unwrap_err().to_string();
        assert!(err.contains("max_sessions"), "{err}");
        let err = limits("default_timeout_secs = 500")
            .unwrap_err()
            .to_string();
        assert!(err.contains("max_timeout_secs"), "{err}");
        let err = format!("{:#}", limits("preset = 'lenient'").unwrap_err());
        assert!(err.contains("lenient"), "{err}");
        assert!(limits("idle_timeout = 3").is_err());
    }
}
