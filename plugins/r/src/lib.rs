//! The R language plugin.
//!
//! - setup: creates a per-session package library, `<workdir>/.R/library`,
//!   and a scratch directory for installs, `<workdir>/.R/tmp`;
//! - install: `install.packages()` into that library, run by `Rscript`.
//!   Package names are validated strictly (see `package.rs`) before they are
//!   quoted into the R expression, which reads everything else from the
//!   environment: the library from `R_LIBS_USER`, and the repositories from
//!   **`R_REPOS`** (one or more URLs separated by spaces or commas; default
//!   `https://cloud.r-project.org`). Set `R_REPOS` in the session's
//!   environment to use a mirror or an internal repository. Packages already
//!   installed (in the image or the session) are not installed again, and the
//!   step fails (exit 1) when a package could not be installed, where
//!   `install.packages` itself would only warn;
//! - run: writes `.runs/<run-id>/main.R` and runs it with `Rscript`, with
//!   `R_LIBS_USER` pointing at the session library (with setup) and UTF-8
//!   character handling (`LC_CTYPE`). R cannot start without a writable
//!   temporary directory, so every R step gets `TMPDIR` in the work dir (the
//!   run's own directory, or `.R/tmp` for installs): R then works for a
//!   non-root user and on a read-only root file system;
//! - imports: `library(x)`, `library("x")`, `require(x)`,
//!   `requireNamespace("x")`, `loadNamespace("x")`, `pkg::fun` and
//!   `pkg:::fun`, ignoring comments and strings;
//! - strip-comments: `#` comments blanked, by the same lexer (`lexer.rs`);
//! - plots: with a plot request, `plots.R` is the run's `R_PROFILE_USER`.
//!   The default device records each page (base graphics, printed ggplot2
//!   and lattice plots) and, once the page is complete (the next page
//!   starts, its device closes, or R exits), replays it into the plots
//!   directory in every requested format; a plot saved with ggplot2's
//!   `ggsave()` is drawn again there, in every format, at the size it was
//!   saved at. Plots are numbered in the order they were shown;
//! - kernel: `kernel.R`, cells evaluated in the global environment of one
//!   `Rscript` for an interactive session;
//! - fork server: `fork_server.R`, an R that has already started (loaded
//!   the default packages) and forks a child per run, which then reads the
//!   run's program exactly as `Rscript` would (see the file for how). Runs
//!   whose start-up would differ (plots, another `R_LIBS_USER`, a
//!   `.Rprofile`) are answered `unsupported` and run the normal way;
//! - in an environment the backend manages (Micromamba), packages go into
//!   that environment's library, and setup makes no session library.

mod imports;
mod lexer;
mod package;

use llm_sandbox_sdk::{
    Capabilities, Context, File, ForkServerSpec, ImageFlavor, ImportedModule, KernelSpec,
    LanguageInfo, LanguagePlugin, Plan, PlotRequest, PluginError, RunRequest, Step, StepKind,
    export_language,
};

/// Plot capture: the profile that records the default device's pages and
/// `ggsave()`d plots into the run's plots directory (`R_PROFILE_USER`).
const PLOT_PROFILE: &str = include_str!("plots.R");

/// Where it goes, relative to the work dir.
const PLOT_PROFILE_PATH: &str = ".llm-sandbox/r/plots.R";

/// The profile file and environment that capture plots into `plots.dir`.
fn plot_capture(ctx: &Context, plots: &PlotRequest, files: &mut Vec<File>, step: Step) -> Step {
    files.push(File::text(PLOT_PROFILE_PATH, PLOT_PROFILE));
    let mut step = step.env(
        "R_PROFILE_USER",
        format!("{}/{PLOT_PROFILE_PATH}", workdir(ctx)),
    );
    step.env.extend(plots.env());
    step
}

/// The interactive kernel (cells evaluated in the global environment).
const KERNEL: &str = include_str!("kernel.R");

/// The fork server (warm starts for non-interactive runs).
const FORK_SERVER: &str = include_str!("fork_server.R");

/// Where the fork server's files go, relative to the work dir.
const FORK_DIR: &str = ".fork";

/// Starts the fork server: R reads the server from a FIFO, as Rscript's R
/// reads a program file, so that the runs it forks go on reading their
/// programs from that FIFO. Descriptor 9 holds the FIFO open (read and
/// write, which does not block) while the server is written into it; the
/// server closes it.
const FORK_START: &str = r#"set -e
mkdir -p .fork
rm -f .fork/in
mkfifo -m 600 .fork/in
exec 9<>.fork/in
cat .fork/server.R >&9
LLM_SANDBOX_FORK_FIFO="$PWD/.fork/in" exec R --no-echo --no-restore --file=.fork/in
"#;

