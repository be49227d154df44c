//! The backend seam and the engines behind it: what a session asks of a
//! backend is checked before any sandbox exists, `--backend` and `auto`,
//! `host backends`, Podman's own features (pods, systemd units), Micromamba
//! environments, and Docker over TCP with TLS. Needs both Docker and Podman
//! running (dev/prepare starts them).

mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use async_trait::async_trait;
use llm_sandbox_host::backend::{
    DockerBackend, DockerConnection, ImageStore, ManagedSandbox, MicromambaBackend, PodmanBackend,
    SandboxSpec, SystemdUnitOptions, TlsFiles,
};
use llm_sandbox_host::runtime_config::RuntimeConfig;
use llm_sandbox_host::{Backend, Error, PluginRegistry, Sandbox, SandboxHost, SessionConfig};
use support::*;

// ---------------------------------------------------------------- the seam

/// A TEST DOUBLE of the seam: a backend without image operations, as the
/// Kubernetes backend will be (it is not in this build yet, so a double
/// stands in). It counts create calls and never makes a sandbox.
#[derive(Default)]
struct ImagelessDouble {
    creates: AtomicUsize,
}

#[async_trait]
impl Backend for ImagelessDouble {
    fn name(&self) -> &'static str {
        "Imageless (test double)"
    }
    fn endpoint(&self) -> String {
        "nowhere".into()
    }
    async fn version(&self) -> llm_sandbox_host::Result<String> {
        Ok("0".into())
    }
    fn check_runtime(&self, _: &RuntimeConfig) -> llm_sandbox_host::Result<()> {
        Ok(())
    }
    fn images(&self) -> Option<&dyn ImageStore> {
        None
    }
    async fn create(&self, _: &SandboxSpec) -> llm_sandbox_host::Result<Box<dyn Sandbox>> {
        self.creates.fetch_add(1, Ordering::SeqCst);
        Err(Error::InvalidConfig(
            "the test double makes no sandboxes".into(),
        ))
    }
    async fn attach(&self, _: &str, _: &str) -> llm_sandbox_host::Result<Box<dyn Sandbox>> {
        Err(Error::InvalidConfig(
            "the test double attaches to nothing".into(),
        ))
    }
    async fn list_managed(&self) -> llm_sandbox_host::Result<Vec<ManagedSandbox>> {
        Ok(Vec::new())
    }
    async fn remove_by_id(&self, _: &str) -> llm_sandbox_host::Result<()> {
        Ok(())
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn options_needing_image_operations_fail_at_open_on_a_backend_without_them() {
    let double = Arc::new(ImagelessDouble::default());
    let host = SandboxHost::new(PluginRegistry::with_defaults().unwrap(), double.clone());
    let dir = tempfile::tempdir().unwrap();
    let dockerfile = dir.path().join("Dockerfile");
    std::fs::write(&dockerfile, "FROM scratch\n").unwrap();
    for (config, option) in [
        (
            SessionConfig {
                commit_container: true,
                ..python()
            },
            "commit_container",
        ),
        (
            SessionConfig {
                dockerfile: Some(dockerfile),
                ..python()
            },
            "dockerfile",
        ),
    ] {
        let err = host.open(config).await.unwrap_err();
        let text = err.to_string();
        assert!(
            matches!(&err, Error::Unsupported { option: o, backend, .. }
                if o == option && backend.starts_with("Imageless")),
            "{err:?}"
        );
        assert!(
            text.contains(option) && text.contains("Imageless"),
            "{text}"
        );
    }
    assert_eq!(
        double.creates.load(Ordering::SeqCst),
        0,
        "no sandbox may be created before the check"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn docker_refuses_podman_only_keys_by_name() {
    let host = SandboxHost::docker().await.unwrap();
    for (runtime, key) in [
        ("pod = 'mypod'", "pod"),
        ("userns_mode = 'keep-id'", "keep-id"),
    ] {
        let err = host
            .open(SessionConfig {
                runtime: RuntimeConfig::from_toml(runtime).unwrap(),
                ..python()
            })
            .await
            .unwrap_err();
        let text = err.to_string();
        assert!(matches!(err, Error::Unsupported { .. }), "{err:?}");
        assert!(
            text.contains(key) && text.contains("Docker") && text.contains("podman"),
            "{text}"
        );
    }
}

// ---------------------------------------------------------------- choosing a backend

fn host_with_env(args: &[&str], env: &[(&str, &str)]) -> std::process::Output {
    let mut cmd = Command::new(host_bin());
    cmd.args(args)
        .env_remove("LLM_SANDBOX_BACKEND")
        .env_remove("DOCKER_TLS_VERIFY")
        .stdin(Stdio::null());
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("run host")
}

#[test]
fn host_run_on_podman_prints_42() {
    let out = host_with_env(
        &[
            "run",
            "--backend",
            "podman",
            "--lang",
            "python",
            "--code",
            "print(6*7)",
        ],
        &[],
    );
    let (stdout, stderr) = texts(&out);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert_eq!(stdout, "42\n");
}

#[test]
fn auto_picks_podman_when_docker_is_not_reachable_and_says_why() {
    let out = host_with_env(
        &[
            "run",
            "--backend",
            "auto",
            "--lang",
            "python",
            "--code",
            "print(6*7)",
        ],
        &[("DOCKER_HOST", "unix:///nonexistent/docker.sock")],
    );
    let (stdout, stderr) = texts(&out);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert_eq!(stdout, "42\n");
    assert!(
        stderr.contains("skipped docker") && stderr.contains("/nonexistent/docker.sock"),
        "{stderr}"
    );
    assert!(stderr.contains("using Podman"), "{stderr}");
}

#[test]
fn auto_with_no_engine_lists_what_it_tried() {
    let out = host_with_env(
        &["run", "--lang", "python", "--code", "print(1)"],
        &[
            ("DOCKER_HOST", "unix:///nonexistent/docker.sock"),
            ("CONTAINER_HOST", "unix:///nonexistent/podman.sock"),
        ],
    );
    let (_, stderr) = texts(&out);
    assert_eq!(out.status.code(), Some(125), "{stderr}");
    assert!(
        stderr.contains("no container engine is reachable")
            && stderr.contains("docker:")
            && stderr.contains("podman:"),
        "{stderr}"
    );
}

#[test]
fn an_unknown_backend_name_lists_the_known_ones() {
    let out = host_with_env(&["backends", "--backend", "lxc"], &[]);
    let (_, stderr) = texts(&out);
    assert_eq!(out.status.code(), Some(125), "{stderr}");
    assert!(
        stderr.contains("lxc") && stderr.contains("podman"),
        "{stderr}"
    );
}

/// The list `host backends --json` printed (it must have succeeded).
fn backends_json(out: &std::process::Output) -> Vec<serde_json::Value> {
    let (stdout, stderr) = texts(out);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout}"))
}

/// One backend's entry of that list.
fn backend_entry(list: &[serde_json::Value], name: &str) -> serde_json::Value {
    list.iter()
        .find(|e| e["name"] == name)
        .unwrap_or_else(|| panic!("{name} missing from {list:?}"))
        .clone()
}

#[test]
fn host_backends_json_lists_every_backend_with_reachability_version_and_endpoint() {
    let list = backends_json(&host_with_env(&["backends", "--json"], &[]));
    let entry = |name: &str| backend_entry(&list, name);
    for name in ["docker", "podman", "micromamba"] {
        let e = entry(name);
        assert_eq!(e["reachable"], true, "{e}");
        assert!(!e["version"].as_str().unwrap().is_empty(), "{e}");
        assert!(e["endpoint"].as_str().unwrap().contains("unix://"), "{e}");
    }
    let k8s = entry("kubernetes");
    assert_eq!(k8s["reachable"], false);
    assert!(
        k8s["error"].as_str().unwrap().contains("Kubernetes"),
        "{k8s}"
    );
}

// ---------------------------------------------------------------- Podman's own features

fn podman(args: &[&str]) -> String {
    let out = Command::new("podman").args(args).output().expect("podman");
    assert!(
        out.status.success(),
        "podman {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// A Podman pod, removed (with its containers) when dropped.
struct Pod(String);

impl Drop for Pod {
    fn drop(&mut self) {
        let _ = Command::new("podman")
            .args(["pod", "rm", "-f", &self.0])
            .output();
    }
}

async fn podman_host() -> (PodmanBackend, SandboxHost) {
    let backend = PodmanBackend::connect().await.unwrap();
    let host = SandboxHost::with_default_plugins(Arc::new(backend.clone()))
        .await
        .unwrap();
    (backend, host)
}

#[tokio::test(flavor = "multi_thread")]
async fn the_pod_key_runs_the_sandbox_inside_an_existing_pod() {
    let name = format!("llm-sandbox-test-pod-{}", std::process::id());
    let pod = Pod(name.clone());
    let pod_id = podman(&["pod", "create", "--name", &pod.0]);
    let (_, host) = podman_host().await;
    let session = host
        .open(SessionConfig {
            runtime: RuntimeConfig {
                pod: Some(name.clone()),
                ..Default::default()
            },
            ..python()
        })
        .await
        .unwrap();
    // Containers of a pod share its UTS namespace: the pod's hostname.
    let result = session
        .run("import socket; print(socket.gethostname())", &[])
        .await
        .unwrap();
    assert_eq!(result.stdout.trim(), name, "{}", result.stderr);
    let in_pod = podman(&["inspect", "-f", "{{.Pod}}", session.container_id()]);
    assert_eq!(in_pod, pod_id);
    session.close().await.unwrap();

    let err = host
        .open(SessionConfig {
            runtime: RuntimeConfig {
                pod: Some(format!("{name}-missing")),
                ..Default::default()
            },
            ..python()
        })
        .await
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("does not exist") && err.contains("podman pod create"),
        "{err}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn podman_generates_the_sandboxs_systemd_unit() {
    let (backend, host) = podman_host().await;
    let session = host.open(python()).await.unwrap();
    let units = backend
        .generate_systemd(session.sandbox().as_ref(), &SystemdUnitOptions::default())
        .await
        .unwrap();
    let name = podman(&["inspect", "-f", "{{.Name}}", session.container_id()]);
    let (unit_name, unit) = units.iter().next().expect("one unit");
    assert!(unit_name.contains(&name), "{unit_name}");
    assert!(
        unit.contains("[Service]") && unit.contains("ExecStart=") && unit.contains(&name),
        "{unit}"
    );
    assert!(unit.contains("Restart=on-failure"), "{unit}");
    session.close().await.unwrap();
}

// ---------------------------------------------------------------- Micromamba

const STANDIN_IMAGE: &str = "llm-sandbox-test/micromamba-standin:2";

/// Build the Micromamba STAND-IN image (tests/images/micromamba-standin:
/// its `micromamba` is a script, since no registry here serves the real
/// one) through the host's own image operations, once.
async fn standin_image(docker: &DockerBackend) {
    static BUILT: tokio::sync::OnceCell<()> = tokio::sync::OnceCell::const_new();
    BUILT
        .get_or_init(|| async {
            let context =
                Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/images/micromamba-standin");
            docker
                .images()
                .unwrap()
                .build(&context, "Dockerfile", STANDIN_IMAGE, None)
                .await
                .unwrap();
        })
        .await;
}

/// A host on Micromamba over Docker, environment `datasci`, whose default
/// image is the stand-in.
async fn standin_host() -> SandboxHost {
    let docker = DockerBackend::connect().await.unwrap();
    standin_image(&docker).await;
    let backend =
        MicromambaBackend::new(Arc::new(docker), Some("datasci")).with_default_image(STANDIN_IMAGE);
    SandboxHost::with_default_plugins(Arc::new(backend))
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn micromamba_runs_every_process_in_the_named_environment_standin_image() {
    let host = standin_host().await;
    let session = host.open(python()).await.unwrap();
    assert_eq!(
        session.image(),
        STANDIN_IMAGE,
        "the backend's default image"
    );
    let result = session
        .run(
            "import os, standin_marker; print(os.environ['CONDA_DEFAULT_ENV'], standin_marker.NAME)",
            &[],
        )
        .await
        .unwrap();
    assert_eq!(result.stdout, "datasci datasci\n", "{}", result.stderr);
    let shell = session.execute_command("command -v python3").await.unwrap();
    assert_eq!(shell.stdout, "/opt/conda/envs/datasci/bin/python3\n");
    session.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn micromamba_installs_go_into_the_environment_itself_standin_image() {
    let host = standin_host().await;
    let session = host
        .open(SessionConfig {
            ca_bundle: Some(ca_bundle()),
            ..python()
        })
        .await
        .unwrap();
    let result = session
        .run("import six; print(six.__file__)", &["six"])
        .await
        .unwrap();
    assert!(
        result.stdout.starts_with("/opt/conda/envs/datasci/lib/"),
        "{}{}",
        result.stdout,
        result.stderr
    );
    // The environment is the environment: no virtualenv of the session's.
    let venv = session
        .execute_command("test -e /sandbox/.venv && echo venv || echo none")
        .await
        .unwrap();
    assert_eq!(venv.stdout, "none\n");
    session.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn micromamba_says_so_at_open_when_the_image_has_no_micromamba_or_environment() {
    let docker = Arc::new(DockerBackend::connect().await.unwrap());
    standin_image(&docker).await;
    let marker = format!("micromamba-missing-{}", std::process::id());
    for (image, environment, expected) in [
        (
            "python:3.11-slim-bookworm",
            "base",
            "has no working `micromamba`",
        ),
        (STANDIN_IMAGE, "nosuchenv", "nosuchenv"),
    ] {
        let backend = MicromambaBackend::new(docker.clone(), Some(environment));
        let host = SandboxHost::with_default_plugins(Arc::new(backend))
            .await
            .unwrap();
        let err = host
            .open(SessionConfig {
                image: Some(image.into()),
                env: vec![("LLM_SANDBOX_TEST_MARKER".into(), marker.clone())],
                ..python()
            })
            .await
            .unwrap_err();
        let text = err.to_string();
        assert!(matches!(err, Error::ProgramMissing { .. }), "{err:?}");
        assert!(text.contains(expected) && text.contains(image), "{text}");
    }
    let left = managed_containers_with_env("docker", &marker);
    assert!(
        left.is_empty(),
        "the refused sandboxes {left:?} were left behind"
    );
}

// ---------------------------------------------------------------- Docker over TLS

fn openssl(dir: &Path, args: &[&str]) {
    let out = Command::new("openssl")
        .current_dir(dir)
        .args(args)
        .output()
        .expect("openssl");
    assert!(
        out.status.success(),
        "openssl {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A network bridge of the test's own, deleted when dropped.
struct Bridge(String);

impl Bridge {
    fn new(name: &str) -> Bridge {
        let out = Command::new("ip")
            .args(["link", "add", "name", name, "type", "bridge"])
            .output()
            .expect("ip");
        assert!(
            out.status.success(),
            "ip link add {name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        Bridge(name.to_string())
    }
}

impl Drop for Bridge {
    fn drop(&mut self) {
        let _ = Command::new("ip")
            .args(["link", "delete", &self.0])
            .output();
    }
}

/// A second Docker engine on a loopback TCP port that demands TLS client
/// certificates, with certificates made for the test; stopped when dropped.
struct TlsDockerd {
    child: std::process::Child,
    _bridge: Bridge,
    address: String,
    client: TlsFiles,
    other_ca: PathBuf,
    _dir: tempfile::TempDir,
}

impl TlsDockerd {
    fn start() -> TlsDockerd {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        let subj = |cn: &str| format!("/CN={cn}");
        for ca in ["ca", "other-ca"] {
            openssl(
                d,
                &[
                    "req",
                    "-x509",
                    "-newkey",
                    "rsa:2048",
                    "-nodes",
                    "-days",
                    "2",
                    "-subj",
                    &subj(ca),
                    "-keyout",
                    &format!("{ca}-key.pem"),
                    "-out",
                    &format!("{ca}.pem"),
                ],
            );
        }
        std::fs::write(
            d.join("server.ext"),
            "subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n",
        )
        .unwrap();
        std::fs::write(d.join("client.ext"), "extendedKeyUsage=clientAuth\n").unwrap();
        for who in ["server", "client"] {
            openssl(
                d,
                &[
                    "req",
                    "-newkey",
                    "rsa:2048",
                    "-nodes",
                    "-subj",
                    &subj(who),
                    "-keyout",
                    &format!("{who}-key.pem"),
                    "-out",
                    &format!("{who}.csr"),
                ],
            );
            openssl(
                d,
                &[
                    "x509",
                    "-req",
                    "-in",
                    &format!("{who}.csr"),
                    "-CA",
                    "ca.pem",
                    "-CAkey",
                    "ca-key.pem",
                    "-CAcreateserial",
                    "-days",
                    "2",
                    "-extfile",
                    &format!("{who}.ext"),
                    "-out",
                    &format!("{who}-cert.pem"),
                ],
            );
        }
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let address = format!("tcp://127.0.0.1:{port}");
        let log = std::fs::File::create(d.join("dockerd.log")).unwrap();
        let bridge = Bridge::new(&format!("llmtls{}", port));
        use std::os::unix::process::CommandExt;
        let child = Command::new("dockerd")
            .current_dir(d)
            // Absolute roots: with a relative one dockerd hangs at start.
            .arg("--data-root")
            .arg(d.join("data"))
            .arg("--exec-root")
            .arg(d.join("exec"))
            .arg("--pidfile")
            .arg(d.join("dockerd.pid"))
            .args(["-H", &address, "--tlsverify"])
            .args([
                "--tlscacert",
                "ca.pem",
                "--tlscert",
                "server-cert.pem",
                "--tlskey",
                "server-key.pem",
            ])
            // Its own bridge: with `--bridge none` dockerd deletes docker0,
            // the main engine's.
            .args([
                "--bridge",
                &bridge.0,
                "--iptables=false",
                "--ip6tables=false",
            ])
            .stdout(log.try_clone().unwrap())
            .stderr(log)
            .process_group(0)
            .spawn()
            .expect("start a second dockerd");
        let client = TlsFiles {
            ca: d.join("ca.pem"),
            cert: d.join("client-cert.pem"),
            key: d.join("client-key.pem"),
        };
        let server = TlsDockerd {
            child,
            _bridge: bridge,
            address,
            client,
            other_ca: d.join("other-ca.pem"),
            _dir: dir,
        };
        for _ in 0..200 {
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                return server;
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        let log =
            std::fs::read_to_string(server._dir.path().join("dockerd.log")).unwrap_or_default();
        panic!("the TLS dockerd did not start:\n{log}");
    }
}

impl Drop for TlsDockerd {
    fn drop(&mut self) {
        // The engine and the containerd it started share its process group.
        let group = format!("-{}", self.child.id());
        let _ = Command::new("kill")
            .args(["-s", "TERM", "--", &group])
            .status();
        for _ in 0..50 {
            if matches!(self.child.try_wait(), Ok(Some(_))) {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        let _ = Command::new("kill")
            .args(["-s", "KILL", "--", &group])
            .status();
        let _ = self.child.wait();
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn docker_over_tcp_with_tls_works_and_a_wrong_ca_fails_clearly() {
    let engine = TlsDockerd::start();
    let mut connection = DockerConnection {
        host: Some(engine.address.clone()),
        tls: Some(engine.client.clone()),
    };
    // The engine may take a moment to answer after it listens.
    let mut last = None;
    for _ in 0..50 {
        match DockerBackend::connect_with(&connection).await {
            Ok(docker) => {
                last = None;
                assert!(!docker.version().await.unwrap().is_empty());
                assert_eq!(docker.endpoint(), engine.address);
                assert!(docker.list_managed().await.unwrap().is_empty());
                break;
            }
            Err(e) => last = Some(e),
        }
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    assert!(last.is_none(), "{last:?}");

    // Docker's own variables reach the CLI too.
    let cert_dir = engine.client.ca.parent().unwrap().join("client-certs");
    std::fs::create_dir_all(&cert_dir).unwrap();
    for (from, to) in [
        (&engine.client.ca, "ca.pem"),
        (&engine.client.cert, "cert.pem"),
        (&engine.client.key, "key.pem"),
    ] {
        std::fs::copy(from, cert_dir.join(to)).unwrap();
    }
    let out = host_with_env(
        &["backends", "--json"],
        &[
            ("DOCKER_HOST", &engine.address),
            ("DOCKER_TLS_VERIFY", "1"),
            ("DOCKER_CERT_PATH", cert_dir.to_str().unwrap()),
        ],
    );
    let docker = backend_entry(&backends_json(&out), "docker");
    assert_eq!(docker["reachable"], true, "{docker}");
    assert_eq!(docker["endpoint"], engine.address.as_str());

    connection.tls.as_mut().unwrap().ca = engine.other_ca.clone();
    let err = DockerBackend::connect_with(&connection).await.unwrap_err();
    let text = err.to_string();
    assert!(matches!(err, Error::EngineUnreachable { .. }), "{err:?}");
    assert!(
        !text.contains("Start the engine")
            && text.contains(&engine.address)
            && text.to_lowercase().contains("certificate")
            && text.contains("CA"),
        "{text}"
    );
    assert!(
        std::error::Error::source(&err).is_some(),
        "the cause is kept"
    );
}

// ---------------------------------------------------------------- rootless Podman

/// The unprivileged user whose own Podman service dev/prepare starts.
const ROOTLESS_USER: &str = "llmsbx";

fn uid_of(user: &str) -> String {
    let out = Command::new("id").args(["-u", user]).output().unwrap();
    assert!(out.status.success(), "no user {user}: run dev/prepare");
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

#[tokio::test(flavor = "multi_thread")]
async fn rootless_podman_runs_sandboxes_as_the_unprivileged_user_and_keep_id_maps_its_uid() {
    let uid = uid_of(ROOTLESS_USER);
    let address = format!("unix:///run/user/{uid}/podman/podman.sock");
    let backend = PodmanBackend::connect_to(&address).await.unwrap();
    assert_eq!(backend.endpoint(), address);
    let host = SandboxHost::with_default_plugins(Arc::new(backend))
        .await
        .unwrap();

    // Root in the sandbox is the unprivileged user outside it.
    let session = host.open(python()).await.unwrap();
    let map = session
        .execute_command("cat /proc/self/uid_map")
        .await
        .unwrap();
    let first: Vec<&str> = map.stdout.split_whitespace().take(3).collect();
    assert_eq!(first, ["0", uid.as_str(), "1"], "{}", map.stdout);
    let result = session.run("print(6 * 7)", &[]).await.unwrap();
    assert_eq!(result.stdout, "42\n", "{}", result.stderr);
    session.close().await.unwrap();

    // keep-id: processes run as the user's own uid.
    let session = host
        .open(SessionConfig {
            runtime: RuntimeConfig::from_toml("userns_mode = 'keep-id'").unwrap(),
            ..python()
        })
        .await
        .unwrap();
    let result = session
        .run("import os; print(os.getuid())", &[])
        .await
        .unwrap();
    assert_eq!(result.stdout.trim(), uid, "{}", result.stderr);
    let id = session.container_id().to_string();
    session.close().await.unwrap();
    let out = Command::new("runuser")
        .args(["-u", ROOTLESS_USER, "--", "env"])
        .arg(format!("XDG_RUNTIME_DIR=/run/user/{uid}"))
        .args(["podman", "container", "exists", &id])
        .current_dir("/")
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "the rootless sandbox was removed"
    );
}

// ---------------------------------------------------------------- the seam's defaults

/// A sandbox that keeps only the seam's one required primitive (`spawn`) of
/// a real Docker container, so files travel by the defaults every backend
/// inherits: tar over the attached exec.
struct SpawnOnly(Box<dyn Sandbox>);

#[async_trait]
impl Sandbox for SpawnOnly {
    fn id(&self) -> &str {
        self.0.id()
    }
    fn image(&self) -> &str {
        self.0.image()
    }
    async fn spawn(
        &self,
        spec: llm_sandbox_host::backend::ProcessSpec,
    ) -> llm_sandbox_host::Result<llm_sandbox_host::backend::Process> {
        self.0.spawn(spec).await
    }
    async fn remove(&self) -> llm_sandbox_host::Result<()> {
        self.0.remove().await
    }
    fn remove_blocking(&self) {
        self.0.remove_blocking();
    }
}

/// Docker, with every sandbox wrapped in [`SpawnOnly`].
struct SpawnOnlyDocker(DockerBackend);

#[async_trait]
impl Backend for SpawnOnlyDocker {
    fn name(&self) -> &'static str {
        "Docker (spawn only)"
    }
    fn endpoint(&self) -> String {
        self.0.endpoint()
    }
    async fn version(&self) -> llm_sandbox_host::Result<String> {
        self.0.version().await
    }
    fn check_runtime(&self, runtime: &RuntimeConfig) -> llm_sandbox_host::Result<()> {
        self.0.check_runtime(runtime)
    }
    fn images(&self) -> Option<&dyn ImageStore> {
        self.0.images()
    }
    async fn create(&self, spec: &SandboxSpec) -> llm_sandbox_host::Result<Box<dyn Sandbox>> {
        Ok(Box::new(SpawnOnly(self.0.create(spec).await?)))
    }
    async fn attach(&self, id: &str, workdir: &str) -> llm_sandbox_host::Result<Box<dyn Sandbox>> {
        Ok(Box::new(SpawnOnly(self.0.attach(id, workdir).await?)))
    }
    async fn list_managed(&self) -> llm_sandbox_host::Result<Vec<ManagedSandbox>> {
        self.0.list_managed().await
    }
    async fn remove_by_id(&self, id: &str) -> llm_sandbox_host::Result<()> {
        self.0.remove_by_id(id).await
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn files_travel_as_tar_over_exec_on_a_backend_with_only_spawn() {
    let docker = DockerBackend::connect().await.unwrap();
    let host = SandboxHost::with_default_plugins(Arc::new(SpawnOnlyDocker(docker)))
        .await
        .unwrap();
    // Without the runner, which would write the plan's files itself.
    let session = host
        .open(SessionConfig {
            runner: false,
            ..python()
        })
        .await
        .unwrap();
    // The plan's files are written by `tar -x` in the sandbox, as its user.
    let result = session.run("print('from a tar')", &[]).await.unwrap();
    assert_eq!(result.stdout, "from a tar\n", "{}", result.stderr);

    let dir = tempfile::tempdir().unwrap();
    let tree = dir.path().join("tree");
    std::fs::create_dir_all(tree.join("sub")).unwrap();
    std::fs::write(tree.join("sub/data.txt"), "payload").unwrap();
    session.copy_to_runtime(&tree, "in").await.unwrap();
    let cat = session
        .execute_command("cat in/sub/data.txt")
        .await
        .unwrap();
    assert_eq!(cat.stdout, "payload");

    let back = dir.path().join("back");
    let entries = session.copy_from_runtime("in", &back).await.unwrap();
    assert_eq!(entries, 3, "in, in/sub, in/sub/data.txt");
    assert_eq!(
        std::fs::read_to_string(back.join("sub/data.txt")).unwrap(),
        "payload"
    );

    // What tar says wins, and nothing is left at the destination.
    let missing = dir.path().join("missing");
    let err = session
        .copy_from_runtime("no/such/file", &missing)
        .await
        .unwrap_err()
        .to_string();
    assert!(err.contains("No such file"), "{err}");
    assert!(!missing.exists());

    // The hardened extraction applies: a link out of the copy is refused.
    session
        .execute_command("mkdir -p evil && ln -s /etc/passwd evil/link")
        .await
        .unwrap();
    let refused = dir.path().join("refused");
    let err = session
        .copy_from_runtime("evil", &refused)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::UnsafeArchive(_)), "{err:?}");
    assert!(!refused.exists());
    session.close().await.unwrap();
}

#[test]
fn the_config_file_chooses_the_backend_and_the_podman_socket() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    std::fs::write(
        &config,
        "backend = \"podman\"\n[podman]\nsocket = \"unix:///run/podman/podman.sock\"\n",
    )
    .unwrap();
    let out = host_with_env(
        &[
            "run",
            "--config",
            config.to_str().unwrap(),
            "--lang",
            "python",
            "--code",
            "print(6*7)",
        ],
        // Were the config ignored, auto would skip this Docker and say so.
        &[("DOCKER_HOST", "unix:///nonexistent/docker.sock")],
    );
    let (stdout, stderr) = texts(&out);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert_eq!(stdout, "42\n");
    assert!(!stderr.contains("skipped"), "{stderr}");
}

#[test]
fn podman_is_found_in_the_users_runtime_dir_as_podmans_tools_find_it() {
    let uid = uid_of(ROOTLESS_USER);
    let out = Command::new(host_bin())
        .args(["backends", "--json"])
        .env_remove("CONTAINER_HOST")
        .env("XDG_RUNTIME_DIR", format!("/run/user/{uid}"))
        .output()
        .unwrap();
    let podman = backend_entry(&backends_json(&out), "podman");
    assert_eq!(podman["reachable"], true, "{podman}");
    assert_eq!(
        podman["endpoint"],
        format!("unix:///run/user/{uid}/podman/podman.sock")
    );
}
