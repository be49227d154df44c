//! Session semantics on Docker: timeouts that kill, session expiry,
//! streaming exit codes, bounded output, file transfer (including a hostile
//! container), runtime configs asserted by their effect inside the sandbox,
//! attaching to existing containers, and many sessions at once.

mod support;

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use llm_sandbox_host::runtime_config::{ByteSize, RuntimeConfig};
use llm_sandbox_host::session::OutputEncoding;
use llm_sandbox_host::{Error, RunOptions, Session, SessionConfig};
use support::*;

/// CPU time used by the whole sandbox so far (cgroup v2 or v1), in microseconds.
async fn cpu_usage_usec(session: &Session) -> u64 {
    let out = session
        .execute_command(
            "if [ -f /sys/fs/cgroup/cpu.stat ]; then awk '/usage_usec/ {print $2}' /sys/fs/cgroup/cpu.stat; \
             else echo $(( $(cat /sys/fs/cgroup/cpuacct/cpuacct.usage) / 1000 )); fi",
        )
        .await
        .unwrap();
    out.stdout
        .trim()
        .parse()
        .unwrap_or_else(|_| panic!("cpu usage: {out:?}"))
}

// ---------------------------------------------------------------- timeouts

#[tokio::test(flavor = "multi_thread")]
async fn an_endless_loop_times_out_the_cpu_goes_idle_and_the_session_goes_on() {
    let (_host, session) = open(SessionConfig {
        execution_timeout: Some(Duration::from_secs(2)),
        ..python()
    })
    .await;
    let started = Instant::now();
    let err = session.run("while True: pass", &[]).await.unwrap_err();
    let elapsed = started.elapsed();
    assert!(matches!(err, Error::Timeout { .. }), "{err:?}");
    eprintln!("timeout reported after {elapsed:?}");
    assert!(elapsed < Duration::from_secs(5), "{elapsed:?}");

    let before = cpu_usage_usec(&session).await;
    tokio::time::sleep(Duration::from_secs(1)).await;
    let used = cpu_usage_usec(&session).await - before;
    // A surviving loop would burn ~1_000_000 µs in that second.
    assert!(
        used < 200_000,
        "the sandbox used {used} µs of CPU in 1 s after the timeout"
    );

    let next = session.run("print('next')", &[]).await.unwrap();
    assert_eq!(next.stdout, "next\n");
    session.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn a_per_run_timeout_overrides_the_session_one() {
    let (_host, session) = open(SessionConfig {
        execution_timeout: Some(Duration::from_secs(60)),
        ..python()
    })
    .await;
    let options = RunOptions {
        timeout: Some(Duration::from_secs(1)),
        ..Default::default()
    };
    let err = session
        .run_with("import time; time.sleep(30)", options)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Timeout { timeout, .. } if timeout == Duration::from_secs(1)));
    session.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn an_expired_session_removes_its_sandbox_and_refuses_calls() {
    let (_host, session) = open(SessionConfig {
        session_timeout: Some(Duration::from_secs(2)),
        ..python()
    })
    .await;
    let id = session.container_id().to_string();
    assert_eq!(session.run("print(1)", &[]).await.unwrap().stdout, "1\n");
    tokio::time::sleep(Duration::from_secs(3)).await;
    let err = session.run("print(1)", &[]).await.unwrap_err();
    assert!(matches!(err, Error::SessionExpired { .. }), "{err:?}");
    assert!(err.to_string().contains("expired"), "{err}");
    assert!(!container_exists(&id));
    session.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn a_run_cut_short_by_session_expiry_reports_the_expiry() {
    let (_host, session) = open(SessionConfig {
        session_timeout: Some(Duration::from_secs(2)),
        execution_timeout: Some(Duration::from_secs(30)),
        ..python()
    })
    .await;
    let err = session
        .run("import time; time.sleep(20)", &[])
        .await
        .unwrap_err();
    assert!(matches!(err, Error::SessionExpired { .. }), "{err:?}");
}

// ---------------------------------------------------------------- streaming and output

#[tokio::test(flavor = "multi_thread")]
async fn streaming_runs_report_the_true_exit_code() {
    let (_host, session) = open(python()).await;
    for (code, expected) in [
        ("print('ok')", 0),
        ("import sys; print('bad'); sys.exit(1)", 1),
        (
            "import os; print('dying', flush=True); os.kill(os.getpid(), 9)",
            137,
        ),
    ] {
        let chunks = Arc::new(Mutex::new(Vec::new()));
        let sink = chunks.clone();
        let options = RunOptions {
            on_output: Some(Arc::new(move |_, bytes| {
                sink.lock().unwrap().extend_from_slice(bytes)
            })),
            ..Default::default()
        };
        let result = session.run_with(code, options).await.unwrap();
        assert_eq!(result.exit_code, expected, "{code}: {}", result.stderr);
        assert!(
            !chunks.lock().unwrap().is_empty(),
            "{code}: nothing streamed"
        );
    }
    session.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn a_program_printing_a_gibibyte_is_truncated_and_host_memory_stays_bounded() {
    let (_host, session) = open(SessionConfig {
        output_limit: 1 << 20,
        execution_timeout: Some(Duration::from_secs(120)),
        ..python()
    })
    .await;
    let before = support::rss_kib();
    let code = "import sys\nchunk = b'x' * (1 << 20)\nfor _ in range(1024):\n    sys.stdout.buffer.write(chunk)";
    let result = session.run(code, &[]).await.unwrap();
    let grown_mib = support::rss_kib().saturating_sub(before) / 1024;
    assert_eq!(result.exit_code, 0, "{}", result.stderr);
    assert!(result.truncated);
    assert_eq!(result.stdout.len(), 1 << 20);
    assert!(grown_mib < 256, "host memory grew by {grown_mib} MiB");
    session.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn invalid_utf8_output_is_replaced_by_default_and_refused_when_strict() {
    let code = "import sys; sys.stdout.buffer.write(b'ok \\xff end')";
    let (_host, lossy) = open(python()).await;
    assert_eq!(
        lossy.run(code, &[]).await.unwrap().stdout,
        "ok \u{fffd} end"
    );
    lossy.close().await.unwrap();
    let (_host, strict) = open(SessionConfig {
        output_encoding: OutputEncoding::Strict,
        ..python()
    })
    .await;
    let err = strict.run(code, &[]).await.unwrap_err();
    assert!(
        matches!(err, Error::InvalidOutput { offset: 3, .. }),
        "{err:?}"
    );
    strict.close().await.unwrap();
}

// ---------------------------------------------------------------- files and commands

#[tokio::test(flavor = "multi_thread")]
async fn files_and_directories_round_trip_through_the_sandbox() {
    let (_host, session) = open(python()).await;
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("input");
    std::fs::create_dir_all(input.join("nested")).unwrap();
    std::fs::write(input.join("a.txt"), "alpha").unwrap();
    std::fs::write(input.join("nested/b.txt"), "beta ✓").unwrap();
    let big: Vec<u8> = (0..(24u32 << 20)).map(|i| (i % 251) as u8).collect();
    std::fs::write(dir.path().join("big.bin"), &big).unwrap();

    session.copy_to_runtime(&input, "data").await.unwrap();
    session
        .copy_to_runtime(&dir.path().join("big.bin"), "/tmp/big.bin")
        .await
        .unwrap();
    let code = "import hashlib, os\n\
                print(open('data/nested/b.txt').read())\n\
                print(os.path.getsize('/tmp/big.bin'))\n\
                os.makedirs('out/deep', exist_ok=True)\n\
                open('out/deep/result.txt', 'w').write('made inside')";
    let result = session.run(code, &[]).await.unwrap();
    assert_eq!(
        result.stdout,
        format!("beta ✓\n{}\n", 24u32 << 20),
        "{}",
        result.stderr
    );

    let back = dir.path().join("back");
    let copied = session.copy_from_runtime("out", &back).await.unwrap();
    assert!(copied >= 3);
    assert_eq!(
        std::fs::read_to_string(back.join("deep/result.txt")).unwrap(),
        "made inside"
    );
    let big_back = dir.path().join("big-back.bin");
    session
        .copy_from_runtime("/tmp/big.bin", &big_back)
        .await
        .unwrap();
    assert!(
        std::fs::read(&big_back).unwrap() == big,
        "24 MiB file changed on the way"
    );
    session.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn copying_out_refuses_links_that_escape_and_writes_nothing() {
    let (_host, session) = open(python()).await;
    let plant = session
        .execute_command(
            "mkdir -p loot && echo fine > loot/ok.txt && ln -s /etc/passwd loot/passwd \
             && mkdir -p loot2 && ln -s ../../../../../../root loot2/up",
        )
        .await
        .unwrap();
    assert_eq!(plant.exit_code, 0, "{}", plant.stderr);
    let dir = tempfile::tempdir().unwrap();
    for (source, link) in [("loot", "passwd"), ("loot2", "up")] {
        let dest = dir.path().join(source);
        let err = session.copy_from_runtime(source, &dest).await.unwrap_err();
        assert!(matches!(err, Error::UnsafeArchive(_)), "{err:?}");
        assert!(err.to_string().contains(link), "{err}");
        assert!(
            !dest.exists() && !dest.is_symlink(),
            "{} was written",
            dest.display()
        );
    }
    let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert!(left.is_empty(), "staging left behind: {left:?}");
    session.close().await.unwrap();
}

/// Regression tests for the hardening issue, on a real container: a chain of
/// links that leads out, a FIFO, and the tree as `tar` would archive it.
#[tokio::test(flavor = "multi_thread")]
async fn copying_out_refuses_a_chain_of_links_and_special_files_and_writes_nothing() {
    let (_host, session) = open(python()).await;
    let plant = session
        .execute_command(
            "mkdir -p /sandbox/top/b && ln -s ../.. /sandbox/top/b/c && ln -s b/c/.. /sandbox/top/d \
             && mkdir -p /sandbox/one/b && ln -s ../.. /sandbox/one/b/c \
             && mkdir -p /sandbox/pipe && mkfifo /sandbox/pipe/fifo \
             && mkdir -p /sandbox/fine/sub && echo ok > /sandbox/fine/sub/f \
             && ln -s sub/f /sandbox/fine/l && ln /sandbox/fine/sub/f /sandbox/fine/hard",
        )
        .await
        .unwrap();
    assert_eq!(plant.exit_code, 0, "{}", plant.stderr);
    let dir = tempfile::tempdir().unwrap();
    for (source, expected) in [
        ("/sandbox/top", "points outside the destination"),
        (
            "/sandbox/one",
            "link `one/b/c` points outside the destination (to `../..`)",
        ),
        ("/sandbox/pipe", "is a FIFO"),
    ] {
        let dest = dir.path().join("dest");
        let err = session.copy_from_runtime(source, &dest).await.unwrap_err();
        assert!(matches!(err, Error::UnsafeArchive(_)), "{source}: {err:?}");
        assert!(err.to_string().contains(expected), "{source}: {err}");
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert!(left.is_empty(), "{source} left {left:?}");
    }
    // Links and hard links that stay inside come out as they are.
    let dest = dir.path().join("fine");
    session
        .copy_from_runtime("/sandbox/fine", &dest)
        .await
        .unwrap();
    assert_eq!(std::fs::read_to_string(dest.join("l")).unwrap(), "ok\n");
    assert_eq!(std::fs::read_to_string(dest.join("hard")).unwrap(), "ok\n");
    assert!(dest.join("l").is_symlink());
    session.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn a_copy_beyond_the_size_cap_is_refused_before_filling_the_disk() {
    let config = SessionConfig {
        copy_limits: llm_sandbox_host::archive::ExtractLimits {
            max_bytes: 1 << 20,
            ..Default::default()
        },
        ..python()
    };
    let (_host, session) = open(config).await;
    // A sparse file: a gibibyte on paper, nothing on the sandbox's disk.
    let made = session
        .execute_command("mkdir -p big && truncate -s 1G big/sparse")
        .await
        .unwrap();
    assert_eq!(made.exit_code, 0, "{}", made.stderr);
    let dir = tempfile::tempdir().unwrap();
    let err = session
        .copy_from_runtime("big", &dir.path().join("big"))
        .await
        .unwrap_err();
    assert!(err.to_string().contains("more than 1048576 bytes"), "{err}");
    let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert!(left.is_empty(), "{left:?}");
    session.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn commands_run_in_order_each_in_its_work_dir_and_stop_at_a_failure() {
    let (_host, session) = open(python()).await;
    let results = session
        .execute_commands(&[
            ("pwd", None),
            ("pwd", Some("/tmp")),
            ("exit 4", None),
            ("echo never", None),
        ])
        .await
        .unwrap();
    let outputs: Vec<(&str, i64)> = results
        .iter()
        .map(|r| (r.stdout.as_str(), r.exit_code))
        .collect();
    assert_eq!(outputs, [("/sandbox\n", 0), ("/tmp\n", 0), ("", 4)]);
    session.close().await.unwrap();
}

// ---------------------------------------------------------------- runtime configs

fn runtime(toml: &str) -> RuntimeConfig {
    RuntimeConfig::from_toml(toml).unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn memory_limit_is_visible_in_the_cgroup() {
    let (_host, session) = open(SessionConfig {
        runtime: RuntimeConfig {
            mem_limit: Some(ByteSize(64 << 20)),
            ..Default::default()
        },
        ..python()
    })
    .await;
    let out = session
        .execute_command("cat /sys/fs/cgroup/memory.max 2>/dev/null || cat /sys/fs/cgroup/memory/memory.limit_in_bytes")
        .await
        .unwrap();
    assert_eq!(out.stdout.trim(), (64u64 << 20).to_string());
    // And it is enforced: allocating past it kills the program.
    let hog = session
        .run("x = bytearray(200 * 1024 * 1024); print('survived')", &[])
        .await
        .unwrap();
    assert_ne!(hog.exit_code, 0);
    assert!(!hog.stdout.contains("survived"));
    session.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn network_none_leaves_only_the_loopback_interface() {
    if support::engine_only(
        "network none is a NetworkPolicy, which the dev cluster's network does not enforce (tests/kubernetes.rs checks the policy)",
    ) {
        return;
    }
    let (_host, session) = open(SessionConfig {
        runtime: runtime("network_mode = 'none'"),
        ..python()
    })
    .await;
    let out = session.execute_command("ls /sys/class/net").await.unwrap();
    assert_eq!(out.stdout.split_whitespace().collect::<Vec<_>>(), ["lo"]);
    session.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn a_read_only_root_with_a_non_root_user_still_runs_code_in_the_work_dir() {
    let (_host, session) = open(SessionConfig {
        runtime: runtime("read_only = true\nuser = '65534:65534'"),
        ..python()
    })
    .await;
    let result = session
        .run(
            "import os\nopen('note.txt', 'w').write('ok')\nprint(os.getuid(), open('note.txt').read())\n\
             try:\n    open('/etc/evil', 'w')\nexcept OSError as e:\n    print('refused', e.errno)",
            &[],
        )
        .await
        .unwrap();
    assert_eq!(result.exit_code, 0, "{}", result.stderr);
    // errno 30 = EROFS (read-only file system); 13 (EACCES) would mean only
    // permissions stopped it.
    assert_eq!(result.stdout, "65534 ok\nrefused 30\n");
    session.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn the_configured_user_runs_every_process() {
    let (_host, session) = open(SessionConfig {
        runtime: runtime("user = '1000:1000'"),
        ..python()
    })
    .await;
    let id = session.execute_command("id -u; id -g").await.unwrap();
    assert_eq!(id.stdout, "1000\n1000\n");
    let result = session
        .run(
            "import os; open('mine.txt', 'w').write('x'); print(os.stat('mine.txt').st_uid)",
            &[],
        )
        .await
        .unwrap();
    assert_eq!(result.stdout, "1000\n", "{}", result.stderr);
    session.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn a_pids_limit_stops_a_fork_bomb() {
    if support::engine_only("pods have no per-pod PID limit (the node's --pod-max-pids applies)") {
        return;
    }
    let (_host, session) = open(SessionConfig {
        runtime: runtime("pids_limit = 32"),
        execution_timeout: Some(Duration::from_secs(60)),
        ..python()
    })
    .await;
    let code = "import os, time\n\
                children = 0\n\
                try:\n\
                \x20   while True:\n\
                \x20       if os.fork() == 0:\n\
                \x20           time.sleep(30); os._exit(0)\n\
                \x20       children += 1\n\
                except OSError as e:\n\
                \x20   print('stopped after', children, 'errno', e.errno)";
    let result = session.run(code, &[]).await.unwrap();
    let words: Vec<&str> = result.stdout.split_whitespace().collect();
    assert_eq!(
        words.first(),
        Some(&"stopped"),
        "{}: {}",
        result.stdout,
        result.stderr
    );
    let children: u32 = words[2].parse().unwrap();
    assert!(children < 32, "{children} children under a limit of 32");
    session.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn environment_and_tmpfs_from_the_runtime_config_apply() {
    let (_host, session) = open(SessionConfig {
        runtime: runtime("environment = { GREETING = 'hi' }\ntmpfs = { '/scratch' = 'size=8m' }"),
        ..python()
    })
    .await;
    let out = session
        .execute_command("echo $GREETING; df -k /scratch | tail -1 | awk '{print $2}'")
        .await
        .unwrap();
    assert_eq!(out.stdout, "hi\n8192\n", "{}", out.stderr);
    session.close().await.unwrap();
}

#[test]
fn cli_runtime_flags_and_files_reach_the_sandbox() {
    if support::engine_only(
        "it checks network none and a per-container PID limit, which pods lack (tests/kubernetes.rs checks the CLI on Kubernetes)",
    ) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("runtime.json");
    std::fs::write(&file, r#"{"network_mode": "none", "pids_limit": 64}"#).unwrap();
    let out = host(
        &[
            "run",
            "--runtime-config",
            file.to_str().unwrap(),
            "--memory",
            "96m",
            "--lang",
            "python",
            "--code",
            CGROUP_PROBE,
        ],
        None,
    );
    let (stdout, stderr) = texts(&out);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert_eq!(stdout, format!("['lo'] 64 {}\n", 96u64 << 20));

    std::fs::write(&file, r#"{"memory": "1g"}"#).unwrap();
    let out = host(
        &[
            "run",
            "--runtime-config",
            file.to_str().unwrap(),
            "--lang",
            "python",
            "--code",
            "1",
        ],
        None,
    );
    let (_, stderr) = texts(&out);
    assert_eq!(out.status.code(), Some(125));
    assert!(
        stderr.contains("unknown field `memory`") && stderr.contains("mem_limit"),
        "{stderr}"
    );
}

/// Prints the interfaces, the pids limit and the memory limit (cgroup v2 or v1).
const CGROUP_PROBE: &str = r#"import os
def first(*paths):
    for p in paths:
        if os.path.exists(p):
            return open(p).read().strip()
print(sorted(os.listdir('/sys/class/net')),
      first('/sys/fs/cgroup/pids.max', '/sys/fs/cgroup/pids/pids.max'),
      first('/sys/fs/cgroup/memory.max', '/sys/fs/cgroup/memory/memory.limit_in_bytes'))"#;

// ---------------------------------------------------------------- existing containers

#[tokio::test(flavor = "multi_thread")]
async fn attaching_starts_a_stopped_container_and_never_removes_it() {
    if support::engine_only(
        "it makes its container with the engine's CLI (tests/kubernetes.rs attaches to a pod)",
    ) {
        return;
    }
    let name = format!("llm-sandbox-test-foreign-{}", std::process::id());
    let _foreign = ForeignContainer::new(&name, false, &[]);

    let host = sandbox_host().await;
    let session = host
        .open(SessionConfig {
            container_id: Some(name.clone()),
            ..python()
        })
        .await
        .unwrap();
    let result = session
        .run("import sys; print(sys.prefix)", &[])
        .await
        .unwrap();
    assert_eq!(result.exit_code, 0, "{}", result.stderr);
    assert_ne!(
        result.stdout, "/sandbox/.venv\n",
        "setup is skipped on attach"
    );
    session.close().await.unwrap();

    let state = support::engine_cli()
        .args(["inspect", "-f", "{{.State.Running}}", &name])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&state.stdout).trim(), "true");

    let dropped = host
        .open(SessionConfig {
            container_id: Some(name.clone()),
            ..python()
        })
        .await
        .unwrap();
    drop(dropped);
    assert!(
        container_exists(&name),
        "dropping an attached session removed the container"
    );
}

/// Two sessions attached to one container: the first to end must not take
/// the other's use of it along (each sandbox handle owns its own state).
#[tokio::test(flavor = "multi_thread")]
async fn sessions_attached_to_one_container_are_independent() {
    if support::engine_only(
        "it makes its container with the engine's CLI (tests/kubernetes.rs attaches to a pod)",
    ) {
        return;
    }
    let name = format!("llm-sandbox-test-attach-state-{}", std::process::id());
    let _foreign = ForeignContainer::new(&name, true, &[]);
    let host = sandbox_host().await;
    let attach = || SessionConfig {
        container_id: Some(name.clone()),
        ..python()
    };
    let first = host.open(attach()).await.unwrap();
    let second = host.open(attach()).await.unwrap();
    first.close().await.unwrap();
    let out = second.execute_command("echo still here").await.unwrap();
    assert_eq!(out.stdout, "still here\n");
    drop(second);
    for _ in 0..3 {
        host.open(attach()).await.unwrap().close().await.unwrap();
    }
    assert!(container_exists(&name), "the attached container stays");
}

#[tokio::test(flavor = "multi_thread")]
async fn attaching_to_a_missing_container_says_so() {
    let host = sandbox_host().await;
    let err = host
        .open(SessionConfig {
            container_id: Some("llm-sandbox-test-no-such-container".into()),
            ..python()
        })
        .await
        .unwrap_err();
    assert!(matches!(err, Error::ContainerNotFound { .. }), "{err:?}");
}

// ---------------------------------------------------------------- leaks

fn container_name(id: &str) -> String {
    let out = support::engine_cli()
        .args(["inspect", "-f", "{{.Name}}", id])
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout)
        .trim()
        .trim_start_matches('/')
        .to_string()
}

#[test]
fn host_gc_removes_the_sandbox_of_a_killed_host_and_keeps_live_ones() {
    if support::engine_only(
        "it makes foreign containers with the engine's CLI (tests/kubernetes.rs runs gc after kill -9)",
    ) {
        return;
    }
    let sleeping = [
        "run",
        "--timeout",
        "120",
        "--lang",
        "python",
        "--code",
        "import time; time.sleep(120)",
    ];
    let (mut live, live_container) = spawn_host_until_sandbox(&sleeping);
    let (mut dead, dead_container) = spawn_host_until_sandbox(&sleeping);
    let (live_name, dead_name) = (
        container_name(&live_container),
        container_name(&dead_container),
    );
    signal(dead.id(), "KILL");
    dead.wait().unwrap();
    assert!(
        container_exists(&dead_container),
        "kill -9 leaves the sandbox behind"
    );
    // Someone else's container, and one of ours made on another machine.
    let pid = std::process::id();
    let foreign_name = format!("llm-sandbox-test-foreign-gc-{pid}");
    let foreign = ForeignContainer::new(&foreign_name, false, &[]);
    let remote_name = format!("llm-sandbox-test-remote-gc-{pid}");
    let remote = ForeignContainer::new(
        &remote_name,
        false,
        &[
            "io.llm-sandbox.managed=true",
            "io.llm-sandbox.owner=another-machine/1/1",
        ],
    );

    let out = host(&["gc", "--json"], None);
    assert_eq!(out.status.code(), Some(0), "{}", texts(&out).1);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let names = |key: &str| -> Vec<String> {
        report[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n.as_str().unwrap().to_string())
            .collect()
    };
    assert!(names("removed").contains(&dead_name), "{report}");
    assert!(!container_exists(&dead_container));
    for kept in [&live_name, &remote_name] {
        assert!(names("kept").contains(kept), "{kept} not kept: {report}");
    }
    assert!(!names("removed").contains(&foreign_name), "{report}");
    assert!(
        container_exists(&live_container),
        "the live host's sandbox was removed"
    );
    assert!(
        container_exists(&remote.id),
        "another machine's sandbox was removed"
    );
    assert!(
        container_exists(&foreign.id),
        "a container that is not ours was removed"
    );
    assert!(live.try_wait().unwrap().is_none(), "the live host stopped");

    signal(live.id(), "TERM");
    live.wait().unwrap();
    assert!(!container_exists(&live_container));
}

// ---------------------------------------------------------------- many sessions

#[tokio::test(flavor = "multi_thread")]
async fn fifty_sessions_at_once_work_and_leave_nothing() {
    let host = sandbox_host().await;
    let opened = futures_util::future::join_all((0..50).map(|i| {
        let host = host.clone();
        async move {
            let session = host
                .open(SessionConfig {
                    skip_environment_setup: true,
                    ..python()
                })
                .await?;
            let result = session.run(&format!("print({i} * 2)"), &[]).await?;
            Ok::<_, Error>((session, result, i))
        }
    }))
    .await;
    let mut ids = Vec::new();
    for outcome in opened {
        let (session, result, i) = outcome.unwrap();
        assert_eq!(result.stdout, format!("{}\n", i * 2));
        ids.push(session.container_id().to_string());
        session.close().await.unwrap();
    }
    assert_eq!(ids.len(), 50);
    for id in ids {
        assert!(!container_exists(&id), "{id} left behind");
    }
}

// ---------------------------------------------------------------- images and persistence

/// Removes an image when dropped (test cleanup).
struct ImageCleanup(String);

impl Drop for ImageCleanup {
    fn drop(&mut self) {
        let _ = support::engine_cli().args(["rmi", "-f", &self.0]).output();
    }
}

fn image_exists(image: &str) -> bool {
    support::engine_cli()
        .args(["image", "inspect", image])
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false)
}

#[tokio::test(flavor = "multi_thread")]
async fn a_dockerfile_builds_the_image_which_is_removed_on_close_unless_kept() {
    if support::engine_only("Kubernetes has no image builds") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("greeting.txt"), "from the build context").unwrap();
    let dockerfile = dir.path().join("Dockerfile");
    std::fs::write(
        &dockerfile,
        "FROM python:3.11-slim-bookworm\nCOPY greeting.txt /opt/greeting.txt\n",
    )
    .unwrap();
    let host = sandbox_host().await;
    for keep in [false, true] {
        let session = host
            .open(SessionConfig {
                dockerfile: Some(dockerfile.clone()),
                keep_template: keep,
                ..python()
            })
            .await
            .unwrap();
        let image = session.image().to_string();
        let _cleanup = ImageCleanup(image.clone());
        assert!(image.starts_with("llm-sandbox-build/python:"), "{image}");
        let out = session
            .run("print(open('/opt/greeting.txt').read())", &[])
            .await
            .unwrap();
        assert_eq!(out.stdout, "from the build context\n", "{}", out.stderr);
        session.close().await.unwrap();
        assert_eq!(image_exists(&image), keep, "keep_template = {keep}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_broken_dockerfile_reports_the_builder_error() {
    if support::engine_only("Kubernetes has no image builds") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let dockerfile = dir.path().join("Dockerfile");
    std::fs::write(&dockerfile, "FROM python:3.11-slim-bookworm\nRUN exit 7\n").unwrap();
    let err = sandbox_host()
        .await
        .open(SessionConfig {
            dockerfile: Some(dockerfile),
            ..python()
        })
        .await
        .unwrap_err();
    assert!(matches!(err, Error::BuildFailed { .. }), "{err:?}");
    assert!(err.to_string().contains("exit 7"), "{err}");
}

#[tokio::test(flavor = "multi_thread")]
async fn commit_container_saves_the_sandbox_as_an_image() {
    if support::engine_only("Kubernetes has no commits") {
        return;
    }
    let target = format!("llm-sandbox-test/committed:{}", std::process::id());
    let _cleanup = ImageCleanup(target.clone());
    let host = sandbox_host().await;
    let session = host
        .open(SessionConfig {
            commit_container: true,
            commit_image: Some(target.clone()),
            ..python()
        })
        .await
        .unwrap();
    session
        .execute_command("echo persisted > /opt/state.txt")
        .await
        .unwrap();
    session.close().await.unwrap();
    assert!(image_exists(&target));
    let reopened = host
        .open(SessionConfig {
            image: Some(target.clone()),
            skip_environment_setup: true,
            ..python()
        })
        .await
        .unwrap();
    let out = reopened
        .execute_command("cat /opt/state.txt")
        .await
        .unwrap();
    assert_eq!(out.stdout, "persisted\n");
    reopened.close().await.unwrap();
}

#[test]
fn cli_runs_in_an_existing_container_and_leaves_it_running() {
    if support::engine_only(
        "it makes its container with the engine's CLI (tests/kubernetes.rs attaches to a pod)",
    ) {
        return;
    }
    let name = format!("llm-sandbox-test-cli-attach-{}", std::process::id());
    let _foreign = ForeignContainer::new(&name, true, &[]);
    let out = host(
        &[
            "run",
            "--container",
            &name,
            "--lang",
            "python",
            "--code",
            "import socket; print(socket.gethostname())",
        ],
        None,
    );
    let (stdout, stderr) = texts(&out);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    let expected = support::engine_cli()
        .args(["inspect", "-f", "{{.Config.Hostname}}", &name])
        .output()
        .unwrap();
    assert_eq!(
        stdout.trim(),
        String::from_utf8_lossy(&expected.stdout).trim()
    );
    assert!(container_exists(&name));
}

/// A create abandoned at any moment (a caller gone, a pool shutting down),
/// even while the engine or API server is still taking it, leaves no
/// sandbox: the sandbox may land after a first removal found nothing.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_create_abandoned_at_any_moment_leaves_no_sandbox() {
    use llm_sandbox_host::backend::SandboxSpec;
    let backend = backend().await;
    let prefix = format!("llm-sandbox-test-abandoned-{}", std::process::id());
    for i in 0..24u64 {
        let backend = backend.clone();
        let spec = SandboxSpec {
            image: "python:3.11-slim-bookworm".into(),
            name: format!("{prefix}-{i}"),
            workdir: "/sandbox".into(),
            ..Default::default()
        };
        let task = tokio::spawn(async move { backend.create(&spec).await.map(|_| ()) });
        // From at once to well after the create was sent.
        tokio::time::sleep(Duration::from_millis(i * 3)).await;
        task.abort();
        let _ = task.await;
    }
    let left = || async {
        let all = backend.list_managed().await.expect("list sandboxes");
        all.into_iter()
            .map(|s| s.name)
            .filter(|n| n.starts_with(&prefix))
            .collect::<Vec<_>>()
    };
    // Removed sandboxes can take a moment to go; landed ones would stay.
    let started = Instant::now();
    while !left().await.is_empty() && started.elapsed() < Duration::from_secs(20) {
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    assert_eq!(
        left().await,
        Vec::<String>::new(),
        "sandboxes outlived their abandoned creates"
    );
}
