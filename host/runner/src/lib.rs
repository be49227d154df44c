//! The protocol between the llm-sandbox host and its in-sandbox runner.
//!
//! The runner is a small static binary the host places in every sandbox and
//! starts once, over one attached exec: its standard input carries the
//! host's requests and its standard output the runner's answers, so one
//! engine round trip opens the channel and every later run is a message.
//! The programs the runner starts never see that channel: their standard
//! streams are pipes the runner reads, and everything they print comes back
//! *inside* frames, so nothing a program prints can be mistaken for one.
//!
//! # Wire format (protocol version [`PROTOCOL_VERSION`])
//!
//! The runner first writes the 8 bytes of [`PREAMBLE`]; anything else
//! means the process is not a runner (an engine's "exec failed" message, a
//! `noexec` mount). Then both directions are a sequence of frames:
//!
//! ```text
//! length: u32 big-endian   bytes that follow (9 + body)
//! kind:   u8               a [`Kind`]
//! id:     u64 big-endian   the request this frame belongs to (0: none)
//! body:   [u8]             JSON for control frames, raw bytes for data
//! ```
//!
//! A request is one [`Kind::Run`] (steps to run in order, stopping at the
//! first that fails) or one [`Kind::Write`] (files to write). The host picks
//! its id; every frame the runner sends about it carries the same id. For a
//! run the runner answers with [`Kind::Stdout`]/[`Kind::Stderr`] data, one
//! [`Kind::StepEnd`] per step that ran, then [`Kind::Done`]; for a write,
//! [`Kind::Written`]. A request the runner cannot carry out gets
//! [`Kind::Failed`] instead. Requests may overlap.
//!
//! Frames are bounded: [`MAX_HOST_FRAME`] from the host,
//! [`MAX_RUNNER_FRAME`] from the runner (output arrives in chunks of at
//! most [`OUTPUT_CHUNK`] bytes). A peer that breaks a rule is a broken
//! channel: the host stops using it (and runs steps one exec each).

use serde::{Deserialize, Serialize};

/// Version of this protocol; the runner states it in [`Ready`].
pub const PROTOCOL_VERSION: u32 = 1;

/// What the runner writes before its first frame.
pub const PREAMBLE: &[u8; 8] = b"LSBXRUN1";

/// Largest frame the host may send (a write of large files).
pub const MAX_HOST_FRAME: usize = 64 << 20;

/// Largest frame the runner may send.
pub const MAX_RUNNER_FRAME: usize = 1 << 20;

/// Largest chunk of program output in one frame.
pub const OUTPUT_CHUNK: usize = 64 << 10;

/// Bytes of a frame header: length, kind, id.
pub const HEADER_LEN: usize = 4 + 1 + 8;

/// The kind of a frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Kind {
    /// Host → runner: a [`RunRequest`].
    Run = 0x01,
    /// Host → runner: bytes for the standard input of the request's step
    /// that takes it (buffered until that step starts).
    Stdin = 0x02,
    /// Host → runner: end of that standard input.
    StdinEnd = 0x03,
    /// Host → runner: stop the request now, killing its running step's
    /// whole process tree; the runner answers as for a failed step.
    Cancel = 0x04,
    /// Host → runner: write files. Body: a `u32` big-endian length, a
    /// [`WriteRequest`] of that length, then every file's bytes in order.
    Write = 0x05,
    /// Host → runner: send a signal ([`SignalRequest`]) to the program of
    /// the request's running step (not to its tree).
    Signal = 0x06,
    /// Host → runner: bytes for descriptor 3 of the request's running step
    /// (one started with [`StepRequest::control`]).
    Control = 0x07,
    /// Runner → host, id 0, first frame: [`Ready`].
    Ready = 0x81,
    /// Runner → host: standard output of the request's running step.
    Stdout = 0x82,
    /// Runner → host: standard error of the request's running step.
    Stderr = 0x83,
    /// Runner → host: a step ended ([`StepEnd`]).
    StepEnd = 0x84,
    /// Runner → host: the run request is complete; no more frames for it.
    Done = 0x85,
    /// Runner → host: the request could not be carried out ([`Failed`]);
    /// no more frames for it.
    Failed = 0x86,
    /// Runner → host: the files of a write request are written.
    Written = 0x87,
    /// Runner → host: bytes the running step wrote to descriptor 4 (with
    /// [`StepRequest::control`]). Whatever it wrote to its standard output
    /// and error before is sent first.
    ControlOut = 0x88,
}