/// The R plugin.
pub struct R;

/// Image used when the user names none. Where it cannot be pulled,
/// `host images bootstrap r` builds an equivalent from Debian packages.
pub const DEFAULT_IMAGE: &str = "r-base:4.2.2";

/// The data-science image (`host images bootstrap r --flavor datascience`):
/// Debian's R with ggplot2 and lattice.
pub const DATASCIENCE_IMAGE: &str = "llm-sandbox/r-datascience:bookworm";

/// Environment variable read by the install step: the repositories to
/// install from, separated by spaces or commas.
pub const REPOS_VAR: &str = "R_REPOS";

/// Repository used when [`REPOS_VAR`] is unset or empty.
pub const DEFAULT_REPOS: &str = "https://cloud.r-project.org";

/// The character type every glibc since 2.35 has built in. Set as
/// `LC_CTYPE` only, so the image's other locale settings stay: in an image
/// whose locale is `C` (or unset), R would otherwise print `"h\303\251llo"`
/// for `"héllo"`.
const CTYPE: &str = "C.UTF-8";

fn workdir(ctx: &Context) -> &str {
    ctx.workdir.trim_end_matches('/')
}

fn library(ctx: &Context) -> String {
    format!("{}/.R/library", workdir(ctx))
}

/// The session's own package library: with setup, unless the backend
/// manages the environment (Micromamba), whose library is then used.
fn session_library(ctx: &Context) -> Option<String> {
    (ctx.setup_done && !ctx.managed_environment).then(|| library(ctx))
}

/// With the session library (or the environment's) and UTF-8 text.
fn with_r_env(mut step: Step, ctx: &Context, tmpdir: String) -> Step {
    step = step.env("LC_CTYPE", CTYPE).env("TMPDIR", tmpdir);
    if let Some(library) = session_library(ctx) {
        step = step.env("R_LIBS_USER", library);
    }
    step
}

fn install_scratch(ctx: &Context) -> String {
    format!("{}/.R/tmp", workdir(ctx))
}

/// The R program that installs `packages` (already validated names).
fn install_expression(packages: &[String]) -> String {
    let quoted: Vec<String> = packages.iter().map(|p| format!("\"{p}\"")).collect();
    format!(
        r#"options(warn = 1L)
lib <- Sys.getenv("R_LIBS_USER")
if (!nzchar(lib)) lib <- .libPaths()[1L]
repos <- strsplit(Sys.getenv("{REPOS_VAR}"), "[[:space:],]+")[[1L]]
repos <- repos[nzchar(repos)]
if (!length(repos)) repos <- "{DEFAULT_REPOS}"
wanted <- c({})
have <- wanted[wanted %in% rownames(installed.packages())]
if (length(have)) message("already installed: ", paste(have, collapse = ", "))
todo <- setdiff(wanted, have)
if (length(todo)) {{
  ncpus <- min(4L, max(1L, parallel::detectCores(), na.rm = TRUE))
  install.packages(todo, lib = lib, repos = repos, Ncpus = ncpus)
}}
missing <- setdiff(todo, rownames(installed.packages(lib.loc = lib)))
if (length(missing)) {{
  message("could not install: ", paste(missing, collapse = ", "))
  quit(status = 1L)
}}
"#,
        quoted.join(", ")
    )
}

impl LanguagePlugin for R {
    fn describe() -> LanguageInfo {
        LanguageInfo {
            name: "r".into(),
            aliases: vec!["rscript".into()],
            extensions: vec!["r".into()],
            default_image: DEFAULT_IMAGE.into(),
            // As in the r-base image: the recommended packages (MASS, Matrix,
            // lattice…) and compilers for CRAN packages with C/C++/Fortran code.
            debian_packages: [
                "r-base-core",
                "r-recommended",
                "r-base-dev",
                "ca-certificates",
            ]
            .map(String::from)
            .to_vec(),
            image_flavors: vec![ImageFlavor {
                name: "datascience".into(),
                image: DATASCIENCE_IMAGE.into(),
                // lattice comes with r-recommended.
                debian_packages: vec!["r-cran-ggplot2".into()],
                description: "R with ggplot2 and lattice".into(),
            }],
            version: env!("CARGO_PKG_VERSION").into(),
            description: "R (Rscript) with a per-session package library; install from $R_REPOS \
                          (default CRAN)"
                .into(),
            capabilities: Capabilities {
                install_packages: true,
                environment_setup: true,
                interactive: true,
                plots: true,
            },
        }
    }

