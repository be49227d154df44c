//! A user-supplied pod manifest, checked against what a sandbox pod needs
//! before anything is created:
//!
//! - **kind**: a `v1` `Pod`;
//! - **container name**: one container, or among several one named
//!   [`SANDBOX_CONTAINER`] (where code runs);
//! - **long-running command**: that container sets `command` or `args`
//!   (`["sleep", "infinity"]`), or `tty: true` for an image whose default
//!   command is a shell; otherwise the image's command may exit at once and
//!   take the pod with it;
//! - **work dir**: the container's `workingDir`, if set, is the session's,
//!   and no read-only volume is mounted over the work dir.

use k8s_openapi::api::core::v1::{Container, Pod};

use crate::error::{Error, Result};

/// The sandbox container's name in pods we make, and the one chosen in a
/// manifest with several containers.
pub const SANDBOX_CONTAINER: &str = "sandbox";

/// A pod manifest that met the requirements which do not depend on the session.
#[derive(Debug, Clone)]
pub struct PodManifest {
    pub(super) pod: Pod,
}

fn refused(requirement: &'static str, reason: impl Into<String>) -> Error {
    Error::PodManifest {
        requirement,
        reason: reason.into(),
    }
}

impl PodManifest {
    /// Parse a manifest written as YAML or JSON and check it.
    pub fn parse(text: &str) -> Result<PodManifest> {
        let value: serde_json::Value = serde_saphyr::from_str(text).map_err(|e| {
            refused(
                "valid manifest",
                format!("it is not YAML or JSON a Pod can be read from: {e}"),
            )
        })?;
        Self::from_value(value)
    }

    /// Check a manifest given as a JSON value.
    pub fn from_value(value: serde_json::Value) -> Result<PodManifest> {
        let kind = value.get("kind").and_then(|k| k.as_str());
        if kind.is_some_and(|k| k != "Pod") {
            return Err(refused(
                "kind",
                format!("it is a `{}`; give a `Pod`", kind.unwrap_or_default()),
            ));
        }
        let api = value.get("apiVersion").and_then(|k| k.as_str());
        if api.is_some_and(|a| a != "v1") {
            return Err(refused(
                "kind",
                format!(
                    "its apiVersion is `{}`; a Pod is `v1`",
                    api.unwrap_or_default()
                ),
            ));
        }
        let pod: Pod = serde_json::from_value(value)
            .map_err(|e| refused("valid manifest", format!("it does not read as a Pod: {e}")))?;
        let manifest = PodManifest { pod };
        let container = manifest.container()?;
        let long_running = container.command.as_ref().is_some_and(|c| !c.is_empty())
            || container.args.as_ref().is_some_and(|a| !a.is_empty())
            || container.tty == Some(true);
        if !long_running {
            return Err(refused(
                "long-running command",
                format!(
                    "container `{}` sets neither `command` (e.g. [\"sleep\", \"infinity\"]) nor `tty: true`, so the image's own command may exit at once and end the pod",
                    container.name
                ),
            ));
        }
        Ok(manifest)
    }

    /// The container code runs in.
    pub(super) fn container(&self) -> Result<&Container> {
        let containers = self
            .pod
            .spec
            .as_ref()
            .map(|s| &s.containers[..])
            .unwrap_or(&[]);
        match containers {
            [] => Err(refused(
                "container name",
                "`spec.containers` is empty; give the container to run code in",
            )),
            [one] => Ok(one),
            several => several
                .iter()
                .find(|c| c.name == SANDBOX_CONTAINER)
                .ok_or_else(|| {
                    refused(
                        "container name",
                        format!(
                            "it has {} containers and none is named `{SANDBOX_CONTAINER}`; name the one to run code in `{SANDBOX_CONTAINER}`",
                            several.len()
                        ),
                    )
                }),
        }
    }

    /// The namespace it names, if any.
    pub fn namespace(&self) -> Option<&str> {
        self.pod.metadata.namespace.as_deref()
    }

    /// Check the requirements that depend on the session's work dir.
    pub(super) fn check_workdir(&self, workdir: &str) -> Result<()> {
        let container = self.container()?;
        let read_only_over = container
            .volume_mounts
            .iter()
            .flatten()
            .find(|m| m.read_only == Some(true) && covers(&m.mount_path, workdir));
        if let Some(mount) = read_only_over {
            return Err(refused(
                "work dir",
                format!(
                    "volume `{}` is mounted read-only at `{}`, over the work dir `{workdir}`; the work dir must be writable",
                    mount.name, mount.mount_path
                ),
            ));
        }
        if let Some(dir) = &container.working_dir
            && dir.trim_end_matches('/') != workdir.trim_end_matches('/')
        {
            return Err(refused(
                "work dir",
                format!(
                    "container `{}` has workingDir `{dir}` but the session's work dir is `{workdir}`; make them the same (or drop workingDir)",
                    container.name
                ),
            ));
        }
        Ok(())
    }
}

/// Whether a mount at `mount` covers `path`.
pub(super) fn covers(mount: &str, path: &str) -> bool {
    let mount = mount.trim_end_matches('/');
    let path = path.trim_end_matches('/');
    mount.is_empty() || path == mount || path.starts_with(&format!("{mount}/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_manifest_without_a_long_running_command_is_refused_by_name() {
        let e = PodManifest::parse(
            "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: box\n    image: python:3.11\n",
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("`long-running command`"), "{e}");
        assert!(e.contains("box"), "{e}");
    }

    #[test]
    fn several_containers_need_one_named_sandbox() {
        let text = r#"{"spec": {"containers": [
            {"name": "a", "image": "x", "command": ["sleep", "infinity"]},
            {"name": "b", "image": "x", "command": ["sleep", "infinity"]}]}}"#;
        let e = PodManifest::parse(text).unwrap_err().to_string();
        assert!(e.contains("`container name`"), "{e}");
        let ok = text.replace("\"b\"", "\"sandbox\"");
        let manifest = PodManifest::parse(&ok).unwrap();
        assert_eq!(manifest.container().unwrap().name, "sandbox");
    }

    #[test]
    fn the_work_dir_must_match_and_stay_writable() {
        let manifest = PodManifest::parse(
            r#"
kind: Pod
metadata: {namespace: team}
spec:
  containers:
  - name: box
    tty: true
    workingDir: /work
    volumeMounts: [{name: cfg, mountPath: /work/cfg, readOnly: true}]
"#,
        )
        .unwrap();
        assert_eq!(manifest.namespace(), Some("team"));
        let e = manifest.check_workdir("/sandbox").unwrap_err().to_string();
        assert!(e.contains("`work dir`") && e.contains("/work"), "{e}");
        manifest.check_workdir("/work").unwrap();
        let e = manifest.check_workdir("/work/cfg").unwrap_err().to_string();
        assert!(e.contains("read-only"), "{e}");
    }

    #[test]
    fn other_kinds_and_garbage_are_refused() {
        let e = PodManifest::parse("kind: Deployment\n")
            .unwrap_err()
            .to_string();
        assert!(e.contains("`kind`"), "{e}");
        assert!(PodManifest::parse("[1, 2").is_err());
        assert!(PodManifest::parse("spec: 3").is_err());
    }
}
