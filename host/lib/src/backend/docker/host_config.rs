//! How a neutral [`RuntimeConfig`] becomes Docker's `HostConfig` (and what
//! Docker cannot honour, refused by [`check`]).

use std::collections::HashMap;

use bollard::models::{
    DeviceMapping, HostConfig, HostConfigLogConfig, Mount, MountType, PortBinding, ResourcesUlimits,
};

use crate::error::{Error, Result};
use crate::runtime_config::{MountKind, MountSpec, RuntimeConfig};

/// Refuse the keys Docker cannot honour.
pub(super) fn check(runtime: &RuntimeConfig) -> Result<()> {
    let unsupported = |option: &str, reason: &str| {
        Err(Error::Unsupported {
            option: option.to_string(),
            backend: super::ENGINE,
            reason: reason.to_string(),
        })
    };
    if runtime.pod.is_some() {
        return unsupported(
            "pod",
            "pods are Podman's; use --backend podman, or leave `pod` out",
        );
    }
    if runtime.userns_mode.as_deref() == Some("keep-id") {
        return unsupported(
            "userns_mode = \"keep-id\"",
            "keep-id is Podman's; use --backend podman, or `host` / a remapped user namespace",
        );
    }
    Ok(())
}

/// The Docker host config for a sandbox of `runtime` whose work dir is `workdir`.
pub(super) fn host_config(runtime: &RuntimeConfig, workdir: &str) -> HostConfig {
    let mut tmpfs: HashMap<String, String> = runtime
        .tmpfs
        .iter()
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    if runtime.read_only == Some(true) && !runtime.mounts_cover(workdir) {
        // A read-only root still needs a writable work dir.
        tmpfs.insert(workdir.to_string(), "mode=1777,exec".into());
    }
    let none_if_empty = |v: &Vec<String>| (!v.is_empty()).then(|| v.clone());
    HostConfig {
        init: Some(true),
        memory: runtime.mem_limit.map(|b| b.0),
        memory_swap: runtime.memswap_limit.map(|b| b.0),
        nano_cpus: runtime.cpu_count.map(|c| (c * 1e9) as i64),
        cpu_shares: runtime.cpu_shares,
        cpu_period: runtime.cpu_period,
        cpu_quota: runtime.cpu_quota,
        pids_limit: runtime.pids_limit,
        network_mode: runtime.network_mode.clone(),
        readonly_rootfs: runtime.read_only,
        tmpfs: (!tmpfs.is_empty()).then_some(tmpfs),
        cap_drop: none_if_empty(&runtime.cap_drop),
        cap_add: none_if_empty(&runtime.cap_add),
        security_opt: none_if_empty(&runtime.security_opt),
        privileged: runtime.privileged,
        userns_mode: runtime.userns_mode.clone(),
        binds: (!runtime.volumes.is_empty()).then(|| {
            runtime
                .volumes
                .iter()
                .map(|(host, v)| format!("{host}:{}:{}", v.bind, v.mode))
                .collect()
        }),
        mounts: (!runtime.mounts.is_empty()).then(|| runtime.mounts.iter().map(to_mount).collect()),
        port_bindings: (!runtime.ports.is_empty()).then(|| {
            runtime
                .ports
                .iter()
                .map(|(port, host)| {
                    let (ip, host_port) = match host.rsplit_once(':') {
                        Some((ip, p)) => (Some(ip.to_string()), p.to_string()),
                        None => (None, host.clone()),
                    };
                    let binding = PortBinding {
                        host_ip: ip,
                        host_port: Some(host_port),
                    };
                    (port.clone(), Some(vec![binding]))
                })
                .collect()
        }),
        dns: none_if_empty(&runtime.dns),
        devices: (!runtime.devices.is_empty())
            .then(|| runtime.devices.iter().map(|d| to_device(d)).collect()),
        log_config: runtime.log_config.as_ref().map(|l| HostConfigLogConfig {
            typ: Some(l.driver.clone()),
            config: Some(l.config.clone().into_iter().collect()),
        }),
        auto_remove: runtime.auto_remove,
        ulimits: (!runtime.ulimits.is_empty()).then(|| {
            runtime
                .ulimits
                .iter()
                .map(|u| ResourcesUlimits {
                    name: Some(u.name.clone()),
                    soft: Some(u.soft),
                    hard: Some(u.hard),
                })
                .collect()
        }),
        ..Default::default()
    }
}

fn to_mount(m: &MountSpec) -> Mount {
    Mount {
        target: Some(m.target.clone()),
        source: m.source.clone(),
        typ: Some(match m.kind {
            MountKind::Bind => MountType::BIND,
            MountKind::Volume => MountType::VOLUME,
            MountKind::Tmpfs => MountType::TMPFS,
        }),
        read_only: Some(m.read_only),
        tmpfs_options: m.size.map(|s| bollard::models::MountTmpfsOptions {
            size_bytes: Some(s.0),
            ..Default::default()
        }),
        ..Default::default()
    }
}

fn to_device(spec: &str) -> DeviceMapping {
    let mut parts = spec.splitn(3, ':');
    let host = parts.next().unwrap_or_default().to_string();
    let container = parts.next().map_or_else(|| host.clone(), str::to_string);
    let permissions = parts.next().unwrap_or("rwm").to_string();
    DeviceMapping {
        path_on_host: Some(host),
        path_in_container: Some(container),
        cgroup_permissions: Some(permissions),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_read_only_root_gets_a_writable_workdir_unless_mounted() {
        let config = RuntimeConfig {
            read_only: Some(true),
            ..Default::default()
        };
        let host = host_config(&config, "/sandbox");
        assert_eq!(host.readonly_rootfs, Some(true));
        assert!(host.tmpfs.unwrap().contains_key("/sandbox"));
        let mounted = RuntimeConfig {
            read_only: Some(true),
            mounts: vec![MountSpec {
                kind: MountKind::Volume,
                source: Some("work".into()),
                target: "/sandbox".into(),
                read_only: false,
                size: None,
            }],
            ..Default::default()
        };
        assert!(host_config(&mounted, "/sandbox").tmpfs.is_none());
    }
}
