//! Starting one step: a supervisor process per step, forked from the
//! runner, that becomes a subreaper and starts the program. Every process
//! the program starts, even one that calls `setsid` or double-forks, stays
//! below the supervisor for as long as the step lasts, so killing a step
//! kills all of it. When the step is over the runner kills the supervisor,
//! and whatever the program left running in the background moves up to the
//! runner, as it would with one exec per step.
//!
//! The supervisor reports on a status pipe, one line each: `P <pid>` once
//! the program started, then `X <code>` (exited) or `S <signal>` (killed),
//! or `E <code>` when it could not be started (its reason is on the step's
//! standard error).

use std::fs::File;
use std::io::Write;
use std::os::fd::{AsRawFd, OwnedFd, RawFd};
use std::os::unix::process::CommandExt;
use std::process::{Command, Stdio};

use llm_sandbox_runner::StepRequest;

use crate::sys;

/// The runner's ends of a started step.
pub struct Started {
    /// The supervisor's pid.
    pub supervisor: libc::pid_t,
    /// Reads the program's standard output.
    pub stdout: File,
    /// Reads its standard error.
    pub stderr: File,
    /// Reads the supervisor's status lines.
    pub status: File,
    /// Writes its standard input (when the step takes it).
    pub stdin: Option<File>,
    /// Writes its descriptor 3 and reads its descriptor 4 (a step with a
    /// control channel).
    pub control: Option<(File, File)>,
}

/// The program's ends of a control channel: descriptor 3 reads, 4 writes.
struct ControlEnds {
    input: File,
    output: File,
}

/// Fork a supervisor for `step`. The runner must be single-threaded (it is):
/// the child may then allocate and run std code before it execs.
pub fn start(step: &StepRequest) -> std::io::Result<Started> {
    let (stdout_r, stdout_w) = sys::pipe()?;
    let (stderr_r, stderr_w) = sys::pipe()?;
    let (status_r, status_w) = sys::pipe()?;
    let (stdin_r, stdin_w) = if step.stdin {
        let (r, w) = sys::pipe()?;
        (Some(r), Some(w))
    } else {
        (None, None)
    };
    let (control_theirs, control_ours) = if step.control {
        let (in_r, in_w) = sys::pipe()?;
        let (out_r, out_w) = sys::pipe()?;
        let theirs = ControlEnds {
            input: in_r,
            output: out_w,
        };
        (Some(theirs), Some((in_w, out_r)))
    } else {
        (None, None)
    };
    // SAFETY: getpid has no preconditions.
    let runner = unsafe { libc::getpid() };
    // SAFETY: the runner is single-threaded, so the child is a complete copy
    // of it and may do anything the runner may before it exits.
    let pid = sys::check(unsafe { libc::fork() })?;
    if pid == 0 {
        sys::die_with_parent(runner);
        drop((stdout_r, stderr_r, status_r, stdin_w, control_ours));
        supervise(step, stdin_r, stdout_w, stderr_w, status_w, control_theirs);
    }
    drop((stdout_w, stderr_w, status_w, stdin_r, control_theirs));
    for file in [&stdout_r, &stderr_r, &status_r]
        .into_iter()
        .chain(stdin_w.as_ref())
        .chain(control_ours.iter().flat_map(|(w, r)| [w, r]))
    {
        sys::set_nonblocking(file.as_raw_fd())?;
    }
    Ok(Started {
        supervisor: pid,
        stdout: stdout_r,
        stderr: stderr_r,
        status: status_r,
        stdin: stdin_w,
        control: control_ours,
    })
}

