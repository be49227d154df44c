//! Running code and commands in an open session.

use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Instant;

use super::artifacts::ArtifactDir;
use super::result::decode;
use super::{RunOptions, RunResult, Session, tail};
use crate::backend::{ExecSpec, OutputSink, OutputStream};
use crate::error::{Error, Result};
use crate::plan::{Step, StepKind, validate_step};
use crate::policy::PolicyMode;

impl Session {
    /// Run `code`, installing `libraries` first.
    pub async fn run(&self, code: &str, libraries: &[&str]) -> Result<RunResult> {
        let options = RunOptions {
            libraries: libraries.iter().map(|s| (*s).to_string()).collect(),
            ..Default::default()
        };
        self.run_with(code, options).await
    }

    /// Run `code` with full options.
    pub async fn run_with(&self, code: &str, options: RunOptions) -> Result<RunResult> {
        self.ensure_open()?;
        let result = self.run_inner(code, options).await;
        self.check_not_expired(result)
    }

    async fn run_inner(&self, code: &str, options: RunOptions) -> Result<RunResult> {
        let started = Instant::now();
        // Policies see the code and the packages before anything executes.
        let report = self.checker.check(code, &options.libraries)?;
        if !report.allowed && self.config.policy_mode == PolicyMode::Enforce {
            return Err(Error::PolicyViolation {
                findings: report.findings,
            });
        }
        if !options.libraries.is_empty() {
            self.install(&options.libraries, options.on_output.clone())
                .await?;
        }
        if let (Some(kernel), Some(runner)) = (&self.kernel, &self.runner) {
            let timeout = options.timeout.or(self.config.run_timeout());
            let limit = crate::backend::process::output_limit(self.config.output_limit);
            let cell = kernel
                .run_cell(runner, code, timeout, options.on_output, limit)
                .await?;
            let collected = match &self.kernel_artifacts {
                Some(dir) => {
                    let collected = dir.collect(self.sandbox.as_ref()).await;
                    // Empty again for the next cell.
                    dir.reset(self.sandbox.as_ref()).await?;
                    collected
                }
                None => Default::default(),
            };
            let encoding = self.config.output_encoding;
            return Ok(RunResult {
                exit_code: cell.exit_code,
                stdout: decode(&cell.stdout.data, encoding, "stdout")?,
                stderr: decode(&cell.stderr.data, encoding, "stderr")?,
                truncated: cell.stdout.truncated || cell.stderr.truncated,
                failed_step: (cell.exit_code != 0).then_some(StepKind::Run),
                duration: started.elapsed(),
                findings: report.findings,
                value: cell.value,
                error: cell.error,
                state_lost: cell.state_lost,
                artifacts: collected.artifacts,
                artifact_notes: collected.notes,
            });
        }
        let run_id = format!("r{}", self.runs.fetch_add(1, Ordering::Relaxed) + 1);
        let artifacts = (self.config.artifacts.as_ref())
            .map(|o| ArtifactDir::new(o, &self.config.workdir, &run_id));
        let plots = artifacts.as_ref().and_then(ArtifactDir::plots);
        let plan = self
            .plugin
            .plan(&self.ctx, code, &run_id, &options.args, plots.as_ref())?;
        self.sandbox.write_files(&plan.files).await?;
        let timeout = options.timeout.or(self.config.run_timeout());
        let artifacts_env = artifacts.as_ref().and_then(ArtifactDir::env);
        let outputs = match self.fork_server.as_ref() {
            Some(server) if plan.steps.iter().any(|step| server.takes(step)) => {
                if let Some(dir) = &artifacts {
                    let prepared = self.sandbox.exec(dir.prepare()).await?;
                    check_prepared(&prepared)?;
                }
                self.run_with_server(server, &plan.steps, artifacts_env, timeout, options)
                    .await?
            }
            _ => {
                let mut stdin = options.stdin;
                let mut specs: Vec<ExecSpec> = plan
                    .steps
                    .iter()
                    .map(|step| {
                        self.run_step_spec(
                            step,
                            timeout,
                            &artifacts_env,
                            &options.on_output,
                            &mut stdin,
                        )
                    })
                    .collect();
                if let Some(dir) = &artifacts {
                    specs.insert(0, dir.prepare());
                }
                // All the steps at once: the runner takes them as one
                // request and stops at the first that fails.
                let mut outputs = self.sandbox.exec_all(specs).await?;
                if artifacts.is_some() {
                    check_prepared(&outputs.remove(0))?;
                }
                outputs
            }
        };
        let mut result = RunResult::default();
        for (step, out) in plan.steps.iter().zip(&outputs) {
            result.append(step.kind, out, self.config.output_encoding)?;
        }
        if let Some(dir) = &artifacts {
            let collected = dir.collect(self.sandbox.as_ref()).await;
            result.artifacts = collected.artifacts;
            result.artifact_notes = collected.notes;
            dir.discard(self.sandbox.as_ref()).await;
        }
        result.duration = started.elapsed();
        result.findings = report.findings;
        Ok(result)
    }

