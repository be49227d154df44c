//! A loaded language plugin and the host-side view of its answers.

use std::sync::Arc;

use serde::Serialize;
use wasmtime::Store;

use super::bindings::exports::llm_sandbox::plugin::language as wit;
use super::bindings::llm_sandbox::plugin::types as wit_types;
use super::bindings::{LanguageHandler, LanguageHandlerPre};
use super::registry::PluginSource;
use super::{PluginRuntime, PluginState, RuntimeInner};
use crate::error::{Error, Result};
use crate::plan::{RunPlan, SandboxFile, Step, StepKind};

/// Optional abilities of a language plugin.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Capabilities {
    /// It can install packages.
    pub install_packages: bool,
    /// It has environment setup steps.
    pub environment_setup: bool,
    /// It has a kernel for interactive sessions.
    pub interactive: bool,
    /// It can capture plots.
    pub plots: bool,
}

/// Where and how a plugin should capture plots (see the WIT contract).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlotCapture {
    /// The directory (absolute, in the sandbox) to write them in.
    pub dir: String,
    /// Formats of static plots.
    pub formats: Vec<crate::artifacts::PlotFormat>,
    /// Resolution of PNG plots.
    pub dpi: u32,
}

impl PlotCapture {
    fn to_wit(&self) -> wit::PlotRequest {
        use crate::artifacts::PlotFormat;
        wit::PlotRequest {
            dir: self.dir.clone(),
            formats: self
                .formats
                .iter()
                .map(|f| match f {
                    PlotFormat::Png => wit::PlotFormat::Png,
                    PlotFormat::Svg => wit::PlotFormat::Svg,
                    PlotFormat::Pdf => wit::PlotFormat::Pdf,
                })
                .collect(),
            dpi: self.dpi,
        }
    }
}

/// What a language plugin says about itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LanguageInfo {
    /// Canonical language name (`python`).
    pub name: String,
    /// Other accepted names.
    pub aliases: Vec<String>,
    /// File extensions (without the dot).
    pub extensions: Vec<String>,
    /// Image used when the user names none.
    pub default_image: String,
    /// Debian packages that make a bootstrap image for this language.
    pub debian_packages: Vec<String>,
    /// Richer images `host images bootstrap LANG --flavor NAME` builds.
    pub image_flavors: Vec<ImageFlavor>,
    /// Plugin version.
    pub version: String,
    /// One-line description.
    pub description: String,
    /// Optional abilities.
    pub capabilities: Capabilities,
}

/// An image with more in it than the default one, built from Debian
/// packages (the language's own plus these).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImageFlavor {
    /// Its name (`datascience`).
    pub name: String,
    /// The image it builds.
    pub image: String,
    /// Debian packages added to the language's own.
    pub debian_packages: Vec<String>,
    /// What it has.
    pub description: String,
}

/// A module found by a plugin's import detection.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImportedModule {
    /// Module name as written.
    pub module: String,
    /// 1-based line.
    pub line: u32,
    /// 1-based column.
    pub column: u32,
}

/// Where and how code runs, as passed to the plugin.
#[derive(Debug, Clone)]
pub struct PlanContext {
    /// Absolute work dir in the sandbox.
    pub workdir: String,
    /// Whether environment setup ran.
    pub setup_done: bool,
    /// Whether the backend runs every process in an environment it manages
    /// (Micromamba): packages go there, and the plugin sets up none of its own.
    pub managed_environment: bool,
}

impl PlanContext {
    fn to_wit(&self) -> wit::Context {
        wit::Context {
            workdir: self.workdir.clone(),
            setup_done: self.setup_done,
            managed_environment: self.managed_environment,
        }
    }
}

/// A plugin's kernel for interactive sessions, validated: files to write,
/// then one long-running step (see the WIT contract for its protocol).
#[derive(Debug, Clone)]
pub struct KernelPlan {
    /// Files to write before starting it.
    pub files: Vec<SandboxFile>,
    /// The step that starts it.
    pub start: Step,
}

