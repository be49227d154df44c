//! Helpers shared by the integration tests.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use llm_sandbox_host::backend::MANAGED_LABEL;
use llm_sandbox_host::{SandboxHost, SessionConfig};

/// The `host` binary built for these tests.
pub fn host_bin() -> &'static str {
    env!("CARGO_BIN_EXE_host")
}

/// Run `host` with `args` (and optional stdin), returning its output.
pub fn host(args: &[&str], stdin: Option<&str>) -> Output {
    use std::io::Write;
    let mut child = host_command()
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("start host");
    let mut input = child.stdin.take().expect("stdin");
    if let Some(text) = stdin {
        input.write_all(text.as_bytes()).expect("write stdin");
    }
    drop(input);
    child.wait_with_output().expect("wait for host")
}

/// Stdout and stderr of an output, as text.
pub fn texts(out: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The CA bundle to trust in sandboxes for package installs:
/// `LLM_SANDBOX_TEST_CA_BUNDLE`, else the host's own bundle. A test that
/// needs it fails (never skips) when there is none.
pub fn ca_bundle() -> PathBuf {
    let path = std::env::var_os("LLM_SANDBOX_TEST_CA_BUNDLE")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/etc/ssl/certs/ca-certificates.crt"));
    assert!(
        path.is_file(),
        "no CA bundle at {}: set LLM_SANDBOX_TEST_CA_BUNDLE to the bundle that lets \
         sandboxes reach package registries (dev/test sets it)",
        path.display()
    );
    path
}

/// The engine the behavioural suites run against: `LLM_SANDBOX_TEST_BACKEND`
/// (`docker`, the default, `podman` or `kubernetes`; dev/test runs the
/// suites on each).
pub fn backend_name() -> &'static str {
    static NAME: OnceLock<&'static str> = OnceLock::new();
    NAME.get_or_init(
        || match std::env::var("LLM_SANDBOX_TEST_BACKEND").as_deref() {
            Ok("podman") => "podman",
            Ok("kubernetes") => "kubernetes",
            Ok("docker") | Err(_) => "docker",
            Ok(other) => {
                panic!("LLM_SANDBOX_TEST_BACKEND={other}: use docker, podman or kubernetes")
            }
        },
    )
}

/// Whether the suites run against Kubernetes.
pub fn on_kubernetes() -> bool {
    backend_name() == "kubernetes"
}

/// The test cluster's kubeconfig, `LLM_SANDBOX_TEST_KUBECONFIG` (dev/test
/// starts the cluster with `dev/kubernetes up` and sets it); a test on
/// Kubernetes without it fails.
pub fn test_kubeconfig() -> PathBuf {
    std::env::var_os("LLM_SANDBOX_TEST_KUBECONFIG")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            panic!(
                "LLM_SANDBOX_TEST_KUBECONFIG is not set: start a cluster with `dev/kubernetes up` \
                 and set it to the kubeconfig path it prints (dev/test does both)"
            )
        })
}

/// For a test that checks what only a container engine has (image builds,
/// commits, the engine's own containers): on Kubernetes, say so and skip.
pub fn engine_only(what: &str) -> bool {
    if on_kubernetes() {
        eprintln!("not on Kubernetes: {what}");
    }
    on_kubernetes()
}

/// The engine's own CLI (`docker` or `podman`; `kubectl` on the test
/// cluster for Kubernetes), to look at what the host did.
pub fn engine_cli() -> Command {
    if on_kubernetes() {
        let mut kubectl = Command::new("kubectl");
        kubectl.arg("--kubeconfig").arg(test_kubeconfig());
        return kubectl;
    }
    Command::new(backend_name())
}

/// The backend under test, connected.
pub async fn backend() -> std::sync::Arc<dyn llm_sandbox_host::Backend> {
    let kind = backend_name().parse().expect("a backend name");
    #[allow(unused_mut)]
    let mut choice = llm_sandbox_host::BackendChoice::new(kind);
    #[cfg(feature = "kubernetes")]
    if on_kubernetes() {
        choice.kubernetes = Some(llm_sandbox_host::backend::KubernetesOptions {
            kubeconfig: Some(test_kubeconfig()),
            ..Default::default()
        });
    }
    choice
        .connect()
        .await
        .unwrap_or_else(|e| panic!("{} is not reachable: {e}", backend_name()))
        .backend
}

/// `host` as a command on the backend under test.
fn host_command() -> Command {
    let mut command = Command::new(host_bin());
    command.env("LLM_SANDBOX_BACKEND", backend_name());
    if on_kubernetes() {
        command.env("KUBECONFIG", test_kubeconfig());
    }
    command
}

/// A host with the default plugins on the backend under test.
pub async fn sandbox_host() -> SandboxHost {
    SandboxHost::with_default_plugins(backend().await)
        .await
        .expect("the built-in plugins")
}

