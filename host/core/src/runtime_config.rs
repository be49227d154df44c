//! Container runtime settings: resource limits, network, users, mounts.
//!
//! [`RuntimeConfig`] has the keys users of the seed know from its runtime
//! configs for Docker and Podman (`mem_limit`, `pids_limit`, `network_mode`,
//! `read_only`, `cap_drop`…), as a typed struct that reads from TOML or JSON.
//! An unknown key is an error that lists the valid ones.
//!
//! ```toml
//! mem_limit = "256m"
//! pids_limit = 64
//! network_mode = "none"
//! read_only = true
//! user = "1000:1000"
//! cap_drop = ["ALL"]
//! security_opt = ["no-new-privileges"]
//! tmpfs = { "/tmp" = "size=64m" }
//! ulimits = [{ name = "nofile", soft = 1024, hard = 1024 }]
//! ```

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// A size in bytes, written as a number or with a unit: `"512m"`, `"1g"`, `"64k"`, `1048576`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "SizeInput", into = "i64")]
pub struct ByteSize(pub i64);

#[derive(Deserialize)]
#[serde(untagged)]
enum SizeInput {
    Number(i64),
    Text(String),
}

impl TryFrom<SizeInput> for ByteSize {
    type Error = String;
    fn try_from(input: SizeInput) -> std::result::Result<Self, String> {
        match input {
            SizeInput::Number(n) => Ok(ByteSize(n)),
            SizeInput::Text(text) => ByteSize::parse(&text),
        }
    }
}

impl From<ByteSize> for i64 {
    fn from(size: ByteSize) -> i64 {
        size.0
    }
}

impl ByteSize {
    /// Parse `"512m"`-style sizes (b, k, m, g, t; case-insensitive; optional `b`
    /// suffix as in `512mb`). `-1` means unlimited where the engine allows it.
    pub fn parse(text: &str) -> std::result::Result<ByteSize, String> {
        let t = text.trim().to_ascii_lowercase();
        let t = t.strip_suffix('b').filter(|s| !s.is_empty()).unwrap_or(&t);
        let (digits, unit) = match t.char_indices().find(|(_, c)| c.is_ascii_alphabetic()) {
            Some((i, _)) => t.split_at(i),
            None => (t, ""),
        };
        let shift = match unit {
            "" => 0,
            "k" => 10,
            "m" => 20,
            "g" => 30,
            "t" => 40,
            _ => {
                return Err(format!(
                    "`{text}` is not a size (use e.g. 512m, 1g, 1048576)"
                ));
            }
        };
        let n: i64 = digits
            .trim()
            .parse()
            .map_err(|_| format!("`{text}` is not a size (use e.g. 512m, 1g, 1048576)"))?;
        n.checked_mul(1 << shift)
            .map(ByteSize)
            .ok_or_else(|| format!("`{text}` is too large"))
    }
}

/// A bind mount in the `volumes` map: host path → where and how.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VolumeBind {
    /// Path inside the container.
    pub bind: String,
    /// `rw` (default) or `ro`.
    #[serde(default = "default_mode")]
    pub mode: String,
}

fn default_mode() -> String {
    "rw".into()
}

/// Kind of a [`MountSpec`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MountKind {
    /// A host directory or file.
    Bind,
    /// A named (or anonymous) engine volume.
    Volume,
    /// An in-memory file system.
    Tmpfs,
}

/// An entry of `mounts`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MountSpec {
    /// What to mount.
    #[serde(rename = "type")]
    pub kind: MountKind,
    /// Host path (bind) or volume name (volume); unused for tmpfs.
    #[serde(default)]
    pub source: Option<String>,
    /// Path inside the container.
    pub target: String,
    /// Mount read-only.
    #[serde(default)]
    pub read_only: bool,
    /// Size limit of a tmpfs.
    #[serde(default)]
    pub size: Option<ByteSize>,
}

/// A resource limit (`ulimit`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ulimit {
    /// Limit name (`nofile`, `nproc`, `core`…).
    pub name: String,
    /// Soft limit.
    pub soft: i64,
    /// Hard limit.
    pub hard: i64,
}

/// Logging driver settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LogConfig {
    /// Driver name (`json-file`, `none`…).
    #[serde(rename = "type")]
    pub driver: String,
    /// Driver options.
    #[serde(default)]
    pub config: BTreeMap<String, String>,
}

