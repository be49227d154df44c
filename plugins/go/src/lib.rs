//! The Go language plugin.
//!
//! - setup: a Go module named `sandbox` in the work dir (`go mod init sandbox`),
//!   so that `install` can add requirements to it and imports resolve against
//!   its `go.mod`;
//! - install: `go get <module>[@version]` in the work dir; module paths only
//!   (see `module.rs`);
//! - run: writes `.runs/<run-id>/main.go`, builds it with `go build` in a
//!   Compile step (so a compile error is reported as one) and runs the binary
//!   in a Run step. From the second program of a session on, a program of
//!   standard imports only is compiled and linked without the go command,
//!   to the same binary (see `direct.rs`). The go tool's build cache, module cache and scratch files
//!   live in the work dir, so a non-root user or a read-only root file system
//!   works. Without setup there is no module: code that imports only the
//!   standard library still builds;
//! - imports: `import "fmt"`, `import alias "x/y"`, `import _ "x"`,
//!   `import . "x"` and parenthesised blocks, ignoring comments and strings;
//! - strip-comments: `//` and `/* */` comments blanked, by the same lexer
//!   (`lexer.rs`); not in a file that imports "C", whose comment before the
//!   import is C code (cgo's preamble).

mod direct;
mod imports;
mod lexer;
mod module;

use llm_sandbox_sdk::{
    Capabilities, Context, File, ImportedModule, LanguageInfo, LanguagePlugin, Plan, PluginError,
    RunRequest, Step, StepKind, export_language,
};

/// The Go plugin.
pub struct Go;

/// Image used when the user names none. Where it cannot be pulled,
/// `host images bootstrap go` builds an equivalent from Debian packages.
pub const DEFAULT_IMAGE: &str = "golang:1.19-bookworm";

/// Module path given to `go mod init` by setup.
pub const MODULE_NAME: &str = "sandbox";

fn workdir(ctx: &Context) -> &str {
    ctx.workdir.trim_end_matches('/')
}

/// Add the environment every `go` command of the session needs: a build
/// cache under the work dir (writable whoever runs the step, also on a
/// read-only root) and no toolchain downloads. With setup, also the
/// session's module cache (`GOPATH`) under the work dir and `-mod=mod`, so
/// builds resolve imports against (and may update) the session's `go.mod`.
/// Without setup, `GOPATH` and `GOFLAGS` stay as the image has them, so an
/// image prepared with modules (a `go.mod`, a vendor directory, a module
/// cache) is used as is. `GOPROXY`, `GOPRIVATE` and the like set in the
/// session's environment are respected.
fn go_env(step: Step, ctx: &Context) -> Step {
    let dir = workdir(ctx);
    let step = step
        .env("GOCACHE", format!("{dir}/.cache/go-build"))
        .env("GOTOOLCHAIN", "local");
    if ctx.setup_done {
        step.env("GOPATH", format!("{dir}/.cache/go"))
            .env("GOFLAGS", "-mod=mod")
    } else {
        step
    }
}

impl LanguagePlugin for Go {
    fn describe() -> LanguageInfo {
        LanguageInfo {
            name: "go".into(),
            aliases: vec!["golang".into()],
            extensions: vec!["go".into()],
            default_image: DEFAULT_IMAGE.into(),
            // gcc and libc6-dev: cgo (on by default, as in the golang image);
            // git: `go get` of modules the proxy does not serve.
            debian_packages: ["golang-go", "gcc", "libc6-dev", "git", "ca-certificates"]
                .map(String::from)
                .to_vec(),
            image_flavors: vec![],
            version: env!("CARGO_PKG_VERSION").into(),
            description:
                "Go with a per-session module, go get, and compile errors reported as such".into(),
            capabilities: Capabilities {
                install_packages: true,
                environment_setup: true,
                interactive: false,
                plots: false,
            },
        }
    }

    fn setup(ctx: Context) -> Result<Vec<Step>, PluginError> {
        Ok(vec![go_env(
            Step::new(StepKind::Setup, ["go", "mod", "init", MODULE_NAME]),
            &ctx,
        )])
    }

    fn install(ctx: Context, packages: Vec<String>) -> Result<Vec<Step>, PluginError> {
        if !ctx.setup_done {
            return Err(PluginError::Unsupported(
                "environment setup was skipped, so there is no session module (go.mod) for \
                 `go get` to add modules to; run with setup, or use an image that already \
                 provides the modules (a go.mod in the work dir with them vendored or cached) \
                 and import them without --lib"
                    .into(),
            ));
        }
        if packages.is_empty() {
            return Ok(Vec::new());
        }
        for p in &packages {
            module::check(p)?;
        }
        let mut argv = vec!["go".to_string(), "get".to_string()];
        argv.extend(packages);
        Ok(vec![go_env(Step::new(StepKind::Install, argv), &ctx)])
    }

