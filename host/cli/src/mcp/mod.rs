//! `host mcp`: the sandbox as a Model Context Protocol server, for LLM
//! clients, over stdio (the default) or Streamable HTTP with a bearer token.
//!
//! One module per part: [`settings`] (the `[mcp]` config table and the
//! limits), [`sessions`] (open sessions, owners, expiry), [`tools`] (the
//! tools and the MCP handler), [`reply`] (results as MCP content),
//! [`notify`] (progress and log messages), [`http`] (the HTTP transport).

pub mod http;
pub mod notify;
pub mod reply;
pub mod sessions;
pub mod settings;
pub mod tools;

use std::path::PathBuf;
use std::sync::Arc;

use anyhow::Context;
use clap::Args;
use llm_sandbox_host::SandboxHost;
use rmcp::ServiceExt;

use crate::config::Config;
use crate::run::Interrupts;
use sessions::SessionTable;
use settings::Limits;
use tools::{SandboxServer, Shared};

/// Where HTTP clients' bearer token may come from besides a file.
const TOKEN_ENV: &str = "LLM_SANDBOX_MCP_TOKEN";

#[derive(Args, Debug)]
pub struct McpArgs {
    /// Serve Streamable HTTP on this address (e.g. 127.0.0.1:8765; port 0
    /// picks a free one) instead of stdio. Clients must send the bearer token.
    #[arg(long, value_name = "ADDR")]
    listen: Option<String>,

    /// File holding the bearer token for HTTP (else $LLM_SANDBOX_MCP_TOKEN,
    /// else the config file's `[mcp] token_file`).
    #[arg(long, value_name = "FILE")]
    token_file: Option<PathBuf>,

    /// Accept this `Host` header over HTTP besides the loopback names
    /// (repeatable; needed when clients reach the server by another name).
    #[arg(long = "allow-host", value_name = "NAME")]
    allowed_hosts: Vec<String>,

    /// Security preset of every session (default: `[mcp] preset`, else production).
    #[arg(long, value_name = "NAME")]
    preset: Option<String>,

    /// Most sessions open at once, over all clients (default: `[mcp] max_sessions`, else 32).
    #[arg(long, value_name = "N")]
    max_sessions: Option<usize>,

    /// Close sessions unused for this many seconds (default: `[mcp] idle_timeout_secs`, else 600).
    #[arg(long, value_name = "SECS")]
    idle_timeout: Option<u64>,

    /// Load a language plugin from a .wasm component (repeatable).
    #[arg(long = "plugin", value_name = "FILE.wasm")]
    plugins: Vec<PathBuf>,
}

pub async fn main(
    args: McpArgs,
    config: &Config,
    choice: &llm_sandbox_host::backend::BackendChoice,
) -> anyhow::Result<u8> {
    let mut section = config.mcp.clone();
    section.preset = args.preset.clone().or(section.preset);
    section.max_sessions = args.max_sessions.or(section.max_sessions);
    section.idle_timeout_secs = args.idle_timeout.or(section.idle_timeout_secs);
    let limits = Limits::resolve(&section, config.preset.as_deref())?;
    let listen = args.listen.clone().or(section.listen.clone());
    // Before anything slow: an HTTP server without a token does not start.
    let token = match &listen {
        Some(_) => Some(token(
            args.token_file.as_ref().or(section.token_file.as_ref()),
        )?),
        None => None,
    };
    let mut interrupts = Interrupts::register()?;
    let registry = crate::plugins::load_registry(&args.plugins, config)?;
    let backend = crate::connect::connect(choice).await?;
    let host = SandboxHost::new(registry, backend);
    let table = Arc::new(SessionTable::new(limits.clone()));
    table.spawn_reaper();
    let shared = Arc::new(Shared::new(host.clone(), config.clone(), table.clone()));
    for (language, &size) in &section.warm_sandboxes {
        shared
            .keep_warm(language, size)
            .map_err(|e| anyhow::anyhow!("config [mcp] warm_sandboxes: {e}"))?;
    }
    tracing::info!(preset = %limits.preset, max_sessions = limits.max_sessions, "MCP server starting");
    let outcome = match (listen, token) {
        (Some(address), Some(token)) => {
            let mut hosts = section.allowed_hosts.clone();
            hosts.extend(args.allowed_hosts.iter().cloned());
            let options = http::HttpOptions {
                address,
                token,
                allowed_hosts: hosts,
                keep_alive: limits.idle_timeout + limits.max_timeout,
            };
            http::serve(options, shared, &mut interrupts).await
        }
        _ => stdio(shared, &mut interrupts).await,
    };
    // However it ended, no sandbox outlives the server.
    host.drain_pools().await;
    let closed = table.close_all().await;
    if closed > 0 {
        tracing::info!(closed, "closed the remaining sessions");
    }
    outcome
}

/// Serve one client on standard input and output until it goes (end of
/// input) or a signal comes.
async fn stdio(shared: Arc<Shared>, interrupts: &mut Interrupts) -> anyhow::Result<u8> {
    let server = SandboxServer::new(shared);
    let serving = tokio::select! {
        serving = server.serve(rmcp::transport::stdio()) => serving,
        code = interrupts.next() => return Ok(code),
    };
    let running = match serving {
        Ok(running) => running,
        // The client left before or during the handshake: nothing to serve.
        Err(e) => {
            tracing::info!("no MCP client on stdin: {e}");
            return Ok(0);
        }
    };
    tokio::select! {
        quit = running.waiting() => {
            tracing::info!("client ended the session: {quit:?}");
            Ok(0)
        }
        code = interrupts.next() => Ok(code),
    }
}

/// The bearer token: from `file`, else the environment; refuses short ones.
fn token(file: Option<&PathBuf>) -> anyhow::Result<String> {
    let token = match file {
        Some(path) => std::fs::read_to_string(path)
            .with_context(|| format!("cannot read the token file {}", path.display()))?,
        None => std::env::var(TOKEN_ENV).map_err(|_| {
            anyhow::anyhow!(
                "MCP over HTTP needs a bearer token: pass --token-file FILE, set {TOKEN_ENV}, \
                 or set `token_file` in the config's [mcp] table (e.g. `openssl rand -hex 32 > token`)"
            )
        })?,
    };
    let token = token.trim().to_string();
    if token.len() < 16 || token.chars().any(|c| c.is_whitespace() || c.is_control()) {
        anyhow::bail!(
            "the bearer token must be at least 16 characters without spaces (e.g. `openssl rand -hex 32`)"
        );
    }
    Ok(token)
}
