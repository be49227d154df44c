//! The tools the server offers, and the MCP handler that routes to them.
// Logging (`logging/setLevel`) is deprecated from MCP 2026-07-28 on; see `notify`.
#![allow(deprecated)]

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use llm_sandbox_host::artifacts::ArtifactOptions;
use llm_sandbox_host::{
    PolicyChecker, PolicyConfig, PoolOptions, RunOptions, SandboxHost, SecurityPreset, Session,
    SessionConfig,
};
use rmcp::handler::server::wrapper::Parameters;
use rmcp::model::{
    CallToolResult, Implementation, InitializeRequestParams, InitializeResult, LoggingLevel,
    ServerCapabilities, ServerConfig, SetLevelRequestParams,
};
use rmcp::service::RequestContext;
use rmcp::{ErrorData, RoleServer, ServerHandler, schemars, tool, tool_handler, tool_router};
use serde::Deserialize;

use super::notify::{LogLevel, Notifier};
use super::reply::{self, describe, failure, json};
use super::sessions::{InUse, NewSession, SessionTable, unknown_session};
use super::settings::Limits;
use crate::config::Config;

/// What every connection of the server shares.
pub struct Shared {
    /// Plugins and backend (and its warm pools).
    pub host: SandboxHost,
    /// The config file (images per language, CA bundle, `[runtime]`).
    pub config: Config,
    /// Open sessions.
    pub table: Arc<SessionTable>,
    next_connection: AtomicU64,
}

impl Shared {
    /// The shared state of a server.
    pub fn new(host: SandboxHost, config: Config, table: Arc<SessionTable>) -> Shared {
        Shared {
            host,
            config,
            table,
            next_connection: AtomicU64::new(1),
        }
    }

    /// How the server opens a session of `language` under `preset` (the
    /// same for warm pools, so that pooled sandboxes match): interactive
    /// when asked and the language has a kernel; artifacts captured.
    pub fn session_config(
        &self,
        language: &str,
        image: Option<String>,
        preset: &str,
        interactive: bool,
    ) -> Result<SessionConfig, String> {
        let limits = self.table.limits();
        let plugin = self.host.plugins().language(language).map_err(|e| {
            format!(
                "{}; list_languages names the ones this server has",
                describe(&e)
            )
        })?;
        if let Some(image) = &image
            && !limits.image_allowed(image)
        {
            return Err(format!(
                "image {image:?} is not allowed on this server; allowed: {}",
                limits.allowed_images.join(", ")
            ));
        }
        let preset = SecurityPreset::get(preset).map_err(|e| describe(&e))?;
        let config = &self.config;
        let copy_limits = llm_sandbox_host::archive::ExtractLimits {
            max_bytes: limits.max_file_bytes,
            ..Default::default()
        };
        Ok(SessionConfig {
            lang: plugin.name().to_string(),
            image: image.or_else(|| config.image_for(plugin.info())),
            keep_template: true,
            runtime: preset.runtime.clone().merge(config.runtime.clone()),
            policies: vec![PolicyConfig::from(&preset.policy)],
            ca_bundle: config.ca_bundle.clone(),
            execution_timeout: Some(limits.default_timeout),
            output_limit: limits.output_limit,
            copy_limits,
            interactive: interactive && plugin.info().capabilities.interactive,
            artifacts: Some(ArtifactOptions {
                max_bytes: limits.max_artifact_bytes,
                ..Default::default()
            }),
            ..Default::default()
        })
    }

    /// Keep `size` sandboxes of `language` ready for each kind of session
    /// the server opens (`run_code`'s and `open_session`'s).
    pub fn keep_warm(&self, language: &str, size: usize) -> Result<(), String> {
        let preset = self.table.limits().preset.clone();
        let mut kinds = vec![false];
        if self
            .host
            .plugins()
            .language(language)
            .is_ok_and(|p| p.info().capabilities.interactive)
        {
            kinds.push(true);
        }
        for interactive in kinds {
            let config = self.session_config(language, None, &preset, interactive)?;
            let options = PoolOptions {
                size,
                ..PoolOptions::default()
            };
            self.host
                .keep_warm(config, options)
                .map_err(|e| describe(&e))?;
        }
        Ok(())
    }
}

/// One MCP connection: with a handshake (stdio, a stateful HTTP client) it
/// owns the sessions it opens, which close when it ends.
struct Connection {
    id: u64,
    handshake: AtomicBool,
    level: Arc<LogLevel>,
    table: Arc<SessionTable>,
}

