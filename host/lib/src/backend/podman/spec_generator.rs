//! How a neutral [`RuntimeConfig`] becomes Podman's container spec (the
//! libpod API's `SpecGenerator`), and what Podman cannot honour, refused
//! by [`check`].

use serde_json::{Map, Value, json};

use crate::backend::SandboxSpec;
use crate::backend::engine_api::{env_of, labels_of};
use crate::error::{Error, Result};
use crate::runtime_config::{MountKind, RuntimeConfig};

/// Refuse the keys (or values) Podman cannot honour.
pub(super) fn check(runtime: &RuntimeConfig) -> Result<()> {
    let unsupported = |option: String, reason: &str| {
        Err(Error::Unsupported {
            option,
            backend: super::ENGINE,
            reason: reason.to_string(),
        })
    };
    for opt in &runtime.security_opt {
        if security_opt(opt).is_none() {
            return unsupported(
                format!("security_opt = \"{opt}\""),
                "Podman takes no-new-privileges, seccomp=…, apparmor=… and label=…",
            );
        }
    }
    if runtime.pod.is_some() && runtime.network_mode.is_some() {
        return unsupported(
            "network_mode".into(),
            "a container in a pod shares the pod's network; set it on the pod instead",
        );
    }
    Ok(())
}

/// One `security_opt` entry as a spec field and value.
fn security_opt(opt: &str) -> Option<(&'static str, Value)> {
    let (key, value) = opt.split_once(['=', ':']).unwrap_or((opt, ""));
    match key {
        "no-new-privileges" if value.is_empty() || value == "true" => {
            Some(("no_new_privileges", json!(true)))
        }
        "no-new-privileges" if value == "false" => Some(("no_new_privileges", json!(false))),
        "seccomp" if !value.is_empty() => Some(("seccomp_profile_path", json!(value))),
        "apparmor" if !value.is_empty() => Some(("apparmor_profile", json!(value))),
        "label" if !value.is_empty() => Some(("selinux_opts", json!([value]))),
        _ => None,
    }
}

/// The container spec for `spec`: a do-nothing main process under an init
/// (catatonit) that reaps orphans of user code, as on Docker.
pub(super) fn spec_generator(spec: &SandboxSpec) -> Value {
    let runtime = &spec.runtime;
    let covered = runtime.mounts_cover(&spec.workdir) || runtime.read_only == Some(true);
    let mut s = Map::new();
    let mut set = |key: &str, value: Value| {
        s.insert(key.to_string(), value);
    };
    set("name", json!(spec.name));
    set("image", json!(spec.image));
    set("entrypoint", json!(["sleep"]));
    set("command", json!(["infinity"]));
    set("init", json!(true));
    set("labels", json!(labels_of(spec)));
    set("env", json!(env_of(spec)));
    if !covered {
        set("work_dir", json!(spec.workdir));
        set("create_working_dir", json!(true));
    }
    if let Some(user) = &runtime.user {
        set("user", json!(user));
    }
    if let Some(pod) = &runtime.pod {
        set("pod", json!(pod));
    }
    set("resource_limits", resources(runtime));
    if let Some(mode) = &runtime.network_mode {
        match mode.as_str() {
            "none" | "host" | "private" | "slirp4netns" | "pasta" => {
                set("netns", json!({ "nsmode": mode }));
            }
            "bridge" | "default" => set("netns", json!({ "nsmode": "bridge" })),
            network => {
                set("netns", json!({ "nsmode": "bridge" }));
                set("networks", json!({ network: {} }));
            }
        }
    }
    if let Some(read_only) = runtime.read_only {
        set("read_only_filesystem", json!(read_only));
    }
    let (mounts, volumes) = mounts(runtime, &spec.workdir);
    if !mounts.is_empty() {
        set("mounts", Value::Array(mounts));
    }
    if !volumes.is_empty() {
        set("volumes", Value::Array(volumes));
    }
    if !runtime.cap_drop.is_empty() {
        set("cap_drop", json!(runtime.cap_drop));
    }
    if !runtime.cap_add.is_empty() {
        set("cap_add", json!(runtime.cap_add));
    }
    for opt in &runtime.security_opt {
        if let Some((key, value)) = security_opt(opt) {
            set(key, value);
        }
    }
    if let Some(privileged) = runtime.privileged {
        set("privileged", json!(privileged));
    }
    if let Some(mode) = &runtime.userns_mode {
        let (nsmode, value) = mode.split_once(':').unwrap_or((mode, ""));
        set("userns", json!({ "nsmode": nsmode, "value": value }));
    }
    if !runtime.ports.is_empty() {
        let ports: Vec<Value> = runtime
            .ports
            .iter()
            .map(|(port, host)| {
                let (number, protocol) = port.split_once('/').unwrap_or((port, "tcp"));
                let (ip, host_port) = host.rsplit_once(':').unwrap_or(("", host));
                json!({
                    "container_port": number.parse::<u16>().unwrap_or(0),
                    "host_port": host_port.parse::<u16>().unwrap_or(0),
                    "host_ip": ip,
                    "protocol": protocol,
                })
            })
            .collect();
        set("portmappings", Value::Array(ports));
    }
    if !runtime.dns.is_empty() {
        set("dns_server", json!(runtime.dns));
    }
    if !runtime.devices.is_empty() {
        let devices: Vec<Value> = runtime
            .devices
            .iter()
            .map(|d| json!({ "path": d }))
            .collect();
        set("devices", Value::Array(devices));
    }
    if let Some(log) = &runtime.log_config {
        set(
            "log_configuration",
            json!({ "driver": log.driver, "options": log.config }),
        );
    }
    if let Some(remove) = runtime.auto_remove {
        set("remove", json!(remove));
    }
    if !runtime.ulimits.is_empty() {
        let limits: Vec<Value> = runtime
            .ulimits
            .iter()
            .map(|u| json!({ "type": u.name, "soft": u.soft, "hard": u.hard }))
            .collect();
        set("r_limits", Value::Array(limits));
    }
    Value::Object(s)
}

