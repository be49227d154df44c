//! A long-running process with a control channel, through the runner: what
//! an interactive session's kernel runs as.

use std::sync::Arc;

use llm_sandbox_runner::{Kind, RunRequest, SignalRequest, StepEnd, StepRequest};

use super::channel::{Channel, Closed, Replies};

/// What the process did next.
#[derive(Debug)]
pub(crate) enum LiveEvent {
    /// It wrote to its standard output.
    Stdout(Vec<u8>),
    /// It wrote to its standard error.
    Stderr(Vec<u8>),
    /// It wrote to its control output (descriptor 4).
    Control(Vec<u8>),
    /// It ended, with this exit code.
    Ended(i64),
    /// The runner is gone; so is the process.
    Lost(Closed),
}

/// A process started with a control channel; killed when dropped.
pub(crate) struct LiveProcess {
    channel: Arc<Channel>,
    id: u64,
    replies: Replies,
    ended: bool,
}

impl std::fmt::Debug for LiveProcess {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LiveProcess").field("id", &self.id).finish()
    }
}

impl LiveProcess {
    /// Start the program `argv` in `workdir` with a control channel and no
    /// timeout, through `channel`.
    pub(crate) async fn start(
        channel: Arc<Channel>,
        argv: Vec<String>,
        env: Vec<(String, String)>,
        workdir: Option<String>,
    ) -> std::result::Result<Self, Closed> {
        let step = StepRequest {
            argv,
            env,
            workdir,
            stdin: false,
            timeout_ms: None,
            control: true,
        };
        let request = RunRequest {
            steps: vec![step],
            output_limit: 0,
        };
        let body = serde_json::to_vec(&request).expect("protocol messages always serialise");
        let (id, replies) = channel.request(Kind::Run, &body).await?;
        Ok(LiveProcess {
            channel,
            id,
            replies,
            ended: false,
        })
    }

    /// Write to its control input (descriptor 3).
    pub(crate) async fn send(&self, bytes: &[u8]) -> std::result::Result<(), Closed> {
        self.channel.send(Kind::Control, self.id, bytes).await
    }

    /// Send it a signal (SIGINT interrupts a kernel's cell).
    pub(crate) async fn signal(&self, signal: i32) -> std::result::Result<(), Closed> {
        let body = serde_json::to_vec(&SignalRequest { signal }).expect("serialises");
        self.channel.send(Kind::Signal, self.id, &body).await
    }

    /// The next thing it did.
    pub(crate) async fn next(&mut self) -> LiveEvent {
        loop {
            let frame = match self.replies.next().await {
                Ok(frame) => frame,
                Err(why) => {
                    self.ended = true;
                    return LiveEvent::Lost(why);
                }
            };
            match frame.kind {
                Kind::Stdout => return LiveEvent::Stdout(frame.body),
                Kind::Stderr => return LiveEvent::Stderr(frame.body),
                Kind::ControlOut => return LiveEvent::Control(frame.body),
                Kind::StepEnd => {
                    self.ended = true;
                    let code = serde_json::from_slice::<StepEnd>(&frame.body)
                        .map_or(-1, |end| end.exit_code);
                    return LiveEvent::Ended(code);
                }
                Kind::Failed => {
                    self.ended = true;
                    let why = String::from_utf8_lossy(&frame.body).into_owned();
                    return LiveEvent::Lost(format!("the runner refused to start it: {why}"));
                }
                // `Done` follows `StepEnd`; nothing else belongs to a run.
                _ => {}
            }
        }
    }
}

impl Drop for LiveProcess {
    fn drop(&mut self) {
        if !self.ended {
            self.channel.cancel_later(self.id);
        }
    }
}
