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
//! - plots: with a plot request, the run gets `plots/` (a `sitecustomize`
//!   and a matplotlib backend) first on `PYTHONPATH`: `plt.show()` and
//!   figures open at the end are saved in the requested formats, plotly's
//!   `fig.show()` as HTML plus its JSON;
//! - strip-comments: `#` comments blanked, by the same lexer (`lexer.rs`);
//!   code that declares an encoding that can hide code in comments
//!   (`# coding: utf-7`) is returned as it is.

mod imports;
mod lexer;
mod requirement;

use llm_sandbox_sdk::{
    Capabilities, Context, File, ImageFlavor, ImportedModule, KernelSpec, LanguageInfo,
    LanguagePlugin, Plan, PlotRequest, PluginError, RunRequest, Step, StepKind, export_language,
};

/// The interactive kernel, written into the work dir when an interactive
/// session starts.
const KERNEL: &str = include_str!("kernel.py");

/// The Python plugin.
pub struct Python;

/// Image used when the user names none. Where it cannot be pulled,
/// `host images bootstrap python` builds an equivalent from Debian packages.
pub const DEFAULT_IMAGE: &str = "python:3.11-slim-bookworm";

/// The data-science image (`host images bootstrap python --flavor
/// datascience`): Debian's Python with numpy, pandas, matplotlib, seaborn
/// and plotly.
pub const DATASCIENCE_IMAGE: &str = "llm-sandbox/python-datascience:bookworm";

fn venv(ctx: &Context) -> String {
    format!("{}/.venv", ctx.workdir.trim_end_matches('/'))
}

/// The session's virtualenv's python; the environment's own when the
/// backend manages one (Micromamba) or when setup was skipped.
fn interpreter(ctx: &Context) -> String {
    if ctx.setup_done && !ctx.managed_environment {
        format!("{}/bin/python", venv(ctx))
    } else {
        "python3".to_string()
    }
}

/// Plot capture: a `sitecustomize` that hooks plotly, the matplotlib
/// backend, and what both write with. Put first on `PYTHONPATH` when a run
/// captures plots.
const PLOT_MODULES: [(&str, &str); 3] = [
    ("sitecustomize.py", include_str!("plots/sitecustomize.py")),
    (
        "llm_sandbox_plots.py",
        include_str!("plots/llm_sandbox_plots.py"),
    ),
    (
        "llm_sandbox_mpl.py",
        include_str!("plots/llm_sandbox_mpl.py"),
    ),
];

/// Where the plot modules go, relative to the work dir.
const PLOT_MODULE_DIR: &str = ".llm-sandbox/python";

/// The files and environment that capture plots into `plots.dir`.
fn plot_capture(ctx: &Context, plots: &PlotRequest, files: &mut Vec<File>, step: Step) -> Step {
    files.extend(
        PLOT_MODULES
            .iter()
            .map(|(name, text)| File::text(format!("{PLOT_MODULE_DIR}/{name}"), *text)),
    );
    let mut step = step
        .env(
            "PYTHONPATH",
            format!("{}/{PLOT_MODULE_DIR}", ctx.workdir.trim_end_matches('/')),
        )
        .env("MPLBACKEND", "module://llm_sandbox_mpl");
    step.env.extend(plots.env());
    step
}

/// Output as it is written, in UTF-8, and no `__pycache__` in the work dir.
fn with_python_env(step: Step) -> Step {
    step.env("PYTHONUNBUFFERED", "1")
        .env("PYTHONIOENCODING", "utf-8")
        .env("PYTHONDONTWRITEBYTECODE", "1")
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
            image_flavors: vec![ImageFlavor {
                name: "datascience".into(),
                image: DATASCIENCE_IMAGE.into(),
                debian_packages: [
                    "python3-numpy",
                    "python3-pandas",
                    "python3-matplotlib",
                    "python3-seaborn",
                    "python3-plotly",
                ]
                .map(String::from)
                .to_vec(),
                description: "Python with numpy, pandas, matplotlib, seaborn and plotly".into(),
            }],
            version: env!("CARGO_PKG_VERSION").into(),
            description: "Python 3 with a per-session virtualenv and pip".into(),
            capabilities: Capabilities {
                install_packages: true,
                environment_setup: true,
                interactive: true,
                plots: true,
            },
        }
    }

    fn setup(ctx: Context) -> Result<Vec<Step>, PluginError> {
        // A managed environment (Micromamba) is the environment: no venv.
        if ctx.managed_environment {
            return Ok(Vec::new());
        }
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
        if !ctx.setup_done && !ctx.managed_environment {
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
        let mut files = vec![File::text(script, request.code)];
        let mut step = with_python_env(Step::new(StepKind::Run, argv));
        if let Some(plots) = &request.plots {
            step = plot_capture(&ctx, plots, &mut files, step);
        }
        Ok(Plan {
            files,
            steps: vec![step],
        })
    }

    fn kernel(ctx: Context, plots: Option<PlotRequest>) -> Result<KernelSpec, PluginError> {
        let path = ".kernel/python_kernel.py";
        let mut files = vec![File::text(path, KERNEL)];
        let mut start = with_python_env(Step::new(StepKind::Run, [interpreter(&ctx), path.into()]));
        if let Some(plots) = &plots {
            start = plot_capture(&ctx, plots, &mut files, start);
        }
        Ok(KernelSpec { files, start })
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
            managed_environment: false,
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
            plots: None,
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

    #[test]
    fn a_managed_environment_is_used_in_place_for_runs_and_installs() {
        for setup_done in [true, false] {
            let managed = Context {
                managed_environment: true,
                ..ctx(setup_done)
            };
            assert!(Python::setup(managed.clone()).unwrap().is_empty());
            let steps = Python::install(managed.clone(), vec!["six".into()]).unwrap();
            assert_eq!(steps[0].argv[..4], ["python3", "-m", "pip", "install"]);
            let plan = Python::run(
                managed.clone(),
                RunRequest {
                    code: String::new(),
                    run_id: "r1".into(),
                    args: vec![],
                    plots: None,
                },
            )
            .unwrap();
            assert_eq!(plan.steps[0].argv[0], "python3");
            assert_eq!(
                Python::kernel(managed, None).unwrap().start.argv[0],
                "python3"
            );
        }
    }

    #[test]
    fn the_kernel_is_the_embedded_program_run_by_the_sessions_python() {
        let kernel = Python::kernel(ctx(true), None).unwrap();
        assert_eq!(kernel.files[0].path, ".kernel/python_kernel.py");
        assert_eq!(kernel.files[0].contents, KERNEL.as_bytes());
        assert_eq!(
            kernel.start.argv,
            ["/sandbox/.venv/bin/python", ".kernel/python_kernel.py"]
        );
    }
}
