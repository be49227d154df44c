//! The in-sandbox runner: one long-lived process per sandbox, started by the
//! host over one attached exec, that runs steps on request (see the
//! protocol in the library). Single-threaded: one poll loop over the
//! channel, every step's pipes and SIGCHLD, so it costs one task of the
//! sandbox's process limit and nothing while idle.

mod files;
mod supervisor;
mod sys;
mod tree;

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, Read, Write};
use std::os::fd::{AsRawFd, OwnedFd, RawFd};
use std::time::{Duration, Instant};

use llm_sandbox_runner::{
    Decoder, Done, Failed, Frame, Kind, MAX_HOST_FRAME, OUTPUT_CHUNK, PREAMBLE, PROTOCOL_VERSION,
    Ready, RunRequest, SignalRequest, StepEnd, encode, encode_json, parse_write_body,
};

/// Stop reading program output while this much waits for the host: the
/// programs then block on their pipes (backpressure), not the runner.
const HIGH_WATER: usize = 4 << 20;

/// After a step's tree was killed, how long its pipes may stay open (held by
/// something outside the tree) before the runner stops reading them.
const KILL_GRACE: Duration = Duration::from_secs(1);

fn main() {
    sys::make_undumpable();
    sys::become_subreaper();
    let sigchld = match sys::sigchld_fd() {
        Ok(fd) => fd,
        Err(e) => {
            eprintln!("llm-sandbox-runner: cannot watch child processes: {e}");
            std::process::exit(1);
        }
    };
    for fd in [0, 1] {
        if let Err(e) = sys::set_nonblocking(fd) {
            eprintln!("llm-sandbox-runner: descriptor {fd}: {e}");
            std::process::exit(1);
        }
    }
    let mut runner = Runner::new(sigchld);
    runner.out.extend_from_slice(PREAMBLE);
    // SAFETY: these getters have no preconditions.
    let (uid, gid) = unsafe { (libc::getuid(), libc::getgid()) };
    let ready = Ready {
        protocol: PROTOCOL_VERSION,
        version: env!("CARGO_PKG_VERSION").into(),
        pid: std::process::id(),
        uid,
        gid,
    };
    encode_json(&mut runner.out, Kind::Ready, 0, &ready);
    if let Err(e) = runner.serve() {
        eprintln!("llm-sandbox-runner: {e}");
    }
    runner.kill_everything();
}

/// What a poll slot watches.
#[derive(Debug, Clone, Copy)]
enum Slot {
    Input,
    Output,
    Signals,
    Stdout(u64),
    Stderr(u64),
    Status(u64),
    Stdin(u64),
    ControlIn(u64),
    ControlOut(u64),
}

struct Runner {
    sigchld: OwnedFd,
    input: Decoder,
    input_open: bool,
    out: Vec<u8>,
    out_start: usize,
    requests: BTreeMap<u64, Request>,
}

/// One run request.
struct Request {
    run: RunRequest,
    /// Index of the next step to start.
    next: usize,
    /// Standard input received before its step started.
    stdin: Vec<u8>,
    stdin_end: bool,
    step: Option<Step>,
    cancelled: bool,
}

/// The running step of a request.
struct Step {
    index: usize,
    supervisor: libc::pid_t,
    program: Option<libc::pid_t>,
    stdout: Option<File>,
    stderr: Option<File>,
    status: Option<File>,
    status_text: Vec<u8>,
    stdin: Option<File>,
    stdin_pending: Vec<u8>,
    stdin_end: bool,
    /// Writes the program's descriptor 3, and what waits to be written.
    control_in: Option<File>,
    control_pending: Vec<u8>,
    /// Reads the program's descriptor 4.
    control_out: Option<File>,
    sent: [u64; 2],
    truncated: bool,
    started: Instant,
    deadline: Option<Instant>,
    exit: Option<(i64, Option<i32>)>,
    timed_out: bool,
    killed: Option<Instant>,
    supervisor_gone: bool,
    /// Signals asked for before the program's pid was known.
    pending_signals: Vec<i32>,
    /// The supervisor's own wait status, when it died before reporting.
    supervisor_status: Option<libc::c_int>,
}

impl Step {
    fn finished(&self) -> bool {
        self.exit.is_some() && self.stdout.is_none() && self.stderr.is_none()
    }

    /// Kill the step's whole tree now.
    fn kill(&mut self) {
        if self.killed.is_none() {
            tree::kill_tree(self.supervisor);
            self.supervisor_gone = true;
            self.killed = Some(Instant::now());
            self.stdin = None;
            self.control_in = None;
            if self.exit.is_none() {
                self.exit = Some((128 + 9, Some(libc::SIGKILL)));
            }
        }
    }
}