/// A host on the backend under test and a session opened on it with `config`.
pub async fn open(config: SessionConfig) -> (SandboxHost, llm_sandbox_host::Session) {
    let host = sandbox_host().await;
    let session = host.open(config).await.unwrap();
    (host, session)
}

/// A Python session config.
pub fn python() -> SessionConfig {
    SessionConfig::new("python")
}

/// Whether a container (on Kubernetes: a pod) with this id still exists.
/// A deleted pod counts as gone once the API server says it is deleting.
pub fn container_exists(id: &str) -> bool {
    if on_kubernetes() {
        let out = engine_cli()
            .args(["get", "pod", id, "--ignore-not-found", "-o"])
            .arg("jsonpath={.metadata.name} {.metadata.deletionTimestamp}")
            .output()
            .expect("kubectl");
        let text = String::from_utf8_lossy(&out.stdout);
        let mut fields = text.split_whitespace();
        return fields.next().is_some() && fields.next().is_none();
    }
    engine_cli()
        .args(["container", "inspect", id])
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false)
}

/// Ids of our containers (by label) on the engine under test.
pub fn managed_containers() -> Vec<String> {
    managed_containers_on(backend_name())
}

/// Ids of our containers (by label) on `engine` (`docker` or `podman`;
/// names of our pods on `kubernetes`).
pub fn managed_containers_on(engine: &str) -> Vec<String> {
    if engine == "kubernetes" {
        let out = engine_cli()
            .args(["get", "pods", "-l", "io.llm-sandbox.k8s-managed", "-o"])
            .arg("jsonpath={.items[*].metadata.name}")
            .output()
            .expect("kubectl");
        return String::from_utf8_lossy(&out.stdout)
            .split_whitespace()
            .map(str::to_string)
            .collect();
    }
    let out = Command::new(engine)
        .args(["ps", "-aq", "--filter", &format!("label={MANAGED_LABEL}")])
        .output()
        .expect("ps");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::to_string)
        .collect()
}

/// Ids of our containers on `engine` whose environment contains `needle`
/// (a marker a test put in a session's env, to find what it left behind).
pub fn managed_containers_with_env(engine: &str, needle: &str) -> Vec<String> {
    managed_containers_on(engine)
        .into_iter()
        .filter(|id| {
            if engine == "kubernetes" {
                let env = engine_cli()
                    .args(["get", "pod", id, "-o", "jsonpath={.spec.containers[*].env}"])
                    .output()
                    .expect("kubectl");
                return String::from_utf8_lossy(&env.stdout).contains(needle);
            }
            let env = Command::new(engine)
                .args(["inspect", "-f", "{{json .Config.Env}}", id])
                .output()
                .expect("inspect");
            String::from_utf8_lossy(&env.stdout).contains(needle)
        })
        .collect()
}

/// Test plugins built from `tests/plugins/*` for wasm32-wasip2, once per test run.
pub struct TestPlugins {
    /// The deliberately hostile language plugin.
    pub hostile: PathBuf,
    /// A valid component that is not a language handler.
    pub not_a_handler: PathBuf,
    /// The Python plugin, as a file (to test loading a built-in's replacement).
    pub python: PathBuf,
    /// The deliberately hostile security policy plugin.
    pub hostile_policy: PathBuf,
}

/// Build the test plugins (once) and return their paths.
pub fn test_plugins() -> &'static TestPlugins {
    static PLUGINS: OnceLock<TestPlugins> = OnceLock::new();
    PLUGINS.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let target = Path::new(env!("CARGO_TARGET_TMPDIR")).join("test-plugins");
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
        let status = Command::new(cargo)
            .current_dir(&root)
            .args(["build", "--release", "--target", "wasm32-wasip2"])
            .args([
                "-p",
                "hostile-plugin",
                "-p",
                "not-a-handler",
                "-p",
                "plugin-python",
                "-p",
                "hostile-policy",
            ])
            .arg("--target-dir")
            .arg(&target)
            .env_remove("RUSTFLAGS")
            .env_remove("CARGO_TARGET_DIR")
            .status()
            .expect("run cargo to build the test plugins");
        assert!(status.success(), "building the test plugins failed");
        let out = target.join("wasm32-wasip2/release");
        TestPlugins {
            hostile: out.join("hostile_plugin.wasm"),
            not_a_handler: out.join("not_a_handler.wasm"),
            python: out.join("plugin_python.wasm"),
            hostile_policy: out.join("hostile_policy.wasm"),
        }
    })
}

/// Build the standalone example plugin crate `examples/plugins/<dir>` for
/// wasm32-wasip2 against the sdk alone and return its `<artifact>.wasm`.
pub fn build_example(dir: &str, artifact: &str) -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples/plugins")
        .join(dir);
    let target = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("example-{dir}"));
    let status = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .current_dir(&root)
        .args([
            "build",
            "--release",
            "--target",
            "wasm32-wasip2",
            "--target-dir",
        ])
        .arg(&target)
        .env_remove("CARGO_TARGET_DIR")
        .env_remove("RUSTFLAGS")
        .status()
        .expect("run cargo to build an example plugin");
    assert!(status.success(), "building examples/plugins/{dir} failed");
    target.join(format!("wasm32-wasip2/release/{artifact}.wasm"))
}