impl Drop for Connection {
    fn drop(&mut self) {
        if !self.handshake.load(Ordering::SeqCst) {
            return;
        }
        let (table, id) = (self.table.clone(), self.id);
        if let Ok(runtime) = tokio::runtime::Handle::try_current() {
            runtime.spawn(async move {
                let closed = table.close_owned_by(id).await;
                if closed > 0 {
                    tracing::info!(connection = id, closed, "client gone; closed its sessions");
                }
            });
        }
    }
}

/// The MCP handler: one per connection (clones share it).
#[derive(Clone)]
pub struct SandboxServer {
    shared: Arc<Shared>,
    connection: Arc<Connection>,
}

impl SandboxServer {
    /// A handler for a new connection.
    pub fn new(shared: Arc<Shared>) -> SandboxServer {
        let id = shared.next_connection.fetch_add(1, Ordering::Relaxed);
        let connection = Arc::new(Connection {
            id,
            handshake: AtomicBool::new(false),
            level: Arc::default(),
            table: shared.table.clone(),
        });
        SandboxServer { shared, connection }
    }

    /// Who is calling, for session ownership.
    fn caller(&self) -> Option<u64> {
        self.connection
            .handshake
            .load(Ordering::SeqCst)
            .then_some(self.connection.id)
    }

    fn notifier(&self, context: &RequestContext<RoleServer>) -> Notifier {
        Notifier::for_call(context, self.connection.level.clone())
    }

    /// Open a session of `language` with `preset`; interactive when asked
    /// and the language has a kernel.
    async fn open(
        &self,
        language: &str,
        image: Option<String>,
        preset: &str,
        interactive: bool,
        notifier: &Notifier,
    ) -> Result<(Session, bool), String> {
        let config = self
            .shared
            .session_config(language, image, preset, interactive)?;
        let interactive = config.interactive;
        notifier.log(
            LoggingLevel::Info,
            format!("opening a {} sandbox (preset {preset})", config.lang),
        );
        let host = self.shared.host.clone().with_progress(notifier.pull_sink());
        let session = host.open(config).await.map_err(|e| describe(&e))?;
        Ok((session, interactive))
    }

    fn run_options(&self, args: RunArgs, notifier: &Notifier) -> Result<RunOptions, String> {
        Ok(RunOptions {
            libraries: args.libraries.unwrap_or_default(),
            stdin: args.stdin.map(String::into_bytes),
            timeout: Some(self.shared.table.limits().timeout(args.timeout)?),
            on_output: Some(notifier.output_sink()),
            ..Default::default()
        })
    }
}

/// What a run may add to its code.
#[derive(Debug, Default, Deserialize, schemars::JsonSchema)]
pub struct RunArgs {
    /// Packages to install before the code runs (pip, npm, … names).
    pub libraries: Option<Vec<String>>,
    /// Time limit in seconds (default and maximum set by the server).
    pub timeout: Option<f64>,
    /// Standard input for the program.
    pub stdin: Option<String>,
}

/// `run_code`'s arguments.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
pub struct RunCode {
    /// Language name or alias: python, javascript, java, cpp, go, ruby, r (see list_languages).
    pub language: String,
    /// The program's source.
    pub code: String,
    #[serde(flatten)]
    #[allow(missing_docs)]
    pub run: RunArgs,
}

/// `open_session`'s arguments.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
pub struct OpenSession {
    /// Language name or alias (see list_languages).
    pub language: String,
    /// Container image (default: the server's image for the language).
    pub image: Option<String>,
    /// Security preset (default: the server's; see list_presets for the allowed ones).
    pub preset: Option<String>,
}

/// `run_in_session`'s arguments.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
pub struct RunInSession {
    /// The id open_session answered.
    pub session_id: String,
    /// The code (a cell, in an interactive session).
    pub code: String,
    #[serde(flatten)]
    #[allow(missing_docs)]
    pub run: RunArgs,
}

/// Arguments naming one session.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
pub struct SessionRef {
    /// The id open_session answered.
    pub session_id: String,
}

/// `check_code`'s arguments.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
pub struct CheckCode {
    /// Language name or alias.
    pub language: String,
    /// The code to check.
    pub code: String,
    /// Packages the code would install.
    pub libraries: Option<Vec<String>>,
    /// Preset whose policy to check against (default: the server's).
    pub preset: Option<String>,
}

