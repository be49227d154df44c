//! The Kubernetes backend against a real cluster (API server, scheduler,
//! controller manager and a kubelet on the local Docker engine): pods,
//! WebSocket exec, copies, limits and presets seen from inside the pod,
//! manifests, attach, timeouts, garbage collection and concurrency.
//!
//! The cluster is named by `LLM_SANDBOX_TEST_KUBECONFIG` (`dev/test` starts
//! one with `dev/kubernetes up` and sets it). Without it these tests fail,
//! loudly: a Kubernetes suite that passes without a cluster proves nothing.

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use std::time::{Duration, Instant};

use llm_sandbox_host::backend::{
    ExecSpec, K8S_MANAGED_LABEL, KubernetesBackend, KubernetesOptions, PodManifest, SandboxSpec,
};
use llm_sandbox_host::runtime_config::RuntimeConfig;
use llm_sandbox_host::{Backend, Error, RunOptions, SandboxHost, SecurityPreset, SessionConfig};

const IMAGE: &str = "python:3.11-slim-bookworm";

fn kubeconfig() -> PathBuf {
    let path = std::env::var_os("LLM_SANDBOX_TEST_KUBECONFIG").unwrap_or_else(|| {
        panic!(
            "LLM_SANDBOX_TEST_KUBECONFIG is not set: start a cluster with `dev/kubernetes up` \
             and set it to the kubeconfig path it prints (dev/test does both)"
        )
    });
    PathBuf::from(path)
}

fn options() -> KubernetesOptions {
    KubernetesOptions {
        kubeconfig: Some(kubeconfig()),
        namespace: Some("default".into()),
        image_pull_policy: Some("Never".into()),
        ready_timeout: Some(Duration::from_secs(60)),
        ..Default::default()
    }
}

async fn backend_with(options: &KubernetesOptions) -> Arc<dyn Backend> {
    Arc::new(
        KubernetesBackend::connect(options)
            .await
            .expect("the test cluster answers"),
    )
}

async fn host() -> SandboxHost {
    SandboxHost::with_default_plugins(backend_with(&options()).await)
        .await
        .expect("the built-in plugins")
}

fn python() -> SessionConfig {
    SessionConfig {
        image: Some(IMAGE.into()),
        ..SessionConfig::new("python")
    }
}

fn kubectl(args: &[&str]) -> std::process::Output {
    Command::new("kubectl")
        .arg("--kubeconfig")
        .arg(kubeconfig())
        .args(args)
        .output()
        .expect("kubectl")
}

fn pod_exists(name: &str) -> bool {
    let out = kubectl(&["get", "pod", name, "-o", "name", "--ignore-not-found"]);
    !String::from_utf8_lossy(&out.stdout).trim().is_empty()
}

/// Names of our pods (by label).
fn our_pods() -> Vec<String> {
    let out = kubectl(&[
        "get",
        "pods",
        "-l",
        K8S_MANAGED_LABEL,
        "-o",
        "jsonpath={.items[*].metadata.name}",
    ]);
    String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .map(str::to_string)
        .collect()
}

/// `host` with the test cluster's kubeconfig.
fn host_cli(args: &[&str]) -> std::process::Output {
    Command::new(support::host_bin())
        .args(["--backend", "kubernetes", "--kubeconfig"])
        .arg(kubeconfig())
        .args(args)
        .output()
        .expect("run host")
}

async fn sh(session: &llm_sandbox_host::Session, script: &str) -> (i64, String, String) {
    let r = session
        .execute(&["sh", "-c", script], None)
        .await
        .expect("execute");
    (r.exit_code, r.stdout, r.stderr)
}

