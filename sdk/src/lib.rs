//! The crate plugin authors depend on to write plugins for the llm-sandbox host.
//!
//! A language plugin is a plain Rust type implementing [`LanguagePlugin`],
//! exported with [`export_language!`], and built as a `cdylib` for the
//! `wasm32-wasip2` target (which produces a WebAssembly component):
//!
//! ```ignore
//! use llm_sandbox_sdk::*;
//!
//! struct Lua;
//!
//! impl LanguagePlugin for Lua {
//!     fn describe() -> LanguageInfo { /* name, extensions, default image… */ }
//!     fn run(ctx: Context, request: RunRequest) -> Result<Plan, PluginError> { /* … */ }
//!     fn imports(code: String) -> Vec<ImportedModule> { /* … */ }
//! }
//!
//! export_language!(Lua);
//! ```
//!
//! A security policy implements [`policy::PolicyPlugin`] and is exported with
//! [`export_policy!`]; see the [`policy`] module.
//!
//! Plugins are pure functions of their inputs: they describe files and
//! commands, and the host executes them inside the sandbox. The helpers in
//! [`source`] (comment and string masking) and [`names`] (package-name
//! checks) cover what most language plugins need.

pub mod names;
pub mod policy;
pub mod source;
pub mod tokens;

#[doc(hidden)]
pub mod timing;

/// Raw bindings generated from the WIT contract in `wit/`. Most plugins only
/// need the re-exports at the crate root.
#[allow(missing_docs, clippy::all)]
pub mod bindings {
    wit_bindgen::generate!({
        world: "language-handler",
        path: "../wit",
        pub_export_macro: true,
        export_macro_name: "export_language_handler",
        default_bindings_module: "llm_sandbox_sdk::bindings",
    });
}

pub use bindings::exports::llm_sandbox::plugin::language::{
    Capabilities, Context, ForkServerSpec, ImageFlavor, KernelSpec, LanguageInfo, PlotFormat,
    PlotRequest, RunRequest,
};
pub use bindings::llm_sandbox::plugin::types::{
    File, ImportedModule, InvalidPackage, Plan, PluginError, Step, StepKind,
};

/// Logging into the host's tracing output (shown with `host -v`).
pub mod log {
    use crate::bindings::llm_sandbox::plugin::log::{Level, log};

    /// Log a debug message.
    pub fn debug(message: &str) {
        log(Level::Debug, message);
    }
    /// Log an informational message.
    pub fn info(message: &str) {
        log(Level::Info, message);
    }
    /// Log a warning.
    pub fn warn(message: &str) {
        log(Level::Warn, message);
    }
}

/// A language handler written as plain Rust. Export it with [`export_language!`].
pub trait LanguagePlugin {
    /// Who the plugin is: name, aliases, extensions, default image, capabilities.
    fn describe() -> LanguageInfo;

    /// Steps that prepare the sandbox's work dir once per session.
    /// The default is no setup.
    fn setup(ctx: Context) -> Result<Vec<Step>, PluginError> {
        let _ = ctx;
        Ok(Vec::new())
    }

    /// Steps that install `packages`. Validate every name (see [`names`]).
    /// The default refuses: the language has no package installation.
    fn install(ctx: Context, packages: Vec<String>) -> Result<Vec<Step>, PluginError> {
        let _ = (ctx, packages);
        Err(PluginError::Unsupported(
            "this language plugin cannot install packages".to_string(),
        ))
    }

    /// Files and steps that run `request.code`.
    fn run(ctx: Context, request: RunRequest) -> Result<Plan, PluginError>;

    /// The kernel of an interactive session (say `interactive` in the
    /// capabilities too); the protocol it speaks is in the WIT contract.
    /// The default refuses: the language has no interactive sessions.
    fn kernel(ctx: Context, plots: Option<PlotRequest>) -> Result<KernelSpec, PluginError> {
        let _ = (ctx, plots);
        Err(PluginError::Unsupported(
            "this language plugin has no interactive kernel".to_string(),
        ))
    }

    /// The warm-start server for the runs of non-interactive sessions; the
    /// protocol it speaks is in the WIT contract (`fork-server-spec`). The
    /// default is `None`: every run starts a fresh process.
    fn fork_server(
        ctx: Context,
        plots: Option<PlotRequest>,
    ) -> Result<Option<ForkServerSpec>, PluginError> {
        let _ = (ctx, plots);
        Ok(None)
    }

    /// Modules imported by `code`; comments and strings must not count.
    fn imports(code: String) -> Vec<ImportedModule>;

    /// `code` with comments replaced by spaces, line breaks kept (see
    /// [`source::mask_comments`]); security policies match their patterns
    /// against it. The default returns the code unchanged, so patterns then
    /// also match inside comments.
    fn strip_comments(code: String) -> String {
        code
    }
}

