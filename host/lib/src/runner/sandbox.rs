//! [`RunnerSandbox`]: a sandbox whose steps and file writes go through the
//! runner, with the sandbox below it as the fallback for everything else.

use std::path::Path;
use std::sync::Arc;

use async_trait::async_trait;
use llm_sandbox_runner::{FileHeader, Kind, WriteRequest, write_body};

use super::binary::{self, FALLBACK_PATH, SANDBOX_PATH};
use super::channel::{Channel, Closed};
use super::live::LiveProcess;
use super::run::{Sent, run_steps};
use crate::archive::ExtractLimits;
use crate::backend::{ExecOutput, ExecSpec, ExecUser, Process, ProcessSpec, Sandbox};
use crate::error::Result;
use crate::plan::SandboxFile;

/// How often a runner that died is started again before the session gives
/// up on it (a program that kills it every time gains nothing).
const RESTARTS: u32 = 3;

/// Writes larger than this go through the engine.
const WRITE_LIMIT: usize = 32 << 20;

/// A sandbox with the runner in front.
pub(crate) struct RunnerSandbox {
    inner: Arc<dyn Sandbox>,
    link: tokio::sync::Mutex<Link>,
}

/// The state of the runner of one sandbox.
struct Link {
    state: State,
    /// Where the runner binary is in the sandbox, once placed.
    path: Option<&'static str>,
    restarts_left: u32,
}

enum State {
    /// Being placed and started in the background.
    Starting(tokio::task::JoinHandle<std::result::Result<(Channel, &'static str), Closed>>),
    /// Running.
    Up(Arc<Channel>),
    /// Not usable here: every step is one exec of the sandbox below.
    Off,
}

impl RunnerSandbox {
    /// Wrap `inner` and start its runner in the background: `mounted` says
    /// whether the binary is already at [`SANDBOX_PATH`] (bind-mounted at
    /// creation); otherwise it is copied in first.
    pub(crate) fn start(inner: Box<dyn Sandbox>, mounted: bool) -> Self {
        let inner: Arc<dyn Sandbox> = Arc::from(inner);
        let placed = mounted.then_some(SANDBOX_PATH);
        let task = tokio::spawn(place_and_open(inner.clone(), placed));
        RunnerSandbox {
            inner,
            link: tokio::sync::Mutex::new(Link {
                state: State::Starting(task),
                path: placed,
                restarts_left: RESTARTS,
            }),
        }
    }

    /// The runner's channel, starting (or restarting) it if needed; `None`
    /// when steps must run one exec each.
    async fn channel(&self) -> Option<Arc<Channel>> {
        let mut link = self.link.lock().await;
        loop {
            match &mut link.state {
                State::Starting(task) => {
                    let started = task
                        .await
                        .unwrap_or_else(|e| Err(format!("its start failed: {e}")));
                    link.state = match started {
                        Ok((channel, path)) => {
                            link.path = Some(path);
                            State::Up(Arc::new(channel))
                        }
                        Err(why) => {
                            tracing::info!(
                                sandbox = self.inner.id(),
                                "the in-sandbox runner is not available ({why}); each step runs as one exec"
                            );
                            State::Off
                        }
                    };
                }
                State::Up(channel) => match channel.closed() {
                    None => return Some(channel.clone()),
                    Some(why) if link.restarts_left > 0 => {
                        link.restarts_left -= 1;
                        tracing::info!(
                            sandbox = self.inner.id(),
                            "the in-sandbox runner stopped ({why}); starting it again"
                        );
                        let task = tokio::spawn(place_and_open(self.inner.clone(), link.path));
                        link.state = State::Starting(task);
                    }
                    Some(why) => {
                        tracing::info!(
                            sandbox = self.inner.id(),
                            "the in-sandbox runner stopped again ({why}); each step now runs as one exec"
                        );
                        link.state = State::Off;
                    }
                },
                State::Off => return None,
            }
        }
    }

    /// Start a long-running process with a control channel (descriptors 3
    /// and 4, see [`LiveProcess`]): an interactive kernel. The error says
    /// why the runner cannot do it here.
    pub(crate) async fn start_live(
        &self,
        argv: Vec<String>,
        env: Vec<(String, String)>,
        workdir: Option<String>,
    ) -> std::result::Result<LiveProcess, Closed> {
        let channel = self.channel().await.ok_or_else(|| {
            "the in-sandbox runner is not available in this sandbox (run with -v to see why)"
                .to_string()
        })?;
        LiveProcess::start(channel, argv, env, workdir).await
    }

    /// Close the runner's channel (the runner exits, killing what it runs).
    async fn close_channel(&self) {
        let mut link = self.link.lock().await;
        if let State::Starting(task) = &link.state {
            task.abort();
        }
        if let State::Up(channel) = &link.state {
            channel.close("the sandbox is being removed".into());
        }
        link.state = State::Off;
    }

    /// The steps one exec each, on the sandbox below.
    async fn exec_each(&self, specs: Vec<ExecSpec>) -> Result<Vec<ExecOutput>> {
        let mut outputs = Vec::with_capacity(specs.len());
        for spec in specs {
            let out = self.inner.exec(spec).await?;
            let failed = out.exit_code != 0;
            outputs.push(out);
            if failed {
                break;
            }
        }
        Ok(outputs)
    }
}

/// Put the runner in the sandbox (unless it is there) and start it.
async fn place_and_open(
    inner: Arc<dyn Sandbox>,
    placed: Option<&'static str>,
) -> std::result::Result<(Channel, &'static str), Closed> {
    let path = match placed {
        Some(path) => path,
        None => copy_in(inner.as_ref()).await?,
    };
    Ok((Channel::open(inner.as_ref(), path).await?, path))
}

/// Copy the runner binary into the sandbox: at [`SANDBOX_PATH`], or where
/// a user who may not write there can ([`FALLBACK_PATH`]).
async fn copy_in(inner: &dyn Sandbox) -> std::result::Result<&'static str, Closed> {
    let mut why = String::new();
    for path in [SANDBOX_PATH, FALLBACK_PATH] {
        let file = SandboxFile {
            path: path.to_string(),
            contents: binary::bytes().to_vec(),
            mode: 0o755,
        };
        match inner.write_files(&[file]).await {
            Ok(()) => return Ok(path),
            Err(e) => why = format!("it could not be copied in: {e}"),
        }
    }
    Err(why)
}

#[async_trait]
impl Sandbox for RunnerSandbox {
    fn id(&self) -> &str {
        self.inner.id()
    }

