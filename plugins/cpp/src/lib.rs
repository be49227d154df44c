//! The C++ language plugin.
//!
//! - setup: none; the image's `g++` is all a run needs;
//! - install: Debian packages with apt (`apt-get update`, then
//!   `apt-get install -y --no-install-recommends …`), plain Debian package
//!   names only, matched exactly (never as apt regular expressions). This
//!   needs root in the sandbox (the default user of the default image) and
//!   network access to a Debian mirror (pass `--ca-bundle` behind a
//!   TLS-intercepting proxy); it is refused when setup was skipped;
//! - run: writes `.runs/<run-id>/main.cpp`, compiles it with
//!   `g++ -std=c++17 -O2 -o .runs/<run-id>/main` (linking with `lld` or
//!   `gold` when the image has one: the same program, linked in a third of
//!   the time of the default linker) and runs the binary. Code
//!   that includes the header of a library that needs linking (`gmp.h`,
//!   `gmpxx.h`, `zlib.h`, `sqlite3.h`, `curl/…`, `openssl/…`, `fmt/…`) is
//!   linked with it (`-lgmp`, …); header-only libraries need nothing;
//! - imports: `#include <x>` and `#include "x"` (module `x` as written),
//!   ignoring comments, string literals and raw strings;
//! - strip-comments: `//` and `/* */` comments blanked (a `//` comment
//!   spliced by `\` goes on), by the same lexer (`lexer.rs`).

mod imports;
mod lexer;
mod package;

use llm_sandbox_sdk::{
    Capabilities, Context, File, ImportedModule, LanguageInfo, LanguagePlugin, Plan, PluginError,
    RunRequest, Step, StepKind, export_language,
};

/// The C++ plugin.
pub struct Cpp;

/// Image used when the user names none. Where it cannot be pulled,
/// `host images bootstrap cpp` builds an equivalent from Debian packages.
pub const DEFAULT_IMAGE: &str = "gcc:12-bookworm";

/// A download that fails for a moment (a mirror name that did not resolve) is
/// tried again before the install fails. apt already tries 3 times, pausing
/// 1, 2 and 4 s; 5 tries ride out an outage of about half a minute, which
/// CI machines here have seen, at the price of an offline install taking
/// that long to fail.
const APT_RETRIES: &str = "Acquire::Retries=5";

/// Libraries linked when the code includes one of their headers: a header
/// name, or a directory prefix ending in `/`, and the linker flags.
const LINKED_LIBRARIES: &[(&str, &[&str])] = &[
    ("gmpxx.h", &["-lgmpxx", "-lgmp"]),
    ("gmp.h", &["-lgmp"]),
    ("zlib.h", &["-lz"]),
    ("sqlite3.h", &["-lsqlite3"]),
    ("curl/", &["-lcurl"]),
    ("openssl/", &["-lssl", "-lcrypto"]),
    ("fmt/", &["-lfmt"]),
];

/// Runs `g++` with the fastest linker the image has: `lld`, else `gold`,
/// else the default (`bfd`). On the corpus of `bench/`, gold links a program
/// in 14 ms where bfd takes 37 ms; the binary behaves the same.
const GPP_WITH_FAST_LINKER: &str = r#"if command -v ld.lld >/dev/null 2>&1; then exec g++ -fuse-ld=lld "$@"
elif command -v ld.gold >/dev/null 2>&1; then exec g++ -fuse-ld=gold "$@"
else exec g++ "$@"
fi"#;

/// Linker flags for the libraries whose headers `code` includes, each once,
/// in the order of the includes.
fn link_flags(code: &str) -> Vec<String> {
    let mut flags: Vec<String> = Vec::new();
    for header in imports::scan(code) {
        let module = header.module.as_str();
        let Some((_, libs)) = LINKED_LIBRARIES.iter().find(|(name, _)| {
            if name.ends_with('/') {
                module.starts_with(name)
            } else {
                module == *name
            }
        }) else {
            continue;
        };
        for lib in *libs {
            if !flags.iter().any(|f| f == lib) {
                flags.push((*lib).to_string());
            }
        }
    }
    flags
}

impl LanguagePlugin for Cpp {
    fn describe() -> LanguageInfo {
        LanguageInfo {
            name: "cpp".into(),
            aliases: vec!["c++".into(), "cxx".into()],
            extensions: ["cpp", "cc", "cxx", "hpp"].map(String::from).to_vec(),
            default_image: DEFAULT_IMAGE.into(),
            debian_packages: ["g++", "libc6-dev", "ca-certificates"]
                .map(String::from)
                .to_vec(),
            image_flavors: vec![],
            version: env!("CARGO_PKG_VERSION").into(),
            description: "C++17 compiled with g++ -O2; Debian packages through apt (needs root)"
                .into(),
            capabilities: Capabilities {
                install_packages: true,
                environment_setup: false,
                interactive: false,
                plots: false,
            },
        }
    }