impl Runner {
    fn new(sigchld: OwnedFd) -> Self {
        Runner {
            sigchld,
            input: Decoder::new(MAX_HOST_FRAME),
            input_open: true,
            out: Vec::new(),
            out_start: 0,
            requests: BTreeMap::new(),
        }
    }

    /// Serve until the host closes the channel.
    fn serve(&mut self) -> io::Result<()> {
        let mut buffer = vec![0u8; OUTPUT_CHUNK];
        loop {
            if !self.input_open {
                return Ok(());
            }
            let (mut fds, slots) = self.poll_set();
            sys::poll(&mut fds, self.poll_timeout())?;
            for (fd, slot) in fds.iter().zip(&slots) {
                if fd.revents != 0 {
                    self.handle(*slot, &mut buffer)?;
                }
            }
            self.check_deadlines();
            self.advance();
        }
    }

    fn queued(&self) -> usize {
        self.out.len() - self.out_start
    }

    fn poll_set(&self) -> (Vec<libc::pollfd>, Vec<Slot>) {
        let mut fds = Vec::new();
        let mut slots = Vec::new();
        let mut watch = |fd: RawFd, events: libc::c_short, slot: Slot| {
            fds.push(libc::pollfd {
                fd,
                events,
                revents: 0,
            });
            slots.push(slot);
        };
        watch(0, libc::POLLIN, Slot::Input);
        if self.queued() > 0 {
            watch(1, libc::POLLOUT, Slot::Output);
        }
        watch(self.sigchld.as_raw_fd(), libc::POLLIN, Slot::Signals);
        let reading = self.queued() < HIGH_WATER;
        for (id, request) in &self.requests {
            let Some(step) = &request.step else { continue };
            if reading {
                if let Some(f) = &step.stdout {
                    watch(f.as_raw_fd(), libc::POLLIN, Slot::Stdout(*id));
                }
                if let Some(f) = &step.stderr {
                    watch(f.as_raw_fd(), libc::POLLIN, Slot::Stderr(*id));
                }
            }
            if let Some(f) = &step.status {
                watch(f.as_raw_fd(), libc::POLLIN, Slot::Status(*id));
            }
            if let Some(f) = &step.stdin
                && !step.stdin_pending.is_empty()
            {
                watch(f.as_raw_fd(), libc::POLLOUT, Slot::Stdin(*id));
            }
            if let Some(f) = &step.control_in
                && !step.control_pending.is_empty()
            {
                watch(f.as_raw_fd(), libc::POLLOUT, Slot::ControlIn(*id));
            }
            if reading && let Some(f) = &step.control_out {
                watch(f.as_raw_fd(), libc::POLLIN, Slot::ControlOut(*id));
            }
        }
        (fds, slots)
    }

    /// Milliseconds until the nearest deadline (-1: none).
    fn poll_timeout(&self) -> i32 {
        let now = Instant::now();
        self.requests
            .values()
            .filter_map(|r| r.step.as_ref())
            .filter_map(|s| match s.killed {
                Some(at) => Some(at + KILL_GRACE),
                None => s.deadline,
            })
            .map(|at| at.saturating_duration_since(now).as_millis().min(60_000) as i32 + 1)
            .min()
            .unwrap_or(-1)
    }

    fn handle(&mut self, slot: Slot, buffer: &mut [u8]) -> io::Result<()> {
        match slot {
            Slot::Input => match read_some(&mut StdFd(0), buffer)? {
                Some(0) => self.input_open = false,
                Some(n) => {
                    self.input.push(&buffer[..n]);
                    loop {
                        match self.input.next_frame() {
                            Ok(Some(frame)) => self.on_frame(frame),
                            Ok(None) => break,
                            Err(e) => {
                                return Err(io::Error::other(format!(
                                    "the host sent a broken frame: {e}"
                                )));
                            }
                        }
                    }
                }
                None => {}
            },
            Slot::Output => self.flush()?,
            Slot::Signals => {
                sys::drain_signals(&self.sigchld);
                while let Some((pid, status)) = sys::reap() {
                    self.on_reaped(pid, status);
                }
            }
            Slot::Stdout(id) | Slot::Stderr(id) => {
                self.read_output(slot, id, buffer)?;
            }
            Slot::Status(id) => self.read_status(id, buffer)?,
            Slot::Stdin(id) => self.feed_stdin(id),
            Slot::ControlIn(id) => self.feed_control(id),
            Slot::ControlOut(id) => self.read_control(id, buffer)?,
        }
        Ok(())
    }