    fn setup(ctx: Context) -> Result<Vec<Step>, PluginError> {
        let mut argv = vec!["mkdir".to_string(), "-p".to_string()];
        if !ctx.managed_environment {
            argv.push(library(&ctx));
        }
        argv.push(install_scratch(&ctx));
        Ok(vec![Step::new(StepKind::Setup, argv)])
    }

    fn install(ctx: Context, packages: Vec<String>) -> Result<Vec<Step>, PluginError> {
        if !ctx.setup_done && !ctx.managed_environment {
            return Err(PluginError::Unsupported(
                "environment setup was skipped, so there is no session library to install \
                 into; preinstall the packages in the image, or run with setup"
                    .into(),
            ));
        }
        if packages.is_empty() {
            return Ok(Vec::new());
        }
        for p in &packages {
            package::check(p)?;
        }
        let scratch = if ctx.setup_done {
            install_scratch(&ctx)
        } else {
            workdir(&ctx).to_string()
        };
        let step = Step::new(
            StepKind::Install,
            [
                "Rscript".to_string(),
                "-e".to_string(),
                install_expression(&packages),
            ],
        );
        Ok(vec![with_r_env(step, &ctx, scratch)])
    }

    fn run(ctx: Context, request: RunRequest) -> Result<Plan, PluginError> {
        let dir = request.run_dir()?;
        let script = format!("{dir}/main.R");
        let mut argv = vec!["Rscript".to_string(), script.clone()];
        argv.extend(request.args);
        let tmpdir = format!("{}/{dir}", workdir(&ctx));
        let mut files = vec![File::text(script, request.code)];
        let mut step = with_r_env(Step::new(StepKind::Run, argv), &ctx, tmpdir);
        if let Some(plots) = &request.plots {
            step = plot_capture(&ctx, plots, &mut files, step);
        }
        Ok(Plan {
            files,
            steps: vec![step],
        })
    }

    fn kernel(ctx: Context, plots: Option<PlotRequest>) -> Result<KernelSpec, PluginError> {
        let path = ".kernel/r_kernel.R";
        let tmpdir = format!("{}/.kernel", workdir(&ctx));
        let mut files = vec![File::text(path, KERNEL)];
        let mut start = with_r_env(Step::new(StepKind::Run, ["Rscript", path]), &ctx, tmpdir);
        if let Some(plots) = &plots {
            start = plot_capture(&ctx, plots, &mut files, start);
        }
        Ok(KernelSpec { files, start })
    }

    fn fork_server(
        ctx: Context,
        _plots: Option<PlotRequest>,
    ) -> Result<Option<ForkServerSpec>, PluginError> {
        // A run that captures plots sets R_PROFILE_USER, which R reads when
        // it starts: the server answers those `unsupported`.
        let tmpdir = format!("{}/{FORK_DIR}", workdir(&ctx));
        let files = vec![File::text(format!("{FORK_DIR}/server.R"), FORK_SERVER)];
        let start = with_r_env(
            Step::new(StepKind::Run, ["sh", "-c", FORK_START, "sh"]),
            &ctx,
            tmpdir,
        );
        Ok(Some(ForkServerSpec {
            files,
            start,
            program: "Rscript".into(),
        }))
    }

    fn imports(code: String) -> Vec<ImportedModule> {
        imports::scan(&code)
    }

    fn strip_comments(code: String) -> String {
        lexer::strip_comments(&code)
    }
}

export_language!(R);

#[cfg(test)]
mod tests {
    use super::*;
    use llm_sandbox_sdk::PlotFormat;

    fn ctx(setup_done: bool) -> Context {
        Context {
            workdir: "/sandbox".into(),
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
            code: "cat('hi\\n')".into(),
            run_id: id.into(),
            args: vec!["a".into(), "b c".into()],
            plots: None,
        }
    }

    #[test]
    fn strip_comments_blanks_comments_and_keeps_strings_lines_and_columns() {
        let code = "library(a) # system('ls')\nx <- \"# not a comment\"\ny <- r\"(\n# raw)\" # z\n";
        let expected = code
            .replace("# system('ls')", &" ".repeat(14))
            .replace("# z", "   ");
        assert_eq!(R::strip_comments(code.into()), expected);
    }