impl Kind {
    /// The kind with this byte, if any.
    pub fn from_byte(byte: u8) -> Option<Kind> {
        use Kind::*;
        [
            Run, Stdin, StdinEnd, Cancel, Write, Signal, Control, Ready, Stdout, Stderr, StepEnd,
            Done, Failed, Written, ControlOut,
        ]
        .into_iter()
        .find(|k| *k as u8 == byte)
    }
}

/// One frame.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Frame {
    /// What it is.
    pub kind: Kind,
    /// The request it belongs to.
    pub id: u64,
    /// JSON or raw bytes, per kind.
    pub body: Vec<u8>,
}

/// Append one frame to `out`.
pub fn encode(out: &mut Vec<u8>, kind: Kind, id: u64, body: &[u8]) {
    let len = u32::try_from(1 + 8 + body.len()).expect("frames are far below 4 GiB");
    out.extend_from_slice(&len.to_be_bytes());
    out.push(kind as u8);
    out.extend_from_slice(&id.to_be_bytes());
    out.extend_from_slice(body);
}

/// Append one frame with a JSON body to `out`.
pub fn encode_json<T: Serialize>(out: &mut Vec<u8>, kind: Kind, id: u64, message: &T) {
    let body = serde_json::to_vec(message).expect("protocol messages always serialise");
    encode(out, kind, id, &body);
}

/// Why a byte stream is not a valid sequence of frames.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FrameError {
    /// A length beyond the limit (or below the header).
    BadLength(u64),
    /// An unknown kind byte.
    UnknownKind(u8),
}

impl std::fmt::Display for FrameError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FrameError::BadLength(n) => write!(f, "a frame of {n} bytes is out of bounds"),
            FrameError::UnknownKind(k) => write!(f, "unknown frame kind {k:#04x}"),
        }
    }
}

impl std::error::Error for FrameError {}

/// Cuts a byte stream into frames, whatever the chunk boundaries.
#[derive(Debug)]
pub struct Decoder {
    buffer: Vec<u8>,
    start: usize,
    limit: usize,
}

impl Decoder {
    /// A decoder that refuses frames longer than `limit` bytes.
    pub fn new(limit: usize) -> Self {
        Decoder {
            buffer: Vec::new(),
            start: 0,
            limit,
        }
    }

    /// Add bytes read from the stream.
    pub fn push(&mut self, bytes: &[u8]) {
        if self.start > 0 && self.start == self.buffer.len() {
            self.buffer.clear();
            self.start = 0;
        }
        self.buffer.extend_from_slice(bytes);
    }

    /// Bytes received but not yet part of a whole frame.
    pub fn pending(&self) -> usize {
        self.buffer.len() - self.start
    }

    /// The next whole frame, if one has arrived.
    pub fn next_frame(&mut self) -> Result<Option<Frame>, FrameError> {
        let available = &self.buffer[self.start..];
        let Some(len) = available.get(..4) else {
            return Ok(None);
        };
        let len = u32::from_be_bytes(len.try_into().expect("four bytes")) as usize;
        if len < 9 || len > self.limit.saturating_add(9) {
            return Err(FrameError::BadLength(len as u64));
        }
        let kind = match available.get(4) {
            Some(byte) => Kind::from_byte(*byte).ok_or(FrameError::UnknownKind(*byte))?,
            None => return Ok(None),
        };
        if available.len() < 4 + len {
            return Ok(None);
        }
        let id = u64::from_be_bytes(available[5..13].try_into().expect("eight bytes"));
        let body = available[13..4 + len].to_vec();
        self.start += 4 + len;
        if self.start > (1 << 20) && self.start * 2 > self.buffer.len() {
            self.buffer.drain(..self.start);
            self.start = 0;
        }
        Ok(Some(Frame { kind, id, body }))
    }
}

