//! `host`: run untrusted code in a container sandbox from the command line.
//!
//! Exit codes: the program's own exit code for `host run` (124 when it timed
//! out, 126 when security policies refused it and nothing ran); for
//! `host check`, 0 when the code may run and 1 when it is blocked; 125 when
//! the host itself fails (bad arguments, engine unreachable, plugin error…),
//! with a one-line reason on stderr.

/// `println!` that does not panic when standard output is a closed pipe
/// (`host plugins list | head -1`): what does not fit is dropped.
macro_rules! outln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout(), $($arg)*);
    }};
}

mod artifacts_out;
mod backends;
mod check;
mod config;
mod connect;
mod gc;
mod images;
mod kubernetes_args;
mod mcp;
mod plugins;
mod policy_args;
mod presets;
mod progress;
mod repl;
mod run;
mod session_args;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use llm_sandbox_host::BackendKind;

/// Exit code for failures of the host itself (as `docker run` does).
const HOST_FAILURE: u8 = 125;

#[derive(Parser, Debug)]
#[command(
    name = "host",
    version,
    about = "Run untrusted, LLM-generated code in container sandboxes; languages are Wasm plugins."
)]
struct Cli {
    /// More logging on stderr (-v: debug, -vv: trace). RUST_LOG overrides.
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    verbose: u8,

    /// Config file (default: $LLM_SANDBOX_CONFIG, else ~/.config/llm-sandbox/config.toml).
    #[arg(long, global = true, value_name = "FILE")]
    config: Option<PathBuf>,

    /// Backend: docker, podman, micromamba, kubernetes, or auto (the first
    /// of Docker and Podman that answers). Default: the config file's
    /// `backend`, else auto.
    #[arg(long, global = true, env = "LLM_SANDBOX_BACKEND", value_name = "NAME")]
    backend: Option<BackendKind>,

    #[command(flatten)]
    kubernetes: kubernetes_args::KubernetesArgs,

    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Run code in a fresh sandbox and exit with the program's exit code.
    Run(Box<run::RunArgs>),
    /// An interactive session: cells from standard input run one after the
    /// other in one live interpreter, so what a cell defines the next sees.
    Repl(Box<repl::ReplArgs>),
    /// Check code against security policies without running it (exit 1 when blocked).
    Check(Box<check::CheckArgs>),
    /// Security presets: a policy plus container limits.
    #[command(subcommand)]
    Presets(presets::PresetsCommand),
    /// Inspect language plugins.
    #[command(subcommand)]
    Plugins(plugins::PluginsCommand),
    /// Build language images locally (for machines without registry access).
    #[command(subcommand)]
    Images(images::ImagesCommand),
    /// Remove sandboxes left behind by host processes that died.
    Gc(gc::GcArgs),
    /// List every backend: reachable or not, version, endpoint.
    Backends(backends::BackendsArgs),
    /// Serve sandboxes to LLM clients over the Model Context Protocol
    /// (stdio by default; --listen for Streamable HTTP with a bearer token).
    Mcp(Box<mcp::McpArgs>),
}

fn init_tracing(verbose: u8) {
    let default = match verbose {
        0 => "warn",
        1 => "warn,llm_sandbox_host=debug,host=debug",
        _ => "info,llm_sandbox_host=trace,host=trace",
    };
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(default));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_target(false)
        .init();
}

/// Parse the command line; usage errors are host errors too (exit 125, one line).
fn parse() -> Result<Cli, ExitCode> {
    use clap::error::ErrorKind;
    Cli::try_parse().map_err(|e| match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            let _ = e.print();
            ExitCode::SUCCESS
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            // `host` alone: the help, on stderr, as a usage error.
            let _ = e.print();
            ExitCode::from(HOST_FAILURE)
        }
        _ => {
            let text = e.render().to_string();
            let first = text.lines().next().unwrap_or("invalid arguments");
            let first = first.trim_start_matches("error: ");
            eprintln!("host: error: {first} (see `host --help`)");
            ExitCode::from(HOST_FAILURE)
        }
    })
}

fn main() -> ExitCode {
    let cli = match parse() {
        Ok(cli) => cli,
        Err(code) => return code,
    };
    init_tracing(cli.verbose);
    let json = match &cli.command {
        Command::Run(args) => args.session.json,
        Command::Repl(args) => args.session.json,
        Command::Check(args) => args.json,
        Command::Backends(args) => args.json,
        _ => false,
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            return fail(
                &anyhow::anyhow!("cannot start the async runtime: {e}"),
                json,
            );
        }
    };
    let result = runtime.block_on(async {
        let config = config::Config::load(cli.config.as_deref())?;
        let choice = connect::choice(cli.backend, &cli.kubernetes, &config)?;
        match cli.command {
            Command::Run(args) => run::run(*args, &config, &choice).await,
            Command::Repl(args) => repl::main(*args, &config, &choice).await,
            Command::Check(args) => check::main(*args, &config),
            Command::Presets(cmd) => presets::main(cmd, &config),
            Command::Plugins(cmd) => plugins::main(cmd, &config).await,
            Command::Images(cmd) => images::main(cmd, &config, &choice).await,
            Command::Gc(args) => gc::main(args, &choice).await,
            Command::Backends(args) => backends::main(args, &choice).await,
            Command::Mcp(args) => mcp::main(*args, &config, &choice).await,
        }
    });
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) => fail(&e, json),
    }
}

/// Report a failure of the host itself: one line on stderr and, for
/// `--json`, an error object on stdout so machines always get JSON.
fn fail(e: &anyhow::Error, json: bool) -> ExitCode {
    let reason = describe(e);
    eprintln!("host: error: {reason}");
    if json {
        outln!(
            "{}",
            serde_json::json!({ "exit_code": HOST_FAILURE, "error": reason })
        );
    }
    ExitCode::from(HOST_FAILURE)
}

/// An error and its causes on one line, leaving out a cause whose text the
/// message before it already says (library errors keep their sources and
/// usually quote them).
fn describe(e: &anyhow::Error) -> String {
    let mut text = String::new();
    for cause in e.chain() {
        let part = cause.to_string();
        if !text.contains(&part) {
            if !text.is_empty() {
                text.push_str(": ");
            }
            text.push_str(&part);
        }
    }
    text.replace('\n', " ")
}