/// Memory, CPU and process limits, in the OCI form libpod takes.
fn resources(runtime: &RuntimeConfig) -> Value {
    let mut memory = Map::new();
    if let Some(limit) = runtime.mem_limit {
        memory.insert("limit".into(), json!(limit.0));
    }
    if let Some(swap) = runtime.memswap_limit {
        memory.insert("swap".into(), json!(swap.0));
    }
    let mut cpu = Map::new();
    if let Some(shares) = runtime.cpu_shares {
        cpu.insert("shares".into(), json!(shares));
    }
    let (mut period, mut quota) = (runtime.cpu_period, runtime.cpu_quota);
    if let Some(count) = runtime.cpu_count {
        // As Podman's --cpus: a quota of `count` periods of 100 ms.
        period = Some(period.unwrap_or(100_000));
        quota = Some((count * period.unwrap_or(100_000) as f64) as i64);
    }
    if let Some(period) = period {
        cpu.insert("period".into(), json!(period));
    }
    if let Some(quota) = quota {
        cpu.insert("quota".into(), json!(quota));
    }
    let mut out = Map::new();
    if !memory.is_empty() {
        out.insert("memory".into(), Value::Object(memory));
    }
    if !cpu.is_empty() {
        out.insert("cpu".into(), Value::Object(cpu));
    }
    if let Some(limit) = runtime.pids_limit {
        out.insert("pids".into(), json!({ "limit": limit }));
    }
    Value::Object(out)
}

/// tmpfs and bind mounts (OCI form), and named volumes.
fn mounts(runtime: &RuntimeConfig, workdir: &str) -> (Vec<Value>, Vec<Value>) {
    let mut mounts = Vec::new();
    let mut volumes = Vec::new();
    let tmpfs = |target: &str, options: &str| {
        let options: Vec<&str> = options.split(',').filter(|o| !o.is_empty()).collect();
        json!({ "destination": target, "type": "tmpfs", "source": "tmpfs", "options": options })
    };
    for (target, options) in &runtime.tmpfs {
        mounts.push(tmpfs(target, options));
    }
    if runtime.read_only == Some(true) && !runtime.mounts_cover(workdir) {
        // A read-only root still needs a writable work dir.
        mounts.push(tmpfs(workdir, "mode=1777,exec"));
    }
    for (host, bind) in &runtime.volumes {
        mounts.push(json!({
            "destination": bind.bind, "type": "bind", "source": host,
            "options": ["rbind", bind.mode.as_str()],
        }));
    }
    for m in &runtime.mounts {
        let mode = if m.read_only { "ro" } else { "rw" };
        match m.kind {
            MountKind::Bind => mounts.push(json!({
                "destination": m.target, "type": "bind",
                "source": m.source.clone().unwrap_or_default(), "options": ["rbind", mode],
            })),
            MountKind::Tmpfs => {
                let mut options = vec![mode.to_string()];
                if let Some(size) = m.size {
                    options.push(format!("size={}", size.0));
                }
                mounts.push(
                    json!({ "destination": m.target, "type": "tmpfs", "source": "tmpfs", "options": options }),
                );
            }
            MountKind::Volume => volumes.push(json!({
                "Name": m.source.clone().unwrap_or_default(), "Dest": m.target, "Options": [mode],
            })),
        }
    }
    (mounts, volumes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_and_security_options_map_to_podman_fields() {
        let runtime = RuntimeConfig::from_toml(
            r#"
            mem_limit = "64m"
            cpu_count = 0.5
            pids_limit = 32
            network_mode = "none"
            security_opt = ["no-new-privileges"]
            pod = "p1"
            "#,
        );
        // network_mode with a pod is refused; without one it maps.
        let mut runtime = runtime.unwrap();
        assert!(check(&runtime).is_err());
        runtime.pod = None;
        check(&runtime).unwrap();
        let spec = SandboxSpec {
            image: "img".into(),
            name: "n".into(),
            workdir: "/sandbox".into(),
            runtime,
            ..Default::default()
        };
        let s = spec_generator(&spec);
        assert_eq!(s["resource_limits"]["memory"]["limit"], 64 << 20);
        assert_eq!(s["resource_limits"]["cpu"]["quota"], 50_000);
        assert_eq!(s["resource_limits"]["pids"]["limit"], 32);
        assert_eq!(s["netns"]["nsmode"], "none");
        assert_eq!(s["no_new_privileges"], true);
        let odd = RuntimeConfig {
            security_opt: vec!["systempaths=unconfined".into()],
            ..Default::default()
        };
        let err = check(&odd).unwrap_err().to_string();
        assert!(
            err.contains("systempaths=unconfined") && err.contains("Podman"),
            "{err}"
        );
    }
}
