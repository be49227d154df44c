//! The few system calls std does not wrap: pipes with close-on-exec,
//! non-blocking descriptors, poll, signals as a descriptor, process
//! attributes.

use std::fs::File;
use std::io;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd, RawFd};

/// Turn a `-1` return into the OS error.
pub fn check(ret: libc::c_int) -> io::Result<libc::c_int> {
    if ret == -1 {
        Err(io::Error::last_os_error())
    } else {
        Ok(ret)
    }
}

/// A pipe: (read end, write end), both close-on-exec.
pub fn pipe() -> io::Result<(File, File)> {
    let mut fds = [0 as RawFd; 2];
    // SAFETY: `fds` has room for the two descriptors pipe2 writes.
    check(unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC) })?;
    // SAFETY: pipe2 succeeded, so both are fresh descriptors we own.
    let (read, write) = unsafe { (File::from_raw_fd(fds[0]), File::from_raw_fd(fds[1])) };
    Ok((read, write))
}

/// The same open file on a descriptor numbered 100 or above (close-on-exec),
/// the old one closed.
pub fn move_high(file: File) -> io::Result<File> {
    // SAFETY: F_DUPFD_CLOEXEC returns a new descriptor we then own.
    let fd = check(unsafe { libc::fcntl(file.as_raw_fd(), libc::F_DUPFD_CLOEXEC, 100) })?;
    // SAFETY: a fresh descriptor from fcntl.
    Ok(unsafe { File::from_raw_fd(fd) })
}

/// Make reads and writes on `fd` return `WouldBlock` instead of waiting.
pub fn set_nonblocking(fd: RawFd) -> io::Result<()> {
    // SAFETY: fcntl on a descriptor number has no memory effects.
    let flags = check(unsafe { libc::fcntl(fd, libc::F_GETFL) })?;
    // SAFETY: as above.
    check(unsafe { libc::fcntl(fd, libc::F_SETFL, flags | libc::O_NONBLOCK) })?;
    Ok(())
}

/// Wait until one of `fds` is ready or `timeout_ms` passes (-1: no limit).
pub fn poll(fds: &mut [libc::pollfd], timeout_ms: i32) -> io::Result<()> {
    // SAFETY: the pointer and length describe `fds`, which outlives the call.
    let ret = unsafe { libc::poll(fds.as_mut_ptr(), fds.len() as libc::nfds_t, timeout_ms) };
    match check(ret) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::Interrupted => Ok(()),
        Err(e) => Err(e),
    }
}

/// Block SIGCHLD and return a descriptor that becomes readable when one is
/// pending (children exited: reap them with [`reap`]).
pub fn sigchld_fd() -> io::Result<OwnedFd> {
    // SAFETY: sigset_t is plain data that sigemptyset initialises.
    let mut set: libc::sigset_t = unsafe { std::mem::zeroed() };
    // SAFETY: `set` is a valid sigset_t for these calls to fill and read.
    unsafe {
        libc::sigemptyset(&mut set);
        libc::sigaddset(&mut set, libc::SIGCHLD);
        check(libc::sigprocmask(
            libc::SIG_BLOCK,
            &set,
            std::ptr::null_mut(),
        ))?;
    }
    // SAFETY: as above; signalfd returns a new descriptor we then own.
    let fd = check(unsafe { libc::signalfd(-1, &set, libc::SFD_CLOEXEC | libc::SFD_NONBLOCK) })?;
    // SAFETY: a fresh descriptor from signalfd.
    Ok(unsafe { OwnedFd::from_raw_fd(fd) })
}

/// Empty a signal descriptor after it polled readable.
pub fn drain_signals(fd: &OwnedFd) {
    let mut info = [0u8; 128];
    loop {
        // SAFETY: reads into a buffer of the size given.
        let n = unsafe { libc::read(fd.as_raw_fd(), info.as_mut_ptr().cast(), info.len()) };
        if n <= 0 {
            break;
        }
    }
}

/// One exited child, if any is waiting to be reaped: (pid, wait status).
pub fn reap() -> Option<(libc::pid_t, libc::c_int)> {
    let mut status = 0;
    // SAFETY: waitpid writes the status into a local.
    let pid = unsafe { libc::waitpid(-1, &mut status, libc::WNOHANG) };
    (pid > 0).then_some((pid, status))
}

/// Send `signal` to `pid`, ignoring a process that is already gone.
pub fn kill(pid: libc::pid_t, signal: libc::c_int) {
    if pid > 0 {
        // SAFETY: kill has no memory effects.
        unsafe { libc::kill(pid, signal) };
    }
}

/// Keep other processes of the same user from reading this process's
/// memory and descriptors through /proc (and from ptracing it): the channel
/// to the host stays the runner's own.
pub fn make_undumpable() {
    // SAFETY: prctl with integer arguments has no memory effects.
    unsafe { libc::prctl(libc::PR_SET_DUMPABLE, 0, 0, 0, 0) };
}

/// Become the reaper of orphaned descendants (instead of the sandbox's
/// init), so that a step's whole tree stays below its supervisor.
pub fn become_subreaper() {
    // SAFETY: as above.
    unsafe { libc::prctl(libc::PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) };
}

/// Every signal back to its default action. An ignored signal stays ignored
/// across exec: a runner started with SIGINT ignored (by a shell that ran it
/// in the background) would hand that on to every program, which could then
/// not be interrupted.
pub fn default_signal_dispositions() {
    for signal in 1..=31 {
        if signal != libc::SIGKILL && signal != libc::SIGSTOP {
            // SAFETY: resetting a disposition has no memory effects.
            unsafe { libc::signal(signal, libc::SIG_DFL) };
        }
    }
}

/// End this process when `parent` (its parent now) dies: a supervisor must
/// not outlive the runner that waits for its reports.
pub fn die_with_parent(parent: libc::pid_t) {
    // SAFETY: prctl and getppid have no memory effects.
    unsafe {
        libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL, 0, 0, 0);
        if libc::getppid() != parent {
            libc::_exit(1);
        }
    }
}

/// The exit code and signal a wait status describes (128 + N for signal N).
pub fn decode_status(status: libc::c_int) -> (i64, Option<i32>) {
    if libc::WIFEXITED(status) {
        (i64::from(libc::WEXITSTATUS(status)), None)
    } else if libc::WIFSIGNALED(status) {
        let signal = libc::WTERMSIG(status);
        (128 + i64::from(signal), Some(signal))
    } else {
        (128, None)
    }
}