/// The runner's first frame.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ready {
    /// [`PROTOCOL_VERSION`] of the runner.
    pub protocol: u32,
    /// The runner's own version.
    pub version: String,
    /// Its process id inside the sandbox.
    pub pid: u32,
    /// The user and group it runs as: every step runs as them.
    pub uid: u32,
    /// See `uid`.
    pub gid: u32,
}

/// Steps to run in order, stopping after the first that does not exit 0.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunRequest {
    /// The steps.
    pub steps: Vec<StepRequest>,
    /// Bytes of each stream of each step to send; the rest is read and
    /// dropped (the step is then marked truncated). 0 = no limit.
    pub output_limit: u64,
}

/// One program to run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepRequest {
    /// Program and arguments (`argv[0]` is looked up in `PATH`).
    pub argv: Vec<String>,
    /// Variables added to the runner's environment.
    pub env: Vec<(String, String)>,
    /// Working directory; `None` = the runner's.
    pub workdir: Option<String>,
    /// Whether this step reads the request's standard input; otherwise it
    /// reads end-of-file. At most one step of a request takes it.
    pub stdin: bool,
    /// Kill the step's whole process tree after this many milliseconds.
    pub timeout_ms: Option<u64>,
    /// Give the program a control channel besides its standard streams:
    /// descriptor 3 reads what the host sends with [`Kind::Control`], and
    /// what it writes to descriptor 4 comes back as [`Kind::ControlOut`]
    /// (an interactive kernel's cells and answers).
    #[serde(default)]
    pub control: bool,
}

/// How a step ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepEnd {
    /// Index of the step in its request.
    pub step: u32,
    /// Exit code; 128 + N when killed by signal N.
    pub exit_code: i64,
    /// The signal that killed the program, if one did.
    pub signal: Option<i32>,
    /// The step ran out of time and its tree was killed.
    pub timed_out: bool,
    /// Output beyond the request's limit was dropped.
    pub truncated: bool,
    /// Wall-clock time from start to end, in microseconds.
    pub duration_us: u64,
}

/// The end of a run request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Done {
    /// How many steps ran.
    pub steps_run: u32,
}

/// A request that could not be carried out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Failed {
    /// Why, in words.
    pub message: String,
}

/// Files to write, as the runner's user; parent directories are created.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WriteRequest {
    /// The files, in the order their bytes follow.
    pub files: Vec<FileHeader>,
}

/// One file of a [`WriteRequest`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileHeader {
    /// Absolute path.
    pub path: String,
    /// Permission bits.
    pub mode: u32,
    /// Length of its bytes in the frame.
    pub size: u64,
}

/// A signal for a step's program.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignalRequest {
    /// Signal number (2 is SIGINT).
    pub signal: i32,
}

/// The body of a [`Kind::Write`] frame: header then bytes.
pub fn write_body(header: &WriteRequest, contents: &[&[u8]]) -> Vec<u8> {
    let json = serde_json::to_vec(header).expect("protocol messages always serialise");
    let total: usize = contents.iter().map(|c| c.len()).sum();
    let mut body = Vec::with_capacity(4 + json.len() + total);
    body.extend_from_slice(&u32::try_from(json.len()).unwrap_or(u32::MAX).to_be_bytes());
    body.extend_from_slice(&json);
    for c in contents {
        body.extend_from_slice(c);
    }
    body
}

