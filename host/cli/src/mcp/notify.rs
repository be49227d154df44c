//! What a call tells its client while it works: progress notifications
//! (when the request carried a progress token) and log messages (at the
//! level the client set with `logging/setLevel`; `info` until it does).
//!
//! MCP's logging messages are deprecated from protocol 2026-07-28 on
//! (SEP-2577) but still what clients of the earlier revisions show; they are
//! sent for as long as the protocol has them.
#![allow(deprecated)]

use std::sync::Arc;
use std::sync::atomic::{AtomicU8, Ordering};

use llm_sandbox_host::backend::{OutputSink, OutputStream, Progress, ProgressSink};
use rmcp::model::{
    LoggingLevel, LoggingMessageNotificationParam, ProgressNotificationParam, ProgressToken,
};
use rmcp::service::RequestContext;
use rmcp::{Peer, RoleServer};
use tokio::sync::mpsc;

/// The client's chosen log level, shared by its calls.
#[derive(Debug, Default)]
pub struct LogLevel(AtomicU8);

impl LogLevel {
    /// Store `level`.
    pub fn set(&self, level: LoggingLevel) {
        self.0.store(rank(level), Ordering::Relaxed);
    }

    fn allows(&self, level: LoggingLevel) -> bool {
        let floor = match self.0.load(Ordering::Relaxed) {
            0 => rank(LoggingLevel::Info),
            n => n,
        };
        rank(level) >= floor
    }
}

/// Severity order, from 1 (debug) up; 0 means "not set".
fn rank(level: LoggingLevel) -> u8 {
    match level {
        LoggingLevel::Debug => 1,
        LoggingLevel::Info => 2,
        LoggingLevel::Notice => 3,
        LoggingLevel::Warning => 4,
        LoggingLevel::Error => 5,
        LoggingLevel::Critical => 6,
        LoggingLevel::Alert => 7,
        LoggingLevel::Emergency => 8,
    }
}

enum Message {
    Progress(String),
    Log(LoggingLevel, String),
}

/// Notifications for one call, sent in order by a task of their own (the
/// host's progress callbacks are synchronous).
#[derive(Clone)]
pub struct Notifier {
    sender: mpsc::UnboundedSender<Message>,
}

impl Notifier {
    /// A notifier for the call `context` describes.
    pub fn for_call(context: &RequestContext<RoleServer>, level: Arc<LogLevel>) -> Notifier {
        let (sender, receiver) = mpsc::unbounded_channel();
        let token = context.meta.get_progress_token();
        tokio::spawn(deliver(context.peer.clone(), token, level, receiver));
        Notifier { sender }
    }

    /// One step of progress, described by `message`.
    pub fn progress(&self, message: impl Into<String>) {
        let _ = self.sender.send(Message::Progress(message.into()));
    }

    /// A log message.
    pub fn log(&self, level: LoggingLevel, message: impl Into<String>) {
        let _ = self.sender.send(Message::Log(level, message.into()));
    }

    /// Image pulls and builds as progress (one message per status change).
    pub fn pull_sink(&self) -> ProgressSink {
        let notifier = self.clone();
        let last = std::sync::Mutex::new(String::new());
        Arc::new(move |p: &Progress| {
            let text = match (p.current, p.total) {
                (Some(current), Some(total)) if total > 0 => format!(
                    "{}: {} ({} of {} MB)",
                    p.image,
                    p.status,
                    current >> 20,
                    total >> 20
                ),
                _ => format!("{}: {}", p.image, p.status),
            };
            let mut last = last.lock().unwrap_or_else(|e| e.into_inner());
            // Pulls report every chunk; pass on a change of megabyte or status.
            if *last != text {
                notifier.progress(text.clone());
                *last = text;
            }
        })
    }

    /// A run's output (package installs, then the program), line by line,
    /// as progress: a client that asked for progress watches a long run as
    /// it goes. At most [`OUTPUT_LINES`] lines per call.
    pub fn output_sink(&self) -> OutputSink {
        let notifier = self.clone();
        let state = std::sync::Mutex::new((Vec::<u8>::new(), 0usize));
        Arc::new(move |_stream: OutputStream, bytes: &[u8]| {
            let mut state = state.lock().unwrap_or_else(|e| e.into_inner());
            let (pending, sent) = &mut *state;
            if *sent >= OUTPUT_LINES {
                return;
            }
            pending.extend_from_slice(bytes);
            while let Some(end) = pending.iter().position(|b| *b == b'\n') {
                let line: Vec<u8> = pending.drain(..=end).collect();
                let line = String::from_utf8_lossy(&line).trim_end().to_string();
                if !line.is_empty() && *sent < OUTPUT_LINES {
                    *sent += 1;
                    notifier.progress(line);
                }
            }
            // A line with no end in sight is not kept forever.
            if pending.len() > 64 << 10 {
                pending.clear();
            }
        })
    }
}

/// Most output lines one call sends as progress.
pub const OUTPUT_LINES: usize = 1000;

async fn deliver(
    peer: Peer<RoleServer>,
    token: Option<ProgressToken>,
    level: Arc<LogLevel>,
    mut receiver: mpsc::UnboundedReceiver<Message>,
) {
    let mut step = 0u32;
    while let Some(message) = receiver.recv().await {
        let sent = match message {
            Message::Progress(text) => {
                let Some(token) = &token else { continue };
                step += 1;
                peer.notify_progress(
                    ProgressNotificationParam::new(token.clone(), f64::from(step))
                        .with_message(text),
                )
                .await
            }
            Message::Log(at, text) => {
                if !level.allows(at) {
                    continue;
                }
                peer.notify_logging_message(
                    LoggingMessageNotificationParam::new(at, serde_json::Value::String(text))
                        .with_logger("llm-sandbox"),
                )
                .await
            }
        };
        if sent.is_err() {
            // The client is gone; nothing more to tell it.
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_level_filters_below_it_and_defaults_to_info() {
        let level = LogLevel::default();
        assert!(!level.allows(LoggingLevel::Debug));
        assert!(level.allows(LoggingLevel::Info));
        level.set(LoggingLevel::Warning);
        assert!(!level.allows(LoggingLevel::Notice));
        assert!(level.allows(LoggingLevel::Error));
        level.set(LoggingLevel::Debug);
        assert!(level.allows(LoggingLevel::Debug));
    }
}
