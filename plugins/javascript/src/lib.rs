//! The JavaScript language plugin: Node.js with npm.
//!
//! - setup: none. Packages go into the work dir itself (`npm install
//!   --prefix <workdir>` creates `package.json` and `node_modules` on first
//!   use), so installing works the same whether or not setup was skipped;
//! - install: `npm install --prefix <workdir>` with the npm cache in
//!   `<workdir>/.cache/npm`; registry names with an optional version, range
//!   or tag only (no URLs, git specs, paths, tarballs or aliases);
//! - run: writes `.runs/<run-id>/main.mjs` when the code is an ES module
//!   (static `import`/`export`, `import.meta`, or top-level `await` in code
//!   that uses no CommonJS names) and `.runs/<run-id>/main.cjs` otherwise,
//!   and runs it with the image's `node`. The extension decides the module
//!   system whatever a `package.json` says, and Node finds
//!   `<workdir>/node_modules` by walking up from the script's directory;
//! - imports: `require("m")`, static `import … from "m"`, bare `import "m"`,
//!   `export … from "m"` and dynamic `import("m")`, ignoring comments,
//!   strings, template literals and regular expressions;
//! - strip-comments: `//` and `/* */` comments and a hashbang line blanked,
//!   by the same lexer (`lexer.rs`), so `"//"` and `/\/\//` stay;
//! - kernel: `kernel.cjs`, one `vm` context for an interactive session;
//! - fork server: `fork_server.pl` (perl) keeps a spare `node` that has
//!   already started, waiting in `gate.cjs` (preloaded) to be handed a run's
//!   program, so a run after a pause skips Node's start-up (see the
//!   server's header).

mod imports;
mod lexer;
mod package;

use llm_sandbox_sdk::{
    Capabilities, Context, File, ForkServerSpec, ImportedModule, KernelSpec, LanguageInfo,
    LanguagePlugin, Plan, PlotRequest, PluginError, RunRequest, Step, StepKind, export_language,
};

/// The interactive kernel (one `vm` context for the whole session).
const KERNEL: &str = include_str!("kernel.cjs");

/// The warm-start server and the module its spares preload.
const FORK_SERVER: &str = include_str!("fork_server.pl");
const FORK_GATE: &str = include_str!("gate.cjs");
const FORK_SERVER_DIR: &str = ".cache/js";

/// The JavaScript plugin.
pub struct JavaScript;

/// Image used when the user names none. Where it cannot be pulled,
/// `host images bootstrap javascript` builds an equivalent from Debian
/// packages (bookworm ships Node.js 18 and npm 9).
pub const DEFAULT_IMAGE: &str = "node:18-bookworm-slim";

fn workdir(ctx: &Context) -> &str {
    let dir = ctx.workdir.trim_end_matches('/');
    if dir.is_empty() { "/" } else { dir }
}

fn under(ctx: &Context, path: &str) -> String {
    format!("{}/{path}", workdir(ctx).trim_end_matches('/'))
}

impl LanguagePlugin for JavaScript {
    fn describe() -> LanguageInfo {
        LanguageInfo {
            name: "javascript".into(),
            aliases: vec!["js".into(), "node".into(), "nodejs".into()],
            extensions: vec!["js".into(), "mjs".into(), "cjs".into()],
            default_image: DEFAULT_IMAGE.into(),
            debian_packages: ["nodejs", "npm", "ca-certificates"]
                .map(String::from)
                .to_vec(),
            image_flavors: vec![],
            version: env!("CARGO_PKG_VERSION").into(),
            description:
                "JavaScript on Node.js (ES modules or CommonJS) with npm packages in the work dir"
                    .into(),
            capabilities: Capabilities {
                install_packages: true,
                environment_setup: false,
                interactive: true,
                plots: false,
            },
        }
    }