/// `upload_file`'s arguments.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
pub struct UploadFile {
    /// The session to write into.
    pub session_id: String,
    /// Path in the sandbox; relative paths are relative to the work dir.
    pub path: String,
    /// The file's content.
    pub content: String,
    /// Whether `content` is base64 (for binary files); default false (UTF-8 text).
    pub base64: Option<bool>,
}

/// `download_file`'s arguments.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
pub struct DownloadFile {
    /// The session to read from.
    pub session_id: String,
    /// Path of a file in the sandbox; relative paths are relative to the work dir.
    pub path: String,
}

/// What a tool makes: its result, or a message the model reads (a tool error).
type Answer = Result<CallToolResult, String>;

/// Hand an [`Answer`] to the MCP layer: messages become tool errors, so the
/// caller sees them (protocol errors are for requests that cannot be routed).
fn answer(made: Answer) -> Result<CallToolResult, ErrorData> {
    Ok(made.unwrap_or_else(failure))
}

impl SandboxServer {
    /// Session `id`, in use by this call; its lock is taken with [`locked`].
    fn use_session(&self, id: &str) -> Result<InUse, String> {
        self.shared.table.use_session(id, self.caller())
    }
}

/// The session `in_use` holds (runs take turns), unless it was closed meanwhile.
async fn locked<'a>(
    in_use: &'a InUse,
    id: &str,
    limits: &Limits,
) -> Result<tokio::sync::MappedMutexGuard<'a, Session>, String> {
    in_use
        .lock()
        .await
        .ok_or_else(|| unknown_session(id, limits))
}

