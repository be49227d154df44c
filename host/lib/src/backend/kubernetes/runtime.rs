//! How a neutral [`RuntimeConfig`] becomes a pod's settings, and what has
//! no counterpart on Kubernetes, refused by [`check`] with the key's name.
//!
//! | runtime config | pod |
//! |---|---|
//! | `mem_limit`, `cpu_count`, `cpu_quota`/`cpu_period`, `cpu_shares` | container `resources` (small requests so pods still fit) |
//! | `memswap_limit` equal to `mem_limit` | nothing to do: pods get no swap |
//! | `user` (`uid[:gid]`, `root`, `nobody`, `nogroup`) | `runAsUser`, `runAsGroup`, `runAsNonRoot` |
//! | `read_only` | `readOnlyRootFilesystem` (the work dir is an `emptyDir` anyway) |
//! | `cap_drop`, `cap_add`, `privileged` | `capabilities`, `privileged` |
//! | `security_opt`: `no-new-privileges`, `seccomp=unconfined`/`runtime/default` | `allowPrivilegeEscalation: false`, `seccompProfile` |
//! | `environment` | container `env` |
//! | `volumes`, `mounts` (bind / named volume / anonymous volume / tmpfs), `tmpfs` | `hostPath` / PVC / `emptyDir` / `emptyDir` in memory with `sizeLimit` |
//! | `network_mode`: `bridge`/`default` / `host` / `none` | the pod network / `hostNetwork` / a deny-all NetworkPolicy |
//! | `dns` | `dnsConfig` with `dnsPolicy: None` |
//! | `pids_limit` of a security preset | the node's pod PID limit (kubelet `--pod-max-pids`): logged, not per pod |
//!
//! Refused: a caller's own `pids_limit` (no per-pod setting exists), `ports`, `devices`, `ulimits`, `log_config`, `userns_mode`,
//! `auto_remove`, `pod`, other `network_mode`s and `security_opt`s.

use std::collections::BTreeMap;

use k8s_openapi::api::core::v1::{
    Capabilities, Container, EmptyDirVolumeSource, EnvVar, HostPathVolumeSource,
    PersistentVolumeClaimVolumeSource, PodDNSConfig, PodSpec, ResourceRequirements, SeccompProfile,
    SecurityContext, Volume, VolumeMount,
};
use k8s_openapi::apimachinery::pkg::api::resource::Quantity;

use super::ENGINE;
use crate::error::{Error, Result};
use crate::runtime_config::{MountKind, RuntimeConfig};

/// CPU a pod with a CPU limit requests (millicores), at most its limit.
const CPU_REQUEST_MILLIS: i64 = 50;
/// Memory a pod with a memory limit requests, at most its limit.
const MEMORY_REQUEST: i64 = 64 << 20;

fn unsupported(option: impl Into<String>, reason: &str) -> Error {
    Error::Unsupported {
        option: option.into(),
        backend: ENGINE,
        reason: reason.to_string(),
    }
}