#[test]
fn cli_run_prints_42_and_exit_codes_0_3_and_137_come_back() {
    for (code, expected, stdout) in [
        ("print(6*7)", 0, "42\n"),
        ("import sys; sys.exit(3)", 3, ""),
        (
            "import os, signal; os.kill(os.getpid(), signal.SIGKILL)",
            137,
            "",
        ),
    ] {
        let out = host_cli(&["run", "--lang", "python", "--image", IMAGE, "--code", code]);
        assert_eq!(
            out.status.code(),
            Some(expected),
            "{code}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(String::from_utf8_lossy(&out.stdout), stdout, "{code}");
    }
}

#[tokio::test]
async fn exec_keeps_stdout_and_stderr_apart_and_streams_stdin_both_ways() {
    let backend = backend_with(&options()).await;
    let spec = SandboxSpec {
        image: IMAGE.into(),
        name: format!("llm-sandbox-test-exec-{}", std::process::id()),
        workdir: "/sandbox".into(),
        ..Default::default()
    };
    let sandbox = backend.create(&spec).await.unwrap();
    let out = sandbox
        .exec(ExecSpec::new([
            "sh",
            "-c",
            "echo out; echo err >&2; pwd; exit 5",
        ]))
        .await
        .unwrap();
    assert_eq!(out.exit_code, 5);
    assert_eq!(String::from_utf8_lossy(&out.stdout), "out\n/sandbox\n");
    assert_eq!(String::from_utf8_lossy(&out.stderr), "err\n");
    // Two MiB of input through the framed stdin, counted and hashed inside.
    let input: Vec<u8> = (0..2 << 20).map(|i: u32| (i * 7 % 251) as u8).collect();
    let out = sandbox
        .exec(ExecSpec {
            stdin: Some(Box::new(std::io::Cursor::new(input.clone()))),
            ..ExecSpec::new(["sh", "-c", "wc -c; exit 0"])
        })
        .await
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "2097152");
    // A program that ignores its input still ends, with its own code.
    let out = sandbox
        .exec(ExecSpec {
            stdin: Some(Box::new(std::io::Cursor::new(input))),
            ..ExecSpec::new(["sh", "-c", "exit 4"])
        })
        .await
        .unwrap();
    assert_eq!(out.exit_code, 4);
    let missing = sandbox
        .exec(ExecSpec::new(["no-such-program"]))
        .await
        .unwrap();
    assert_eq!(missing.exit_code, 127);
    sandbox.remove().await.unwrap();
    assert!(!pod_exists(sandbox.id()));
}

#[tokio::test]
async fn under_the_strict_preset_the_pod_is_non_root_read_only_capless_and_memory_limited() {
    let strict = SecurityPreset::get("strict").unwrap();
    let config = SessionConfig {
        runtime: strict.runtime.clone(),
        ..python()
    };
    let session = host().await.open(config).await.unwrap();
    let (_, uid, _) = sh(&session, "id -u").await;
    assert_ne!(uid.trim(), "0", "uid inside the pod");
    assert_eq!(uid.trim(), "65534");
    let (code, _, err) = sh(&session, "touch /root-is-writable").await;
    assert_ne!(code, 0, "the root file system is writable");
    assert!(err.contains("Read-only file system"), "{err}");
    let (_, caps, _) = sh(&session, "grep -E '^Cap(Eff|Prm|Bnd):' /proc/self/status").await;
    for line in caps.lines() {
        assert!(line.ends_with("0000000000000000"), "{caps}");
    }
    let (_, limit, _) = sh(
        &session,
        "cat /sys/fs/cgroup/memory/memory.limit_in_bytes 2>/dev/null || cat /sys/fs/cgroup/memory.max",
    )
    .await;
    assert_eq!(limit.trim(), (128u64 << 20).to_string());
    let (_, nnp, _) = sh(&session, "grep NoNewPrivs /proc/self/status").await;
    assert!(nnp.contains('1'), "{nnp}");
    let (_, seccomp, _) = sh(&session, "grep '^Seccomp:' /proc/self/status").await;
    assert!(seccomp.contains('2'), "seccomp filter mode: {seccomp}");
    // The work dir stays writable, and code runs there.
    let r = session
        .run(
            "open('x.txt', 'w').write('ok'); print(open('x.txt').read())",
            &[],
        )
        .await
        .unwrap();
    assert_eq!(r.stdout, "ok\n", "{}", r.stderr);
    // Network none is a deny-all NetworkPolicy owned by the pod.
    let policy = kubectl(&[
        "get",
        "networkpolicy",
        session.container_id(),
        "-o",
        "jsonpath={.spec.policyTypes} {.metadata.ownerReferences[0].name}",
    ]);
    let policy = String::from_utf8_lossy(&policy.stdout);
    assert!(
        policy.contains("Egress") && policy.contains(session.container_id()),
        "{policy}"
    );
    session.close().await.unwrap();
}

#[tokio::test]
async fn a_300_mib_allocation_under_a_128_mib_limit_is_killed_with_137() {
    let config = SessionConfig {
        runtime: RuntimeConfig::from_toml("mem_limit = \"128m\"").unwrap(),
        ..python()
    };
    let session = host().await.open(config).await.unwrap();
    let r = session
        .run("b = bytearray(300 * 1024 * 1024)\nprint('survived')", &[])
        .await
        .unwrap();
    assert_eq!(r.exit_code, 137, "{} {}", r.stdout, r.stderr);
    assert!(!r.stdout.contains("survived"));
    let r = session.run("print('still here')", &[]).await.unwrap();
    assert_eq!(r.stdout, "still here\n");
    session.close().await.unwrap();
}

