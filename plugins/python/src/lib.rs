//! The Python language plugin: the reference implementation of the
//! `language-handler` world.
//!
//! - setup: a virtualenv at `<workdir>/.venv` that sees the image's
//!   site-packages (so preinstalled packages stay importable) and a pip cache
//!   in `<workdir>/.cache/pip`;
//! - install: pip into that virtualenv, PEP 508 names only;
//! - run: writes `.runs/<run-id>/main.py` and runs it with the virtualenv's
//!   python, or the image's `python3` when setup was skipped;
//! - imports: `import a.b as c`, `from x import y`, `__import__("m")` and
//!   `importlib.import_module("m")`, ignoring comments and strings;
//! - strip-comments: `#` comments blanked, by the same lexer (`lexer.rs`);
//!   code that declares an encoding that can hide code in comments
//!   (`# coding: utf-7`) is returned as it is.

mod imports;
mod lexer;
mod requirement;

use llm_sandbox_sdk::{
    Capabilities, Context, File, ImportedModule, LanguageInfo, LanguagePlugin, Plan, PluginError,
    RunRequest, Step, StepKind, export_language,
};

/// The Python plugin.
pub struct Python;

/// Image used when the user names none. Where it cannot be pulled,
/// `host images bootstrap python` builds an equivalent from Debian packages.
pub const DEFAULT_IMAGE: &str = "python:3.11-slim-bookworm";

fn venv(ctx: &Context) -> String {
    format!("{}/.venv", ctx.workdir.trim_end_matches('/'))
}

fn interpreter(ctx: &Context) -> String {
    if ctx.setup_done {
        format!("{}/bin/python", venv(ctx))
    } else {
        "python3".to_string()
    }
}

impl LanguagePlugin for Python {
    fn describe() -> LanguageInfo {
        LanguageInfo {
            name: "python".into(),
            aliases: vec!["py".into(), "python3".into()],
            extensions: vec!["py".into()],
            default_image: DEFAULT_IMAGE.into(),
            debian_packages: [
                "python3",
                "python3-venv",
                "python3-pip",
                "python-is-python3",
                "ca-certificates",
            ]
            .map(String::from)
            .to_vec(),
            version: env!("CARGO_PKG_VERSION").into(),
            description: "Python 3 with a per-session virtualenv and pip".into(),
            capabilities: Capabilities {
                install_packages: true,
                environment_setup: true,
            },
        }
    }

    fn setup(ctx: Context) -> Result<Vec<Step>, PluginError> {
        // `--without-pip` keeps setup under 100 ms; pip comes from the image's
        // site-packages, which the virtualenv can see.
        Ok(vec![Step::new(
            StepKind::Setup,
            [
                "python3",
                "-m",
                "venv",
                "--system-site-packages",
                "--without-pip",
                &venv(&ctx),
            ],
        )])
    }

    fn install(ctx: Context, packages: Vec<String>) -> Result<Vec<Step>, PluginError> {
        if !ctx.setup_done {
            return Err(PluginError::Unsupported(
                "environment setup was skipped, so there is no virtualenv to install into; \
                 preinstall the packages in the image, or run with setup"
                    .into(),
            ));
        }
        if packages.is_empty() {
            return Ok(Vec::new());
        }
        for p in &packages {
            requirement::check(p)?;
        }
        let cache = format!("{}/.cache/pip", ctx.workdir.trim_end_matches('/'));
        let mut argv: Vec<String> = [
            interpreter(&ctx).as_str(),
            "-m",
            "pip",
            "install",
            "--disable-pip-version-check",
            "--no-input",
            "--progress-bar",
            "off",
            "--cache-dir",
            &cache,
        ]
        .map(String::from)
        .to_vec();
        argv.extend(packages);
        Ok(vec![Step::new(StepKind::Install, argv)])
    }

    fn run(ctx: Context, request: RunRequest) -> Result<Plan, PluginError> {
        let script = format!("{}/main.py", request.run_dir()?);
        let mut argv = vec![interpreter(&ctx), script.clone()];
        argv.extend(request.args);
        Ok(Plan {
            files: vec![File::text(script, request.code)],
            steps: vec![
                Step::new(StepKind::Run, argv)
                    .env("PYTHONUNBUFFERED", "1")
                    .env("PYTHONIOENCODING", "utf-8")
                    .env("PYTHONDONTWRITEBYTECODE", "1"),
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

export_language!(Python);

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx(setup_done: bool) -> Context {
        Context {
            workdir: "/sandbox".into(),
            setup_done,
        }
    }

    #[test]
    fn setup_creates_a_virtualenv_that_sees_image_packages() {
        let steps = Python::setup(ctx(true)).unwrap();
        assert_eq!(
            steps[0].argv,
            [
                "python3",
                "-m",
                "venv",
                "--system-site-packages",
                "--without-pip",
                "/sandbox/.venv"
            ]
        );
    }

    #[test]
    fn run_uses_the_virtualenv_unless_setup_was_skipped() {
        let req = |id: &str| RunRequest {
            code: "print(1)".into(),
            run_id: id.into(),
            args: vec!["a".into()],
        };
        let plan = Python::run(ctx(true), req("r1")).unwrap();
        assert_eq!(plan.files[0].path, ".runs/r1/main.py");
        assert_eq!(plan.files[0].contents, b"print(1)");
        assert_eq!(
            plan.steps[0].argv,
            ["/sandbox/.venv/bin/python", ".runs/r1/main.py", "a"]
        );
        let plan = Python::run(ctx(false), req("r2")).unwrap();
        assert_eq!(plan.steps[0].argv[0], "python3");
        assert!(Python::run(ctx(true), req("../x")).is_err());
    }

    #[test]
    fn strip_comments_blanks_comments_and_keeps_strings_lines_and_columns() {
        let code =
            "import os  # run ls\ncmd = 'rm -rf / # not a comment'\n\"\"\"\n# docstring\n\"\"\"\n";
        let stripped = Python::strip_comments(code.into());
        assert_eq!(
            stripped,
            "import os          \ncmd = 'rm -rf / # not a comment'\n\"\"\"\n# docstring\n\"\"\"\n"
        );
        assert_eq!(stripped.lines().count(), code.lines().count());
    }

    #[test]
    fn install_refuses_injection_and_skipped_setup() {
        let err = Python::install(ctx(true), vec!["numpy; rm -rf /".into()]).unwrap_err();
        assert!(matches!(err, PluginError::InvalidPackage(p) if p.name == "numpy; rm -rf /"));
        let err = Python::install(ctx(false), vec!["numpy".into()]).unwrap_err();
        assert!(matches!(err, PluginError::Unsupported(_)));
        let steps = Python::install(ctx(true), vec!["numpy==1.26.4".into()]).unwrap();
        assert_eq!(
            steps[0].argv.last().map(String::as_str),
            Some("numpy==1.26.4")
        );
        assert_eq!(steps[0].argv[0], "/sandbox/.venv/bin/python");
    }
}
