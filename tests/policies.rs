//! Security policies: what each preset blocks in each language, enforcement
//! before anything executes, advisory mode against the container's limits,
//! hostile policy plugins, a custom policy plugin and the CLI.

mod support;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use llm_sandbox_host::policy::{RestrictedModule, SecurityPattern};
use llm_sandbox_host::{
    Error, PluginRegistry, PolicyChecker, PolicyConfig, PolicyMode, SecurityPolicy, SecurityPreset,
    SessionConfig, Severity,
};
use support::{host, open, python, sandbox_host, test_plugins, texts};

// ---------------------------------------------------------------- what each preset blocks

/// Expected verdict per preset, in the order development, production,
/// strict, educational: `B` blocked, `P` passes.
type Case = (&'static str, &'static str, &'static str);

const PYTHON: &[Case] = &[
    ("plain arithmetic", "print(sum(range(10)))", "PPPP"),
    (
        "process execution",
        "import subprocess\nsubprocess.run(['ls'])",
        "BBBB",
    ),
    (
        "a module named in a comment and a string",
        "# import subprocess\nprint('import subprocess; os.system')",
        "PPPP",
    ),
    (
        "a similarly named module",
        "import osmnx\nimport oslo",
        "PPPP",
    ),
    (
        "a submodule under an alias",
        "import os.path as p\nprint(p.join('a', 'b'))",
        "PPBP",
    ),
    (
        "a process function from os",
        "from os import system\nsystem('ls')",
        "BBBB",
    ),
    ("os.system in code", "import os\nos.system('ls')", "BBBB"),
    ("network", "import socket\nsocket.socket()", "PBBP"),
    (
        "network through urllib",
        "from urllib.request import urlopen",
        "PBBP",
    ),
    ("eval", "print(eval('1 + 1'))", "PBBB"),
    ("native code", "import ctypes", "BBBB"),
    (
        "__import__ of a literal",
        "m = __import__('subprocess')",
        "BBBB",
    ),
    (
        "a file opened for writing",
        "open('out.txt', 'w').write('x')",
        "PPBP",
    ),
    (
        "a file opened for reading",
        "print(len('x'))\nf = open('in.txt')",
        "PPPP",
    ),
    (
        "json and math",
        "import json, math\nprint(json.dumps(math.pi))",
        "PPPP",
    ),
    ("the engine's socket", "p = '/var/run/docker.sock'", "BBBB"),
];

const JAVASCRIPT: &[Case] = &[
    (
        "plain code",
        "console.log([1, 2, 3].map(x => x * 2));",
        "PPPP",
    ),
    (
        "process execution",
        "const cp = require('child_process');\ncp.execSync('ls');",
        "BBBB",
    ),
    (
        "a module named in a comment and a string",
        "// require('child_process')\nconsole.log(\"require('child_process')\");",
        "PPPP",
    ),
    (
        "a similarly named module",
        "const x = require('child_processor');",
        "PPPP",
    ),
    (
        "network through a node: scheme",
        "const http = require('node:http');",
        "PBBP",
    ),
    (
        "file system, ES module",
        "import fs from 'fs';\nconsole.log(fs);",
        "PPBP",
    ),
    ("eval", "console.log(eval('1 + 1'));", "PBBB"),
    ("the global fetch", "fetch('https://example.com');", "PBBP"),
];

const JAVA: &[Case] = &[
    (
        "hello",
        "public class Main { public static void main(String[] a) { System.out.println(1); } }",
        "PPPP",
    ),
    (
        "process execution",
        "public class Main { public static void main(String[] a) throws Exception { Runtime.getRuntime().exec(\"ls\"); } }",
        "BBBB",
    ),
    (
        "process execution in a comment",
        "// Runtime.getRuntime().exec(\"ls\")\npublic class Main { public static void main(String[] a) {} }",
        "PPPP",
    ),
    (
        "network",
        "import java.net.Socket;\npublic class Main {}",
        "PBBP",
    ),
    (
        "a similarly named package",
        "import java.networking.Foo;\npublic class Main {}",
        "PPPP",
    ),
    (
        "file system",
        "import java.nio.file.Files;\npublic class Main {}",
        "PPBP",
    ),
    (
        "scripting",
        "import javax.script.ScriptEngine;\npublic class Main {}",
        "PBBB",
    ),
];

const CPP: &[Case] = &[
    (
        "hello",
        "#include <iostream>\nint main() { std::cout << 1; }",
        "PPPP",
    ),
    (
        "shelling out",
        "#include <cstdlib>\nint main() { std::system(\"ls\"); }",
        "BBBB",
    ),
    ("sockets", "#include <sys/socket.h>\nint main() {}", "PBBP"),
    (
        "sockets in a comment",
        "// #include <sys/socket.h>\nint main() { const char* s = \"sys/socket.h\"; }",
        "PPPP",
    ),
    (
        "a similarly named header",
        "#include <sys/socketpair.h>\nint main() {}",
        "PPPP",
    ),
    ("file streams", "#include <fstream>\nint main() {}", "PPBP"),
    (
        "dynamic loading",
        "#include <dlfcn.h>\nint main() {}",
        "BBBB",
    ),
];

const GO: &[Case] = &[
    (
        "hello",
        "package main\nimport \"fmt\"\nfunc main() { fmt.Println(1) }",
        "PPPP",
    ),
    (
        "process execution",
        "package main\nimport \"os/exec\"\nfunc main() { exec.Command(\"ls\").Run() }",
        "BBBB",
    ),
    (
        "process execution in a comment",
        "package main\n// import \"os/exec\"\nfunc main() {}",
        "PPPP",
    ),
    (
        "http",
        "package main\nimport \"net/http\"\nfunc main() { http.Get(\"x\") }",
        "PBBP",
    ),
    (
        "url parsing is not network",
        "package main\nimport \"net/url\"\nfunc main() {}",
        "PPPP",
    ),
    (
        "os",
        "package main\nimport \"os\"\nfunc main() { os.Exit(0) }",
        "PPBP",
    ),
    (
        "unsafe",
        "package main\nimport \"unsafe\"\nfunc main() {}",
        "BBBB",
    ),
    (
        "reflection",
        "package main\nimport \"reflect\"\nfunc main() {}",
        "PBBB",
    ),
];

const RUBY: &[Case] = &[
    ("plain code", "puts [1, 2, 3].sum", "PPPP"),
    ("system", "system(\"ls\")", "BBBB"),
    ("backticks", "puts `ls`", "BBBB"),
    ("sockets", "require 'socket'", "PBBP"),
    (
        "sockets in a comment and a string",
        "# require 'socket'\nputs \"require 'socket'\"",
        "PPPP",
    ),
    (
        "a similarly named library",
        "require 'sockets_helper'",
        "PPPP",
    ),
    ("http", "require 'net/http'", "PBBP"),
    ("file utilities", "require 'fileutils'", "PPBP"),
    ("eval", "puts eval('1 + 1')", "PBBB"),
    (
        "the word system in a sentence",
        "puts \"The system is ready\"",
        "PPPP",
    ),
];

const R: &[Case] = &[
    ("plain code", "print(sum(1:10))", "PPPP"),
    ("system", "system(\"ls\")", "BBBB"),
    ("http", "library(httr)", "PBBP"),
    (
        "http in a comment and a string",
        "# library(httr)\nprint(\"library(httr)\")",
        "PPPP",
    ),
    (
        "a similarly named package",
        "library(curlconverter)",
        "PPPP",
    ),
    (
        "eval of parsed text",
        "eval(parse(text = \"1 + 1\"))",
        "PBBB",
    ),
    ("removing files", "file.remove(\"x\")", "PPBP"),
];

/// Every case of every language under every preset, checked through the
/// real language and policy plugins; mismatches are reported together.
#[test]
fn each_preset_blocks_and_passes_the_expected_code_in_every_language() {
    let registry = PluginRegistry::with_defaults().unwrap();
    let presets = SecurityPreset::all().unwrap();
    let mut wrong = Vec::new();
    let mut checked = 0;
    for (language, cases) in [
        ("python", PYTHON),
        ("javascript", JAVASCRIPT),
        ("java", JAVA),
        ("cpp", CPP),
        ("go", GO),
        ("ruby", RUBY),
        ("r", R),
    ] {
        let plugin = registry.language(language).unwrap();
        for (i, preset) in presets.iter().enumerate() {
            let checker =
                PolicyChecker::new(&registry, plugin.clone(), &[(&preset.policy).into()]).unwrap();
            for (what, code, verdicts) in cases {
                let expect_blocked = verdicts.as_bytes()[i] == b'B';
                let report = checker.check(code, &[]).unwrap();
                checked += 1;
                if report.allowed == expect_blocked {
                    wrong.push(format!(
                        "{language} / {}: {what}: expected {}, got {:?}",
                        preset.name,
                        if expect_blocked { "blocked" } else { "allowed" },
                        report.findings
                    ));
                }
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of {checked} wrong:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

#[test]
fn findings_point_at_the_import_and_carry_the_rule() {
    let registry = PluginRegistry::with_defaults().unwrap();
    let preset = SecurityPreset::get("strict").unwrap();
    let checker = PolicyChecker::new(
        &registry,
        registry.language("python").unwrap(),
        &[(&preset.policy).into()],
    )
    .unwrap();
    let report = checker
        .check("x = 1\n# subprocess\nimport json, subprocess\n", &[])
        .unwrap();
    let finding = report
        .findings
        .iter()
        .find(|f| f.rule == "module:subprocess")
        .expect("a subprocess finding");
    assert_eq!((finding.line, finding.column), (Some(3), Some(14)));
    assert_eq!(finding.severity, Severity::High);
    assert!(finding.blocking);
    assert_eq!(finding.policy, "patterns");
}

#[test]
fn a_custom_pattern_policy_restricts_packages_and_can_lower_its_threshold() {
    let registry = PluginRegistry::with_defaults().unwrap();
    let mut policy = SecurityPolicy::new(Severity::High);
    policy.add_pattern(SecurityPattern::new(
        r"\bpandas\.",
        "pandas usage",
        Severity::Low,
    ));
    policy.add_restricted_module(RestrictedModule::new("numpy", "no numpy", Severity::Medium));
    policy
        .restricted_packages
        .push(llm_sandbox_host::policy::RestrictedPackage {
            name: "paramiko".into(),
            description: "SSH client".into(),
            severity: Severity::High,
            languages: vec![],
        });
    let python = registry.language("python").unwrap();
    let checker = PolicyChecker::new(&registry, python.clone(), &[(&policy).into()]).unwrap();
    let report = checker
        .check(
            "import numpy\npandas.read_csv('x')",
            &["Paramiko==3.4".into()],
        )
        .unwrap();
    let rules: Vec<&str> = report.findings.iter().map(|f| f.rule.as_str()).collect();
    assert_eq!(
        rules,
        ["module:numpy", r"pattern:\bpandas\.", "package:paramiko"],
        "{report:?}"
    );
    assert!(!report.allowed, "the package is high: blocked");
    // The same policy with the threshold lowered to low blocks on the pattern too.
    let lowered = PolicyConfig {
        threshold: Some(Severity::Low),
        ..(&policy).into()
    };
    let checker = PolicyChecker::new(&registry, python, &[lowered]).unwrap();
    let report = checker.check("pandas.read_csv('x')", &[]).unwrap();
    assert!(!report.allowed);
}

#[test]
fn an_invalid_regex_is_refused_when_the_policy_is_loaded_naming_the_pattern() {
    let registry = PluginRegistry::with_defaults().unwrap();
    let mut policy = SecurityPolicy::default();
    policy.add_pattern(SecurityPattern::new(r"ok\s+", "fine", Severity::Low));
    policy.add_pattern(SecurityPattern::new(
        r"os\.system(",
        "broken",
        Severity::High,
    ));
    let err = PolicyChecker::new(
        &registry,
        registry.language("python").unwrap(),
        &[policy.into()],
    )
    .unwrap_err();
    assert!(matches!(err, Error::InvalidPolicy { .. }), "{err:?}");
    let text = err.to_string();
    assert!(text.contains(r"os\.system("), "{text}");
    assert!(text.contains("patterns[1]"), "{text}");
}

// ---------------------------------------------------------------- enforcement in sessions

/// Exec instances the engine recorded for a container.
fn exec_ids(container: &str) -> Vec<String> {
    let out = support::engine_cli()
        .args(["inspect", "--format", "{{json .ExecIDs}}", container])
        .output()
        .unwrap();
    serde_json::from_slice::<Option<Vec<String>>>(&out.stdout)
        .unwrap()
        .unwrap_or_default()
}

#[tokio::test]
async fn strict_refuses_subprocess_before_any_exec_and_the_session_stays_usable() {
    let preset = SecurityPreset::get("strict").unwrap();
    let (_host, session) = open(python().with_preset(&preset)).await;
    let before = exec_ids(session.container_id());
    let err = session
        .run("import subprocess\nopen('ran', 'w')\nprint('ran')", &[])
        .await
        .unwrap_err();
    let Error::PolicyViolation { findings } = &err else {
        panic!("expected a policy violation, got {err:?}");
    };
    assert!(
        findings
            .iter()
            .any(|f| f.rule == "module:subprocess" && f.blocking),
        "{findings:?}"
    );
    assert!(err.to_string().contains("nothing was run"), "{err}");
    assert_eq!(
        exec_ids(session.container_id()),
        before,
        "no process may start in the sandbox for blocked code"
    );
    // Nothing was written either, and allowed code still runs (as nobody,
    // on the strict preset's read-only root).
    let listing = session.execute_command("ls -A /sandbox").await.unwrap();
    assert!(
        !listing.stdout.contains("ran") && !listing.stdout.contains(".runs"),
        "{listing:?}"
    );
    let ok = session.run("print(6 * 7)", &[]).await.unwrap();
    assert_eq!(ok.stdout, "42\n");
    let (safe, findings) = session.is_safe("import socket").unwrap();
    assert!(!safe && !findings.is_empty());
    session.close().await.unwrap();
}

#[tokio::test]
async fn a_blocked_install_installs_nothing() {
    let mut policy = SecurityPolicy::new(Severity::Medium);
    policy
        .restricted_packages
        .push(llm_sandbox_host::policy::RestrictedPackage {
            name: "six".into(),
            description: "not this one".into(),
            severity: Severity::High,
            languages: vec!["python".into()],
        });
    let (_host, session) = open(python().with_policy(policy)).await;
    let err = session.run("print(1)", &["six"]).await.unwrap_err();
    assert!(matches!(err, Error::PolicyViolation { .. }), "{err:?}");
    let pip = session
        .execute_command("test -d /sandbox/.venv && ls /sandbox/.venv/lib/python3*/site-packages | grep -c six || true")
        .await
        .unwrap();
    assert_eq!(pip.stdout.trim(), "0", "{pip:?}");
    session.close().await.unwrap();
}

#[tokio::test]
async fn in_advisory_mode_a_fork_bomb_runs_and_the_strict_pids_limit_stops_it() {
    let preset = SecurityPreset::get("strict").unwrap();
    let config = SessionConfig {
        policy_mode: PolicyMode::Advisory,
        ..python().with_preset(&preset)
    };
    let (_host, session) = open(config).await;
    // 2^12 processes without a limit; every process that is refused a fork
    // leaves a mark; children hold their pid for a while.
    let bomb = r#"
import os, time
root = os.getpid()
for _ in range(12):
    try:
        os.fork()
    except OSError:
        open("refused", "a").close()
        break
if os.getpid() != root:
    time.sleep(2)
    os._exit(0)
time.sleep(4)
print("refused" if os.path.exists("refused") else "not refused")
"#;
    let result = session.run(bomb, &[]).await.unwrap();
    assert_eq!(result.stdout, "refused\n", "{result:?}");
    assert!(
        result
            .findings
            .iter()
            .any(|f| f.blocking && f.rule == "module:os"),
        "advisory mode reports what would have blocked: {:?}",
        result.findings
    );
    let pids = session
        .execute_command(
            "cat /sys/fs/cgroup/pids/pids.max 2>/dev/null || cat /sys/fs/cgroup/pids.max",
        )
        .await
        .unwrap();
    assert_eq!(pids.stdout.trim(), "64");
    tokio::time::sleep(std::time::Duration::from_secs(3)).await;
    assert_eq!(
        session
            .run("print('still here')", &[])
            .await
            .unwrap()
            .stdout,
        "still here\n"
    );
    session.close().await.unwrap();
}

#[tokio::test]
async fn each_preset_applies_its_container_limits() {
    // (preset, uid, root writable, network interfaces besides lo, memory limit in MiB)
    let expected = [
        ("development", "0", true, true, 1024),
        ("production", "65534", false, false, 512),
        ("strict", "65534", false, false, 128),
        ("educational", "1000", false, true, 256),
    ];
    let host = sandbox_host().await;
    for (name, uid, writable, network, mem) in expected {
        let preset = SecurityPreset::get(name).unwrap();
        let session = host
            .open(python().with_preset(&preset))
            .await
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        // Commands are the caller's own: policies do not check them.
        let probe = session
            .execute_command(
                "id -u; (touch /probe 2>/dev/null && echo rw) || echo ro; \
                 ls /sys/class/net | grep -vc '^lo$' || true; \
                 cat /sys/fs/cgroup/memory/memory.limit_in_bytes 2>/dev/null || cat /sys/fs/cgroup/memory.max",
            )
            .await
            .unwrap();
        let lines: Vec<&str> = probe.stdout.lines().collect();
        assert_eq!(lines[0], uid, "{name}: {probe:?}");
        assert_eq!(lines[1] == "rw", writable, "{name}: {probe:?}");
        assert_eq!(lines[2] != "0", network, "{name}: {probe:?}");
        assert_eq!(
            lines[3].parse::<u64>().unwrap() >> 20,
            mem,
            "{name}: {probe:?}"
        );
        let hello = session.run("print('hello')", &[]).await.unwrap();
        assert_eq!(hello.stdout, "hello\n", "{name}");
        session.close().await.unwrap();
    }
}

// ---------------------------------------------------------------- hostile plugins

fn hostile_policy(registry: &mut PluginRegistry) {
    registry
        .load_policy_file(&test_plugins().hostile_policy)
        .unwrap();
}

#[test]
fn a_policy_that_loops_allocates_or_traps_is_stopped_naming_it() {
    let mut registry = PluginRegistry::with_defaults().unwrap();
    hostile_policy(&mut registry);
    let python = registry.language("python").unwrap();
    for behaviour in ["loop", "alloc", "trap", "recurse"] {
        // In configure: the session would fail before creating anything.
        let config = PolicyConfig::new("hostile-policy", format!("configure={behaviour}"));
        let err = PolicyChecker::new(&registry, python.clone(), &[config]).unwrap_err();
        assert!(
            matches!(&err, Error::PluginFailed { plugin, call: "configure", .. } if plugin == "hostile-policy"),
            "{behaviour}: {err:?}"
        );
        // In check.
        let config = PolicyConfig::new("hostile-policy", format!("check={behaviour}"));
        let checker = PolicyChecker::new(&registry, python.clone(), &[config]).unwrap();
        let err = checker.check("import os", &[]).unwrap_err();
        assert!(
            matches!(&err, Error::PluginFailed { plugin, call: "check", .. } if plugin == "hostile-policy"),
            "{behaviour}: {err:?}"
        );
    }
    // The registry keeps serving: the built-in policy still checks.
    let preset = SecurityPreset::get("production").unwrap();
    let checker = PolicyChecker::new(&registry, python, &[(&preset.policy).into()]).unwrap();
    assert!(!checker.check("import subprocess", &[]).unwrap().allowed);
}

#[test]
fn a_flood_of_findings_is_capped_and_bad_locations_are_dropped() {
    let mut registry = PluginRegistry::with_defaults().unwrap();
    hostile_policy(&mut registry);
    let python = registry.language("python").unwrap();
    // 5000 findings of 11 KiB each reach the host, which keeps 1000.
    let flood = PolicyConfig::new("hostile-policy", "check=flood:5000");
    let report = PolicyChecker::new(&registry, python.clone(), &[flood])
        .unwrap()
        .check("x = 1", &[])
        .unwrap();
    assert_eq!(
        report.findings.len(),
        llm_sandbox_host::plugin::MAX_FINDINGS
    );
    assert!(
        report
            .findings
            .iter()
            .all(|f| f.description.chars().count() <= 1001)
    );
    assert!(!report.allowed);
    // 100 000 of them (1.1 GB) exceed what one call may copy out of a plugin.
    let flood = PolicyConfig::new("hostile-policy", "check=flood");
    let err = PolicyChecker::new(&registry, python.clone(), &[flood])
        .unwrap()
        .check("x = 1", &[])
        .unwrap_err();
    assert!(
        matches!(&err, Error::PluginFailed { plugin, .. } if plugin == "hostile-policy"),
        "{err:?}"
    );
    let badloc = PolicyConfig::new("hostile-policy", "check=badloc");
    let report = PolicyChecker::new(&registry, python, &[badloc])
        .unwrap()
        .check("x = 1", &[])
        .unwrap();
    assert!(
        report
            .findings
            .iter()
            .all(|f| f.line.is_none() && f.column.is_none()),
        "{report:?}"
    );
}

#[test]
fn a_language_plugin_that_misbehaves_during_a_check_is_stopped_naming_it() {
    let mut registry = PluginRegistry::with_defaults().unwrap();
    let hostile = registry.load_file(&test_plugins().hostile).unwrap();
    let mut policy = SecurityPolicy::new(Severity::Low);
    policy.add_restricted_module(RestrictedModule::new(
        "subprocess",
        "processes",
        Severity::High,
    ));
    let checker = PolicyChecker::new(&registry, hostile, &[policy.into()]).unwrap();
    for code in [
        "imports-loop",
        "imports-alloc",
        "imports-trap",
        "strip-loop",
    ] {
        let err = checker.check(code, &[]).unwrap_err();
        assert!(
            matches!(&err, Error::PluginFailed { plugin, .. } if plugin == "hostile"),
            "{code}: {err:?}"
        );
    }
    // A comment stripper that changes the line count is ignored, not trusted:
    // findings still point at the right line.
    let report = checker.check("strip-lines\n\nmod:subprocess", &[]).unwrap();
    let finding = report
        .findings
        .iter()
        .find(|f| f.rule == "module:subprocess");
    assert_eq!(finding.and_then(|f| f.line), Some(3), "{report:?}");
}

/// Regression: a plugin that panics writes its message to WASI stderr, which
/// wasmtime-wasi's synchronous bindings drive with `block_on`; called from
/// async code that used to panic the host ("Cannot start a runtime from
/// within a runtime"). Both runtime flavors must get a clean error.
async fn panicking_plugins_fail_cleanly_in_async_code() {
    let mut registry = PluginRegistry::with_defaults().unwrap();
    hostile_policy(&mut registry);
    let hostile = registry.load_file(&test_plugins().hostile).unwrap();
    let policy = PolicyConfig::new("hostile-policy", "check=trap");
    let err = PolicyChecker::new(&registry, registry.language("python").unwrap(), &[policy])
        .unwrap()
        .check("x = 1", &[])
        .unwrap_err();
    assert!(
        matches!(&err, Error::PluginFailed { plugin, .. } if plugin == "hostile-policy"),
        "{err:?}"
    );
    let preset = SecurityPreset::get("production").unwrap();
    let err = PolicyChecker::new(&registry, hostile, &[(&preset.policy).into()])
        .unwrap()
        .check("imports-trap", &[])
        .unwrap_err();
    assert!(
        matches!(&err, Error::PluginFailed { plugin, .. } if plugin == "hostile"),
        "{err:?}"
    );
}

#[tokio::test]
async fn a_panicking_plugin_fails_cleanly_on_a_current_thread_runtime() {
    panicking_plugins_fail_cleanly_in_async_code().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_panicking_plugin_fails_cleanly_on_a_multi_thread_runtime() {
    panicking_plugins_fail_cleanly_in_async_code().await;
}

#[tokio::test]
async fn a_failing_policy_fails_its_session_before_a_sandbox_exists_and_others_go_on() {
    let host = sandbox_host().await;
    let mut registry = PluginRegistry::with_defaults().unwrap();
    hostile_policy(&mut registry);
    registry.load_file(&test_plugins().hostile).unwrap();
    let hostile_host = llm_sandbox_host::SandboxHost::new(registry, host.backend().clone());
    // The hostile language's image does not exist: had the session looked
    // for its image or created a container before configuring its policies,
    // the error would be about the image.
    let config = SessionConfig::new("hostile")
        .with_policy(PolicyConfig::new("hostile-policy", "configure=loop"));
    let err = hostile_host.open(config).await.unwrap_err();
    assert!(
        matches!(&err, Error::PluginFailed { plugin, call: "configure", .. } if plugin == "hostile-policy"),
        "{err:?}"
    );
    // The same host goes on serving sessions with working policies.
    let session = hostile_host
        .open(python().with_preset(&SecurityPreset::get("production").unwrap()))
        .await
        .unwrap();
    assert_eq!(session.run("print(2)", &[]).await.unwrap().stdout, "2\n");
    session.close().await.unwrap();
}

// ---------------------------------------------------------------- a custom policy plugin

fn no_network_plugin() -> &'static Path {
    static WASM: OnceLock<PathBuf> = OnceLock::new();
    WASM.get_or_init(|| support::build_example("no-network", "no_network_policy"))
}

fn script(dir: &Path, name: &str, code: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, code).unwrap();
    path.to_str().unwrap().to_string()
}

#[test]
fn the_no_network_example_blocks_network_libraries_in_host_check() {
    let wasm = no_network_plugin().to_str().unwrap();
    let dir = tempfile::tempdir().unwrap();
    for (name, code, blocked) in [
        (
            "fetch.py",
            "import requests\nrequests.get('https://example.com')\n",
            true,
        ),
        ("quiet.py", "# import requests\nprint('requests')\n", false),
        ("server.js", "const net = require('net');\n", true),
        (
            "client.go",
            "package main\nimport \"net/http\"\nfunc main() { http.Get(\"x\") }\n",
            true,
        ),
        ("sum.rb", "puts [1, 2].sum\n", false),
    ] {
        let file = script(dir.path(), name, code);
        let out = host(&["check", "--policy-plugin", wasm, &file, "--json"], None);
        let (stdout, stderr) = texts(&out);
        assert_eq!(
            out.status.code(),
            Some(if blocked { 1 } else { 0 }),
            "{name}: {stdout}{stderr}"
        );
        let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
        assert_eq!(report["allowed"], !blocked, "{name}: {report}");
        if blocked {
            assert_eq!(report["findings"][0]["policy"], "no-network", "{report}");
        }
    }
    // Its configuration is passed through: an allowed module passes.
    let allow = dir.path().join("allow.toml");
    std::fs::write(&allow, "allow = [\"requests\"]\n").unwrap();
    let file = script(dir.path(), "ok.py", "import requests\n");
    let out = host(
        &[
            "check",
            "--policy-plugin",
            wasm,
            "--policy-plugin-config",
            allow.to_str().unwrap(),
            &file,
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(0), "{:?}", texts(&out));
}

#[test]
fn host_run_with_the_no_network_example_exits_126_and_runs_nothing() {
    let wasm = no_network_plugin().to_str().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = script(dir.path(), "leak.py", "import socket\nprint('connected')\n");
    let out = host(&["run", "--policy-plugin", wasm, &file], None);
    let (stdout, stderr) = texts(&out);
    assert_eq!(out.status.code(), Some(126), "{stdout}{stderr}");
    assert!(stdout.is_empty(), "nothing ran: {stdout}");
    assert!(
        stderr.contains("leak.py:1:8: blocked") && stderr.contains("no-network"),
        "{stderr}"
    );
    let file = script(dir.path(), "fine.py", "print('offline')\n");
    let out = host(&["run", "--policy-plugin", wasm, &file], None);
    assert_eq!(texts(&out).0, "offline\n", "{:?}", texts(&out));
}

// ---------------------------------------------------------------- the CLI

#[test]
fn host_check_uses_production_by_default_and_reports_human_and_json() {
    let dir = tempfile::tempdir().unwrap();
    let file = script(dir.path(), "x.py", "import os.path\nimport subprocess\n");
    let out = host(&["check", &file], None);
    let (stdout, _) = texts(&out);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains("x.py:2:8: blocked: high module:subprocess"),
        "{stdout}"
    );
    assert!(stdout.contains("x.py:1:8: note: low module:os"), "{stdout}");
    assert!(
        stdout.contains("blocked (2 findings, 1 blocking; patterns blocks from medium)"),
        "{stdout}"
    );
    let out = host(
        &[
            "check",
            "--preset",
            "development",
            "--code",
            "import os",
            "--lang",
            "py",
            "--json",
        ],
        None,
    );
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(value["allowed"], true);
    assert_eq!(value["preset"], "development");
    assert_eq!(value["thresholds"]["patterns"], "high");
    // --threshold overrides: low blocks the os import.
    let out = host(
        &[
            "check",
            "--preset",
            "development",
            "--threshold",
            "low",
            "--code",
            "import os",
            "--lang",
            "py",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(1), "{:?}", texts(&out));
}

#[test]
fn host_check_refuses_a_broken_policy_file_with_exit_125_naming_the_problem() {
    let dir = tempfile::tempdir().unwrap();
    let policy = dir.path().join("p.toml");
    std::fs::write(
        &policy,
        "[[patterns]]\npattern = '('\ndescription = 'x'\nseverity = 'high'\n",
    )
    .unwrap();
    let out = host(
        &[
            "check",
            "--policy",
            policy.to_str().unwrap(),
            "--code",
            "x",
            "--lang",
            "python",
        ],
        None,
    );
    let (_, stderr) = texts(&out);
    assert_eq!(out.status.code(), Some(125), "{stderr}");
    assert!(
        stderr.contains("patterns[0]") && stderr.contains("`(`"),
        "{stderr}"
    );
    std::fs::write(&policy, "severity = 'high'\n").unwrap();
    let out = host(
        &[
            "check",
            "--policy",
            policy.to_str().unwrap(),
            "--code",
            "x",
            "--lang",
            "python",
        ],
        None,
    );
    let (_, stderr) = texts(&out);
    assert_eq!(out.status.code(), Some(125), "{stderr}");
    assert!(
        stderr.contains("unknown field `severity`") && stderr.contains("severity_threshold"),
        "{stderr}"
    );
}

#[test]
fn host_presets_lists_the_four_and_shows_one_as_editable_toml() {
    let out = host(&["presets", "list", "--json"], None);
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let names: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        ["development", "production", "strict", "educational"]
    );
    let out = host(&["presets", "show", "strict", "--lang", "py"], None);
    let (stdout, _) = texts(&out);
    assert!(stdout.contains("severity_threshold = \"low\""), "{stdout}");
    assert!(
        stdout.contains("name = \"subprocess\"") && !stdout.contains("child_process"),
        "{stdout}"
    );
    // What `show` prints is a policy file `--policy` accepts.
    let dir = tempfile::tempdir().unwrap();
    let policy_part = stdout.split("# Runtime").next().unwrap();
    let policy = dir.path().join("strict.toml");
    std::fs::write(&policy, policy_part).unwrap();
    let out = host(
        &[
            "check",
            "--policy",
            policy.to_str().unwrap(),
            "--code",
            "import shutil",
            "--lang",
            "python",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(1), "{:?}", texts(&out));
}

#[test]
fn host_run_blocked_by_a_preset_exits_126_with_findings_and_advisory_runs() {
    let out = host(
        &[
            "run",
            "--preset",
            "strict",
            "--lang",
            "python",
            "--code",
            "import socket\nprint('ran')",
        ],
        None,
    );
    let (stdout, stderr) = texts(&out);
    assert_eq!(out.status.code(), Some(126), "{stdout}{stderr}");
    assert!(stdout.is_empty(), "{stdout}");
    assert!(
        stderr.contains("<code>:1:8: blocked: medium module:socket"),
        "{stderr}"
    );
    let out = host(
        &[
            "run",
            "--preset",
            "strict",
            "--advisory",
            "--lang",
            "python",
            "--code",
            "import socket\nprint('ran')",
            "--json",
        ],
        None,
    );
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(value["stdout"], "ran\n", "{value}");
    assert_eq!(value["findings"][0]["rule"], "module:socket", "{value}");
    let out = host(
        &[
            "run",
            "--preset",
            "strict",
            "--lang",
            "python",
            "--code",
            "import socket",
            "--json",
        ],
        None,
    );
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        (value["exit_code"].as_i64(), value["blocked"].as_bool()),
        (Some(126), Some(true)),
        "{value}"
    );
}

// ---------------------------------------------------------------- failing closed

/// A policy that could not be built, or an empty configuration for the
/// built-in policy (what a host that lost its rules would send), stops the
/// session from opening. The image does not exist: had the session gone on
/// to create its sandbox, the error would be about the image instead.
#[tokio::test(flavor = "multi_thread")]
async fn a_policy_that_cannot_be_built_refuses_to_open_before_any_sandbox() {
    let host = sandbox_host().await;
    let unusable = PolicyConfig {
        unusable: Some("the rules did not load".into()),
        ..PolicyConfig::new("patterns", "severity_threshold = 'low'")
    };
    for (policy, expected) in [
        (unusable, "the rules did not load"),
        (
            PolicyConfig::new("patterns", ""),
            "the configuration is empty",
        ),
        (
            PolicyConfig::new("patterns", "# no rules\n"),
            "the configuration is empty",
        ),
    ] {
        let config = SessionConfig {
            image: Some("llm-sandbox-test/never-pulled:none".into()),
            ..python().with_policy(policy)
        };
        let err = host.open(config).await.unwrap_err();
        assert!(
            matches!(err, Error::InvalidPolicy { .. }),
            "{expected}: {err:?}"
        );
        assert!(err.to_string().contains(expected), "{err}");
    }
}

#[test]
fn an_empty_policy_file_is_refused_by_check_and_run() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.toml");
    std::fs::write(&empty, "# forgot the rules\n").unwrap();
    let empty = empty.to_str().unwrap();
    for args in [
        vec![
            "check",
            "--policy",
            empty,
            "--lang",
            "python",
            "--code",
            "import os",
        ],
        vec![
            "run", "--policy", empty, "--lang", "python", "--code", "print(1)",
        ],
    ] {
        let out = host(&args, None);
        let (stdout, stderr) = texts(&out);
        assert_eq!(out.status.code(), Some(125), "{args:?}: {stderr}");
        assert!(stderr.contains("sets nothing"), "{stderr}");
        assert!(stdout.is_empty(), "nothing ran: {stdout}");
    }
}