/// Split a [`Kind::Write`] body into its header and each file's bytes.
pub fn parse_write_body(body: &[u8]) -> Result<(WriteRequest, Vec<&[u8]>), String> {
    let len = body
        .get(..4)
        .map(|b| u32::from_be_bytes(b.try_into().expect("four bytes")) as usize)
        .ok_or("a write without its header")?;
    let json = body
        .get(4..4 + len)
        .ok_or("a write header beyond the frame")?;
    let header: WriteRequest =
        serde_json::from_slice(json).map_err(|e| format!("a bad write header: {e}"))?;
    let mut rest = &body[4 + len..];
    let mut files = Vec::with_capacity(header.files.len());
    for file in &header.files {
        let size = usize::try_from(file.size).map_err(|_| "a file too large")?;
        if size > rest.len() {
            return Err(format!("{} is cut short", file.path));
        }
        let (bytes, tail) = rest.split_at(size);
        files.push(bytes);
        rest = tail;
    }
    if !rest.is_empty() {
        return Err("bytes after the last file".into());
    }
    Ok((header, files))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_survive_any_chunking() {
        let mut wire = Vec::new();
        encode(&mut wire, Kind::Stdout, 7, b"hello");
        encode_json(&mut wire, Kind::Done, 7, &Done { steps_run: 2 });
        encode(&mut wire, Kind::Stderr, u64::MAX, b"");
        for chunk in 1..wire.len() {
            let mut decoder = Decoder::new(MAX_RUNNER_FRAME);
            let mut frames = Vec::new();
            for piece in wire.chunks(chunk) {
                decoder.push(piece);
                while let Some(frame) = decoder.next_frame().unwrap() {
                    frames.push(frame);
                }
            }
            assert_eq!(frames.len(), 3, "chunks of {chunk}");
            assert_eq!(frames[0].body, b"hello");
            assert_eq!(frames[0].id, 7);
            let done: Done = serde_json::from_slice(&frames[1].body).unwrap();
            assert_eq!(done.steps_run, 2);
            assert_eq!((frames[2].kind, frames[2].id), (Kind::Stderr, u64::MAX));
            assert_eq!(decoder.pending(), 0);
        }
    }

    #[test]
    fn oversized_short_and_unknown_frames_are_refused() {
        let mut decoder = Decoder::new(16);
        decoder.push(&(100u32).to_be_bytes());
        assert_eq!(decoder.next_frame(), Err(FrameError::BadLength(100)));
        let mut decoder = Decoder::new(16);
        decoder.push(&(3u32).to_be_bytes());
        assert_eq!(decoder.next_frame(), Err(FrameError::BadLength(3)));
        let mut decoder = Decoder::new(16);
        decoder.push(&[0, 0, 0, 9, 0x7f]);
        assert_eq!(decoder.next_frame(), Err(FrameError::UnknownKind(0x7f)));
    }

    #[test]
    fn text_that_is_not_a_runner_is_not_a_frame() {
        // What an engine prints when the runner cannot start.
        let mut decoder = Decoder::new(MAX_RUNNER_FRAME);
        decoder.push(b"OCI runtime exec failed: exec failed: unable to start");
        assert!(decoder.next_frame().is_err());
    }

    #[test]
    fn write_bodies_round_trip_and_refuse_lies() {
        let header = WriteRequest {
            files: vec![
                FileHeader {
                    path: "/a".into(),
                    mode: 0o644,
                    size: 3,
                },
                FileHeader {
                    path: "/b".into(),
                    mode: 0o755,
                    size: 0,
                },
            ],
        };
        let body = write_body(&header, &[b"abc", b""]);
        let (parsed, files) = parse_write_body(&body).unwrap();
        assert_eq!(parsed, header);
        assert_eq!(files, vec![&b"abc"[..], &b""[..]]);
        assert!(parse_write_body(&body[..body.len() - 1]).is_err());
        let mut longer = body.clone();
        longer.push(0);
        assert!(parse_write_body(&longer).is_err());
        assert!(parse_write_body(&[0, 0, 0, 50, b'{']).is_err());
    }
}
