//! The host's end of the runner protocol: one attached process in the
//! sandbox, requests multiplexed over its standard input and output.
//!
//! A reader task cuts the runner's output into frames and routes each to
//! the request it belongs to (a bounded queue per request, so a slow
//! consumer slows the runner and, through its pipes, the program; never
//! memory). When the runner's output ends or breaks a rule, the channel is
//! closed and every waiting request learns why.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures_util::StreamExt;
use futures_util::stream::BoxStream;
use llm_sandbox_runner::{
    Decoder, Frame, Kind, MAX_RUNNER_FRAME, PREAMBLE, PROTOCOL_VERSION, Ready, encode,
};
use tokio::io::{AsyncWrite, AsyncWriteExt};
use tokio::sync::mpsc;

use crate::backend::{OutputStream, ProcessSpec, Sandbox};
use crate::error::Result;

/// How long a runner may take to say it is ready.
const HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(10);

/// Frames queued per request before the reader waits for its consumer.
const ROUTE_DEPTH: usize = 64;

/// Why the channel cannot be used (for log lines and errors).
pub(crate) type Closed = String;

type Output = BoxStream<'static, Result<(OutputStream, bytes::Bytes)>>;

/// An open channel to a runner.
pub(crate) struct Channel {
    writer: tokio::sync::Mutex<Box<dyn AsyncWrite + Send + Unpin>>,
    routes: Arc<Mutex<Routes>>,
    next_id: AtomicU64,
    ready: Ready,
    reader: tokio::task::JoinHandle<()>,
}

impl std::fmt::Debug for Channel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Channel")
            .field("runner", &self.ready)
            .finish_non_exhaustive()
    }
}

#[derive(Default)]
struct Routes {
    closed: Option<Closed>,
    map: HashMap<u64, mpsc::Sender<Frame>>,
}

/// The frames of one request, in order; `None` once the channel closed.
pub(crate) struct Replies {
    receiver: mpsc::Receiver<Frame>,
    routes: Arc<Mutex<Routes>>,
}

impl Replies {
    /// The next frame, or why the channel closed before it came.
    pub async fn next(&mut self) -> std::result::Result<Frame, Closed> {
        match self.receiver.recv().await {
            Some(frame) => Ok(frame),
            None => Err(self
                .routes
                .lock()
                .expect("routes lock")
                .closed
                .clone()
                .unwrap_or_else(|| "the runner stopped answering".into())),
        }
    }
}

impl Channel {
    /// Start the runner at `path` in `sandbox` and wait for it to say it is
    /// ready. The error says why it is not usable (to be logged: the
    /// caller then runs each step with one exec).
    pub async fn open(sandbox: &dyn Sandbox, path: &str) -> std::result::Result<Channel, Closed> {
        let spec = ProcessSpec {
            argv: vec![path.to_string()],
            stdin: true,
            ..Default::default()
        };
        let mut process = sandbox
            .spawn(spec)
            .await
            .map_err(|e| format!("it could not be started: {e}"))?;
        let writer = process
            .stdin
            .take()
            .ok_or("the engine gave it no standard input")?;
        let mut output =
            std::mem::replace(&mut process.output, futures_util::stream::empty().boxed());
        let mut decoder = Decoder::new(MAX_RUNNER_FRAME);
        let ready = tokio::time::timeout(HANDSHAKE_TIMEOUT, handshake(&mut output, &mut decoder))
            .await
            .map_err(|_| format!("it did not answer within {HANDSHAKE_TIMEOUT:?}"))??;
        if ready.protocol != PROTOCOL_VERSION {
            return Err(format!(
                "it speaks protocol {}, this host {PROTOCOL_VERSION}",
                ready.protocol
            ));
        }
        tracing::debug!(pid = ready.pid, uid = ready.uid, "runner ready");
        let routes = Arc::new(Mutex::new(Routes::default()));
        let reader = tokio::spawn(read_frames(output, decoder, routes.clone()));
        Ok(Channel {
            writer: tokio::sync::Mutex::new(writer),
            routes,
            next_id: AtomicU64::new(1),
            ready,
            reader,
        })
    }

    /// Why the channel is closed, if it is.
    pub fn closed(&self) -> Option<Closed> {
        self.routes.lock().expect("routes lock").closed.clone()
    }

    /// Send a request (`Run` or `Write`) and return its id and replies.
    /// An error means the request never reached the runner.
    pub async fn request(
        &self,
        kind: Kind,
        body: &[u8],
    ) -> std::result::Result<(u64, Replies), Closed> {
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        let (sender, receiver) = mpsc::channel(ROUTE_DEPTH);
        {
            let mut routes = self.routes.lock().expect("routes lock");
            if let Some(why) = &routes.closed {
                return Err(why.clone());
            }
            routes.map.insert(id, sender);
        }
        let replies = Replies {
            receiver,
            routes: self.routes.clone(),
        };
        if let Err(why) = self.send(kind, id, body).await {
            self.routes.lock().expect("routes lock").map.remove(&id);
            return Err(why);
        }
        Ok((id, replies))
    }