#[tool_router]
impl SandboxServer {
    #[tool(
        description = "Run a program in a fresh sandbox that is removed afterwards. Answers JSON (exit_code, stdout, stderr, findings, artifacts); plots come back as images, files written to $LLM_SANDBOX_ARTIFACTS as resources. Code that security policy blocks does not run: the findings say why."
    )]
    async fn run_code(
        &self,
        Parameters(args): Parameters<RunCode>,
        context: RequestContext<RoleServer>,
    ) -> Result<CallToolResult, ErrorData> {
        answer(
            async {
                let notifier = self.notifier(&context);
                let table = &self.shared.table;
                let reservation = table.reserve()?;
                let options = self.run_options(args.run, &notifier)?;
                let preset = table.limits().preset.clone();
                let (session, _) = self
                    .open(&args.language, None, &preset, false, &notifier)
                    .await?;
                let outcome = session.run_with(&args.code, options).await;
                // Removing the sandbox takes a round trip to the engine: answer first.
                table.close_later(session, reservation);
                Ok(reply::run_outcome(outcome, None))
            }
            .await,
        )
    }

    #[tool(
        description = "Open a sandbox session that keeps state between calls: in Python, JavaScript and R a live interpreter (variables, imports and functions persist, and a trailing expression's value comes back); in other languages one sandbox whose files persist. Answers JSON with session_id. Close it with close_session when done; unused sessions expire."
    )]
    async fn open_session(
        &self,
        Parameters(args): Parameters<OpenSession>,
        context: RequestContext<RoleServer>,
    ) -> Result<CallToolResult, ErrorData> {
        answer(
            async {
                let notifier = self.notifier(&context);
                let table = &self.shared.table;
                let preset = table.limits().preset(args.preset.as_deref())?;
                let reservation = table.reserve()?;
                let (session, interactive) = self
                    .open(&args.language, args.image, &preset, true, &notifier)
                    .await?;
                let language = session.plugin().name().to_string();
                let owner = self.caller();
                let live = table.insert(
                    reservation,
                    NewSession {
                        session,
                        language,
                        interactive,
                        preset,
                        owner,
                    },
                );
                notifier.log(LoggingLevel::Info, format!("session {} open", live.id));
                Ok(json(&serde_json::json!({
                    "session_id": live.id,
                    "language": live.language,
                    "image": live.image,
                    "interactive": live.interactive,
                    "preset": live.preset,
                    "idle_timeout_secs": table.limits().idle_timeout.as_secs(),
                })))
            }
            .await,
        )
    }

    #[tool(
        description = "Run code in an open session (see open_session). Answers like run_code, for this run only: plots and files of earlier runs are not repeated."
    )]
    async fn run_in_session(
        &self,
        Parameters(args): Parameters<RunInSession>,
        context: RequestContext<RoleServer>,
    ) -> Result<CallToolResult, ErrorData> {
        answer(async {
            let notifier = self.notifier(&context);
            let table = &self.shared.table;
            let in_use = self.use_session(&args.session_id)?;
            let options = self.run_options(args.run, &notifier)?;
            let session = locked(&in_use, &args.session_id, table.limits()).await?;
            in_use.count_run();
            let outcome = session.run_with(&args.code, options).await;
            if outcome.is_err() && !table.is_open(&args.session_id) {
                return Err(format!(
                    "session {:?} was closed while this code ran (close_session, idle expiry or \
                     the server stopping); its sandbox is gone. Open a new one with open_session",
                    args.session_id
                ));
            }
            Ok(reply::run_outcome(outcome, Some(&args.session_id)))
        }
        .await)
    }

    #[tool(description = "Close a session and remove its sandbox (a run in progress is stopped).")]
    async fn close_session(
        &self,
        Parameters(args): Parameters<SessionRef>,
    ) -> Result<CallToolResult, ErrorData> {
        answer(
            async {
                let table = &self.shared.table;
                table.close(&args.session_id, self.caller()).await?;
                Ok(json(
                    &serde_json::json!({ "session_id": args.session_id, "closed": true }),
                ))
            }
            .await,
        )
    }

    #[tool(
        description = "List the open sessions this client can use, with their language, age and idle time."
    )]
    async fn list_sessions(&self) -> Result<CallToolResult, ErrorData> {
        let table = &self.shared.table;
        answer(Ok(json(&serde_json::json!({
            "sessions": table.list(self.caller()),
            "max_sessions": table.limits().max_sessions,
            "idle_timeout_secs": table.limits().idle_timeout.as_secs(),
        }))))
    }

    #[tool(
        description = "Check code against a security preset's policy without running it. Answers JSON: allowed, and the findings (blocking ones say why)."
    )]
    async fn check_code(
        &self,
        Parameters(args): Parameters<CheckCode>,
    ) -> Result<CallToolResult, ErrorData> {
        answer((|| {
            let preset = self.shared.table.limits().preset(args.preset.as_deref())?;
            let registry = self.shared.host.plugins();
            let policy = SecurityPreset::get(&preset)
                .map_err(|e| describe(&e))?
                .policy;
            let plugin = registry
                .language(&args.language)
                .map_err(|e| describe(&e))?;
            let checker = PolicyChecker::new(registry, plugin, &[PolicyConfig::from(&policy)])
                .map_err(|e| describe(&e))?;
            let report = checker
                .check(&args.code, &args.libraries.unwrap_or_default())
                .map_err(|e| describe(&e))?;
            Ok(json(&serde_json::json!({
                "allowed": report.allowed,
                "preset": preset,
                "findings": report.findings,
            })))
        })())
    }

    #[tool(
        description = "List the languages this server runs, with their aliases, images and whether they keep state and capture plots."
    )]
    async fn list_languages(&self) -> Result<CallToolResult, ErrorData> {
        let config = &self.shared.config;
        let languages: Vec<serde_json::Value> = self
            .shared
            .host
            .plugins()
            .languages()
            .iter()
            .map(|plugin| {
                let info = plugin.info();
                serde_json::json!({
                    "name": info.name,
                    "aliases": info.aliases,
                    "extensions": info.extensions,
                    "image": config.image_for(info).unwrap_or_else(|| info.default_image.clone()),
                    "interactive": info.capabilities.interactive,
                    "plots": info.capabilities.plots,
                    "install_packages": info.capabilities.install_packages,
                    "description": info.description,
                })
            })
            .collect();
        answer(Ok(json(&serde_json::json!({ "languages": languages }))))
    }

    #[tool(
        description = "List the security presets, which of them a session may use here, and the server's default."
    )]
    async fn list_presets(&self) -> Result<CallToolResult, ErrorData> {
        answer((|| {
            let limits = self.shared.table.limits();
            let presets: Vec<serde_json::Value> = SecurityPreset::all()
                .map_err(|e| describe(&e))?
                .iter()
                .map(|p| {
                    serde_json::json!({
                        "name": p.name,
                        "description": p.description,
                        "allowed": limits.allowed_presets.contains(&p.name),
                        "default": p.name == limits.preset,
                    })
                })
                .collect();
            Ok(json(&serde_json::json!({ "presets": presets })))
        })())
    }

    #[tool(
        description = "Write a file into a session's sandbox (UTF-8 text, or base64 with base64=true)."
    )]
    async fn upload_file(
        &self,
        Parameters(args): Parameters<UploadFile>,
    ) -> Result<CallToolResult, ErrorData> {
        use base64::Engine as _;
        answer(
            async {
                let limits = self.shared.table.limits();
                let bytes = if args.base64.unwrap_or(false) {
                    base64::engine::general_purpose::STANDARD
                        .decode(args.content.trim())
                        .map_err(|e| format!("content is not valid base64: {e}"))?
                } else {
                    args.content.into_bytes()
                };
                if bytes.len() as u64 > limits.max_file_bytes {
                    return Err(format!(
                        "the file has {} bytes; this server moves at most {}",
                        bytes.len(),
                        limits.max_file_bytes
                    ));
                }
                let in_use = self.use_session(&args.session_id)?;
                let (_dir, staged) = stage(&args.path, &bytes)?;
                let session = locked(&in_use, &args.session_id, limits).await?;
                session
                    .copy_to_runtime(&staged, &args.path)
                    .await
                    .map_err(|e| describe(&e))?;
                Ok(json(
                    &serde_json::json!({ "path": args.path, "bytes": bytes.len() }),
                ))
            }
            .await,
        )
    }

    #[tool(
        description = "Read a file from a session's sandbox; it comes back as an embedded resource (text, or base64 for binary files)."
    )]
    async fn download_file(
        &self,
        Parameters(args): Parameters<DownloadFile>,
    ) -> Result<CallToolResult, ErrorData> {
        answer(async {
            let limits = self.shared.table.limits();
            let in_use = self.use_session(&args.session_id)?;
            let dir = tempfile::tempdir()
                .map_err(|e| format!("cannot make a temporary directory: {e}"))?;
            let dest = dir.path().join("file");
            {
                let session = locked(&in_use, &args.session_id, limits).await?;
                session
                    .copy_from_runtime(&args.path, &dest)
                    .await
                    .map_err(|e| describe(&e))?;
            }
            if dest.is_dir() {
                return Err(format!(
                    "{} is a directory; download_file reads one file (run code that archives it first)",
                    args.path
                ));
            }
            let bytes =
                std::fs::read(&dest).map_err(|e| format!("cannot read the copy: {e}"))?;
            Ok(reply::file(&args.path, bytes))
        }
        .await)
    }
}