    fn run(ctx: Context, request: RunRequest) -> Result<Plan, PluginError> {
        let dir = request.run_dir()?;
        let source = format!("{dir}/main.go");
        let binary = format!("{dir}/main");
        // The go tool and gcc (cgo) put their scratch files in the run's own
        // directory, which exists (the host writes main.go there) and is
        // writable even when /tmp is not.
        let scratch = format!("{}/{dir}", workdir(&ctx));
        let root = workdir(&ctx);
        let (mode, packages) = match direct::standard_imports(&request.code) {
            Some(packages) => ("direct", packages),
            None => ("build", Vec::new()),
        };
        // Without the symbol table and DWARF (stack traces use the runtime's
        // own tables): links about a quarter faster.
        let mut argv: Vec<String> = vec![
            "sh".into(),
            "-c".into(),
            direct::BUILD_SCRIPT.into(),
            "go-build".into(),
            format!("{root}/.cache/go-direct"),
            format!("{root}/{source}"),
            format!("{root}/{binary}"),
            mode.into(),
        ];
        argv.extend(packages);
        let compile = go_env(Step::new(StepKind::Compile, argv), &ctx)
            .env("GOTMPDIR", scratch.as_str())
            .env("TMPDIR", scratch.as_str());
        let mut argv = vec![format!("{}/{binary}", workdir(&ctx))];
        argv.extend(request.args);
        Ok(Plan {
            files: vec![File::text(source, request.code)],
            steps: vec![compile, Step::new(StepKind::Run, argv)],
        })
    }

    fn imports(code: String) -> Vec<ImportedModule> {
        imports::scan(&code)
    }

    fn strip_comments(code: String) -> String {
        // With `import "C"`, the comment before it is C code that cgo
        // compiles (the preamble): a file that imports "C" keeps all its
        // comments, so that policies see that code.
        let cgo = (code.contains("\"C\"") || code.contains("`C`"))
            && imports::scan(&code).iter().any(|m| m.module == "C");
        if cgo {
            return code;
        }
        lexer::strip_comments(&code)
    }
}