    #[test]
    fn describe_names_r_with_its_alias_extension_and_image() {
        let info = R::describe();
        assert_eq!(info.name, "r");
        assert_eq!(info.aliases, ["rscript"]);
        assert_eq!(info.extensions, ["r"]);
        assert_eq!(info.default_image, "r-base:4.2.2");
        assert!(info.debian_packages.iter().any(|p| p == "r-base-core"));
        assert!(info.debian_packages.iter().any(|p| p == "ca-certificates"));
        assert!(info.capabilities.install_packages && info.capabilities.environment_setup);
    }

    #[test]
    fn setup_creates_the_session_library() {
        let steps = R::setup(ctx(true)).unwrap();
        assert_eq!(steps.len(), 1);
        assert!(matches!(steps[0].kind, StepKind::Setup));
        assert_eq!(
            steps[0].argv,
            ["mkdir", "-p", "/sandbox/.R/library", "/sandbox/.R/tmp"]
        );
    }

    #[test]
    fn run_uses_rscript_with_the_session_library_unless_setup_was_skipped() {
        let plan = R::run(ctx(true), req("r1")).unwrap();
        assert_eq!(plan.files[0].path, ".runs/r1/main.R");
        assert_eq!(plan.files[0].contents, b"cat('hi\\n')");
        assert_eq!(plan.steps.len(), 1);
        let step = &plan.steps[0];
        assert!(matches!(step.kind, StepKind::Run));
        assert_eq!(step.argv, ["Rscript", ".runs/r1/main.R", "a", "b c"]);
        assert_eq!(env(step, "R_LIBS_USER"), Some("/sandbox/.R/library"));
        assert_eq!(env(step, "LC_CTYPE"), Some("C.UTF-8"));
        let plan = R::run(ctx(false), req("r2")).unwrap();
        assert_eq!(env(&plan.steps[0], "R_LIBS_USER"), None);
        assert_eq!(env(&plan.steps[0], "LC_CTYPE"), Some("C.UTF-8"));
        assert_eq!(plan.steps[0].argv[0], "Rscript");
    }

    #[test]
    fn a_managed_environment_gets_the_packages_and_no_session_library() {
        for setup_done in [true, false] {
            let managed = Context {
                managed_environment: true,
                ..ctx(setup_done)
            };
            let steps = R::install(managed.clone(), vec!["jsonlite".into()]).unwrap();
            // No R_LIBS_USER: the install expression falls back to .libPaths()[1].
            assert_eq!(env(&steps[0], "R_LIBS_USER"), None);
            assert!(steps[0].argv[2].contains(".libPaths()[1L]"));
            let plan = R::run(managed.clone(), req("r1")).unwrap();
            assert_eq!(env(&plan.steps[0], "R_LIBS_USER"), None);
            assert_eq!(
                env(&R::kernel(managed, None).unwrap().start, "R_LIBS_USER"),
                None
            );
        }
        let managed = Context {
            managed_environment: true,
            ..ctx(true)
        };
        assert_eq!(
            R::setup(managed).unwrap()[0].argv,
            ["mkdir", "-p", "/sandbox/.R/tmp"]
        );
    }

    #[test]
    fn the_kernel_runs_with_the_session_library_and_its_own_temporary_directory() {
        let kernel = R::kernel(ctx(true), None).unwrap();
        assert_eq!(kernel.files[0].path, ".kernel/r_kernel.R");
        assert_eq!(kernel.start.argv, ["Rscript", ".kernel/r_kernel.R"]);
        assert_eq!(
            env(&kernel.start, "R_LIBS_USER"),
            Some("/sandbox/.R/library")
        );
        assert_eq!(env(&kernel.start, "TMPDIR"), Some("/sandbox/.kernel"));
    }

    #[test]
    fn the_fork_server_starts_r_on_a_fifo_with_the_runs_environment() {
        let server = R::fork_server(ctx(true), None).unwrap().unwrap();
        assert_eq!(server.program, "Rscript");
        assert_eq!(server.files[0].path, ".fork/server.R");
        assert_eq!(server.files[0].contents, FORK_SERVER.as_bytes());
        assert_eq!(server.start.argv[..2], ["sh", "-c"]);
        assert!(server.start.argv[2].contains("--no-echo --no-restore --file=.fork/in"));
        // The variables R reads when it starts are those of a run.
        let run = R::run(ctx(true), req("r1")).unwrap();
        for key in ["R_LIBS_USER", "LC_CTYPE"] {
            assert_eq!(env(&server.start, key), env(&run.steps[0], key), "{key}");
        }
        assert_eq!(env(&server.start, "TMPDIR"), Some("/sandbox/.fork"));
        // One top-level expression, so that nothing leaks into globalenv.
        assert!(FORK_SERVER.starts_with("local({"));
        assert!(FORK_SERVER.ends_with("})\n"));
    }