    fn on_frame(&mut self, frame: Frame) {
        let id = frame.id;
        match frame.kind {
            Kind::Run => match serde_json::from_slice::<RunRequest>(&frame.body) {
                Ok(_) if self.requests.contains_key(&id) => {
                    self.fail(id, format!("request {id} is already running"));
                }
                Ok(run) => {
                    self.requests.insert(
                        id,
                        Request {
                            run,
                            next: 0,
                            stdin: Vec::new(),
                            stdin_end: false,
                            step: None,
                            cancelled: false,
                        },
                    );
                }
                Err(e) => self.fail(id, format!("a bad run request: {e}")),
            },
            Kind::Stdin | Kind::StdinEnd => {
                let Some(request) = self.requests.get_mut(&id) else {
                    return;
                };
                let end = frame.kind == Kind::StdinEnd;
                match &mut request.step {
                    Some(step) if request.run.steps[step.index].stdin => {
                        step.stdin_pending.extend_from_slice(&frame.body);
                        step.stdin_end |= end;
                    }
                    _ => {
                        request.stdin.extend_from_slice(&frame.body);
                        request.stdin_end |= end;
                    }
                }
                self.feed_stdin(id);
            }
            Kind::Control => {
                if let Some(step) = self.requests.get_mut(&id).and_then(|r| r.step.as_mut())
                    && step.control_in.is_some()
                {
                    step.control_pending.extend_from_slice(&frame.body);
                    self.feed_control(id);
                }
            }
            Kind::Cancel => {
                if let Some(request) = self.requests.get_mut(&id) {
                    request.cancelled = true;
                    if let Some(step) = &mut request.step {
                        step.kill();
                    }
                }
            }
            Kind::Signal => {
                let Ok(request) = serde_json::from_slice::<SignalRequest>(&frame.body) else {
                    return;
                };
                let Some(step) = self.requests.get_mut(&id).and_then(|r| r.step.as_mut()) else {
                    return;
                };
                match step.program {
                    Some(pid) => sys::kill(pid, request.signal),
                    // Its pid is not read yet (its output can come first):
                    // delivered when it is.
                    None => step.pending_signals.push(request.signal),
                }
            }
            Kind::Write => match parse_write_body(&frame.body) {
                Ok((header, contents)) => match files::write_all(&header.files, &contents) {
                    Ok(()) => encode(&mut self.out, Kind::Written, id, b"{}"),
                    Err(message) => self.fail(id, message),
                },
                Err(message) => self.fail(id, format!("a bad write request: {message}")),
            },
            // Frames only the runner sends: a confused host; say so.
            _ => self.fail(id, format!("{:?} is not a request", frame.kind)),
        }
    }

    fn fail(&mut self, id: u64, message: String) {
        encode_json(&mut self.out, Kind::Failed, id, &Failed { message });
    }

    fn flush(&mut self) -> io::Result<()> {
        while self.queued() > 0 {
            match (StdFd(1)).write(&self.out[self.out_start..]) {
                Ok(0) => return Err(io::Error::other("the host stopped reading")),
                Ok(n) => self.out_start += n,
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => break,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            }
        }
        if self.out_start == self.out.len() {
            self.out.clear();
            self.out_start = 0;
        } else if self.out_start > (1 << 20) {
            self.out.drain(..self.out_start);
            self.out_start = 0;
        }
        Ok(())
    }

    fn on_reaped(&mut self, pid: libc::pid_t, status: libc::c_int) {
        for request in self.requests.values_mut() {
            if let Some(step) = &mut request.step
                && step.supervisor == pid
            {
                step.supervisor_gone = true;
                step.supervisor_status = Some(status);
                // Killed from outside before it reported the program's end
                // (what it did report is read from its pipe first).
                if step.status.is_none() && step.exit.is_none() {
                    step.exit = Some(sys::decode_status(status));
                }
            }
        }
        // Anything else is an orphan of an earlier step: reaped, forgotten.
    }

    /// Read one chunk of a step's output and pass it on; whether there was
    /// one.
    fn read_output(&mut self, slot: Slot, id: u64, buffer: &mut [u8]) -> io::Result<bool> {
        let Some(request) = self.requests.get_mut(&id) else {
            return Ok(false);
        };
        let limit = request.run.output_limit;
        let Some(step) = request.step.as_mut() else {
            return Ok(false);
        };
        let (file, kind, stream) = match slot {
            Slot::Stdout(_) => (&mut step.stdout, Kind::Stdout, 0),
            _ => (&mut step.stderr, Kind::Stderr, 1),
        };
        let Some(pipe) = file else { return Ok(false) };
        match read_some(pipe, buffer)? {
            Some(0) => *file = None,
            Some(n) => {
                let room = if limit == 0 {
                    n
                } else {
                    limit.saturating_sub(step.sent[stream]).min(n as u64) as usize
                };
                if room < n {
                    step.truncated = true;
                }
                step.sent[stream] += room as u64;
                if room > 0 {
                    encode(&mut self.out, kind, id, &buffer[..room]);
                }
                return Ok(true);
            }
            None => {}
        }
        Ok(false)
    }