    fn install(ctx: Context, packages: Vec<String>) -> Result<Vec<Step>, PluginError> {
        // No setup is needed: npm creates the work dir's package.json itself,
        // so installing works with setup skipped too.
        if packages.is_empty() {
            return Ok(Vec::new());
        }
        for p in &packages {
            package::check(p)?;
        }
        let mut argv: Vec<String> = [
            "npm",
            "install",
            "--prefix",
            workdir(&ctx),
            "--cache",
            &under(&ctx, ".cache/npm"),
            "--no-audit",
            "--no-fund",
            "--no-update-notifier",
            "--no-progress",
        ]
        .map(String::from)
        .to_vec();
        argv.extend(packages);
        Ok(vec![Step::new(StepKind::Install, argv)])
    }

    fn run(_ctx: Context, request: RunRequest) -> Result<Plan, PluginError> {
        let dir = request.run_dir()?;
        let extension = if imports::analyze(&request.code).es_module {
            "mjs"
        } else {
            "cjs"
        };
        let script = format!("{dir}/main.{extension}");
        let mut argv = vec!["node".to_string(), script.clone()];
        argv.extend(request.args);
        Ok(Plan {
            files: vec![File::text(script, request.code)],
            steps: vec![Step::new(StepKind::Run, argv)],
        })
    }

    fn kernel(_ctx: Context, _plots: Option<PlotRequest>) -> Result<KernelSpec, PluginError> {
        let path = ".kernel/js_kernel.cjs";
        Ok(KernelSpec {
            files: vec![File::text(path, KERNEL)],
            // --expose-internals: the kernel uses Node's REPL rewrite of
            // top-level await (see kernel.cjs).
            start: Step::new(StepKind::Run, ["node", "--expose-internals", path]),
        })
    }

    fn fork_server(
        _ctx: Context,
        _plots: Option<PlotRequest>,
    ) -> Result<Option<ForkServerSpec>, PluginError> {
        let server = format!("{FORK_SERVER_DIR}/fork_server.pl");
        Ok(Some(ForkServerSpec {
            files: vec![
                File::text(server.clone(), FORK_SERVER),
                File::text(format!("{FORK_SERVER_DIR}/gate.cjs"), FORK_GATE),
            ],
            start: Step::new(StepKind::Run, ["perl".to_string(), server]),
            program: "node".into(),
        }))
    }

    fn imports(code: String) -> Vec<ImportedModule> {
        imports::analyze(&code).imports
    }

    fn strip_comments(code: String) -> String {
        lexer::strip_comments(&code)
    }
}