/// Container runtime settings (Docker and Podman).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RuntimeConfig {
    /// Memory limit (`"512m"`).
    pub mem_limit: Option<ByteSize>,
    /// Memory plus swap limit; `-1` for unlimited swap.
    pub memswap_limit: Option<ByteSize>,
    /// CPUs the sandbox may use, fractional allowed (`1.5`); sets the CFS quota.
    pub cpu_count: Option<f64>,
    /// Relative CPU weight.
    pub cpu_shares: Option<i64>,
    /// CFS period in microseconds.
    pub cpu_period: Option<i64>,
    /// CFS quota in microseconds per period.
    pub cpu_quota: Option<i64>,
    /// Maximum number of processes (stops fork bombs).
    pub pids_limit: Option<i64>,
    /// Whether `pids_limit` is a security preset's rather than the caller's
    /// (kept through [`RuntimeConfig::merge`]; never read from or written to
    /// a file). A backend that cannot limit one sandbox's processes
    /// (Kubernetes, where the node's kubelet limits every pod) leaves a
    /// preset's limit to the platform, and refuses the caller's.
    #[serde(skip)]
    pub pids_limit_by_preset: bool,
    /// `bridge` (default), `none`, `host`, or a network name.
    pub network_mode: Option<String>,
    /// Mount the root file system read-only. The work dir gets a tmpfs
    /// unless a mount covers it.
    pub read_only: Option<bool>,
    /// tmpfs mounts: path → options (`"size=64m,mode=1777"`).
    pub tmpfs: BTreeMap<String, String>,
    /// Capabilities to drop (`["ALL"]`).
    pub cap_drop: Vec<String>,
    /// Capabilities to add.
    pub cap_add: Vec<String>,
    /// Security options (`["no-new-privileges"]`).
    pub security_opt: Vec<String>,
    /// Run privileged (never for untrusted code).
    pub privileged: Option<bool>,
    /// User (and group) every process runs as: `nobody`, `1000:1000`.
    pub user: Option<String>,
    /// User namespace mode.
    pub userns_mode: Option<String>,
    /// Extra environment variables.
    pub environment: BTreeMap<String, String>,
    /// Bind mounts: host path → `{ bind = "/container/path", mode = "ro" }`.
    pub volumes: BTreeMap<String, VolumeBind>,
    /// Mounts of any kind.
    pub mounts: Vec<MountSpec>,
    /// Published ports: `"8080/tcp"` → host port (`"8080"` or `"127.0.0.1:8080"`).
    pub ports: BTreeMap<String, String>,
    /// DNS servers.
    pub dns: Vec<String>,
    /// Devices: `"/dev/fuse"` or `"/dev/host:/dev/container:rwm"`.
    pub devices: Vec<String>,
    /// Logging driver.
    pub log_config: Option<LogConfig>,
    /// Let the engine remove the container when its main process exits.
    pub auto_remove: Option<bool>,
    /// Resource limits (`ulimit`).
    pub ulimits: Vec<Ulimit>,
    /// Podman only: run the sandbox in this existing pod (name or id).
    pub pod: Option<String>,
}

impl RuntimeConfig {
    /// Parse TOML.
    pub fn from_toml(text: &str) -> Result<RuntimeConfig> {
        toml::from_str(text).map_err(|e| Error::InvalidConfig(format!("runtime config: {e}")))
    }

    /// Parse JSON.
    pub fn from_json(text: &str) -> Result<RuntimeConfig> {
        serde_json::from_str(text).map_err(|e| Error::InvalidConfig(format!("runtime config: {e}")))
    }

    /// Apply `other` on top of `self`: set scalars replace, lists and maps extend.
    pub fn merge(mut self, other: RuntimeConfig) -> RuntimeConfig {
        macro_rules! scalar {
            ($($f:ident),*) => { $( if other.$f.is_some() { self.$f = other.$f; } )* };
        }
        scalar!(
            mem_limit,
            memswap_limit,
            cpu_count,
            cpu_shares,
            cpu_period,
            cpu_quota,
            network_mode,
            read_only,
            privileged,
            user,
            userns_mode,
            log_config,
            auto_remove,
            pod
        );
        if other.pids_limit.is_some() {
            self.pids_limit = other.pids_limit;
            self.pids_limit_by_preset = other.pids_limit_by_preset;
        }
        self.tmpfs.extend(other.tmpfs);
        self.cap_drop.extend(other.cap_drop);
        self.cap_add.extend(other.cap_add);
        self.security_opt.extend(other.security_opt);
        self.environment.extend(other.environment);
        self.volumes.extend(other.volumes);
        self.mounts.extend(other.mounts);
        self.ports.extend(other.ports);
        self.dns.extend(other.dns);
        self.devices.extend(other.devices);
        self.ulimits.extend(other.ulimits);
        self
    }

    /// Whether some mount (tmpfs, volume or bind) covers `path`.
    pub fn mounts_cover(&self, path: &str) -> bool {
        let covers = |target: &str| {
            let target = target.trim_end_matches('/');
            path == target || path.starts_with(&format!("{target}/"))
        };
        self.tmpfs.keys().any(|t| covers(t))
            || self.volumes.values().any(|v| covers(&v.bind))
            || self.mounts.iter().any(|m| covers(&m.target))
    }