/// A plugin's warm-start server for stateless runs, validated: files to
/// write, one long-running step, and the program whose run steps it starts
/// in place of a fresh process (see the WIT contract for its protocol).
#[derive(Debug, Clone)]
pub struct ForkServerPlan {
    /// Files to write before starting it.
    pub files: Vec<SandboxFile>,
    /// The step that starts it.
    pub start: Step,
    /// The `argv[0]` of the run steps it can start.
    pub program: String,
}

/// How a load error says that a component is not a language handler.
pub(crate) const NOT_A_HANDLER: &str = "it is not a language handler";

/// A language handler plugin, compiled and ready to instantiate.
pub struct LanguagePlugin {
    info: LanguageInfo,
    source: PluginSource,
    pre: LanguageHandlerPre<PluginState>,
    runtime: Arc<RuntimeInner>,
}

impl std::fmt::Debug for LanguagePlugin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LanguagePlugin")
            .field("name", &self.info.name)
            .field("source", &self.source)
            .finish()
    }
}

impl LanguagePlugin {
    /// Compile and link `bytes` as a language handler and ask it who it is.
    pub fn load(runtime: &PluginRuntime, source: PluginSource, bytes: &[u8]) -> Result<Self> {
        let source_name = source.to_string();
        let component = runtime.compile(&source_name, bytes)?;
        let refuse = |reason: String| Error::PluginLoad {
            source_name: source_name.clone(),
            reason,
        };
        let inner = runtime.inner().clone();
        let instance_pre = inner.instantiate_pre(&source_name, &component)?;
        let pre = LanguageHandlerPre::new(instance_pre).map_err(|e| {
            refuse(format!(
                "{NOT_A_HANDLER} (it does not export `llm-sandbox:plugin/language@{}` \
                 with the expected functions): {e:#}",
                super::CONTRACT_VERSION
            ))
        })?;
        let mut plugin = LanguagePlugin {
            info: placeholder_info(&source_name),
            source,
            pre,
            runtime: inner,
        };
        let info = plugin.call("describe", |store, handler| {
            handler.llm_sandbox_plugin_language().call_describe(store)
        })?;
        plugin.info = validate_info(info).map_err(refuse)?;
        Ok(plugin)
    }

    /// What the plugin says about itself.
    pub fn info(&self) -> &LanguageInfo {
        &self.info
    }

    /// Where the plugin came from.
    pub fn source(&self) -> &PluginSource {
        &self.source
    }

    /// The plugin's language name.
    pub fn name(&self) -> &str {
        &self.info.name
    }

    /// Environment setup steps.
    pub fn setup(&self, ctx: &PlanContext) -> Result<Vec<Step>> {
        let steps = self.call("setup", |store, handler| {
            handler
                .llm_sandbox_plugin_language()
                .call_setup(store, &ctx.to_wit())
        })?;
        self.steps(self.refused(steps)?)
    }

    /// Steps that install `packages`.
    pub fn install(&self, ctx: &PlanContext, packages: &[String]) -> Result<Vec<Step>> {
        let steps = self.call("install", |store, handler| {
            handler
                .llm_sandbox_plugin_language()
                .call_install(store, &ctx.to_wit(), packages)
        })?;
        self.steps(self.refused(steps)?)
    }

    /// The validated plan to run `code` (capturing plots as `plots` says,
    /// when the plugin can).
    pub fn plan(
        &self,
        ctx: &PlanContext,
        code: &str,
        run_id: &str,
        args: &[String],
        plots: Option<&PlotCapture>,
    ) -> Result<RunPlan> {
        let request = wit::RunRequest {
            code: code.to_string(),
            run_id: run_id.to_string(),
            args: args.to_vec(),
            plots: plots
                .filter(|_| self.info.capabilities.plots)
                .map(PlotCapture::to_wit),
        };
        let plan = self.call("run", |store, handler| {
            handler
                .llm_sandbox_plugin_language()
                .call_run(store, &ctx.to_wit(), &request)
        })?;
        let plan = self.refused(plan)?;
        let plan = RunPlan {
            files: plan.files.into_iter().map(file_from_wit).collect(),
            steps: plan.steps.into_iter().map(step_from_wit).collect(),
        };
        plan.validate(&ctx.workdir)
            .map_err(|reason| Error::InvalidPlan {
                plugin: self.info.name.clone(),
                reason,
            })
    }