    fn install(ctx: Context, packages: Vec<String>) -> Result<Vec<Step>, PluginError> {
        if !ctx.setup_done {
            return Err(PluginError::Unsupported(
                "environment setup was skipped, so only what the image has can be used; \
                 preinstall the Debian packages in the image (apt-get install), or run with \
                 setup"
                    .into(),
            ));
        }
        if packages.is_empty() {
            return Ok(Vec::new());
        }
        for p in &packages {
            package::check(p)?;
        }
        let mut argv: Vec<String> = [
            "apt-get",
            "install",
            "-y",
            "-q",
            "--no-install-recommends",
            // A name that is not exactly a package is not a regular expression
            // (apt-get would otherwise install every package `libgmp.` matches).
            "-o",
            "APT::Cmd::Pattern-Only=true",
            // No dpkg progress bars in the captured output.
            "-o",
            "Dpkg::Use-Pty=0",
            "-o",
            APT_RETRIES,
        ]
        .map(String::from)
        .to_vec();
        argv.extend(packages);
        // The image's package lists were removed to keep it small: fetch them first.
        Ok(vec![
            Step::new(
                StepKind::Install,
                ["apt-get", "update", "-qq", "-o", APT_RETRIES],
            )
            .env("DEBIAN_FRONTEND", "noninteractive"),
            Step::new(StepKind::Install, argv).env("DEBIAN_FRONTEND", "noninteractive"),
        ])
    }

    fn run(ctx: Context, request: RunRequest) -> Result<Plan, PluginError> {
        let dir = request.run_dir()?;
        let source = format!("{dir}/main.cpp");
        let binary = format!("{dir}/main");
        // -pipe: no temporary files between the compiler's stages.
        let mut compile: Vec<String> = [
            "sh",
            "-c",
            GPP_WITH_FAST_LINKER,
            "g++",
            "-std=c++17",
            "-O2",
            "-pipe",
            "-o",
            &binary,
            &source,
        ]
        .map(String::from)
        .to_vec();
        compile.extend(link_flags(&request.code));
        // An absolute path, so the binary is never looked up in PATH.
        let workdir = ctx.workdir.trim_end_matches('/');
        let program = if ctx.workdir.starts_with('/') {
            format!("{workdir}/{binary}")
        } else {
            format!("./{binary}")
        };
        let mut run = vec![program];
        run.extend(request.args);
        Ok(Plan {
            files: vec![File::text(source, request.code)],
            steps: vec![
                Step::new(StepKind::Compile, compile),
                Step::new(StepKind::Run, run),
            ],
        })
    }

    fn imports(code: String) -> Vec<ImportedModule> {
        imports::scan(&code)
    }

    fn strip_comments(code: String) -> String {
        lexer::strip_comments(&code)
    }
}