    /// Check values the engine would reject with a less helpful message.
    pub fn validate(&self) -> Result<()> {
        let bad = |msg: String| Err(Error::InvalidConfig(format!("runtime config: {msg}")));
        if let Some(cpus) = self.cpu_count
            && !(cpus > 0.0 && cpus.is_finite() && cpus <= 1024.0)
        {
            return bad(format!(
                "cpu_count {cpus} must be a positive number of CPUs"
            ));
        }
        if let Some(ByteSize(n)) = self.mem_limit
            && n < 6 << 20
        {
            return bad(format!(
                "mem_limit {n} bytes is below the engine's minimum of 6m"
            ));
        }
        if let Some(p) = self.pids_limit
            && p == 0
        {
            return bad("pids_limit 0 means unlimited to the engine; use -1 to say so".into());
        }
        for m in &self.mounts {
            if m.kind != MountKind::Tmpfs && m.source.is_none() {
                return bad(format!("mount at {} needs a source", m.target));
            }
            if !m.target.starts_with('/') {
                return bad(format!(
                    "mount target `{}` must be an absolute path",
                    m.target
                ));
            }
        }
        for (port, host) in &self.ports {
            if host
                .rsplit(':')
                .next()
                .and_then(|p| p.parse::<u16>().ok())
                .is_none()
            {
                return bad(format!("port `{port}`: `{host}` is not a host port"));
            }
        }
        Ok(())
    }
}

impl fmt::Display for ByteSize {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} bytes", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_like_docker_sizes() {
        assert_eq!(ByteSize::parse("512m").unwrap().0, 512 << 20);
        assert_eq!(ByteSize::parse("1G").unwrap().0, 1 << 30);
        assert_eq!(ByteSize::parse("64kb").unwrap().0, 64 << 10);
        assert_eq!(ByteSize::parse("100").unwrap().0, 100);
        assert_eq!(ByteSize::parse("-1").unwrap().0, -1);
        assert!(ByteSize::parse("lots").is_err());
        assert!(ByteSize::parse("9999999999t").is_err());
    }

    #[test]
    fn an_unknown_key_is_an_error_listing_the_valid_ones() {
        let err = RuntimeConfig::from_toml("memory = '1g'")
            .unwrap_err()
            .to_string();
        assert!(err.contains("unknown field `memory`"), "{err}");
        assert!(
            err.contains("mem_limit") && err.contains("pids_limit"),
            "{err}"
        );
        let err = RuntimeConfig::from_json(r#"{"network": "none"}"#)
            .unwrap_err()
            .to_string();
        assert!(err.contains("network_mode"), "{err}");
    }

    #[test]
    fn toml_and_json_read_the_same_config() {
        let toml = RuntimeConfig::from_toml(
            "mem_limit = '256m'\npids_limit = 64\nnetwork_mode = 'none'\nread_only = true\n\
             user = '1000:1000'\ncap_drop = ['ALL']\ntmpfs = { '/tmp' = 'size=64m' }\n\
             ulimits = [{ name = 'nofile', soft = 1024, hard = 1024 }]",
        )
        .unwrap();
        let json = RuntimeConfig::from_json(
            r#"{"mem_limit": 268435456, "pids_limit": 64, "network_mode": "none",
                "read_only": true, "user": "1000:1000", "cap_drop": ["ALL"],
                "tmpfs": {"/tmp": "size=64m"},
                "ulimits": [{"name": "nofile", "soft": 1024, "hard": 1024}]}"#,
        )
        .unwrap();
        assert_eq!(toml, json);
    }

    #[test]
    fn merge_overrides_scalars_and_extends_lists() {
        let base = RuntimeConfig::from_toml("mem_limit = '1g'\ncap_drop = ['NET_RAW']").unwrap();
        let top = RuntimeConfig::from_toml("mem_limit = '128m'\ncap_drop = ['ALL']").unwrap();
        let merged = base.merge(top);
        assert_eq!(merged.mem_limit, Some(ByteSize(128 << 20)));
        assert_eq!(merged.cap_drop, ["NET_RAW", "ALL"]);
    }

    #[test]
    fn merge_keeps_where_the_process_limit_came_from() {
        let preset = RuntimeConfig {
            pids_limit: Some(64),
            pids_limit_by_preset: true,
            ..Default::default()
        };
        let flags = RuntimeConfig::from_toml("mem_limit = '1g'").unwrap();
        assert!(preset.clone().merge(flags).pids_limit_by_preset);
        let own = RuntimeConfig::from_toml("pids_limit = 32").unwrap();
        let merged = preset.merge(own);
        assert_eq!(merged.pids_limit, Some(32));
        assert!(!merged.pids_limit_by_preset);
    }

    #[test]
    fn invalid_values_are_refused_with_the_key() {
        for text in [
            "cpu_count = -1.0",
            "mem_limit = '1k'",
            "pids_limit = 0",
            "ports = { '80/tcp' = 'x' }",
            "mounts = [{ type = 'bind', target = '/x' }]",
        ] {
            let config = RuntimeConfig::from_toml(text).unwrap();
            assert!(config.validate().is_err(), "{text}");
        }
    }
}