/// The id of our container created by host process `pid`, if any.
pub fn container_owned_by(pid: u32) -> Option<String> {
    sandboxes_owned_by(pid).into_iter().next()
}

/// The ids of our sandboxes (containers, or pods on Kubernetes) created by
/// host process `pid`.
pub fn sandboxes_owned_by(pid: u32) -> Vec<String> {
    let out = if on_kubernetes() {
        engine_cli()
            .args(["get", "pods", "-l", "io.llm-sandbox.k8s-managed", "-o"])
            .arg(r#"jsonpath={range .items[*]}{.metadata.name} {.metadata.annotations.io\.llm-sandbox\.owner}{"\n"}{end}"#)
            .output()
            .expect("kubectl")
    } else {
        engine_cli()
            .args(["ps", "-a", "--filter", &format!("label={MANAGED_LABEL}")])
            .args(["--format", "{{.ID}} {{.Labels}}"])
            .output()
            .expect("ps")
    };
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|line| {
            let (id, owner) = line.split_once(' ')?;
            owner.contains(&format!("/{pid}/")).then(|| id.to_string())
        })
        .collect()
}

/// Start `host` with `args` in the background and wait until its sandbox
/// exists; returns the child (stopped if the test ends first) and the
/// container id.
pub fn spawn_host_until_sandbox(args: &[&str]) -> (StoppedOnDrop, String) {
    let mut child = host_command()
        .args(args)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("start host");
    for _ in 0..300 {
        if let Some(id) = container_owned_by(child.id()) {
            return (StoppedOnDrop(child), id);
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let _ = child.kill();
    let _ = child.wait();
    panic!("host never created its sandbox");
}

/// A `host` process of a test that is stopped (SIGTERM, so that it removes
/// its sandbox) when the test ends before it stopped it, by a failed
/// assertion say; the sandbox would otherwise outlive the test.
pub struct StoppedOnDrop(pub std::process::Child);

impl std::ops::Deref for StoppedOnDrop {
    type Target = std::process::Child;
    fn deref(&self) -> &Self::Target {
        &self.0
    }
}

impl std::ops::DerefMut for StoppedOnDrop {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.0
    }
}

impl Drop for StoppedOnDrop {
    fn drop(&mut self) {
        // Only a process not yet reaped: its pid is still its own.
        if let Ok(None) = self.0.try_wait() {
            let _ = Command::new("kill")
                .args(["-TERM", &self.0.id().to_string()])
                .status();
            let _ = self.0.wait();
        }
    }
}

/// Send a signal to a process with kill(1).
pub fn signal(pid: u32, signal: &str) {
    let status = Command::new("kill")
        .args([&format!("-{signal}"), &pid.to_string()])
        .status()
        .expect("kill");
    assert!(status.success());
}

/// A container that is not a sandbox of ours (made with the docker CLI),
/// removed when dropped.
pub struct ForeignContainer {
    /// Its id.
    pub id: String,
}

impl ForeignContainer {
    /// `docker create` (or, if `running`, `docker run -d`; `podman` likewise) a container named
    /// `name` from the Python image that sleeps, with `labels` (`key=value`).
    pub fn new(name: &str, running: bool, labels: &[&str]) -> ForeignContainer {
        let mut args = if running {
            vec!["run", "-d"]
        } else {
            vec!["create"]
        };
        args.extend(["--name", name]);
        for label in labels {
            args.extend(["--label", label]);
        }
        args.extend(["python:3.11-slim-bookworm", "sleep", "infinity"]);
        let out = engine_cli().args(&args).output().expect("the engine's CLI");
        assert!(
            out.status.success(),
            "docker {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        ForeignContainer {
            id: String::from_utf8_lossy(&out.stdout).trim().to_string(),
        }
    }
}

impl ForeignContainer {
    /// `run -d` a container named `name` from the Python image that sleeps,
    /// with extra engine CLI arguments (`--read-only`, `--user`…).
    pub fn with_args(name: &str, extra: &[&str]) -> ForeignContainer {
        let mut args = vec!["run", "-d", "--name", name];
        args.extend(extra);
        args.extend(["python:3.11-slim-bookworm", "sleep", "infinity"]);
        let out = engine_cli().args(&args).output().expect("the engine's CLI");
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        ForeignContainer {
            id: String::from_utf8_lossy(&out.stdout).trim().to_string(),
        }
    }
}

impl Drop for ForeignContainer {
    fn drop(&mut self) {
        let _ = engine_cli().args(["rm", "-f", &self.id]).output();
    }
}

/// This process's resident memory, in KiB.
pub fn rss_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    status
        .lines()
        .find(|l| l.starts_with("VmRSS:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap()
}