/// Write `bytes` to a temporary file named like `path`'s last component (the
/// copy keeps the name); returns the directory (removed on drop) and the file.
fn stage(path: &str, bytes: &[u8]) -> Result<(tempfile::TempDir, PathBuf), String> {
    let name = path
        .rsplit('/')
        .next()
        .filter(|n| !n.is_empty() && *n != "." && *n != "..")
        .ok_or_else(|| format!("{path:?} does not name a file"))?;
    let dir = tempfile::tempdir().map_err(|e| format!("cannot make a temporary directory: {e}"))?;
    let file = dir.path().join(name);
    std::fs::write(&file, bytes).map_err(|e| format!("cannot stage the file: {e}"))?;
    Ok((dir, file))
}

#[tool_handler]
impl ServerHandler for SandboxServer {
    fn get_info(&self) -> ServerConfig {
        let limits = self.shared.table.limits();
        InitializeResult::new(ServerCapabilities::builder().enable_tools().enable_logging().build())
            .with_server_info(Implementation::new("llm-sandbox", env!("CARGO_PKG_VERSION")))
            .with_instructions(format!(
                "Runs code in isolated container sandboxes. run_code for one-off programs; \
                 open_session + run_in_session to keep state between calls (close_session when done; \
                 sessions unused for {} s close by themselves). Security preset: {}. \
                 Plots come back as images.",
                limits.idle_timeout.as_secs(),
                limits.preset
            ))
    }

    async fn initialize(
        &self,
        request: InitializeRequestParams,
        context: RequestContext<RoleServer>,
    ) -> Result<InitializeResult, ErrorData> {
        // A handshake: this connection lives until the client goes, and owns
        // the sessions it opens.
        self.connection.handshake.store(true, Ordering::SeqCst);
        context.peer.set_peer_info(request.clone());
        self.negotiate_initialize(&request)
    }

    async fn set_level(
        &self,
        request: SetLevelRequestParams,
        _context: RequestContext<RoleServer>,
    ) -> Result<(), ErrorData> {
        self.connection.level.set(request.level);
        Ok(())
    }
}