export_language!(Go);

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx(setup_done: bool) -> Context {
        Context {
            workdir: "/sandbox/".into(),
            setup_done,
            managed_environment: false,
        }
    }

    fn env<'a>(step: &'a Step, key: &str) -> Option<&'a str> {
        step.env
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    fn req(id: &str) -> RunRequest {
        RunRequest {
            code: "package main\nfunc main() {}\n".into(),
            run_id: id.into(),
            args: vec!["a".into(), "b c".into()],
            plots: None,
        }
    }

    #[test]
    fn describe_names_go_with_its_alias_extension_and_image() {
        let info = Go::describe();
        assert_eq!(info.name, "go");
        assert_eq!(info.aliases, ["golang"]);
        assert_eq!(info.extensions, ["go"]);
        assert_eq!(info.default_image, "golang:1.19-bookworm");
        assert!(info.debian_packages.iter().any(|p| p == "golang-go"));
        assert!(info.debian_packages.iter().any(|p| p == "ca-certificates"));
        assert!(info.capabilities.install_packages && info.capabilities.environment_setup);
    }

    #[test]
    fn setup_initialises_a_module_in_the_work_dir() {
        let steps = Go::setup(ctx(true)).unwrap();
        assert_eq!(steps.len(), 1);
        assert_eq!(steps[0].argv, ["go", "mod", "init", "sandbox"]);
        assert!(matches!(steps[0].kind, StepKind::Setup));
        assert_eq!(steps[0].workdir, None);
    }

    #[test]
    fn run_compiles_then_runs_the_binary_with_the_arguments() {
        let plan = Go::run(ctx(true), req("r1")).unwrap();
        assert_eq!(plan.files.len(), 1);
        assert_eq!(plan.files[0].path, ".runs/r1/main.go");
        assert_eq!(plan.files[0].contents, b"package main\nfunc main() {}\n");
        assert_eq!(plan.files[0].mode, None);
        let [compile, run] = &plan.steps[..] else {
            panic!("two steps expected: {:?}", plan.steps);
        };
        assert!(matches!(compile.kind, StepKind::Compile));
        assert_eq!(compile.argv[..3], ["sh", "-c", direct::BUILD_SCRIPT]);
        assert_eq!(
            compile.argv[3..],
            [
                "go-build",
                "/sandbox/.cache/go-direct",
                "/sandbox/.runs/r1/main.go",
                "/sandbox/.runs/r1/main",
                "direct"
            ]
        );
        assert!(matches!(run.kind, StepKind::Run));
        assert_eq!(run.argv, ["/sandbox/.runs/r1/main", "a", "b c"]);
    }

    #[test]
    fn go_commands_keep_their_caches_in_the_work_dir() {
        let plan = Go::run(ctx(true), req("r1")).unwrap();
        let compile = &plan.steps[0];
        assert_eq!(env(compile, "GOCACHE"), Some("/sandbox/.cache/go-build"));
        assert_eq!(env(compile, "GOPATH"), Some("/sandbox/.cache/go"));
        assert_eq!(env(compile, "GOTOOLCHAIN"), Some("local"));
        assert_eq!(env(compile, "GOFLAGS"), Some("-mod=mod"));
        let setup = &Go::setup(ctx(true)).unwrap()[0];
        assert_eq!(env(setup, "GOCACHE"), Some("/sandbox/.cache/go-build"));
        assert_eq!(env(setup, "GOPATH"), Some("/sandbox/.cache/go"));
    }

    #[test]
    fn the_compiler_keeps_its_scratch_files_in_the_run_directory() {
        let plan = Go::run(ctx(true), req("r7")).unwrap();
        assert_eq!(env(&plan.steps[0], "GOTMPDIR"), Some("/sandbox/.runs/r7"));
        assert_eq!(env(&plan.steps[0], "TMPDIR"), Some("/sandbox/.runs/r7"));
        assert!(
            plan.steps[1].env.is_empty(),
            "the program gets no go settings"
        );
    }

    #[test]
    fn without_setup_builds_use_the_images_module_settings() {
        let plan = Go::run(ctx(false), req("r2")).unwrap();
        let compile = &plan.steps[0];
        assert_eq!(compile.argv[..2], ["sh", "-c"]);
        assert_eq!(env(compile, "GOFLAGS"), None);
        assert_eq!(env(compile, "GOPATH"), None);
        assert_eq!(env(compile, "GOCACHE"), Some("/sandbox/.cache/go-build"));
        assert_eq!(env(compile, "GOTMPDIR"), Some("/sandbox/.runs/r2"));
    }

    #[test]
    fn run_refuses_run_ids_that_are_not_lower_case_alphanumeric() {
        for bad in ["", "../x", "R1", "a/b", "a b"] {
            assert!(
                matches!(
                    Go::run(ctx(true), req(bad)),
                    Err(PluginError::InvalidInput(_))
                ),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn install_runs_go_get_for_every_module() {
        let steps = Go::install(
            ctx(true),
            vec![
                "github.com/google/uuid@v1.6.0".into(),
                "golang.org/x/text".into(),
            ],
        )
        .unwrap();
        assert_eq!(steps.len(), 1);
        assert!(matches!(steps[0].kind, StepKind::Install));
        assert_eq!(
            steps[0].argv,
            [
                "go",
                "get",
                "github.com/google/uuid@v1.6.0",
                "golang.org/x/text"
            ]
        );
        assert_eq!(env(&steps[0], "GOPATH"), Some("/sandbox/.cache/go"));
        assert!(Go::install(ctx(true), vec![]).unwrap().is_empty());
    }

    #[test]
    fn strip_comments_blanks_comments_and_keeps_strings_lines_and_columns() {
        let code = "import \"os\" // for os.Exit\n/* exec.Command(\"ls\")\n */ var s = `// not a comment`\nvar t = \"/* nor this */\"\n";
        let stripped = Go::strip_comments(code.into());
        assert_eq!(
            stripped,
            "import \"os\"               \n                     \n    var s = `// not a comment`\nvar t = \"/* nor this */\"\n"
        );
    }

    #[test]
    fn a_file_that_imports_c_keeps_its_comments_which_may_be_c_code() {
        let code = "package main\n\n// #include <stdlib.h>\n// void f() { system(\"ls\"); }\nimport \"C\"\n\nfunc main() { C.f() } // x\n";
        assert_eq!(Go::strip_comments(code.into()), code);
        let code = "package main\n// \"C\" is a letter\nvar c = \"C\"\n";
        assert_eq!(
            Go::strip_comments(code.into()),
            code.replace("// \"C\" is a letter", &" ".repeat(18))
        );
    }

    #[test]
    fn install_refuses_injection_and_skipped_setup() {
        let err = Go::install(ctx(true), vec!["x; rm -rf /".into()]).unwrap_err();
        assert!(matches!(err, PluginError::InvalidPackage(p) if p.name == "x; rm -rf /"));
        let err = Go::install(
            ctx(true),
            vec!["github.com/a/b".into(), "-modfile=/etc/passwd".into()],
        )
        .unwrap_err();
        assert!(matches!(err, PluginError::InvalidPackage(p) if p.name == "-modfile=/etc/passwd"));
        let err = Go::install(ctx(false), vec!["github.com/a/b".into()]).unwrap_err();
        assert!(matches!(err, PluginError::Unsupported(_)));
    }
}