#[tokio::test]
async fn a_timed_out_run_is_killed_inside_the_pod_and_the_session_goes_on() {
    let session = host().await.open(python()).await.unwrap();
    let started = Instant::now();
    let e = session
        .run_with(
            "import time\nwhile True:\n    time.sleep(0.1)",
            RunOptions {
                timeout: Some(Duration::from_secs(2)),
                ..Default::default()
            },
        )
        .await
        .unwrap_err();
    assert!(matches!(e, Error::Timeout { .. }), "{e}");
    assert!(started.elapsed() < Duration::from_secs(20));
    // Nothing of it runs on, and the pod serves the next run.
    let (_, ps, _) = sh(
        &session,
        "for p in /proc/[0-9]*; do tr '\\0' ' ' < $p/cmdline 2>/dev/null; echo; done",
    )
    .await;
    assert!(!ps.contains("time.sleep"), "left running: {ps}");
    let r = session.run("print('after')", &[]).await.unwrap();
    assert_eq!(r.stdout, "after\n");
    assert!(pod_exists(session.container_id()));
    session.close().await.unwrap();
}

#[tokio::test]
async fn an_expired_session_deletes_its_pod() {
    let config = SessionConfig {
        session_timeout: Some(Duration::from_secs(3)),
        ..python()
    };
    let session = host().await.open(config).await.unwrap();
    let id = session.container_id().to_string();
    tokio::time::sleep(Duration::from_secs(5)).await;
    assert!(session.run("print(1)", &[]).await.is_err());
    for _ in 0..40 {
        if !pod_exists(&id) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    panic!("pod {id} outlived its session_timeout");
}

fn write_tree(root: &Path) {
    std::fs::create_dir_all(root.join("sub/deeper")).unwrap();
    let big: Vec<u8> = (0..(1u32 << 20)).map(|i| (i * 31 % 253) as u8).collect();
    std::fs::write(root.join("big.bin"), &big).unwrap();
    std::fs::write(root.join("sub/a.txt"), "alpha\n").unwrap();
    std::fs::write(root.join("sub/deeper/b.txt"), "").unwrap();
}

fn assert_same_tree(a: &Path, b: &Path) {
    for rel in ["big.bin", "sub/a.txt", "sub/deeper/b.txt"] {
        assert_eq!(
            std::fs::read(a.join(rel)).unwrap(),
            std::fs::read(b.join(rel)).unwrap(),
            "{rel}"
        );
    }
}

#[tokio::test]
async fn directories_copied_in_and_out_are_byte_identical_and_escapes_are_refused() {
    let session = host().await.open(python()).await.unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let src = tmp.path().join("tree");
    write_tree(&src);
    session
        .copy_to_runtime(&src, "/sandbox/tree")
        .await
        .unwrap();
    let (_, sum, _) = sh(
        &session,
        "cat /sandbox/tree/sub/a.txt; wc -c < /sandbox/tree/big.bin",
    )
    .await;
    assert_eq!(sum, "alpha\n1048576\n");
    let back = tmp.path().join("back");
    session
        .copy_from_runtime("/sandbox/tree", &back)
        .await
        .unwrap();
    assert_same_tree(&src, &back);
    // A link that climbs out of the copy is hostile output: nothing written.
    sh(&session, "mkdir -p /sandbox/evil && ln -s /etc/passwd /sandbox/evil/link && ln -s ../../../../etc /sandbox/evil/up").await;
    let evil = tmp.path().join("evil");
    let e = session
        .copy_from_runtime("/sandbox/evil", &evil)
        .await
        .unwrap_err();
    assert!(matches!(e, Error::UnsafeArchive(_)), "{e}");
    assert!(!evil.exists());
    session.close().await.unwrap();
}

#[tokio::test]
async fn attaching_to_an_existing_pod_runs_code_there_and_never_deletes_it() {
    let name = format!("foreign-{}", std::process::id());
    let out = kubectl(&[
        "run",
        &name,
        "--image",
        IMAGE,
        "--image-pull-policy=Never",
        "--restart=Never",
        "--command",
        "--",
        "sleep",
        "infinity",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let config = SessionConfig {
        container_id: Some(name.clone()),
        ..python()
    };
    let session = host().await.open(config).await.unwrap();
    let r = session
        .run("print('in the foreign pod')", &[])
        .await
        .unwrap();
    assert_eq!(r.stdout, "in the foreign pod\n", "{}", r.stderr);
    session.close().await.unwrap();
    assert!(pod_exists(&name), "an attached pod was deleted");
    // Dropping a handle does not delete it either.
    let backend = backend_with(&options()).await;
    let sandbox = backend.attach(&name, "/sandbox").await.unwrap();
    sandbox.remove_blocking();
    sandbox.remove().await.unwrap();
    assert!(pod_exists(&name));
    let e = backend
        .attach("no-such-pod-here", "/sandbox")
        .await
        .err()
        .unwrap();
    assert!(matches!(e, Error::ContainerNotFound { .. }), "{e}");
    kubectl(&["delete", "pod", &name, "--grace-period=0", "--force"]);
}

#[test]
fn a_manifest_without_a_long_running_command_is_refused_before_anything_is_created() {
    let tmp = tempfile::tempdir().unwrap();
    let manifest = tmp.path().join("pod.yaml");
    std::fs::write(
        &manifest,
        format!(
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: manifest-refused-{}\nspec:\n  containers:\n  - name: box\n    image: {IMAGE}\n",
            std::process::id()
        ),
    )
    .unwrap();
    let out = host_cli(&[
        "--pod-manifest",
        manifest.to_str().unwrap(),
        "run",
        "--lang",
        "python",
        "--code",
        "print(1)",
    ]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("long-running command"), "{err}");
    assert!(!pod_exists(&format!(
        "manifest-refused-{}",
        std::process::id()
    )));
}

#[tokio::test]
async fn a_pod_manifest_is_the_base_of_the_pod_with_its_labels_env_and_user() {
    let manifest = PodManifest::parse(&format!(
        r#"
apiVersion: v1
kind: Pod
metadata:
  labels: {{team: research}}
spec:
  securityContext: {{runAsUser: 1000, runAsGroup: 1000}}
  containers:
  - name: worker
    image: {IMAGE}
    imagePullPolicy: Never
    command: [sleep, infinity]
    env: [{{name: FROM_MANIFEST, value: "yes"}}]
"#
    ))
    .unwrap();
    let options = KubernetesOptions {
        pod_manifest: Some(manifest),
        ..options()
    };
    let host = SandboxHost::with_default_plugins(backend_with(&options).await)
        .await
        .unwrap();
    let session = host.open(python()).await.unwrap();
    let r = session
        .run(
            "import os; print(os.getuid(), os.environ['FROM_MANIFEST'])",
            &[],
        )
        .await
        .unwrap();
    assert_eq!(r.stdout, "1000 yes\n", "{}", r.stderr);
    let labels = kubectl(&[
        "get",
        "pod",
        session.container_id(),
        "-o",
        "jsonpath={.metadata.labels.team} {.spec.containers[0].name}",
    ]);
    assert_eq!(String::from_utf8_lossy(&labels.stdout), "research worker");
    session.close().await.unwrap();
}

#[tokio::test]
async fn a_pod_whose_image_is_missing_fails_fast_naming_the_reason_and_events() {
    let config = SessionConfig {
        image: Some("llm-sandbox-test/absent:1".into()),
        ..SessionConfig::new("python")
    };
    let started = Instant::now();
    let e = host().await.open(config).await.err().unwrap();
    let text = e.to_string();
    assert!(matches!(e, Error::PodNotReady { .. }), "{text}");
    assert!(text.contains("ErrImageNeverPull"), "{text}");
    assert!(text.contains("events:"), "{text}");
    assert!(
        started.elapsed() < Duration::from_secs(45),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn runtime_configs_without_a_pod_counterpart_are_refused_by_name_before_any_pod() {
    let before = our_pods();
    for (toml, key) in [
        ("network_mode = \"mynet\"", "network_mode"),
        ("ports = { \"8080/tcp\" = \"8080\" }", "ports"),
        ("user = \"alice\"", "user"),
        // A caller's own process limit (a preset's is left to the node).
        ("pids_limit = 64", "pids_limit"),
    ] {
        let config = SessionConfig {
            runtime: RuntimeConfig::from_toml(toml).unwrap(),
            ..python()
        };
        let e = host().await.open(config).await.err().unwrap();
        assert!(matches!(e, Error::Unsupported { .. }), "{e}");
        assert!(e.to_string().contains(key), "{e}");
    }
    assert_eq!(our_pods(), before);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn twenty_sessions_at_once_work_and_leave_no_pod() {
    let host = Arc::new(host().await);
    let started = Instant::now();
    let tasks: Vec<_> = (0..20)
        .map(|i| {
            let host = host.clone();
            tokio::spawn(async move {
                let session = host.open(python()).await?;
                let id = session.container_id().to_string();
                let r = session.run(&format!("print({i} * 2)"), &[]).await?;
                session.close().await?;
                Ok::<_, Error>((id, r.stdout))
            })
        })
        .collect();
    let mut ids = Vec::new();
    for (i, task) in tasks.into_iter().enumerate() {
        let (id, stdout) = task.await.unwrap().unwrap();
        assert_eq!(stdout, format!("{}\n", i * 2));
        ids.push(id);
    }
    eprintln!(
        "20 sessions opened, ran and closed in {:?}",
        started.elapsed()
    );
    let mut left: Vec<String> = Vec::new();
    for _ in 0..40 {
        left = our_pods().into_iter().filter(|p| ids.contains(p)).collect();
        if left.is_empty() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    panic!("pods left behind: {left:?}");
}

#[test]
fn host_gc_removes_the_pod_of_a_killed_host() {
    let mut child = Command::new(support::host_bin())
        .args(["--backend", "kubernetes", "--kubeconfig"])
        .arg(kubeconfig())
        .args(["run", "--lang", "python", "--image", IMAGE, "--code"])
        .arg("import time; time.sleep(600)")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let pid = child.id();
    let owned = || {
        let out = kubectl(&[
            "get",
            "pods",
            "-l",
            K8S_MANAGED_LABEL,
            "-o",
            "jsonpath={range .items[*]}{.metadata.name} {.metadata.annotations.io\\.llm-sandbox\\.owner}{\"\\n\"}{end}",
        ]);
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .find(|l| l.contains(&format!("/{pid}/")))
            .map(|l| l.split(' ').next().unwrap_or_default().to_string())
    };
    let mut pod = None;
    for _ in 0..300 {
        pod = owned();
        if pod.is_some() {
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let pod = pod.expect("the host made its pod");
    std::thread::sleep(Duration::from_secs(2));
    support::signal(pid, "KILL");
    let _ = child.wait();
    assert!(pod_exists(&pod), "the pod is gone before gc");
    let out = host_cli(&["gc"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(report.contains(&format!("removed {pod}")), "{report}");
    for _ in 0..40 {
        if !pod_exists(&pod) {
            return;
        }
        std::thread::sleep(Duration::from_millis(250));
    }
    panic!("{pod} still exists after gc");
}

/// The figures of the note: pod create → ready, one exec with and without
/// the runner, delete. Printed; bounds only catch the absurd.
#[tokio::test]
async fn figures_pod_ready_exec_and_delete() {
    let backend = backend_with(&options()).await;
    let mut ready = Vec::new();
    let mut exec = Vec::new();
    let mut delete = Vec::new();
    for i in 0..3 {
        let spec = SandboxSpec {
            image: IMAGE.into(),
            name: format!("llm-sandbox-test-figures-{}-{i}", std::process::id()),
            workdir: "/sandbox".into(),
            ..Default::default()
        };
        let t = Instant::now();
        let sandbox = backend.create(&spec).await.unwrap();
        ready.push(t.elapsed());
        for _ in 0..5 {
            let t = Instant::now();
            let out = sandbox
                .exec(ExecSpec::new(["python3", "-c", "print(42)"]))
                .await
                .unwrap();
            assert_eq!(out.stdout, b"42\n");
            exec.push(t.elapsed());
        }
        let t = Instant::now();
        sandbox.remove().await.unwrap();
        delete.push(t.elapsed());
    }
    let host = SandboxHost::with_default_plugins(backend).await.unwrap();
    let session = host.open(python()).await.unwrap();
    let mut runner = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        session.run("print(42)", &[]).await.unwrap();
        runner.push(t.elapsed());
    }
    session.close().await.unwrap();
    let median = |v: &mut Vec<Duration>| {
        v.sort();
        v[v.len() / 2]
    };
    eprintln!(
        "figures: create→ready median {:?}, exec (python3 -c, one WebSocket exec) median {:?}, \
         run through the runner median {:?}, delete call median {:?}",
        median(&mut ready),
        median(&mut exec),
        median(&mut runner),
        median(&mut delete)
    );
    assert!(median(&mut ready) < Duration::from_secs(30));
    assert!(median(&mut exec) < Duration::from_secs(5));
}

/// Regression: an exec whose program dies while it still has children (the
/// runner killed under a running step) must end, with the program's status,
/// not wait for its children.
#[tokio::test]
async fn an_exec_ends_when_its_program_dies_even_if_children_live_on() {
    use futures_util::StreamExt;
    use llm_sandbox_host::backend::ProcessSpec;
    let backend = backend_with(&options()).await;
    let spec = SandboxSpec {
        image: IMAGE.into(),
        name: format!("llm-sandbox-test-orphans-{}", std::process::id()),
        workdir: "/sandbox".into(),
        ..Default::default()
    };
    let sandbox = backend.create(&spec).await.unwrap();
    for stdin in [false, true] {
        let started = Instant::now();
        let mut process = sandbox
            .spawn(ProcessSpec {
                argv: ["sh", "-c", "sleep 1000 & sleep 1; kill -9 $$"]
                    .map(String::from)
                    .to_vec(),
                stdin,
                ..Default::default()
            })
            .await
            .unwrap();
        let _keep_stdin = process.stdin.take();
        let ended = tokio::time::timeout(Duration::from_secs(15), async {
            while process.output.next().await.is_some() {}
        })
        .await;
        assert!(ended.is_ok(), "stdin {stdin}: the exec did not end");
        assert_eq!(process.wait().await.unwrap(), 137, "stdin {stdin}");
        eprintln!("stdin {stdin}: ended after {:?}", started.elapsed());
    }
    // As the runner's channel does: keep the output and stdin, drop the rest
    // (the exit status). The output must still end (regression: it hung
    // until the run's timeout when the runner was killed).
    let mut process = sandbox
        .spawn(ProcessSpec {
            argv: ["sh", "-c", "sleep 1; kill -9 $$"]
                .map(String::from)
                .to_vec(),
            stdin: true,
            ..Default::default()
        })
        .await
        .unwrap();
    let _keep_stdin = process.stdin.take();
    let mut output = std::mem::replace(&mut process.output, futures_util::stream::empty().boxed());
    drop(process);
    let ended = tokio::time::timeout(Duration::from_secs(15), async {
        while output.next().await.is_some() {}
    })
    .await;
    assert!(
        ended.is_ok(),
        "the output of a process whose status nobody awaits never ended"
    );
    sandbox.remove().await.unwrap();
}

/// A kubelet on Docker copies pod labels onto its containers: ours must not
/// carry the Docker backend's managed label, or Docker's gc and leak checks
/// would take them for Docker sandboxes.
#[tokio::test]
async fn the_containers_of_our_pods_are_not_docker_sandboxes_of_ours() {
    let session = host().await.open(python()).await.unwrap();
    let pod = session.container_id().to_string();
    let out = Command::new("docker")
        .args(["ps", "-q", "--filter"])
        .arg(format!("label=io.kubernetes.pod.name={pod}"))
        .output()
        .unwrap();
    let ids: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .map(str::to_string)
        .collect();
    assert!(
        !ids.is_empty(),
        "no Docker container for pod {pod}: is the kubelet on this Docker?"
    );
    let docker_sandboxes = support::managed_containers_on("docker");
    for id in &ids {
        assert!(
            !docker_sandboxes
                .iter()
                .any(|d| id.starts_with(d.as_str()) || d.starts_with(id.as_str())),
            "{id}"
        );
        let labels = Command::new("docker")
            .args(["inspect", "-f", "{{json .Config.Labels}}", id])
            .output()
            .unwrap();
        let labels = String::from_utf8_lossy(&labels.stdout);
        assert!(!labels.contains("\"io.llm-sandbox.managed\""), "{labels}");
    }
    session.close().await.unwrap();
}

/// A create that is abandoned while the pod starts (a caller gone, a pool
/// shutting down) deletes the pod.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_abandoned_create_deletes_its_pod() {
    let backend = backend_with(&options()).await;
    let name = format!("llm-sandbox-test-abandoned-{}", std::process::id());
    let spec = SandboxSpec {
        image: IMAGE.into(),
        name: name.clone(),
        workdir: "/sandbox".into(),
        ..Default::default()
    };
    let task = tokio::spawn(async move { backend.create(&spec).await.map(|_| ()) });
    for _ in 0..200 {
        if pod_exists(&name) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert!(pod_exists(&name), "the pod was never created");
    task.abort();
    let _ = task.await;
    for _ in 0..40 {
        if !pod_exists(&name) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    panic!("{name} outlived its abandoned create");
}