    /// Pass on what the step wrote to descriptor 4, after everything it
    /// wrote to its standard output and error before (a kernel flushes
    /// those before it answers, so its answer follows its output).
    fn read_control(&mut self, id: u64, buffer: &mut [u8]) -> io::Result<()> {
        while self.read_output(Slot::Stdout(id), id, buffer)? {}
        while self.read_output(Slot::Stderr(id), id, buffer)? {}
        let Some(step) = self.requests.get_mut(&id).and_then(|r| r.step.as_mut()) else {
            return Ok(());
        };
        let Some(pipe) = &mut step.control_out else {
            return Ok(());
        };
        match read_some(pipe, buffer)? {
            Some(0) => step.control_out = None,
            Some(n) => encode(&mut self.out, Kind::ControlOut, id, &buffer[..n]),
            None => {}
        }
        Ok(())
    }

    fn feed_control(&mut self, id: u64) {
        if let Some(step) = self.requests.get_mut(&id).and_then(|r| r.step.as_mut()) {
            write_pending(&mut step.control_in, &mut step.control_pending);
        }
    }

    fn read_status(&mut self, id: u64, buffer: &mut [u8]) -> io::Result<()> {
        let Some(step) = self.requests.get_mut(&id).and_then(|r| r.step.as_mut()) else {
            return Ok(());
        };
        let Some(pipe) = &mut step.status else {
            return Ok(());
        };
        let closed = match read_some(pipe, buffer)? {
            Some(0) => true,
            Some(n) => {
                step.status_text.extend_from_slice(&buffer[..n]);
                false
            }
            None => false,
        };
        while let Some(end) = step.status_text.iter().position(|b| *b == b'\n') {
            let line: Vec<u8> = step.status_text.drain(..=end).collect();
            let line = String::from_utf8_lossy(&line);
            let mut parts = line.split_whitespace();
            let (Some(tag), Some(Ok(value))) = (parts.next(), parts.next().map(str::parse::<i64>))
            else {
                continue;
            };
            match tag {
                "P" => {
                    let pid = value as libc::pid_t;
                    step.program = Some(pid);
                    for signal in step.pending_signals.drain(..) {
                        sys::kill(pid, signal);
                    }
                }
                "X" | "E" if step.exit.is_none() => step.exit = Some((value, None)),
                "S" if step.exit.is_none() => {
                    step.exit = Some((128 + value, Some(value as i32)));
                }
                _ => {}
            }
        }
        if closed {
            step.status = None;
            if step.exit.is_none()
                && let Some(status) = step.supervisor_status
            {
                step.exit = Some(sys::decode_status(status));
            }
        }
        Ok(())
    }

    fn feed_stdin(&mut self, id: u64) {
        let Some(step) = self.requests.get_mut(&id).and_then(|r| r.step.as_mut()) else {
            return;
        };
        if write_pending(&mut step.stdin, &mut step.stdin_pending) && step.stdin_end {
            step.stdin = None;
        }
    }

    fn check_deadlines(&mut self) {
        let now = Instant::now();
        for request in self.requests.values_mut() {
            let Some(step) = &mut request.step else {
                continue;
            };
            if step.killed.is_none() && step.deadline.is_some_and(|d| d <= now) {
                step.kill();
                step.timed_out = true;
            }
            if step.killed.is_some_and(|at| now >= at + KILL_GRACE) {
                // Something outside the tree holds the pipes: stop waiting.
                step.stdout = None;
                step.stderr = None;
            }
        }
    }

    /// End finished steps, start the next ones, end finished requests.
    fn advance(&mut self) {
        let ids: Vec<u64> = self.requests.keys().copied().collect();
        for id in ids {
            let request = self.requests.get_mut(&id).expect("listed just now");
            if let Some(step) = &request.step
                && step.finished()
            {
                let step = request.step.take().expect("checked");
                if !step.supervisor_gone {
                    sys::kill(step.supervisor, libc::SIGKILL);
                }
                let (exit_code, signal) = step.exit.expect("finished");
                let end = StepEnd {
                    step: step.index as u32,
                    exit_code,
                    signal,
                    timed_out: step.timed_out,
                    truncated: step.truncated,
                    duration_us: step.started.elapsed().as_micros() as u64,
                };
                encode_json(&mut self.out, Kind::StepEnd, id, &end);
                if exit_code != 0 || step.timed_out {
                    request.cancelled = true;
                }
            }
            if request.step.is_some() {
                continue;
            }
            if request.cancelled || request.next >= request.run.steps.len() {
                let done = Done {
                    steps_run: request.next as u32,
                };
                encode_json(&mut self.out, Kind::Done, id, &done);
                self.requests.remove(&id);
                continue;
            }
            self.start_step(id);
        }
        // Frames queued above go out now rather than after the next poll.
        if let Err(e) = self.flush() {
            eprintln!("llm-sandbox-runner: {e}");
            self.input_open = false;
        }
    }