/// The supervisor: never returns.
fn supervise(
    step: &StepRequest,
    stdin: Option<File>,
    stdout: File,
    stderr: File,
    mut status: File,
    control: Option<ControlEnds>,
) -> ! {
    let keep: Vec<RawFd> = [&stdout, &stderr, &status]
        .into_iter()
        .chain(stdin.as_ref())
        .chain(control.iter().flat_map(|c| [&c.input, &c.output]))
        .map(|f| f.as_raw_fd())
        .collect();
    close_other_descriptors(&keep);
    sys::become_subreaper();
    sys::default_signal_dispositions();
    let mut error_out = stderr.try_clone().ok();
    let mut command = match step.argv.split_first() {
        Some((program, args)) => {
            let mut command = Command::new(program);
            command.args(args);
            command
        }
        None => fail(&mut error_out, &mut status, 127, "an empty command"),
    };
    command
        .envs(step.env.iter().map(|(k, v)| (k, v)))
        .stdin(stdin.map_or_else(Stdio::null, Stdio::from))
        .stdout(Stdio::from(stdout))
        .stderr(Stdio::from(stderr))
        .process_group(0);
    // Out of the way of 3 and 4 first, so that placing one cannot overwrite
    // the other; dup2 in the child clears close-on-exec. Kept open here
    // until the program is spawned.
    let control = match control.map(|c| (sys::move_high(c.input), sys::move_high(c.output))) {
        Some((Ok(input), Ok(output))) => Some((input, output)),
        Some((Err(e), _) | (_, Err(e))) => {
            let message = format!("cannot set up the control channel: {e}");
            fail(&mut error_out, &mut status, 126, &message)
        }
        None => None,
    };
    if let Some((input, output)) = &control {
        let (input, output) = (input.as_raw_fd(), output.as_raw_fd());
        // SAFETY: dup2 is async-signal-safe, and both descriptors are open
        // until the spawn returns.
        unsafe {
            command.pre_exec(move || {
                for (from, to) in [(input, 3), (output, 4)] {
                    if libc::dup2(from, to) == -1 {
                        return Err(std::io::Error::last_os_error());
                    }
                }
                Ok(())
            });
        }
    }
    if let Some(dir) = &step.workdir {
        if !std::path::Path::new(dir).is_dir() {
            let message = format!("the working directory {dir} does not exist");
            fail(&mut error_out, &mut status, 126, &message);
        }
        command.current_dir(dir);
    }
    let program = match command.spawn() {
        Ok(child) => child.id() as libc::pid_t,
        Err(e) => {
            let code = if e.kind() == std::io::ErrorKind::NotFound {
                127
            } else {
                126
            };
            let message = format!("cannot run `{}`: {e}", step.argv[0]);
            fail(&mut error_out, &mut status, code, &message)
        }
    };
    // The step's output ends when the program (and whatever inherited its
    // pipes) closes them: keep no copy here.
    drop(command);
    drop(control);
    drop(error_out);
    let _ = status.write_all(format!("P {program}\n").as_bytes());
    wait_for(program, &mut status)
}

/// Report a step that could not start, and end the supervisor.
fn fail(error_out: &mut Option<File>, status: &mut File, code: i32, message: &str) -> ! {
    // One write each, so the line arrives whole.
    if let Some(out) = error_out {
        let _ = out.write_all(format!("llm-sandbox-runner: {message}\n").as_bytes());
    }
    let _ = status.write_all(format!("E {code}\n").as_bytes());
    // SAFETY: ends this process without running the runner's destructors.
    unsafe { libc::_exit(code) }
}

/// Reap children until the program ends, report it, then keep reaping the
/// orphans of the step until the runner kills this process.
fn wait_for(program: libc::pid_t, status: &mut File) -> ! {
    loop {
        let mut wait_status = 0;
        // SAFETY: waitpid writes into a local.
        let pid = unsafe { libc::waitpid(-1, &mut wait_status, 0) };
        if pid == program {
            let line = match sys::decode_status(wait_status) {
                (_, Some(signal)) => format!("S {signal}"),
                (code, None) => format!("X {code}"),
            };
            let _ = status.write_all(format!("{line}\n").as_bytes());
        } else if pid == -1 {
            let error = std::io::Error::last_os_error();
            if error.raw_os_error() == Some(libc::ECHILD) {
                // Nothing left to reap: wait for SIGCHLD (blocked, as in the
                // runner) before asking again.
                wait_for_sigchld();
            }
        }
    }
}

fn wait_for_sigchld() {
    // SAFETY: sigset_t is plain data; sigwait only reads the set and writes
    // the signal number into a local.
    unsafe {
        let mut set: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut set);
        libc::sigaddset(&mut set, libc::SIGCHLD);
        let mut signal = 0;
        libc::sigwait(&set, &mut signal);
    }
}

/// Close every descriptor but `keep` and standard error; standard input and
/// output (the runner's channel to the host) become /dev/null.
fn close_other_descriptors(keep: &[RawFd]) {
    if let Ok(null) = File::options().read(true).write(true).open("/dev/null") {
        let null: OwnedFd = null.into();
        for fd in [0, 1] {
            // SAFETY: dup2 onto standard descriptors this process owns.
            unsafe { libc::dup2(null.as_raw_fd(), fd) };
        }
    }
    let open: Vec<RawFd> = match std::fs::read_dir("/proc/self/fd") {
        Ok(entries) => entries
            .filter_map(|e| e.ok()?.file_name().to_str()?.parse().ok())
            .collect(),
        Err(_) => (3..1024).collect(),
    };
    for fd in open {
        if fd > 2 && !keep.contains(&fd) {
            // SAFETY: closing a descriptor nothing in this process uses any
            // more (the supervisor only uses `keep`).
            unsafe { libc::close(fd) };
        }
    }
}