    #[test]
    fn r_gets_a_temporary_directory_in_the_work_dir_with_or_without_setup() {
        for setup_done in [true, false] {
            let plan = R::run(ctx(setup_done), req("r3")).unwrap();
            assert_eq!(env(&plan.steps[0], "TMPDIR"), Some("/sandbox/.runs/r3"));
        }
    }

    #[test]
    fn plots_are_captured_through_the_profile_in_every_requested_format() {
        let plots = PlotRequest {
            dir: "/sandbox/.artifacts/r1/plots".into(),
            formats: vec![PlotFormat::Svg, PlotFormat::Pdf],
            dpi: 150,
        };
        let request = RunRequest {
            plots: Some(plots.clone()),
            ..req("r1")
        };
        let plan = R::run(ctx(true), request).unwrap();
        let kernel = R::kernel(ctx(true), Some(plots)).unwrap();
        for (files, step) in [
            (&plan.files, &plan.steps[0]),
            (&kernel.files, &kernel.start),
        ] {
            let profile = files.iter().find(|f| f.path == PLOT_PROFILE_PATH).unwrap();
            assert_eq!(profile.contents, PLOT_PROFILE.as_bytes());
            assert_eq!(
                env(step, "R_PROFILE_USER"),
                Some("/sandbox/.llm-sandbox/r/plots.R")
            );
            assert_eq!(
                env(step, "LLM_SANDBOX_PLOTS"),
                Some("/sandbox/.artifacts/r1/plots")
            );
            // All of them: each plot is written in each format.
            assert_eq!(env(step, "LLM_SANDBOX_PLOT_FORMATS"), Some("svg,pdf"));
            assert_eq!(env(step, "LLM_SANDBOX_PLOT_DPI"), Some("150"));
        }
        let plain = R::run(ctx(true), req("r2")).unwrap();
        assert_eq!(plain.files.len(), 1);
        assert_eq!(env(&plain.steps[0], "R_PROFILE_USER"), None);
    }

    #[test]
    fn run_refuses_run_ids_that_are_not_lower_case_alphanumeric() {
        for bad in ["", "../x", "R1", "a/b"] {
            assert!(
                matches!(
                    R::run(ctx(true), req(bad)),
                    Err(PluginError::InvalidInput(_))
                ),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn install_quotes_validated_names_and_reads_the_rest_from_the_environment() {
        let steps = R::install(ctx(true), vec!["jsonlite".into(), "data.table".into()]).unwrap();
        assert_eq!(steps.len(), 1);
        let step = &steps[0];
        assert!(matches!(step.kind, StepKind::Install));
        assert_eq!(step.argv[..2], ["Rscript", "-e"]);
        let expr = &step.argv[2];
        assert!(
            expr.contains("wanted <- c(\"jsonlite\", \"data.table\")"),
            "{expr}"
        );
        assert!(expr.contains("Sys.getenv(\"R_REPOS\")"), "{expr}");
        assert!(expr.contains("\"https://cloud.r-project.org\""), "{expr}");
        assert!(expr.contains("lib = lib"), "{expr}");
        assert!(expr.contains("quit(status = 1L)"), "{expr}");
        assert!(
            !expr.contains("/sandbox"),
            "the work dir stays out of the code"
        );
        assert_eq!(env(step, "R_LIBS_USER"), Some("/sandbox/.R/library"));
        assert_eq!(env(step, "TMPDIR"), Some("/sandbox/.R/tmp"));
        assert!(R::install(ctx(true), vec![]).unwrap().is_empty());
    }

    #[test]
    fn install_refuses_injection_and_skipped_setup() {
        let evil = "x\"); system(\"id\"); c(\"";
        let err = R::install(ctx(true), vec!["jsonlite".into(), evil.into()]).unwrap_err();
        assert!(matches!(err, PluginError::InvalidPackage(p) if p.name == evil));
        let err = R::install(ctx(true), vec!["x; rm -rf /".into()]).unwrap_err();
        assert!(matches!(err, PluginError::InvalidPackage(_)));
        let err = R::install(ctx(false), vec!["jsonlite".into()]).unwrap_err();
        assert!(matches!(err, PluginError::Unsupported(_)));
    }
}