    fn start_step(&mut self, id: u64) {
        let request = self.requests.get_mut(&id).expect("caller checked");
        let index = request.next;
        request.next += 1;
        let spec = &request.run.steps[index];
        match supervisor::start(spec) {
            Ok(started) => {
                let (control_in, control_out) = started.control.unzip();
                let mut step = Step {
                    index,
                    supervisor: started.supervisor,
                    program: None,
                    stdout: Some(started.stdout),
                    stderr: Some(started.stderr),
                    status: Some(started.status),
                    status_text: Vec::new(),
                    stdin: started.stdin,
                    stdin_pending: Vec::new(),
                    stdin_end: false,
                    control_in,
                    control_pending: Vec::new(),
                    control_out,
                    sent: [0, 0],
                    truncated: false,
                    started: Instant::now(),
                    deadline: spec
                        .timeout_ms
                        .and_then(|ms| Instant::now().checked_add(Duration::from_millis(ms))),
                    exit: None,
                    timed_out: false,
                    killed: None,
                    supervisor_gone: false,
                    pending_signals: Vec::new(),
                    supervisor_status: None,
                };
                if spec.stdin {
                    step.stdin_pending = std::mem::take(&mut request.stdin);
                    step.stdin_end = request.stdin_end;
                }
                request.step = Some(step);
                self.feed_stdin(id);
            }
            Err(e) => {
                // Usually a full process table (a fork bomb's leftovers).
                let message = format!("llm-sandbox-runner: cannot start the step: {e}\n");
                encode(&mut self.out, Kind::Stderr, id, message.as_bytes());
                let end = StepEnd {
                    step: index as u32,
                    exit_code: 126,
                    signal: None,
                    timed_out: false,
                    truncated: false,
                    duration_us: 0,
                };
                encode_json(&mut self.out, Kind::StepEnd, id, &end);
                request.cancelled = true;
            }
        }
    }

    /// The host is gone: nothing may outlive the channel's requests.
    fn kill_everything(&mut self) {
        for request in self.requests.values_mut() {
            if let Some(step) = &mut request.step {
                step.kill();
            }
        }
    }
}

/// Write what `pending` holds into `pipe` without waiting; true when all of
/// it went. A pipe whose reader is gone (the program closed its input) is
/// dropped, and the rest goes nowhere.
fn write_pending(pipe: &mut Option<File>, pending: &mut Vec<u8>) -> bool {
    let Some(file) = pipe else {
        pending.clear();
        return false;
    };
    while !pending.is_empty() {
        match file.write(pending) {
            Ok(n) => {
                pending.drain(..n);
            }
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => return false,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(_) => {
                pending.clear();
                *pipe = None;
                return false;
            }
        }
    }
    true
}

/// Read what is there: `Some(0)` at end-of-file, `None` when nothing is.
fn read_some(source: &mut impl Read, buffer: &mut [u8]) -> io::Result<Option<usize>> {
    loop {
        match source.read(buffer) {
            Ok(n) => return Ok(Some(n)),
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => return Ok(None),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            // A pipe whose other end is in a weird state: treat as closed.
            Err(e) if e.raw_os_error() == Some(libc::EIO) => return Ok(Some(0)),
            Err(e) => return Err(e),
        }
    }
}

/// Standard input or output, read and written without taking ownership.
struct StdFd(RawFd);

impl Read for StdFd {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        // SAFETY: reads into `buf`, of the length given.
        let n = unsafe { libc::read(self.0, buf.as_mut_ptr().cast(), buf.len()) };
        if n < 0 {
            Err(io::Error::last_os_error())
        } else {
            Ok(n as usize)
        }
    }
}

impl Write for StdFd {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        // SAFETY: writes from `buf`, of the length given.
        let n = unsafe { libc::write(self.0, buf.as_ptr().cast(), buf.len()) };
        if n < 0 {
            Err(io::Error::last_os_error())
        } else {
            Ok(n as usize)
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}
