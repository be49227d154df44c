//! The foundation, end to end: Python code runs through the Wasm language
//! plugin in a real Docker container, via the library and the `host` CLI.
//!
//! Needs a running Docker engine and the Python image (`dev/prepare` makes
//! both).

mod support;

use std::time::{Duration, Instant};

use llm_sandbox_host::{Error, PluginRegistry, RunOptions, SessionConfig};
use support::*;

// ---------------------------------------------------------------- library

#[tokio::test(flavor = "multi_thread")]
async fn python_run_reports_exit_code_and_separate_streams() {
    let (_host, session) = open(python()).await;
    let result = session
        .run(
            "import sys\nprint(6 * 7)\nprint('oops', file=sys.stderr)\nsys.exit(3)",
            &[],
        )
        .await
        .unwrap();
    assert_eq!(result.exit_code, 3);
    assert_eq!(result.stdout, "42\n");
    assert_eq!(result.stderr, "oops\n");
    session.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn unicode_output_survives_the_round_trip() {
    let (_host, session) = open(python()).await;
    let text = "héllo ✓ 世界 🦀";
    let result = session.run(&format!("print({text:?})"), &[]).await.unwrap();
    assert_eq!(result.stdout, format!("{text}\n"));
    session.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn a_session_keeps_state_between_runs_and_commands() {
    let (_host, session) = open(python()).await;
    let write = session
        .run("open('data.txt', 'w').write('kept')", &[])
        .await
        .unwrap();
    assert_eq!(write.exit_code, 0, "{}", write.stderr);
    let read = session.execute_command("cat data.txt").await.unwrap();
    assert_eq!(read.stdout, "kept");
    let pwd = session.execute(&["pwd"], Some("/tmp")).await.unwrap();
    assert_eq!(pwd.stdout, "/tmp\n");
    session.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn setup_creates_a_virtualenv_that_runs_the_code() {
    let (_host, session) = open(python()).await;
    let result = session
        .run("import sys; print(sys.prefix)", &[])
        .await
        .unwrap();
    assert_eq!(result.stdout, "/sandbox/.venv\n");
    session.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn skipping_setup_runs_the_image_python_and_refuses_installs() {
    let host = sandbox_host().await;
    let config = SessionConfig {
        skip_environment_setup: true,
        ..python()
    };
    let session = host.open(config).await.unwrap();
    let result = session
        .run("import sys; print(sys.prefix)", &[])
        .await
        .unwrap();
    assert_eq!(result.exit_code, 0, "{}", result.stderr);
    assert_ne!(result.stdout, "/sandbox/.venv\n");
    let venv = session
        .execute(&["test", "-e", "/sandbox/.venv"], None)
        .await
        .unwrap();
    assert_ne!(venv.exit_code, 0, "setup was skipped, so no virtualenv");
    let err = session.run("print(1)", &["six"]).await.unwrap_err();
    assert!(err.to_string().contains("setup was skipped"), "{err}");
    session.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn injected_package_names_are_refused_before_anything_runs() {
    let (_host, session) = open(python()).await;
    let err = session
        .run("print('ran')", &["numpy; touch /tmp/pwned"])
        .await
        .unwrap_err();
    assert!(matches!(err, Error::PluginRefused { .. }), "{err:?}");
    assert!(err.to_string().contains("numpy; touch /tmp/pwned"), "{err}");
    let pwned = session
        .execute(&["test", "-e", "/tmp/pwned"], None)
        .await
        .unwrap();
    assert_ne!(pwned.exit_code, 0);
    let runs = session
        .execute(&["test", "-e", "/sandbox/.runs"], None)
        .await
        .unwrap();
    assert_ne!(runs.exit_code, 0, "no code was written or run");
    session.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn packages_install_into_the_session_through_the_ca_bundle() {
    let ca = ca_bundle();
    let host = sandbox_host().await;
    let config = SessionConfig {
        ca_bundle: Some(ca),
        ..python()
    };
    let session = host.open(config).await.unwrap();
    let result = session
        .run("import six; print(six.__file__)", &["six"])
        .await
        .unwrap();
    assert_eq!(result.exit_code, 0, "{}", result.stderr);
    assert!(
        result.stdout.starts_with("/sandbox/.venv/"),
        "installed into the session's virtualenv: {}",
        result.stdout
    );
    session.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn stdin_and_arguments_reach_the_program() {
    let (_host, session) = open(python()).await;
    let options = RunOptions {
        stdin: Some(b"line one\nline two\n".to_vec()),
        args: vec!["--flag".into(), "two words".into()],
        ..Default::default()
    };
    let result = session
        .run_with(
            "import sys\nprint(sys.argv[1:])\nprint(sys.stdin.read().upper(), end='')",
            options,
        )
        .await
        .unwrap();
    assert_eq!(
        result.stdout,
        "['--flag', 'two words']\nLINE ONE\nLINE TWO\n"
    );
    session.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn output_is_streamed_while_the_program_runs() {
    use std::sync::{Arc, Mutex};
    let (_host, session) = open(python()).await;
    let seen: Arc<Mutex<Vec<(Instant, String)>>> = Arc::default();
    let sink = seen.clone();
    let options = RunOptions {
        on_output: Some(Arc::new(move |_, bytes| {
            let text = String::from_utf8_lossy(bytes).into_owned();
            sink.lock().unwrap().push((Instant::now(), text));
        })),
        ..Default::default()
    };
    let result = session
        .run_with(
            "import time\nprint('first', flush=True)\ntime.sleep(1)\nprint('second')",
            options,
        )
        .await
        .unwrap();
    assert_eq!(result.stdout, "first\nsecond\n");
    {
        let seen = seen.lock().unwrap();
        let first = seen.iter().find(|(_, t)| t.contains("first")).unwrap().0;
        let second = seen.iter().find(|(_, t)| t.contains("second")).unwrap().0;
        assert!(
            second.duration_since(first) >= Duration::from_millis(500),
            "the first line arrived before the program finished"
        );
    }
    session.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn a_timed_out_run_is_killed_and_the_session_stays_usable() {
    let host = sandbox_host().await;
    let config = SessionConfig {
        execution_timeout: Some(Duration::from_secs(2)),
        ..python()
    };
    let session = host.open(config).await.unwrap();
    let code = "import subprocess\n\
                subprocess.Popen(['setsid', 'sleep', '1000'])\n\
                print('spinning', flush=True)\n\
                while True: pass";
    let started = Instant::now();
    let err = session.run(code, &[]).await.unwrap_err();
    let elapsed = started.elapsed();
    match &err {
        Error::Timeout { stdout, .. } => assert_eq!(stdout, "spinning\n"),
        other => panic!("expected a timeout, got {other:?}"),
    }
    assert!(elapsed < Duration::from_secs(10), "{elapsed:?}");
    // Nothing of that run is left: not the loop, not the escaped child.
    let ps = session
        .execute_command("for p in /proc/[0-9]*; do tr '\\0' ' ' < $p/cmdline; echo; done")
        .await
        .unwrap();
    assert!(!ps.stdout.contains("main.py"), "{}", ps.stdout);
    assert!(!ps.stdout.contains("sleep 1000"), "{}", ps.stdout);
    let next = session.run("print('still usable')", &[]).await.unwrap();
    assert_eq!(next.stdout, "still usable\n");
    session.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn closing_removes_the_container_at_once() {
    let (_host, session) = open(python()).await;
    let id = session.container_id().to_string();
    assert!(container_exists(&id));
    let started = Instant::now();
    session.close().await.unwrap();
    // No 10-second graceful stop: a forced remove.
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
    assert!(!container_exists(&id));
}

#[tokio::test(flavor = "multi_thread")]
async fn dropping_a_session_without_close_removes_its_container() {
    let (_host, session) = open(python()).await;
    let id = session.container_id().to_string();
    let labels = support::engine_cli()
        .args(["inspect", "-f", "{{json .Config.Labels}}", &id])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&labels.stdout).contains("io.llm-sandbox.managed"));
    drop(session);
    assert!(!container_exists(&id), "container {id} leaked");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_failed_open_leaves_no_container() {
    let host = sandbox_host().await;
    let marker = format!("LLM_SANDBOX_TEST_MARKER=failed-open-{}", std::process::id());
    let config = SessionConfig {
        // Python cannot start without its standard library: setup fails
        // after the container exists.
        env: vec![
            ("PYTHONHOME".into(), "/nonexistent".into()),
            (
                "LLM_SANDBOX_TEST_MARKER".into(),
                marker["LLM_SANDBOX_TEST_MARKER=".len()..].into(),
            ),
        ],
        ..python()
    };
    let err = host.open(config).await.unwrap_err();
    assert!(matches!(err, Error::SetupFailed { .. }), "{err:?}");
    let left = managed_containers_with_env(backend_name(), &marker);
    assert!(
        left.is_empty(),
        "containers {left:?} of the failed open were left behind"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_missing_image_says_how_to_build_it() {
    let host = sandbox_host().await;
    let config = SessionConfig {
        image: Some("llm-sandbox-test/does-not-exist:1".into()),
        ..python()
    };
    let err = host.open(config).await.unwrap_err();
    let text = err.to_string();
    assert!(matches!(err, Error::ImageUnavailable { .. }), "{err:?}");
    assert!(text.contains("llm-sandbox-test/does-not-exist:1"), "{text}");
    // A user-chosen image cannot be bootstrapped: the hint says so.
    assert!(
        text.contains("pass --image") && !text.contains("bootstrap"),
        "{text}"
    );
}

#[test]
fn a_missing_default_image_says_how_to_bootstrap_it() {
    let plugins = test_plugins();
    let out = host(
        &[
            "run",
            "--plugin",
            plugins.hostile.to_str().unwrap(),
            "--lang",
            "hostile",
            "--code",
            "x",
        ],
        None,
    );
    let (_, stderr) = texts(&out);
    assert_eq!(out.status.code(), Some(125), "{stderr}");
    assert!(stderr.contains("host images bootstrap hostile"), "{stderr}");
}

// ---------------------------------------------------------------- plugins

#[test]
fn python_import_detection_runs_in_the_wasm_plugin() {
    let registry = PluginRegistry::with_defaults().unwrap();
    let python = registry.language("py").unwrap();
    let found = python
        .imports(
            "import os.path as p\n# import socket\nx = 'import re'\nfrom subprocess import run",
        )
        .unwrap();
    let modules: Vec<&str> = found.iter().map(|i| i.module.as_str()).collect();
    assert_eq!(modules, ["os.path", "subprocess"]);
    assert_eq!((found[1].line, found[1].column), (4, 6));
}

#[test]
fn a_plugin_that_loops_forever_is_stopped_and_the_host_goes_on() {
    let plugins = test_plugins();
    let mut registry = PluginRegistry::with_defaults().unwrap();
    let hostile = registry.load_file(&plugins.hostile).unwrap();
    let ctx = llm_sandbox_host::plugin::PlanContext {
        workdir: "/sandbox".into(),
        setup_done: false,
        managed_environment: false,
    };
    let started = Instant::now();
    let err = hostile.plan(&ctx, "loop", "r1", &[], None).unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(30));
    let text = err.to_string();
    assert!(matches!(err, Error::PluginFailed { .. }), "{err:?}");
    assert!(
        text.contains("hostile") && text.contains("endless loop"),
        "{text}"
    );
    // The same plugin and the others keep working.
    assert!(hostile.plan(&ctx, "hello", "r2", &[], None).is_ok());
    let python = registry.language("python").unwrap();
    assert!(python.plan(&ctx, "print(1)", "r3", &[], None).is_ok());
}

#[test]
fn a_plugin_that_allocates_traps_or_recurses_is_stopped_with_a_reason() {
    let plugins = test_plugins();
    let mut registry = PluginRegistry::with_defaults().unwrap();
    let hostile = registry.load_file(&plugins.hostile).unwrap();
    let ctx = llm_sandbox_host::plugin::PlanContext {
        workdir: "/sandbox".into(),
        setup_done: false,
        managed_environment: false,
    };
    let reason = |code: &str| {
        hostile
            .plan(&ctx, code, "r1", &[], None)
            .unwrap_err()
            .to_string()
    };
    assert!(
        reason("alloc").contains("MiB of memory"),
        "{}",
        reason("alloc")
    );
    assert!(reason("trap").contains("trapped"), "{}", reason("trap"));
    assert!(reason("recurse").contains("stack"), "{}", reason("recurse"));
    let escape = reason("escape");
    assert!(
        escape.contains("invalid plan") && escape.contains(".."),
        "{escape}"
    );
}

#[test]
fn files_that_are_not_language_handlers_are_refused_with_the_file_named() {
    let plugins = test_plugins();
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("notes.wasm");
    std::fs::write(&text, "not wasm at all").unwrap();
    let core = dir.path().join("core.wasm");
    std::fs::write(&core, b"\0asm\x01\0\0\0").unwrap();
    let corrupt = dir.path().join("corrupt.wasm");
    let mut bytes = std::fs::read(&plugins.python).unwrap();
    bytes.truncate(bytes.len() / 2);
    std::fs::write(&corrupt, bytes).unwrap();

    let mut registry = PluginRegistry::with_defaults().unwrap();
    let builtins = registry.languages().len();
    let cases = [
        (&text, "not a WebAssembly file"),
        (&core, "core WebAssembly module"),
        (&corrupt, "corrupt.wasm"),
        (&plugins.not_a_handler, "not a language handler"),
    ];
    for (path, expected) in cases {
        let err = registry.load_file(path).unwrap_err().to_string();
        assert!(err.contains(&path.display().to_string()), "{err}");
        assert!(err.contains(expected), "{err}");
    }
    assert_eq!(registry.languages().len(), builtins, "nothing was added");
}

#[test]
fn a_plugin_file_replaces_the_builtin_for_its_language() {
    let plugins = test_plugins();
    let mut registry = PluginRegistry::with_defaults().unwrap();
    let builtins = registry.languages().len();
    registry.load_file(&plugins.python).unwrap();
    let python = registry.language("python").unwrap();
    assert_eq!(
        python.source(),
        &llm_sandbox_host::plugin::PluginSource::File(plugins.python.clone())
    );
    assert_eq!(registry.languages().len(), builtins, "replaced, not added");
}

#[test]
fn precompiled_plugins_are_cached_on_disk_and_a_corrupt_cache_is_ignored() {
    use llm_sandbox_host::plugin::PluginLimits;
    let cache = tempfile::tempdir().unwrap();
    let runtime = || {
        llm_sandbox_host::PluginRuntime::with_options(
            PluginLimits::default(),
            Some(cache.path().to_path_buf()),
        )
        .unwrap()
    };
    let mut first = PluginRegistry::new(runtime());
    first.load_builtins().unwrap();
    let artifacts: Vec<_> = std::fs::read_dir(cache.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(
        artifacts.len(),
        first.languages().len() + first.policies().len(),
        "one artifact per plugin, languages and policies"
    );
    for artifact in &artifacts {
        std::fs::write(artifact, b"garbage").unwrap();
    }
    let mut second = PluginRegistry::new(runtime());
    second.load_builtins().unwrap();
    assert!(second.language("python").is_ok());
    for artifact in &artifacts {
        assert!(
            std::fs::read(artifact).unwrap().len() > 1000,
            "{} rewritten",
            artifact.display()
        );
    }
}

// ---------------------------------------------------------------- CLI

#[test]
fn cli_passes_on_exit_code_streams_and_unicode() {
    let out = host(
        &[
            "run",
            "--lang",
            "python",
            "--code",
            "import sys; print(6*7); print('é ✓ 世界'); print('warn', file=sys.stderr); sys.exit(3)",
        ],
        None,
    );
    let (stdout, stderr) = texts(&out);
    assert_eq!(out.status.code(), Some(3), "{stderr}");
    assert_eq!(stdout, "42\né ✓ 世界\n");
    assert_eq!(stderr, "warn\n");
}

#[test]
fn cli_runs_a_file_by_extension_and_code_from_stdin() {
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("hello.py");
    std::fs::write(&script, "print('from a file')").unwrap();
    let out = host(&["run", script.to_str().unwrap()], None);
    assert_eq!(texts(&out).0, "from a file\n", "{}", texts(&out).1);

    let out = host(&["run", "--lang", "py", "-"], Some("print('from stdin')"));
    assert_eq!(texts(&out).0, "from stdin\n", "{}", texts(&out).1);
}

#[test]
fn cli_json_output_is_one_object_with_the_result() {
    let out = host(
        &[
            "run",
            "--json",
            "--lang",
            "python",
            "--code",
            "import sys; print('hi'); sys.exit(2)",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(value["exit_code"], 2);
    assert_eq!(value["stdout"], "hi\n");
    assert_eq!(value["failed_step"], "run");
    assert!(value["duration_secs"].as_f64().unwrap() > 0.0);
}

#[test]
fn cli_timeout_stops_waiting_and_exits_124_with_the_output_so_far() {
    let started = Instant::now();
    let out = host(
        &[
            "run",
            "--timeout",
            "2",
            "--lang",
            "python",
            "--code",
            "import time\nprint('started', flush=True)\ntime.sleep(60)",
        ],
        None,
    );
    let (stdout, stderr) = texts(&out);
    assert_eq!(out.status.code(), Some(124), "{stderr}");
    assert_eq!(stdout, "started\n");
    assert!(stderr.contains("timed out after 2.0s"), "{stderr}");
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn cli_json_reports_host_errors_as_json_too() {
    let out = host(&["run", "--json", "--lang", "cobol", "--code", "x"], None);
    assert_eq!(out.status.code(), Some(125));
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        value["error"]
            .as_str()
            .unwrap()
            .contains("unknown language `cobol`")
    );
}

#[test]
fn cli_installs_a_package_with_the_ca_bundle_option() {
    let ca = ca_bundle();
    let out = host(
        &[
            "run",
            "--lang",
            "python",
            "--ca-bundle",
            ca.to_str().unwrap(),
            "--lib",
            "six",
            "--code",
            "import six; print(six.PY3)",
        ],
        None,
    );
    let (stdout, stderr) = texts(&out);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    // pip's chatter goes to stderr: stdout is the program's alone.
    assert_eq!(stdout, "True\n");
    assert!(stderr.contains("six"), "{stderr}");
}

#[test]
fn cli_host_errors_exit_125_with_one_line() {
    let cases: [(&[&str], &str); 7] = [
        (
            &["run", "--lang", "rust", "--code", "fn main(){}"],
            "unknown language `rust`; known: cpp, go, java, javascript, python, r, ruby",
        ),
        (&["run", "/tmp/x.unknownext"], "cannot read"),
        (
            &[
                "run",
                "--lang",
                "python",
                "--lib",
                "x; rm -rf /",
                "--code",
                "1",
            ],
            "invalid package name",
        ),
        (&["run", "--code", "print(1)"], "pass --lang"),
        (
            &[
                "run",
                "--timeout",
                "1e20",
                "--lang",
                "python",
                "--code",
                "1",
            ],
            "is not a number of seconds",
        ),
        (
            &["run", "--timeout", "0", "--lang", "python", "--code", "1"],
            "--timeout 0 is not",
        ),
        (
            &["run", "--no-such-flag"],
            "unexpected argument '--no-such-flag'",
        ),
    ];
    for (args, expected) in cases {
        let out = host(args, None);
        let (_, stderr) = texts(&out);
        assert_eq!(out.status.code(), Some(125), "{args:?}: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(stderr.contains(expected), "{args:?}: {stderr}");
    }
}

#[test]
fn cli_says_how_to_fix_an_unreachable_docker() {
    let out = std::process::Command::new(host_bin())
        .args([
            "run",
            "--backend",
            "docker",
            "--lang",
            "python",
            "--code",
            "print(1)",
        ])
        .env("DOCKER_HOST", "unix:///nonexistent/docker.sock")
        .output()
        .unwrap();
    let (_, stderr) = texts(&out);
    assert_eq!(out.status.code(), Some(125), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("Docker is not reachable at unix:///nonexistent/docker.sock"),
        "{stderr}"
    );
    assert!(stderr.contains("Start the engine (`dockerd`)"), "{stderr}");
}

#[test]
fn cli_plugin_flag_loads_a_language_without_rebuilding_the_host() {
    let plugins = test_plugins();
    let out = host(
        &[
            "run",
            "--plugin",
            plugins.hostile.to_str().unwrap(),
            "--lang",
            "hostile",
            "--image",
            "python:3.11-slim-bookworm",
            "--code",
            "hello",
        ],
        None,
    );
    assert_eq!(texts(&out).0, "hello\n", "{}", texts(&out).1);

    let out = host(
        &[
            "run",
            "--plugin",
            plugins.hostile.to_str().unwrap(),
            "--lang",
            "hostile",
            "--image",
            "python:3.11-slim-bookworm",
            "--code",
            "loop",
        ],
        None,
    );
    let (_, stderr) = texts(&out);
    assert_eq!(out.status.code(), Some(125), "{stderr}");
    assert!(stderr.contains("plugin `hostile` failed"), "{stderr}");

    let out = host(
        &[
            "run",
            "--plugin",
            plugins.not_a_handler.to_str().unwrap(),
            "--lang",
            "python",
            "--code",
            "1",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(125));
    assert!(
        texts(&out).1.contains("not_a_handler.wasm"),
        "{}",
        texts(&out).1
    );
}

#[test]
fn cli_plugins_list_shows_languages_versions_and_sources() {
    let plugins = test_plugins();
    let out = host(&["plugins", "list"], None);
    let (stdout, _) = texts(&out);
    assert!(
        stdout.contains("python") && stdout.contains("built-in"),
        "{stdout}"
    );
    assert!(stdout.contains("python:3.11-slim-bookworm"), "{stdout}");

    let out = host(
        &[
            "plugins",
            "list",
            "--json",
            "--plugin",
            plugins.hostile.to_str().unwrap(),
        ],
        None,
    );
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let names: Vec<&str> = value
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(names.first(), Some(&"python"), "built-ins first");
    assert_eq!(names.last(), Some(&"hostile"), "files after built-ins");
    let last = value.as_array().unwrap().last().unwrap();
    assert_eq!(last["source"], plugins.hostile.display().to_string());
    assert_eq!(value[0]["version"], env!("CARGO_PKG_VERSION"));
}

#[test]
fn interrupting_host_run_removes_its_sandbox() {
    let (mut child, container) = spawn_host_until_sandbox(&[
        "run",
        "--timeout",
        "120",
        "--lang",
        "python",
        "--code",
        "import time; time.sleep(120)",
    ]);
    // Let it get into the run itself.
    std::thread::sleep(Duration::from_millis(500));
    signal(child.id(), "INT");
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(130));
    assert!(
        !container_exists(&container),
        "the sandbox outlived the interrupted host"
    );
}

#[test]
fn plugins_in_the_plugin_directory_are_loaded_without_flags() {
    let plugins = test_plugins();
    let dir = tempfile::tempdir().unwrap();
    let installed = dir.path().join("hostile.wasm");
    std::fs::copy(&plugins.hostile, &installed).unwrap();
    let out = std::process::Command::new(host_bin())
        .args(["plugins", "list", "--json"])
        .env("LLM_SANDBOX_PLUGIN_DIR", dir.path())
        .output()
        .unwrap();
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let hostile = value
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "hostile")
        .expect("the plugin from the directory is listed");
    assert_eq!(hostile["source"], installed.display().to_string());
}

#[test]
fn image_bootstrap_skips_an_image_that_exists() {
    let out = host(&["images", "bootstrap", "python"], None);
    let (_, stderr) = texts(&out);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("python:3.11-slim-bookworm already exists"),
        "{stderr}"
    );
}

/// Regression: `host plugins list --json | head -1` panicked ("failed
/// printing to stdout: Broken pipe") when the reader went away.
#[test]
fn a_closed_stdout_pipe_is_not_a_panic() {
    let mut child = std::process::Command::new(support::host_bin())
        .args(["plugins", "list", "--json"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Gone before the host writes anything (it loads its plugins first).
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_ne!(out.status.code(), Some(101), "{stderr}");
}