/// Refuse the keys (or values) a pod cannot honour.
pub(super) fn check(runtime: &RuntimeConfig) -> Result<()> {
    if runtime.pids_limit.is_some_and(|n| n > 0) && !runtime.pids_limit_by_preset {
        return Err(unsupported(
            "pids_limit",
            "a pod's process count cannot be limited per pod; the node's kubelet limits every \
             pod's (--pod-max-pids, or podPidsLimit in its config file): set it there and remove \
             pids_limit from the runtime config",
        ));
    }
    if !runtime.ports.is_empty() {
        return Err(unsupported(
            "ports",
            "pods are reached through a Service or `kubectl port-forward`, not published ports",
        ));
    }
    if !runtime.devices.is_empty() {
        return Err(unsupported(
            "devices",
            "pods get devices through device plugins; use a pod manifest that requests one",
        ));
    }
    if !runtime.ulimits.is_empty() {
        return Err(unsupported(
            "ulimits",
            "Kubernetes has no per-pod rlimits; limit memory and CPU instead",
        ));
    }
    if runtime.log_config.is_some() {
        return Err(unsupported(
            "log_config",
            "the cluster's logging decides; leave it unset",
        ));
    }
    if runtime.userns_mode.is_some() {
        return Err(unsupported(
            "userns_mode",
            "user namespaces are not available on the Kubernetes versions this backend supports",
        ));
    }
    if runtime.auto_remove.is_some() {
        return Err(unsupported(
            "auto_remove",
            "the host deletes its pods itself; leave it unset",
        ));
    }
    if runtime.pod.is_some() {
        return Err(unsupported(
            "pod",
            "this is Podman's pod; on Kubernetes every session is a pod of its own (customise it with a pod manifest)",
        ));
    }
    if let (Some(swap), Some(mem)) = (runtime.memswap_limit, runtime.mem_limit)
        && swap != mem
    {
        return Err(unsupported(
            "memswap_limit",
            "pods get no swap: only a memswap_limit equal to mem_limit maps",
        ));
    } else if runtime.memswap_limit.is_some() && runtime.mem_limit.is_none() {
        return Err(unsupported(
            "memswap_limit",
            "pods get no swap: set mem_limit (and memswap_limit equal to it, or not at all)",
        ));
    }
    if let Some(mode) = &runtime.network_mode
        && !matches!(mode.as_str(), "bridge" | "default" | "host" | "none")
    {
        return Err(unsupported(
            format!("network_mode = \"{mode}\""),
            "pods join the cluster network (`bridge`), the node's (`host`) or none (`none`, a deny-all NetworkPolicy); other networks need a pod manifest",
        ));
    }
    for opt in &runtime.security_opt {
        security_opt(opt)?;
    }
    if let Some(user) = &runtime.user {
        user_ids(user)?;
    }
    for (path, options) in &runtime.tmpfs {
        tmpfs_size(path, options)?;
    }
    Ok(())
}