    fn image(&self) -> &str {
        self.inner.image()
    }

    fn can_run_as_root(&self) -> bool {
        self.inner.can_run_as_root()
    }

    async fn spawn(&self, spec: ProcessSpec) -> Result<Process> {
        self.inner.spawn(spec).await
    }

    async fn exec(&self, spec: ExecSpec) -> Result<ExecOutput> {
        if spec.user != ExecUser::Sandbox {
            return self.inner.exec(spec).await;
        }
        let mut outputs = self.exec_all(vec![spec]).await?;
        Ok(outputs.pop().unwrap_or_default())
    }

    async fn exec_all(&self, specs: Vec<ExecSpec>) -> Result<Vec<ExecOutput>> {
        // The runner runs as the sandbox's user; anything else is an exec.
        if specs.iter().any(|s| s.user != ExecUser::Sandbox) {
            return self.exec_each(specs).await;
        }
        let Some(channel) = self.channel().await else {
            return self.exec_each(specs).await;
        };
        match run_steps(&channel, self.inner.as_ref(), specs).await {
            Sent::Ran(result) => result,
            Sent::NotSent(specs, why) => {
                tracing::debug!("the runner did not take the steps ({why}); running them as execs");
                self.exec_each(specs).await
            }
        }
    }

    async fn write_files(&self, files: &[SandboxFile]) -> Result<()> {
        let total: usize = files.iter().map(|f| f.contents.len()).sum();
        if files.is_empty() || total > WRITE_LIMIT {
            return self.inner.write_files(files).await;
        }
        if let Some(channel) = self.channel().await {
            let header = WriteRequest {
                files: files
                    .iter()
                    .map(|f| FileHeader {
                        path: f.path.clone(),
                        mode: f.mode,
                        size: f.contents.len() as u64,
                    })
                    .collect(),
            };
            let contents: Vec<&[u8]> = files.iter().map(|f| f.contents.as_slice()).collect();
            let answer = match channel
                .request(Kind::Write, &write_body(&header, &contents))
                .await
            {
                Ok((_, mut replies)) => replies.next().await,
                Err(why) => Err(why),
            };
            match answer {
                Ok(frame) if frame.kind == Kind::Written => return Ok(()),
                // Not the runner's user's to write (system paths): the engine's
                // own transport may be able to.
                Ok(frame) => tracing::debug!(
                    "the runner could not write the files ({}); using the engine",
                    String::from_utf8_lossy(&frame.body)
                ),
                Err(why) => {
                    tracing::debug!("the runner is gone ({why}); writing through the engine")
                }
            }
        }
        self.inner.write_files(files).await
    }

    async fn copy_in(&self, source: &Path, dest: &str) -> Result<()> {
        self.inner.copy_in(source, dest).await
    }

    async fn copy_out(&self, source: &str, dest: &Path, limits: &ExtractLimits) -> Result<u64> {
        self.inner.copy_out(source, dest, limits).await
    }

    async fn archive_out(&self, source: &str) -> Result<crate::backend::ByteStream> {
        self.inner.archive_out(source).await
    }

    async fn remove(&self) -> Result<()> {
        self.close_channel().await;
        self.inner.remove().await
    }

    fn remove_blocking(&self) {
        self.inner.remove_blocking();
    }
}
