//! `host repl`: an interactive session fed from standard input.
//!
//! Cells are separated by a line holding only `%%` (and, when standard input
//! is a terminal, by an empty line too). Every cell runs in the same live
//! interpreter, so what one defines the next sees. A cell's output is
//! streamed; then its value (a trailing expression) is printed on stdout
//! and its error (traceback) on stderr. With `--json`, one JSON object per
//! cell. Exit code: 0 when every cell succeeded, else that of the first
//! that did not (1: it raised, 124: it timed out, 126: policies blocked it),
//! after running them all.

use std::io::{BufRead, IsTerminal, Write};

use clap::Args;
use llm_sandbox_host::{Error, RunOptions, RunResult};

use crate::config::Config;
use crate::policy_args::{source_label, write_findings};
use crate::run::{BLOCKED_EXIT, Interrupts, streaming_sink};
use crate::session_args::{Opened, SessionArgs};

/// What ends a cell.
const SEPARATOR: &str = "%%";

#[derive(Args, Debug)]
pub struct ReplArgs {
    #[command(flatten)]
    pub session: SessionArgs,
}

pub async fn main(
    args: ReplArgs,
    config: &Config,
    choice: &llm_sandbox_host::backend::BackendChoice,
) -> anyhow::Result<u8> {
    let mut interrupts = Interrupts::register()?;
    let json = args.session.json;
    let terminal = std::io::stdin().is_terminal();
    let opened = args
        .session
        .open(config, choice, None, true, &mut interrupts)
        .await?;
    let Opened { session, timeout } = match opened {
        Ok(opened) => opened,
        Err(code) => return Ok(code),
    };
    let (cells, mut receiver) = tokio::sync::mpsc::channel::<String>(1);
    // Standard input is read on a thread of its own (it blocks).
    std::thread::spawn(move || read_cells(terminal, cells));
    let mut libraries = args.session.libs.clone();
    let mut first_failure = 0u8;
    let mut number = 0u64;
    loop {
        if terminal {
            eprint!(">>> ");
        }
        let code = tokio::select! {
            code = receiver.recv() => match code {
                Some(code) => code,
                None => break,
            },
            code = interrupts.next() => {
                session.close().await?;
                return Ok(code);
            }
        };
        number += 1;
        let options = RunOptions {
            libraries: std::mem::take(&mut libraries),
            timeout: Some(timeout),
            on_output: (!json).then(streaming_sink),
            ..Default::default()
        };
        let outcome = tokio::select! {
            outcome = session.run_with(&code, options) => outcome,
            code = interrupts.next() => {
                session.close().await?;
                eprintln!("host: interrupted; the sandbox was removed");
                return Ok(code);
            }
        };
        let exit = match outcome {
            Ok(result) => {
                let written = args
                    .session
                    .artifacts
                    .write(&result, &format!("cell-{number}-"))?;
                report(
                    &result,
                    number,
                    json,
                    &written,
                    args.session.artifacts.artifacts_base64,
                )?
            }
            Err(Error::PolicyViolation { findings }) => {
                if json {
                    let value = serde_json::json!({
                        "cell": number,
                        "exit_code": BLOCKED_EXIT,
                        "blocked": true,
                        "findings": findings,
                    });
                    outln!("{value}");
                } else {
                    let label = source_label(None);
                    let _ = write_findings(&mut std::io::stderr(), &findings, &label);
                    eprintln!("host: cell {number} blocked by security policy; it did not run");
                }
                BLOCKED_EXIT
            }
            Err(e) => {
                session.close().await?;
                return Err(e.into());
            }
        };
        if first_failure == 0 {
            first_failure = exit;
        }
    }
    session.close().await?;
    Ok(first_failure)
}

/// Print a cell's value and error; its exit code, as a process's.
fn report(
    result: &RunResult,
    number: u64,
    json: bool,
    written: &[std::path::PathBuf],
    base64: bool,
) -> anyhow::Result<u8> {
    if json {
        let mut value = crate::artifacts_out::result_json(result, written, base64)?;
        value["cell"] = number.into();
        outln!("{value}");
    } else {
        let mut out = std::io::stdout().lock();
        if let Some(value) = &result.value {
            writeln!(out, "{value}")?;
        }
        out.flush()?;
        if let Some(error) = &result.error {
            let text = if error.traceback.is_empty() {
                format!("{}: {}", error.name, error.value)
            } else {
                error.traceback.trim_end().to_string()
            };
            eprintln!("{text}");
            if error.name == "Timeout" {
                eprintln!("host: {}", error.value);
            }
        }
        if result.state_lost {
            eprintln!("host: the kernel was restarted; what earlier cells defined is gone");
        }
        if !result.findings.is_empty() {
            let _ = write_findings(&mut std::io::stderr(), &result.findings, "<cell>");
        }
    }
    Ok(u8::try_from(result.exit_code).unwrap_or(1))
}

/// Read cells from standard input and send them on; ends at end of input.
fn read_cells(terminal: bool, cells: tokio::sync::mpsc::Sender<String>) {
    let stdin = std::io::stdin();
    let mut cell = String::new();
    let send = |cell: &mut String| {
        let code = std::mem::take(cell);
        !code.trim().is_empty() && cells.blocking_send(code).is_err()
    };
    for line in stdin.lock().lines() {
        let Ok(line) = line else { break };
        let ends = line.trim_end() == SEPARATOR || (terminal && line.trim().is_empty());
        if ends {
            if send(&mut cell) {
                return;
            }
        } else {
            cell.push_str(&line);
            cell.push('\n');
        }
    }
    send(&mut cell);
}