    /// Send one frame.
    pub async fn send(&self, kind: Kind, id: u64, body: &[u8]) -> std::result::Result<(), Closed> {
        let mut frame = Vec::with_capacity(body.len() + 13);
        encode(&mut frame, kind, id, body);
        let mut writer = self.writer.lock().await;
        let written = async {
            writer.write_all(&frame).await?;
            writer.flush().await
        }
        .await;
        written.map_err(|e| {
            let why = format!("writing to it failed: {e}");
            self.close(why.clone());
            why
        })
    }

    /// Cancel request `id` from a synchronous context (a `Drop`): the
    /// runner kills its running step's tree. Sent from a task when a
    /// runtime is there; without one, the channel's own end does it.
    pub fn cancel_later(self: &Arc<Self>, id: u64) {
        if let Ok(handle) = tokio::runtime::Handle::try_current() {
            let channel = self.clone();
            handle.spawn(async move {
                let _ = channel.send(Kind::Cancel, id, b"").await;
            });
        }
    }

    /// Stop using the channel: waiting requests get `why`; the runner sees
    /// its input end and exits, killing what it still runs.
    pub fn close(&self, why: Closed) {
        let mut routes = self.routes.lock().expect("routes lock");
        routes.closed.get_or_insert(why);
        routes.map.clear();
        drop(routes);
        self.reader.abort();
        if let Ok(mut writer) = self.writer.try_lock() {
            // Best effort: dropping the channel closes it for certain.
            let _ = futures_util::FutureExt::now_or_never(writer.shutdown());
        }
    }
}

impl Drop for Channel {
    fn drop(&mut self) {
        self.reader.abort();
    }
}

/// Read the preamble and the `Ready` frame.
async fn handshake(
    output: &mut Output,
    decoder: &mut Decoder,
) -> std::result::Result<Ready, Closed> {
    let mut preamble = Vec::new();
    let mut stderr = Vec::new();
    let said = |stdout: &[u8], stderr: &[u8]| {
        let text = String::from_utf8_lossy(if stderr.is_empty() { stdout } else { stderr });
        crate::error::last_lines(text.trim(), 3)
    };
    loop {
        match output.next().await {
            Some(Ok((OutputStream::Stdout, bytes))) => {
                let mut bytes = &bytes[..];
                if preamble.len() < PREAMBLE.len() {
                    let take = (PREAMBLE.len() - preamble.len()).min(bytes.len());
                    preamble.extend_from_slice(&bytes[..take]);
                    bytes = &bytes[take..];
                    if !PREAMBLE.starts_with(&preamble) {
                        let mut text = preamble.clone();
                        text.extend_from_slice(bytes);
                        return Err(format!("it is not a runner: {}", said(&text, &stderr)));
                    }
                }
                decoder.push(bytes);
                match decoder.next_frame() {
                    Ok(Some(frame)) if frame.kind == Kind::Ready => {
                        return serde_json::from_slice(&frame.body)
                            .map_err(|e| format!("a bad ready message: {e}"));
                    }
                    Ok(Some(frame)) => {
                        return Err(format!("it began with {:?}, not Ready", frame.kind));
                    }
                    Ok(None) => {}
                    Err(e) => return Err(format!("it sent a broken frame: {e}")),
                }
            }
            Some(Ok((OutputStream::Stderr, bytes))) => {
                if stderr.len() < 4096 {
                    stderr.extend_from_slice(&bytes);
                }
            }
            Some(Err(e)) => return Err(format!("reading from it failed: {e}")),
            None => return Err(format!("it exited: {}", said(&preamble, &stderr))),
        }
    }
}

/// The reader task: frames to their requests until the output ends.
async fn read_frames(mut output: Output, mut decoder: Decoder, routes: Arc<Mutex<Routes>>) {
    let why = 'read: loop {
        loop {
            match decoder.next_frame() {
                Ok(Some(frame)) => route(&routes, frame).await,
                Ok(None) => break,
                Err(e) => break 'read format!("it sent a broken frame: {e}"),
            }
        }
        match output.next().await {
            Some(Ok((OutputStream::Stdout, bytes))) => decoder.push(&bytes),
            Some(Ok((OutputStream::Stderr, bytes))) => {
                tracing::debug!("runner: {}", String::from_utf8_lossy(&bytes).trim_end());
            }
            Some(Err(e)) => break format!("reading from it failed: {e}"),
            None => break "it exited (killed, or out of memory)".to_string(),
        }
    };
    tracing::debug!("runner channel closed: {why}");
    let mut routes = routes.lock().expect("routes lock");
    routes.closed.get_or_insert(why);
    routes.map.clear();
}

/// Hand a frame to its request; the last frame of a request removes it.
async fn route(routes: &Mutex<Routes>, frame: Frame) {
    let id = frame.id;
    let last = matches!(frame.kind, Kind::Done | Kind::Failed | Kind::Written);
    let sender = {
        let mut routes = routes.lock().expect("routes lock");
        if last {
            routes.map.remove(&id)
        } else {
            routes.map.get(&id).cloned()
        }
    };
    if let Some(sender) = sender
        && sender.send(frame).await.is_err()
    {
        // The request was given up; nobody listens any more.
        routes.lock().expect("routes lock").map.remove(&id);
    }
}