    /// Run `steps` in order, stopping at the first that fails: those the
    /// fork server takes through it, the others (and those it turns down)
    /// the normal way, one at a time.
    async fn run_with_server(
        &self,
        server: &super::fork_server::ForkServer,
        steps: &[Step],
        artifacts_env: Option<(String, String)>,
        timeout: Option<std::time::Duration>,
        options: RunOptions,
    ) -> Result<Vec<crate::backend::ExecOutput>> {
        let limit = crate::backend::process::output_limit(self.config.output_limit);
        let mut stdin = options.stdin;
        let mut outputs = Vec::with_capacity(steps.len());
        for step in steps {
            // Only the first run step reads the caller's input, which the
            // runner feeds.
            let reads_stdin = step.kind == StepKind::Run && stdin.is_some();
            let mut served = None;
            if !reads_stdin && server.takes(step) {
                let mut step = step.clone();
                step.workdir
                    .get_or_insert_with(|| self.config.workdir.clone());
                step.env.extend(artifacts_env.clone());
                if let super::fork_server::Served::Ran(result) = server
                    .serve(&step, timeout, options.on_output.clone(), limit)
                    .await
                {
                    served = Some(result?);
                }
            }
            let out = match served {
                Some(out) => out,
                None => {
                    let spec = self.run_step_spec(
                        step,
                        timeout,
                        &artifacts_env,
                        &options.on_output,
                        &mut stdin,
                    );
                    self.sandbox.exec(spec).await?
                }
            };
            let failed = out.exit_code != 0;
            outputs.push(out);
            if failed {
                break;
            }
        }
        Ok(outputs)
    }

    /// A plan's step as the normal way runs it: the session's spec, the
    /// artifacts directory's variable, the caller's output sink, and the
    /// caller's input for the first run step (which takes it from `stdin`).
    fn run_step_spec(
        &self,
        step: &Step,
        timeout: Option<std::time::Duration>,
        artifacts_env: &Option<(String, String)>,
        on_output: &Option<OutputSink>,
        stdin: &mut Option<Vec<u8>>,
    ) -> ExecSpec {
        let mut spec = self.exec_spec(step, timeout);
        spec.env.extend(artifacts_env.clone());
        spec.on_output = on_output.clone();
        if step.kind == StepKind::Run
            && let Some(input) = stdin.take()
        {
            spec.stdin = Some(Box::new(std::io::Cursor::new(input)));
        }
        spec
    }

    async fn install(&self, packages: &[String], on_output: Option<OutputSink>) -> Result<()> {
        // Package-manager chatter is diagnostics, not the program's output:
        // stream all of it as stderr so callers' stdout stays clean.
        let on_output = on_output.map(|sink| -> OutputSink {
            Arc::new(move |_, bytes: &[u8]| sink(OutputStream::Stderr, bytes))
        });
        let specs = self
            .plugin
            .install(&self.ctx, packages)?
            .iter()
            .map(|step| {
                let mut spec = self.exec_spec(step, self.config.install_timeout);
                spec.on_output = on_output.clone();
                spec
            })
            .collect();
        match self.sandbox.exec_all(specs).await?.pop() {
            Some(out) if out.exit_code != 0 => Err(Error::InstallFailed {
                packages: packages.join(" "),
                exit_code: out.exit_code,
                stderr: tail(&out.stderr),
            }),
            _ => Ok(()),
        }
    }

    /// Run a shell command line (`sh -c COMMAND`) in the work dir.
    pub async fn execute_command(&self, command: &str) -> Result<RunResult> {
        self.execute(&["sh", "-c", command], None).await
    }

    /// Run shell command lines in order, each in its own work dir (`None` =
    /// the session's). Stops at the first that fails; returns the results
    /// of those that ran.
    pub async fn execute_commands(
        &self,
        commands: &[(&str, Option<&str>)],
    ) -> Result<Vec<RunResult>> {
        let mut results = Vec::with_capacity(commands.len());
        for (command, workdir) in commands {
            let result = self.execute(&["sh", "-c", command], *workdir).await?;
            let failed = !result.success();
            results.push(result);
            if failed {
                break;
            }
        }
        Ok(results)
    }

    /// Run `argv` (no shell) in `workdir` (default: the session's work dir).
    pub async fn execute(&self, argv: &[&str], workdir: Option<&str>) -> Result<RunResult> {
        self.ensure_open()?;
        let step = Step {
            kind: StepKind::Run,
            argv: argv.iter().map(|s| (*s).to_string()).collect(),
            workdir: workdir.map(str::to_string),
            env: vec![],
        };
        validate_step(&step).map_err(Error::InvalidConfig)?;
        let spec = self.exec_spec(&step, self.config.default_timeout);
        let out = self.sandbox.exec(spec).await;
        let out = self.check_not_expired(out)?;
        let mut result = RunResult::default();
        result.append(StepKind::Run, &out, self.config.output_encoding)?;
        result.duration = out.duration;
        Ok(result)
    }
}

/// The outcome of making a run's artifacts directory.
fn check_prepared(prepared: &crate::backend::ExecOutput) -> Result<()> {
    if prepared.exit_code != 0 {
        return Err(Error::in_sandbox(
            "make the run's artifacts directory",
            &prepared.stderr,
        ));
    }
    Ok(())
}