/// What one `security_opt` entry sets.
enum SecurityOpt {
    NoNewPrivileges(bool),
    Seccomp(&'static str),
}

fn security_opt(opt: &str) -> Result<SecurityOpt> {
    let (key, value) = opt.split_once(['=', ':']).unwrap_or((opt, ""));
    match (key, value) {
        ("no-new-privileges", "" | "true") => Ok(SecurityOpt::NoNewPrivileges(true)),
        ("no-new-privileges", "false") => Ok(SecurityOpt::NoNewPrivileges(false)),
        ("seccomp", "unconfined") => Ok(SecurityOpt::Seccomp("Unconfined")),
        ("seccomp", "runtime/default" | "RuntimeDefault" | "default") => {
            Ok(SecurityOpt::Seccomp("RuntimeDefault"))
        }
        _ => Err(unsupported(
            format!("security_opt = \"{opt}\""),
            "pods take no-new-privileges and seccomp=unconfined or seccomp=runtime/default; other profiles need a pod manifest",
        )),
    }
}

/// `uid[:gid]` as numbers; the names every image has are known.
pub(super) fn user_ids(user: &str) -> Result<(i64, Option<i64>)> {
    let id = |part: &str, group: bool| -> Option<i64> {
        match part {
            "root" => Some(0),
            "nobody" if !group => Some(65534),
            "nogroup" | "nobody" if group => Some(65534),
            n => n.parse::<i64>().ok().filter(|n| *n >= 0),
        }
    };
    let (u, g) = match user.split_once(':') {
        Some((u, g)) => (u, Some(g)),
        None => (user, None),
    };
    let bad = || {
        unsupported(
            format!("user = \"{user}\""),
            "pods run as numeric ids: write `uid` or `uid:gid` (root, nobody and nogroup are known by name)",
        )
    };
    let uid = id(u, false).ok_or_else(bad)?;
    let gid = match g {
        Some(g) => Some(id(g, true).ok_or_else(bad)?),
        None => None,
    };
    Ok((uid, gid))
}

/// A tmpfs's `size=` option; the other options (`mode`, `noexec`) have no
/// `emptyDir` counterpart.
fn tmpfs_size(path: &str, options: &str) -> Result<Option<i64>> {
    for option in options.split(',').map(str::trim) {
        if let Some(size) = option.strip_prefix("size=") {
            let bytes = crate::runtime_config::ByteSize::parse(size)
                .map_err(|e| unsupported(format!("tmpfs \"{path}\""), &e))?;
            return Ok(Some(bytes.0));
        }
    }
    Ok(None)
}

fn quantity_bytes(bytes: i64) -> Quantity {
    Quantity(bytes.to_string())
}

fn quantity_millis(millis: i64) -> Quantity {
    Quantity(format!("{millis}m"))
}

/// The CPU limit in millicores.
fn cpu_millis(runtime: &RuntimeConfig) -> Option<i64> {
    if let Some(count) = runtime.cpu_count {
        return Some(((count * 1000.0).round() as i64).max(1));
    }
    let quota = runtime.cpu_quota.filter(|q| *q > 0)?;
    let period = runtime.cpu_period.filter(|p| *p > 0).unwrap_or(100_000);
    Some((quota * 1000 / period).max(1))
}

/// Apply `runtime` to the sandbox `container` of `pod`; `volume_name`
/// hands out unique volume names.
pub(super) fn apply(
    runtime: &RuntimeConfig,
    pod: &mut PodSpec,
    container: &mut Container,
    volume_name: &mut dyn FnMut() -> String,
) -> Result<()> {
    check(runtime)?;
    // Resources.
    let mut limits = BTreeMap::new();
    let mut requests = BTreeMap::new();
    if let Some(mem) = runtime.mem_limit {
        limits.insert("memory".to_string(), quantity_bytes(mem.0));
        requests.insert(
            "memory".to_string(),
            quantity_bytes(mem.0.min(MEMORY_REQUEST)),
        );
    }
    if let Some(millis) = cpu_millis(runtime) {
        limits.insert("cpu".to_string(), quantity_millis(millis));
        requests.insert(
            "cpu".to_string(),
            quantity_millis(millis.min(CPU_REQUEST_MILLIS)),
        );
    }
    if let Some(shares) = runtime.cpu_shares.filter(|s| *s > 0) {
        let millis = (shares * 1000 / 1024).max(1);
        let capped = limits
            .get("cpu")
            .and(cpu_millis(runtime))
            .map_or(millis, |limit| millis.min(limit));
        requests.insert("cpu".to_string(), quantity_millis(capped));
    }
    if !limits.is_empty() || !requests.is_empty() {
        let resources = container
            .resources
            .get_or_insert_with(ResourceRequirements::default);
        resources.limits.get_or_insert_default().extend(limits);
        resources.requests.get_or_insert_default().extend(requests);
    }
    if let Some(limit) = runtime.pids_limit.filter(|n| *n > 0) {
        tracing::info!(
            "the preset's pids_limit ({limit}) has no per-pod setting on Kubernetes: the node's \
             kubelet --pod-max-pids applies"
        );
    }
    // Identity and privileges.
    let security = container
        .security_context
        .get_or_insert_with(SecurityContext::default);
    if let Some(user) = &runtime.user {
        let (uid, gid) = user_ids(user)?;
        security.run_as_user = Some(uid);
        if let Some(gid) = gid {
            security.run_as_group = Some(gid);
        }
        security.run_as_non_root = Some(uid != 0);
    }
    if let Some(read_only) = runtime.read_only {
        security.read_only_root_filesystem = Some(read_only);
    }
    if let Some(privileged) = runtime.privileged {
        security.privileged = Some(privileged);
    }
    let strip = |caps: &[String]| -> Vec<String> {
        caps.iter()
            .map(|c| {
                let c = c.trim().to_ascii_uppercase();
                c.strip_prefix("CAP_").map(str::to_string).unwrap_or(c)
            })
            .collect()
    };
    if !runtime.cap_drop.is_empty() || !runtime.cap_add.is_empty() {
        let caps = security
            .capabilities
            .get_or_insert_with(Capabilities::default);
        if !runtime.cap_drop.is_empty() {
            caps.drop = Some(strip(&runtime.cap_drop));
        }
        if !runtime.cap_add.is_empty() {
            caps.add = Some(strip(&runtime.cap_add));
        }
    }
    for opt in &runtime.security_opt {
        match security_opt(opt)? {
            SecurityOpt::NoNewPrivileges(on) => security.allow_privilege_escalation = Some(!on),
            SecurityOpt::Seccomp(kind) => {
                security.seccomp_profile = Some(SeccompProfile {
                    type_: kind.to_string(),
                    ..Default::default()
                })
            }
        }
    }
    // Environment.
    let env = container.env.get_or_insert_default();
    for (name, value) in &runtime.environment {
        env.retain(|e| &e.name != name);
        env.push(EnvVar {
            name: name.clone(),
            value: Some(value.clone()),
            ..Default::default()
        });
    }
    // Network.
    match runtime.network_mode.as_deref() {
        Some("host") => pod.host_network = Some(true),
        Some("none") => {} // the backend adds the NetworkPolicy
        _ => {}
    }
    if !runtime.dns.is_empty() {
        pod.dns_policy = Some("None".into());
        pod.dns_config = Some(PodDNSConfig {
            nameservers: Some(runtime.dns.clone()),
            ..Default::default()
        });
    }
    // Storage.
    let mut add = |volume: Volume, path: &str, read_only: bool| {
        container
            .volume_mounts
            .get_or_insert_default()
            .push(VolumeMount {
                name: volume.name.clone(),
                mount_path: path.to_string(),
                read_only: read_only.then_some(true),
                ..Default::default()
            });
        pod.volumes.get_or_insert_default().push(volume);
    };
    for (host, bind) in &runtime.volumes {
        let volume = Volume {
            name: volume_name(),
            host_path: Some(HostPathVolumeSource {
                path: host.clone(),
                ..Default::default()
            }),
            ..Default::default()
        };
        add(volume, &bind.bind, bind.mode == "ro");
    }
    for mount in &runtime.mounts {
        let mut volume = Volume {
            name: volume_name(),
            ..Default::default()
        };
        match (mount.kind, &mount.source) {
            (MountKind::Bind, Some(source)) => {
                volume.host_path = Some(HostPathVolumeSource {
                    path: source.clone(),
                    ..Default::default()
                })
            }
            (MountKind::Bind, None) => {
                return Err(unsupported(
                    format!("mounts (target {})", mount.target),
                    "a bind mount needs a source",
                ));
            }
            (MountKind::Volume, Some(claim)) => {
                volume.persistent_volume_claim = Some(PersistentVolumeClaimVolumeSource {
                    claim_name: claim.clone(),
                    read_only: mount.read_only.then_some(true),
                })
            }
            (MountKind::Volume, None) => volume.empty_dir = Some(EmptyDirVolumeSource::default()),
            (MountKind::Tmpfs, _) => volume.empty_dir = Some(memory_dir(mount.size.map(|s| s.0))),
        }
        add(volume, &mount.target, mount.read_only);
    }
    for (path, options) in &runtime.tmpfs {
        let volume = Volume {
            name: volume_name(),
            empty_dir: Some(memory_dir(tmpfs_size(path, options)?)),
            ..Default::default()
        };
        add(volume, path, false);
    }
    Ok(())
}

/// An in-memory `emptyDir`, the counterpart of a tmpfs.
fn memory_dir(size: Option<i64>) -> EmptyDirVolumeSource {
    EmptyDirVolumeSource {
        medium: Some("Memory".into()),
        size_limit: size.map(quantity_bytes),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runtime_config::ByteSize;

    fn applied(runtime: &RuntimeConfig) -> (PodSpec, Container) {
        let mut pod = PodSpec::default();
        let mut container = Container::default();
        let mut n = 0;
        apply(runtime, &mut pod, &mut container, &mut || {
            n += 1;
            format!("v{n}")
        })
        .unwrap();
        (pod, container)
    }

    #[test]
    fn the_strict_preset_maps_to_a_locked_down_container() {
        let strict = llm_sandbox_core::policy::SecurityPreset::get("strict").unwrap();
        let (_, c) = applied(&strict.runtime);
        let sc = c.security_context.unwrap();
        assert_eq!(sc.run_as_user, Some(65534));
        assert_eq!(sc.run_as_group, Some(65534));
        assert_eq!(sc.run_as_non_root, Some(true));
        assert_eq!(sc.read_only_root_filesystem, Some(true));
        assert_eq!(sc.allow_privilege_escalation, Some(false));
        assert_eq!(sc.capabilities.unwrap().drop.unwrap(), ["ALL"]);
        let res = c.resources.unwrap();
        assert_eq!(res.limits.unwrap()["memory"].0, (128 << 20).to_string());
        assert_eq!(res.requests.unwrap()["cpu"].0, "50m");
    }

    #[test]
    fn keys_without_a_pod_counterpart_are_refused_by_name() {
        let cases = [
            RuntimeConfig {
                network_mode: Some("mynet".into()),
                ..Default::default()
            },
            RuntimeConfig {
                user: Some("alice".into()),
                ..Default::default()
            },
            RuntimeConfig {
                security_opt: vec!["apparmor=x".into()],
                ..Default::default()
            },
            RuntimeConfig {
                mem_limit: Some(ByteSize(1 << 20)),
                memswap_limit: Some(ByteSize(2 << 20)),
                ..Default::default()
            },
            RuntimeConfig {
                pids_limit: Some(64),
                ..Default::default()
            },
        ];
        for (runtime, key) in cases.iter().zip([
            "network_mode",
            "user",
            "security_opt",
            "memswap_limit",
            "pids_limit",
        ]) {
            let e = check(runtime).unwrap_err().to_string();
            assert!(e.contains(key), "{e}");
        }
    }

    #[test]
    fn a_presets_pids_limit_is_left_to_the_node_but_a_callers_is_refused() {
        let strict = llm_sandbox_core::policy::SecurityPreset::get("strict").unwrap();
        check(&strict.runtime).unwrap();
        let own = RuntimeConfig::from_toml("pids_limit = 32").unwrap();
        let e = check(&strict.runtime.clone().merge(own)).unwrap_err();
        assert!(e.to_string().contains("--pod-max-pids"), "{e}");
        // Unlimited asks for nothing a pod lacks.
        check(&RuntimeConfig::from_toml("pids_limit = -1").unwrap()).unwrap();
    }

    #[test]
    fn mounts_become_volumes() {
        let runtime = RuntimeConfig::from_toml(
            r#"
            tmpfs = { "/scratch" = "size=64m,noexec" }
            [volumes."/srv/data"]
            bind = "/data"
            mode = "ro"
            [[mounts]]
            type = "volume"
            source = "claim-1"
            target = "/claim"
            "#,
        )
        .unwrap();
        let (pod, c) = applied(&runtime);
        let volumes = pod.volumes.unwrap();
        assert_eq!(volumes.len(), 3);
        assert_eq!(volumes[0].host_path.as_ref().unwrap().path, "/srv/data");
        assert_eq!(
            volumes[1]
                .persistent_volume_claim
                .as_ref()
                .unwrap()
                .claim_name,
            "claim-1"
        );
        let scratch = volumes[2].empty_dir.as_ref().unwrap();
        assert_eq!(scratch.medium.as_deref(), Some("Memory"));
        assert_eq!(
            scratch.size_limit.as_ref().unwrap().0,
            (64 << 20).to_string()
        );
        let mounts = c.volume_mounts.unwrap();
        assert_eq!(mounts[0].mount_path, "/data");
        assert_eq!(mounts[0].read_only, Some(true));
    }
}