    /// The kernel of an interactive session, validated like a plan.
    pub fn kernel(&self, ctx: &PlanContext, plots: Option<&PlotCapture>) -> Result<KernelPlan> {
        let plots = plots
            .filter(|_| self.info.capabilities.plots)
            .map(PlotCapture::to_wit);
        let kernel = self.call("kernel", |store, handler| {
            handler
                .llm_sandbox_plugin_language()
                .call_kernel(store, &ctx.to_wit(), plots.as_ref())
        })?;
        let kernel = self.refused(kernel)?;
        let plan = RunPlan {
            files: kernel.files.into_iter().map(file_from_wit).collect(),
            steps: vec![step_from_wit(kernel.start)],
        }
        .validate(&ctx.workdir)
        .map_err(|reason| Error::InvalidPlan {
            plugin: self.info.name.clone(),
            reason,
        })?;
        let start = plan.steps.into_iter().next().expect("one step in, one out");
        Ok(KernelPlan {
            files: plan.files,
            start,
        })
    }

    /// The warm-start server of the plugin, validated like a plan; `None`
    /// when it has none.
    pub fn fork_server(
        &self,
        ctx: &PlanContext,
        plots: Option<&PlotCapture>,
    ) -> Result<Option<ForkServerPlan>> {
        let plots = plots
            .filter(|_| self.info.capabilities.plots)
            .map(PlotCapture::to_wit);
        let server = self.call("fork-server", |store, handler| {
            handler.llm_sandbox_plugin_language().call_fork_server(
                store,
                &ctx.to_wit(),
                plots.as_ref(),
            )
        })?;
        let Some(server) = self.refused(server)? else {
            return Ok(None);
        };
        let invalid = |reason: String| Error::InvalidPlan {
            plugin: self.info.name.clone(),
            reason,
        };
        if server.program.is_empty() || server.program.contains('\0') {
            return Err(invalid(format!(
                "the fork server's program {:?} is not a program name",
                server.program
            )));
        }
        let plan = RunPlan {
            files: server.files.into_iter().map(file_from_wit).collect(),
            steps: vec![step_from_wit(server.start)],
        }
        .validate(&ctx.workdir)
        .map_err(invalid)?;
        let start = plan.steps.into_iter().next().expect("one step in, one out");
        Ok(Some(ForkServerPlan {
            files: plan.files,
            start,
            program: server.program,
        }))
    }

    /// Modules imported by `code`, as the plugin detects them.
    pub fn imports(&self, code: &str) -> Result<Vec<ImportedModule>> {
        let found = self.call("imports", |store, handler| {
            handler
                .llm_sandbox_plugin_language()
                .call_imports(store, code)
        })?;
        Ok(found
            .into_iter()
            .map(|i| ImportedModule {
                module: i.module,
                line: i.line,
                column: i.column,
            })
            .collect())
    }

    /// `code` with its comments replaced by spaces. A plugin that changes
    /// the line structure (it must not) gets its answer ignored: the code is
    /// returned as is, so that findings keep pointing at the right lines.
    pub fn strip_comments(&self, code: &str) -> Result<String> {
        let stripped = self.call("strip-comments", |store, handler| {
            handler
                .llm_sandbox_plugin_language()
                .call_strip_comments(store, code)
        })?;
        if stripped.bytes().filter(|&b| b == b'\n').count()
            != code.bytes().filter(|&b| b == b'\n').count()
        {
            tracing::warn!(
                plugin = %self.info.name,
                "strip-comments changed the number of lines; checking the code with its comments"
            );
            return Ok(code.to_string());
        }
        Ok(stripped)
    }