export_language!(JavaScript);

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

    fn req(id: &str, code: &str) -> RunRequest {
        RunRequest {
            code: code.into(),
            run_id: id.into(),
            args: vec!["a".into(), "b c".into()],
            plots: None,
        }
    }

    #[test]
    fn the_fork_server_serves_the_run_steps_of_run_plans() {
        let spec = JavaScript::fork_server(ctx(true), None).unwrap().unwrap();
        let plan = JavaScript::run(ctx(true), req("r1", "console.log(1)")).unwrap();
        assert_eq!(spec.program, plan.steps[0].argv[0]);
        assert_eq!(spec.start.argv, ["perl", ".cache/js/fork_server.pl"]);
        let paths: Vec<&str> = spec.files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(paths, [".cache/js/fork_server.pl", ".cache/js/gate.cjs"]);
        // The server names the gate by the path the plugin writes it to.
        let server = String::from_utf8(spec.files[0].contents.clone()).unwrap();
        assert!(server.contains("\"$here/gate.cjs\""));
    }

    #[test]
    fn describe_names_the_language_its_image_and_bootstrap_packages() {
        let info = JavaScript::describe();
        assert_eq!(info.name, "javascript");
        assert!(info.aliases.iter().any(|a| a == "js"));
        assert!(info.aliases.iter().any(|a| a == "node"));
        assert_eq!(info.extensions, ["js", "mjs", "cjs"]);
        assert_eq!(info.default_image, "node:18-bookworm-slim");
        assert!(info.debian_packages.iter().any(|p| p == "ca-certificates"));
        assert!(info.capabilities.install_packages);
        assert!(!info.capabilities.environment_setup);
        assert!(JavaScript::setup(ctx(true)).unwrap().is_empty());
    }

    #[test]
    fn commonjs_code_runs_as_a_cjs_file_with_the_arguments() {
        let plan = JavaScript::run(ctx(true), req("r1", "const fs = require('fs');")).unwrap();
        assert_eq!(plan.files[0].path, ".runs/r1/main.cjs");
        assert_eq!(plan.files[0].contents, b"const fs = require('fs');");
        assert_eq!(plan.steps.len(), 1);
        assert!(matches!(plan.steps[0].kind, StepKind::Run));
        assert_eq!(
            plan.steps[0].argv,
            ["node", ".runs/r1/main.cjs", "a", "b c"]
        );
    }

    #[test]
    fn es_module_code_runs_as_an_mjs_file() {
        let plan = JavaScript::run(ctx(true), req("r2", "import fs from 'node:fs';")).unwrap();
        assert_eq!(plan.files[0].path, ".runs/r2/main.mjs");
        assert_eq!(plan.steps[0].argv[1], ".runs/r2/main.mjs");
        let plan = JavaScript::run(ctx(false), req("r3", "export const x = 1;")).unwrap();
        assert_eq!(plan.files[0].path, ".runs/r3/main.mjs");
    }

    #[test]
    fn run_ids_that_are_not_lower_case_alphanumeric_are_refused() {
        for id in ["", "../x", "R1", "a/b"] {
            let err = JavaScript::run(ctx(true), req(id, "1")).unwrap_err();
            assert!(matches!(err, PluginError::InvalidInput(_)), "{id}");
        }
    }

    #[test]
    fn install_uses_npm_with_the_work_dir_as_prefix_even_without_setup() {
        for setup_done in [true, false] {
            let steps = JavaScript::install(
                ctx(setup_done),
                vec!["lodash".into(), "@types/node@18".into()],
            )
            .unwrap();
            assert_eq!(steps.len(), 1);
            assert!(matches!(steps[0].kind, StepKind::Install));
            assert_eq!(
                steps[0].argv,
                [
                    "npm",
                    "install",
                    "--prefix",
                    "/sandbox",
                    "--cache",
                    "/sandbox/.cache/npm",
                    "--no-audit",
                    "--no-fund",
                    "--no-update-notifier",
                    "--no-progress",
                    "lodash",
                    "@types/node@18"
                ]
            );
        }
    }

    #[test]
    fn install_of_nothing_has_no_steps() {
        assert!(JavaScript::install(ctx(true), vec![]).unwrap().is_empty());
    }

    #[test]
    fn install_refuses_injection_and_names_the_offending_package() {
        let err = JavaScript::install(ctx(true), vec!["lodash".into(), "x; rm -rf /".into()])
            .unwrap_err();
        assert!(matches!(err, PluginError::InvalidPackage(p) if p.name == "x; rm -rf /"));
    }

    #[test]
    fn a_trailing_slash_in_the_work_dir_is_not_doubled() {
        let ctx = Context {
            workdir: "/work/".into(),
            setup_done: true,
            managed_environment: false,
        };
        let steps = JavaScript::install(ctx, vec!["chalk".into()]).unwrap();
        assert_eq!(steps[0].argv[3], "/work");
        assert_eq!(steps[0].argv[5], "/work/.cache/npm");
    }

    #[test]
    fn strip_comments_blanks_comments_and_keeps_literals_lines_and_columns() {
        let code = "#!/usr/bin/env node\nconst cp = require('child_process'); // exec\n/* spawn(\n 'x') */ const url = \"http://x\";\nif (/\\/\\//.test(url)) console.log(`// ${url}`); // y\n";
        let expected = code
            .replace("#!/usr/bin/env node", &" ".repeat(19))
            .replace("// exec", "       ")
            .replace("/* spawn(\n 'x') */", "         \n        ")
            .replace("; // y", ";     ");
        assert_eq!(JavaScript::strip_comments(code.into()), expected);
    }
}