export_language!(Cpp);

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx(setup_done: bool) -> Context {
        Context {
            workdir: "/sandbox".into(),
            setup_done,
            managed_environment: false,
        }
    }

    fn request(code: &str, run_id: &str) -> RunRequest {
        RunRequest {
            code: code.into(),
            run_id: run_id.into(),
            args: vec!["a b".into(), "--flag".into()],
            plots: None,
        }
    }

    const HELLO: &str = "#include <iostream>\nint main() { std::cout << \"hi\\n\"; }\n";

    #[test]
    fn describe_names_cpp_its_aliases_image_and_debian_packages() {
        let info = Cpp::describe();
        assert_eq!(info.name, "cpp");
        assert_eq!(info.aliases, ["c++", "cxx"]);
        assert_eq!(info.extensions, ["cpp", "cc", "cxx", "hpp"]);
        assert_eq!(info.default_image, "gcc:12-bookworm");
        assert_eq!(
            info.debian_packages,
            ["g++", "libc6-dev", "ca-certificates"]
        );
        assert!(info.capabilities.install_packages);
        assert!(!info.capabilities.environment_setup);
        assert_eq!(info.version, env!("CARGO_PKG_VERSION"));
    }

    #[test]
    fn run_compiles_with_gpp_then_runs_the_binary_with_args() {
        let plan = Cpp::run(ctx(true), request(HELLO, "r3")).unwrap();
        assert_eq!(plan.files.len(), 1);
        assert_eq!(plan.files[0].path, ".runs/r3/main.cpp");
        assert_eq!(plan.files[0].contents, HELLO.as_bytes());
        assert_eq!(plan.steps[0].kind, StepKind::Compile);
        assert_eq!(
            plan.steps[0].argv,
            [
                "sh",
                "-c",
                GPP_WITH_FAST_LINKER,
                "g++",
                "-std=c++17",
                "-O2",
                "-pipe",
                "-o",
                ".runs/r3/main",
                ".runs/r3/main.cpp"
            ]
        );
        assert_eq!(plan.steps[1].kind, StepKind::Run);
        assert_eq!(
            plan.steps[1].argv,
            ["/sandbox/.runs/r3/main", "a b", "--flag"]
        );
    }

    #[test]
    fn run_is_the_same_whether_or_not_setup_was_done() {
        let argv = |plan: &Plan| {
            plan.steps
                .iter()
                .map(|s| s.argv.clone())
                .collect::<Vec<_>>()
        };
        let with = Cpp::run(ctx(true), request(HELLO, "r1")).unwrap();
        let without = Cpp::run(ctx(false), request(HELLO, "r1")).unwrap();
        assert_eq!(argv(&with), argv(&without));
        assert!(Cpp::setup(ctx(true)).unwrap().is_empty());
    }

    #[test]
    fn libraries_that_need_linking_are_linked_when_their_header_is_included() {
        let code = "#include <gmpxx.h>\n#include <gmp.h>\n#include <zlib.h>\n#include <openssl/sha.h>\n#include <vector>\n// #include <sqlite3.h>\nint main() {}";
        let plan = Cpp::run(ctx(true), request(code, "r1")).unwrap();
        assert_eq!(
            plan.steps[0].argv[10..],
            ["-lgmpxx", "-lgmp", "-lz", "-lssl", "-lcrypto"]
        );
        assert_eq!(link_flags(HELLO), Vec::<String>::new());
    }

    #[test]
    fn run_refuses_bad_run_ids() {
        for id in ["", "../x", "R1", "a/b", "a b"] {
            let err = Cpp::run(ctx(true), request(HELLO, id)).unwrap_err();
            assert!(matches!(err, PluginError::InvalidInput(_)), "{id:?}");
        }
    }

    #[test]
    fn install_updates_the_package_lists_then_installs_with_apt() {
        let steps = Cpp::install(ctx(true), vec!["libgmp-dev".into(), "g++".into()]).unwrap();
        assert_eq!(steps.len(), 2);
        assert_eq!(steps[0].kind, StepKind::Install);
        assert_eq!(
            steps[0].argv,
            ["apt-get", "update", "-qq", "-o", APT_RETRIES]
        );
        assert_eq!(
            steps[1].argv,
            [
                "apt-get",
                "install",
                "-y",
                "-q",
                "--no-install-recommends",
                "-o",
                "APT::Cmd::Pattern-Only=true",
                "-o",
                "Dpkg::Use-Pty=0",
                "-o",
                APT_RETRIES,
                "libgmp-dev",
                "g++"
            ]
        );
        for step in &steps {
            assert!(
                step.env
                    .contains(&("DEBIAN_FRONTEND".into(), "noninteractive".into()))
            );
        }
        assert!(Cpp::install(ctx(true), Vec::new()).unwrap().is_empty());
    }

    #[test]
    fn install_refuses_anything_that_is_not_a_package_name() {
        let err =
            Cpp::install(ctx(true), vec!["libgmp-dev".into(), "x; rm -rf /".into()]).unwrap_err();
        assert!(matches!(err, PluginError::InvalidPackage(p) if p.name == "x; rm -rf /"));
        let err = Cpp::install(ctx(true), vec!["--allow-unauthenticated".into()]).unwrap_err();
        assert!(matches!(err, PluginError::InvalidPackage(_)));
    }

    #[test]
    fn install_is_unsupported_when_setup_was_skipped() {
        let err = Cpp::install(ctx(false), vec!["libgmp-dev".into()]).unwrap_err();
        assert!(matches!(err, PluginError::Unsupported(m) if m.contains("setup")));
    }

    #[test]
    fn imports_are_reported_in_source_order() {
        let found = Cpp::imports("#include <vector>\n#include \"x.h\"".into());
        let found: Vec<_> = found
            .iter()
            .map(|m| (m.module.as_str(), m.line, m.column))
            .collect();
        assert_eq!(found, [("vector", 1, 11), ("x.h", 2, 11)]);
    }

    #[test]
    fn strip_comments_blanks_comments_and_keeps_literals_lines_and_columns() {
        let code = "#include <cstdlib> // system()\n/* popen(\"ls\")\n */ auto r = R\"(// not)\";\nconst char* s = \"/* nor */\"; // x \\\nspliced\nlong n = 1'000; // '\n";
        let expected = code
            .replace("// system()", &" ".repeat(11))
            .replace("/* popen(\"ls\")\n */", "              \n   ")
            .replace("// x \\\nspliced", "      \n       ")
            .replace("// '", "    ");
        assert_eq!(Cpp::strip_comments(code.into()), expected);
    }
}
