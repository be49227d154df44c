//! Compiles the built-in plugins in `plugins/` to WebAssembly components
//! (`wasm32-wasip2`, release profile) and writes `builtin_plugins.rs` into
//! `OUT_DIR`, which embeds them in the host binary.
//!
//! The nested cargo uses its own target dir (next to the outer one) so it
//! never waits on the outer build's lock, and is re-run only when the plugin
//! sources, the sdk or the WIT contract change.

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

    let cargo = env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let mut cmd = Command::new(cargo);
    cmd.current_dir(root)
        .args(["build", "--release", "--target", "wasm32-wasip2"])
        .arg("--target-dir")
        .arg(&wasm_target_dir);
    for (krate, _) in LANGUAGES.iter().chain(POLICIES) {
        cmd.args(["-p", krate]);
    }
    // Do not leak the outer build's settings (clippy's wrapper, host RUSTFLAGS,
    // coverage instrumentation…) into the wasm build.
    for (key, _) in env::vars() {
        if key.starts_with("CARGO_") && key != "CARGO_HOME" || key.starts_with("RUSTC") {
            cmd.env_remove(&key);
        }
    }
    cmd.env_remove("RUSTFLAGS").env_remove("RUSTDOCFLAGS");

    let status = cmd.status().unwrap_or_else(|e| {
        panic!("could not start cargo to build the built-in plugins: {e}");
    });
    if !status.success() {
        panic!(
            "building the built-in plugins for wasm32-wasip2 failed (see above). \
             If the target is missing: `rustup target add wasm32-wasip2`."
        );
    }

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
