//! Compiles the built-in plugins in `plugins/` to WebAssembly components
//! (`wasm32-wasip2`, release profile) and writes `builtin_plugins.rs` into
//! `OUT_DIR`, which embeds them in the host binary; and compiles the
//! in-sandbox runner (`host/runner`) to a static `x86_64-unknown-linux-musl`
//! binary, embedded the same way (`runner_binary.rs`).
//!
//! The nested cargos use their own target dirs (next to the outer one) so
//! they never wait on the outer build's lock, and are re-run only when the
//! plugin or runner sources, the sdk or the WIT contract change.

use std::env;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Built-in language plugins: (crate name, artifact file stem).
const LANGUAGES: &[(&str, &str)] = &[
    ("plugin-python", "plugin_python"),
    ("plugin-javascript", "plugin_javascript"),
    ("plugin-java", "plugin_java"),
    ("plugin-cpp", "plugin_cpp"),
    ("plugin-go", "plugin_go"),
    ("plugin-ruby", "plugin_ruby"),
    ("plugin-r", "plugin_r"),
];

/// Built-in security policy plugins: (crate name, artifact file stem).
const POLICIES: &[(&str, &str)] = &[("policy-patterns", "policy_patterns")];

/// What the in-sandbox runner is built for: static, so any Linux image runs it.
const RUNNER_TARGET: &str = "x86_64-unknown-linux-musl";

/// `cargo build --release --target TARGET` in `root`, with its own target
/// dir, and none of the outer build's settings (clippy's wrapper, host
/// RUSTFLAGS, coverage instrumentation…).
fn nested_cargo(root: &Path, target: &str, target_dir: &Path) -> Command {
    let cargo = env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let mut cmd = Command::new(cargo);
    cmd.current_dir(root)
        .args(["build", "--release", "--target", target])
        .arg("--target-dir")
        .arg(target_dir);
    for (key, _) in env::vars() {
        if key.starts_with("CARGO_") && key != "CARGO_HOME" || key.starts_with("RUSTC") {
            cmd.env_remove(&key);
        }
    }
    cmd.env_remove("RUSTFLAGS").env_remove("RUSTDOCFLAGS");
    cmd
}

/// Panic with what to do when a nested build failed.
fn finish(status: std::io::Result<std::process::ExitStatus>, what: &str, target: &str) {
    let status = status.unwrap_or_else(|e| panic!("could not run cargo to build {what}: {e}"));
    if !status.success() {
        panic!(
            "building {what} for {target} failed (see above). \
             If the target is missing: `rustup target add {target}`."
        );
    }
}

fn main() {
    let manifest_dir = PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("cargo sets it"));
    let root = manifest_dir
        .ancestors()
        .nth(2)
        .expect("host/lib is inside the workspace");
    // Relative to this package: a target dir shared by clones at other paths
    // (CI's fresh clones, worktrees) must watch this clone's sources, not
    // those of whichever clone built it first (absolute paths did that, and
    // embedded stale plugins).
    for path in [
        "../../plugins",
        "../runner",
        "../../sdk",
        "../../wit",
        "../../Cargo.lock",
    ] {
        println!("cargo:rerun-if-changed={path}");
    }
    println!("cargo:rerun-if-env-changed=LLM_SANDBOX_PLUGIN_DIR");

    let out_dir = PathBuf::from(env::var("OUT_DIR").expect("cargo sets it"));
    // OUT_DIR is <target>/<profile>/build/<pkg>-<hash>/out.
    let target_root = out_dir
        .ancestors()
        .nth(4)
        .map(Path::to_path_buf)
        .unwrap_or_else(|| out_dir.clone());
    let wasm_target_dir = target_root.join("wasm-plugins");

    let mut plugins = nested_cargo(root, "wasm32-wasip2", &wasm_target_dir);
    for (krate, _) in LANGUAGES.iter().chain(POLICIES) {
        plugins.args(["-p", krate]);
    }
    // The runner: small, static, and without unwinding tables.
    let runner_target_dir = target_root.join("runner");
    let mut runner = nested_cargo(root, RUNNER_TARGET, &runner_target_dir);
    runner.args(["-p", "llm-sandbox-runner", "--bin", "llm-sandbox-runner"]);
    for setting in [
        "profile.release.strip=true",
        "profile.release.panic=\"abort\"",
    ] {
        runner.args(["--config", setting]);
    }
    // Two independent builds in their own target dirs: run them together.
    let mut runner = runner.spawn().unwrap_or_else(|e| {
        panic!("could not start cargo to build the in-sandbox runner: {e}");
    });
    finish(plugins.status(), "the built-in plugins", "wasm32-wasip2");
    finish(runner.wait(), "the in-sandbox runner", RUNNER_TARGET);
    let binary = runner_target_dir.join(format!("{RUNNER_TARGET}/release/llm-sandbox-runner"));
    assert!(binary.exists(), "{} was not produced", binary.display());
    std::fs::write(
        out_dir.join("runner_binary.rs"),
        format!(
            "/// The in-sandbox runner built by build.rs for {RUNNER_TARGET}.\n\
             pub(crate) const RUNNER_BINARY: &[u8] = include_bytes!({:?});\n",
            binary.display().to_string()
        ),
    )
    .expect("write OUT_DIR file");

    let mut source = String::new();
    for (constant, what, plugins) in [
        ("BUILTIN_LANGUAGES", "language plugins", LANGUAGES),
        ("BUILTIN_POLICIES", "security policy plugins", POLICIES),
    ] {
        source.push_str(&format!(
            "/// Built-in {what} compiled by build.rs: (crate name, component bytes).\n\
             pub(crate) const {constant}: &[(&str, &[u8])] = &[\n"
        ));
        for (krate, stem) in plugins {
            let wasm = wasm_target_dir.join(format!("wasm32-wasip2/release/{stem}.wasm"));
            assert!(wasm.exists(), "{} was not produced", wasm.display());
            source.push_str(&format!(
                "    ({krate:?}, include_bytes!({:?})),\n",
                wasm.display().to_string()
            ));
        }
        source.push_str("];\n");
    }
    std::fs::write(out_dir.join("builtin_plugins.rs"), source).expect("write OUT_DIR file");
}