    /// Instantiate in a fresh, limited store and make one call.
    fn call<R: Send>(
        &self,
        call: &'static str,
        f: impl FnOnce(&mut Store<PluginState>, &LanguageHandler) -> wasmtime::Result<R> + Send,
    ) -> Result<R> {
        self.runtime.call(&self.info.name, call, |store| {
            let handler = self.pre.instantiate(&mut *store)?;
            f(store, &handler)
        })
    }

    fn refused<T>(&self, result: Result<T, wit_types::PluginError>) -> Result<T> {
        result.map_err(|e| Error::PluginRefused {
            plugin: self.info.name.clone(),
            message: match e {
                wit_types::PluginError::InvalidPackage(p) => {
                    format!("invalid package name `{}`: {}", p.name, p.reason)
                }
                wit_types::PluginError::Unsupported(m) => format!("not supported: {m}"),
                wit_types::PluginError::InvalidInput(m) => format!("invalid input: {m}"),
            },
        })
    }

    fn steps(&self, steps: Vec<wit_types::Step>) -> Result<Vec<Step>> {
        let steps: Vec<Step> = steps.into_iter().map(step_from_wit).collect();
        for step in &steps {
            crate::plan::validate_step(step).map_err(|reason| Error::InvalidPlan {
                plugin: self.info.name.clone(),
                reason,
            })?;
        }
        Ok(steps)
    }
}

fn file_from_wit(f: wit_types::File) -> SandboxFile {
    SandboxFile {
        path: f.path,
        contents: f.contents,
        mode: f.mode.unwrap_or(0o644),
    }
}

fn step_from_wit(s: wit_types::Step) -> Step {
    Step {
        kind: match s.kind {
            wit_types::StepKind::Setup => StepKind::Setup,
            wit_types::StepKind::Install => StepKind::Install,
            wit_types::StepKind::Compile => StepKind::Compile,
            wit_types::StepKind::Run => StepKind::Run,
        },
        argv: s.argv,
        workdir: s.workdir,
        env: s.env,
    }
}

fn placeholder_info(source_name: &str) -> LanguageInfo {
    LanguageInfo {
        name: source_name.to_string(),
        aliases: vec![],
        extensions: vec![],
        default_image: String::new(),
        debian_packages: vec![],
        image_flavors: vec![],
        version: String::new(),
        description: String::new(),
        capabilities: Capabilities {
            install_packages: false,
            environment_setup: false,
            interactive: false,
            plots: false,
        },
    }
}

/// Normalise and check what a plugin says about itself.
fn validate_info(info: wit::LanguageInfo) -> std::result::Result<LanguageInfo, String> {
    let name = info.name.trim().to_ascii_lowercase();
    let plain = |s: &str| {
        !s.is_empty()
            && s.len() <= 64
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-_.#".contains(c))
    };
    if !plain(&name) {
        return Err(format!(
            "its language name {:?} must be 1-64 characters of letters, digits and `+-_.#`",
            info.name
        ));
    }
    if info.default_image.trim().is_empty() {
        return Err("it names no default image".into());
    }
    let lower = |v: Vec<String>| -> Vec<String> {
        v.into_iter()
            .map(|s| s.trim().trim_start_matches('.').to_ascii_lowercase())
            .filter(|s| plain(s))
            .collect()
    };
    Ok(LanguageInfo {
        name,
        aliases: lower(info.aliases),
        extensions: lower(info.extensions),
        default_image: info.default_image.trim().to_string(),
        debian_packages: info.debian_packages,
        image_flavors: info
            .image_flavors
            .into_iter()
            .filter(|f| plain(&f.name) && !f.image.trim().is_empty())
            .take(16)
            .map(|f| ImageFlavor {
                name: f.name,
                image: f.image.trim().to_string(),
                debian_packages: f.debian_packages,
                description: f.description.chars().take(200).collect(),
            })
            .collect(),
        version: info.version,
        description: info.description.chars().take(200).collect(),
        capabilities: Capabilities {
            install_packages: info.capabilities.install_packages,
            environment_setup: info.capabilities.environment_setup,
            interactive: info.capabilities.interactive,
            plots: info.capabilities.plots,
        },
    })
}