/// Export a [`LanguagePlugin`] implementation as the plugin's component exports.
///
/// Use it once, at the crate root of a `cdylib` crate built for `wasm32-wasip2`.
#[macro_export]
macro_rules! export_language {
    ($ty:ident) => {
        impl $crate::bindings::exports::llm_sandbox::plugin::language::Guest for $ty {
            fn describe() -> $crate::LanguageInfo {
                <$ty as $crate::LanguagePlugin>::describe()
            }
            fn setup(ctx: $crate::Context) -> Result<Vec<$crate::Step>, $crate::PluginError> {
                <$ty as $crate::LanguagePlugin>::setup(ctx)
            }
            fn install(
                ctx: $crate::Context,
                packages: Vec<String>,
            ) -> Result<Vec<$crate::Step>, $crate::PluginError> {
                <$ty as $crate::LanguagePlugin>::install(ctx, packages)
            }
            fn run(
                ctx: $crate::Context,
                request: $crate::RunRequest,
            ) -> Result<$crate::Plan, $crate::PluginError> {
                <$ty as $crate::LanguagePlugin>::run(ctx, request)
            }
            fn kernel(
                ctx: $crate::Context,
                plots: Option<$crate::PlotRequest>,
            ) -> Result<$crate::KernelSpec, $crate::PluginError> {
                <$ty as $crate::LanguagePlugin>::kernel(ctx, plots)
            }
            fn fork_server(
                ctx: $crate::Context,
                plots: Option<$crate::PlotRequest>,
            ) -> Result<Option<$crate::ForkServerSpec>, $crate::PluginError> {
                <$ty as $crate::LanguagePlugin>::fork_server(ctx, plots)
            }
            fn imports(code: String) -> Vec<$crate::ImportedModule> {
                <$ty as $crate::LanguagePlugin>::imports(code)
            }
            fn strip_comments(code: String) -> String {
                <$ty as $crate::LanguagePlugin>::strip_comments(code)
            }
        }
        // Only a wasm build exports the component ABI; native builds (unit
        // tests of the plugin) just get the trait impl.
        #[cfg(target_arch = "wasm32")]
        $crate::bindings::export_language_handler!($ty with_types_in $crate::bindings);
    };
}

impl RunRequest {
    /// The directory for this run's files, relative to the work dir:
    /// `.runs/<run-id>`. Refuses a run id that is not lower-case ASCII letters
    /// and digits, so it can never name a path outside `.runs/`.
    pub fn run_dir(&self) -> Result<String, PluginError> {
        let id = &self.run_id;
        if id.is_empty()
            || !id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        {
            return Err(PluginError::InvalidInput(format!(
                "run id {id:?} must be lower-case letters and digits"
            )));
        }
        Ok(format!(".runs/{id}"))
    }
}

impl Step {
    /// A step of the given kind running `argv` in the work dir with no extra environment.
    pub fn new(kind: StepKind, argv: impl IntoIterator<Item = impl Into<String>>) -> Self {
        Step {
            kind,
            argv: argv.into_iter().map(Into::into).collect(),
            workdir: None,
            env: Vec::new(),
        }
    }

    /// Add an environment variable to the step.
    pub fn env(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.env.push((key.into(), value.into()));
        self
    }

    /// Run the step in `dir` instead of the work dir.
    pub fn workdir(mut self, dir: impl Into<String>) -> Self {
        self.workdir = Some(dir.into());
        self
    }
}

impl PlotFormat {
    /// The file extension of the format (`png`).
    pub fn extension(self) -> &'static str {
        match self {
            PlotFormat::Png => "png",
            PlotFormat::Svg => "svg",
            PlotFormat::Pdf => "pdf",
        }
    }
}

impl PlotRequest {
    /// The variables a plot-capturing program reads: `LLM_SANDBOX_PLOTS`
    /// (the directory), `LLM_SANDBOX_PLOT_FORMATS` (extensions, comma
    /// separated) and `LLM_SANDBOX_PLOT_DPI`.
    pub fn env(&self) -> [(String, String); 3] {
        let formats: Vec<&str> = self.formats.iter().map(|f| f.extension()).collect();
        [
            ("LLM_SANDBOX_PLOTS".into(), self.dir.clone()),
            ("LLM_SANDBOX_PLOT_FORMATS".into(), formats.join(",")),
            ("LLM_SANDBOX_PLOT_DPI".into(), self.dpi.to_string()),
        ]
    }
}

impl Context {
    /// A context for tests: work dir `workdir`, setup done or skipped, no
    /// managed environment.
    pub fn new(workdir: impl Into<String>, setup_done: bool) -> Self {
        Context {
            workdir: workdir.into(),
            setup_done,
            managed_environment: false,
        }
    }
}

impl File {
    /// A regular file (mode 0644) with the given path and text.
    pub fn text(path: impl Into<String>, contents: impl Into<String>) -> Self {
        File {
            path: path.into(),
            contents: contents.into().into_bytes(),
            mode: None,
        }
    }
}

impl ImportedModule {
    /// An import of `module` found at `line`/`column` (both 1-based).
    pub fn new(module: impl Into<String>, line: u32, column: u32) -> Self {
        ImportedModule {
            module: module.into(),
            line,
            column,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(run_id: &str) -> RunRequest {
        RunRequest {
            code: String::new(),
            run_id: run_id.into(),
            args: vec![],
            plots: None,
        }
    }

    #[test]
    fn run_dir_is_under_runs_and_refuses_ids_that_could_name_other_paths() {
        assert_eq!(request("r12").run_dir().unwrap(), ".runs/r12");
        for bad in ["", "../x", "R1", "a/b", "r 1", "é"] {
            let err = request(bad).run_dir().unwrap_err();
            assert!(
                matches!(err, PluginError::InvalidInput(m) if m.contains("lower-case")),
                "{bad:?}"
            );
        }
    }
}
