//! `host run`: one program in a fresh sandbox.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{Context, bail};
use clap::Args;
use llm_sandbox_host::backend::{OutputSink, OutputStream};
use llm_sandbox_host::{Error, LanguagePlugin, PluginRegistry, RunOptions};

use crate::config::Config;
use crate::policy_args::{source_label, write_findings};
use crate::session_args::{Opened, SessionArgs};

/// Exit code when the program runs out of time (as `timeout(1)`).
const TIMEOUT_EXIT: u8 = 124;

/// Exit code when security policies refuse the code (nothing ran), as a
/// shell's "cannot execute".
pub const BLOCKED_EXIT: u8 = 126;

#[derive(Args, Debug)]
pub struct RunArgs {
    /// Source file to run (`-` reads the code from stdin). The language comes
    /// from its extension unless --lang is given.
    #[arg(value_name = "FILE", conflicts_with = "code")]
    file: Option<PathBuf>,

    /// Code to run, instead of a file.
    #[arg(long, short = 'c')]
    code: Option<String>,

    /// File given to the program as its standard input.
    #[arg(long, value_name = "FILE")]
    stdin: Option<PathBuf>,

    #[command(flatten)]
    pub session: SessionArgs,

    /// Arguments for the program (after `--`).
    #[arg(last = true)]
    args: Vec<String>,
}

/// The code and the language hint from `--code` or FILE (`-` = stdin).
pub fn read_source(
    code: Option<&str>,
    file: Option<&Path>,
) -> anyhow::Result<(String, Option<PathBuf>)> {
    match (code, file) {
        (Some(code), _) => Ok((code.to_string(), None)),
        (None, Some(file)) if file.as_os_str() == "-" => {
            let mut code = String::new();
            std::io::stdin()
                .read_to_string(&mut code)
                .context("cannot read the code from stdin")?;
            Ok((code, None))
        }
        (None, Some(file)) => {
            let code = std::fs::read_to_string(file)
                .with_context(|| format!("cannot read {}", file.display()))?;
            Ok((code, Some(file.to_path_buf())))
        }
        (None, None) => bail!("nothing to run: give a FILE, `-` for stdin, or --code CODE"),
    }
}

pub fn streaming_sink() -> OutputSink {
    Arc::new(|stream, bytes| {
        // Write errors (closed pipe) must not kill the run.
        let _ = match stream {
            OutputStream::Stdout => {
                let mut out = std::io::stdout().lock();
                out.write_all(bytes).and_then(|()| out.flush())
            }
            OutputStream::Stderr => {
                let mut err = std::io::stderr().lock();
                err.write_all(bytes).and_then(|()| err.flush())
            }
        };
    })
}

/// The language plugin for `--lang`, else for the file's extension.
pub fn pick_language(
    registry: &PluginRegistry,
    lang: Option<&str>,
    file: Option<&Path>,
) -> anyhow::Result<Arc<LanguagePlugin>> {
    Ok(match (lang, file) {
        (Some(lang), _) => registry.language(lang)?,
        (None, Some(file)) => registry.for_file(file)?,
        (None, None) => bail!("which language? pass --lang (e.g. --lang python)"),
    })
}

/// SIGINT (Ctrl-C) and SIGTERM listeners, registered once up front so that
/// no signal is lost between the phases of a run.
pub struct Interrupts {
    int: tokio::signal::unix::Signal,
    term: tokio::signal::unix::Signal,
}

impl Interrupts {
    pub fn register() -> anyhow::Result<Self> {
        use tokio::signal::unix::{SignalKind, signal};
        Ok(Interrupts {
            int: signal(SignalKind::interrupt()).context("cannot listen for SIGINT")?,
            term: signal(SignalKind::terminate()).context("cannot listen for SIGTERM")?,
        })
    }

    /// Resolves with the conventional exit code: 130 for SIGINT, 143 for SIGTERM.
    pub async fn next(&mut self) -> u8 {
        tokio::select! {
            _ = self.int.recv() => 130,
            _ = self.term.recv() => 143,
        }
    }
}

pub async fn run(
    args: RunArgs,
    config: &Config,
    choice: &llm_sandbox_host::backend::BackendChoice,
) -> anyhow::Result<u8> {
    let mut interrupts = Interrupts::register()?;
    let (code, file) = read_source(args.code.as_deref(), args.file.as_deref())?;
    let stdin = args
        .stdin
        .as_ref()
        .map(|p| std::fs::read(p).with_context(|| format!("cannot read {}", p.display())))
        .transpose()?;
    let json = args.session.json;
    let opened = args
        .session
        .open(config, choice, file.as_deref(), false, &mut interrupts)
        .await?;
    let Opened { session, timeout } = match opened {
        Ok(opened) => opened,
        Err(code) => return Ok(code),
    };
    let options = RunOptions {
        libraries: args.session.libs.clone(),
        args: args.args.clone(),
        stdin,
        timeout: Some(timeout),
        on_output: (!json).then(streaming_sink),
    };
    let result = tokio::select! {
        result = session.run_with(&code, options) => result,
        code = interrupts.next() => {
            session.close().await?;
            eprintln!("host: interrupted; the sandbox was removed");
            return Ok(code);
        }
    };
    if let Err(e) = session.close().await {
        // The run's outcome matters more; the container is retried on drop.
        tracing::warn!("could not remove the sandbox: {e}");
    }
    let result = match result {
        Err(llm_sandbox_host::Error::Timeout {
            timeout,
            stdout,
            stderr,
        }) => {
            let message = format!("the program timed out after {:.1}s", timeout.as_secs_f64());
            if json {
                let value = serde_json::json!({
                    "exit_code": TIMEOUT_EXIT,
                    "timed_out": true,
                    "stdout": stdout,
                    "stderr": stderr,
                    "error": message,
                });
                outln!("{value}");
            } else {
                eprintln!("host: {message}");
            }
            return Ok(TIMEOUT_EXIT);
        }
        Err(Error::PolicyViolation { findings }) => {
            if json {
                let value = serde_json::json!({
                    "exit_code": BLOCKED_EXIT,
                    "blocked": true,
                    "findings": findings,
                    "error": "blocked by security policy; nothing was run",
                });
                outln!("{value}");
            } else {
                let _ = write_findings(
                    &mut std::io::stderr(),
                    &findings,
                    &source_label(file.as_deref()),
                );
                eprintln!("host: blocked by security policy; nothing was run");
            }
            return Ok(BLOCKED_EXIT);
        }
        other => other?,
    };
    let written = args.session.artifacts.write(&result, "")?;
    if json {
        let value = crate::artifacts_out::result_json(
            &result,
            &written,
            args.session.artifacts.artifacts_base64,
        )?;
        outln!("{value}");
    } else if !result.findings.is_empty() {
        let label = source_label(file.as_deref());
        let _ = write_findings(&mut std::io::stderr(), &result.findings, &label);
    }
    // Exit codes outside 0..=255 (or negative) cannot be passed on as is.
    Ok(u8::try_from(result.exit_code).unwrap_or(1))
}
