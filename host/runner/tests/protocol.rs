//! The runner binary driven through its protocol, as the host drives it,
//! but directly on this machine: no engine is needed to check what it does
//! with processes, pipes, timeouts and hostile output. (The host's side, in
//! real containers on every engine, is tested in `tests/runner.rs`.)

use std::io::{Read, Write};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::time::{Duration, Instant};

use llm_sandbox_runner::{
    Decoder, Done, FileHeader, Frame, Kind, MAX_RUNNER_FRAME, PREAMBLE, PROTOCOL_VERSION, Ready,
    RunRequest, SignalRequest, StepEnd, StepRequest, WriteRequest, encode, encode_json, write_body,
};

/// A runner process and the host's end of its channel.
struct Runner {
    child: Child,
    input: Option<ChildStdin>,
    output: ChildStdout,
    decoder: Decoder,
    ready: Ready,
}

/// What came back for one run request.
#[derive(Debug, Default)]
struct Reply {
    stdout: Vec<u8>,
    stderr: Vec<u8>,
    ends: Vec<StepEnd>,
    done: Option<Done>,
    failed: Option<String>,
}

fn step(argv: &[&str]) -> StepRequest {
    StepRequest {
        argv: argv.iter().map(|s| s.to_string()).collect(),
        env: vec![],
        workdir: None,
        stdin: false,
        timeout_ms: None,
        control: false,
    }
}

fn sh(script: &str) -> StepRequest {
    step(&["sh", "-c", script])
}

impl Runner {
    fn start() -> Runner {
        let mut child = Command::new(env!("CARGO_BIN_EXE_llm-sandbox-runner"))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("start the runner");
        let input = child.stdin.take();
        let mut output = child.stdout.take().expect("piped");
        let mut preamble = [0u8; 8];
        output.read_exact(&mut preamble).expect("preamble");
        assert_eq!(&preamble, PREAMBLE);
        let mut runner = Runner {
            child,
            input,
            output,
            decoder: Decoder::new(MAX_RUNNER_FRAME),
            ready: Ready {
                protocol: 0,
                version: String::new(),
                pid: 0,
                uid: 0,
                gid: 0,
            },
        };
        let frame = runner.frame();
        assert_eq!((frame.kind, frame.id), (Kind::Ready, 0));
        runner.ready = serde_json::from_slice(&frame.body).expect("ready");
        assert_eq!(runner.ready.protocol, PROTOCOL_VERSION);
        runner
    }

    fn send(&mut self, kind: Kind, id: u64, body: &[u8]) {
        let mut wire = Vec::new();
        encode(&mut wire, kind, id, body);
        let input = self.input.as_mut().expect("channel open");
        input.write_all(&wire).expect("send");
        input.flush().expect("flush");
    }

    fn run(&mut self, id: u64, steps: Vec<StepRequest>, output_limit: u64) {
        let mut wire = Vec::new();
        encode_json(
            &mut wire,
            Kind::Run,
            id,
            &RunRequest {
                steps,
                output_limit,
            },
        );
        let input = self.input.as_mut().expect("channel open");
        input.write_all(&wire).expect("send");
    }

    fn frame(&mut self) -> Frame {
        let mut buffer = [0u8; 65536];
        loop {
            if let Some(frame) = self.decoder.next_frame().expect("valid frames") {
                return frame;
            }
            let n = self.output.read(&mut buffer).expect("read");
            assert!(n > 0, "the runner closed its output");
            self.decoder.push(&buffer[..n]);
        }
    }

    /// Collect the replies of request `id` until it ends (frames of other
    /// requests are dropped).
    fn reply(&mut self, id: u64) -> Reply {
        let mut reply = Reply::default();
        loop {
            let frame = self.frame();
            if frame.id != id {
                continue;
            }
            match frame.kind {
                Kind::Stdout => reply.stdout.extend_from_slice(&frame.body),
                Kind::Stderr => reply.stderr.extend_from_slice(&frame.body),
                Kind::StepEnd => reply
                    .ends
                    .push(serde_json::from_slice(&frame.body).unwrap()),
                Kind::Done => {
                    reply.done = Some(serde_json::from_slice(&frame.body).unwrap());
                    return reply;
                }
                Kind::Failed | Kind::Written => {
                    reply.failed = Some(String::from_utf8_lossy(&frame.body).into_owned());
                    return reply;
                }
                other => panic!("unexpected {other:?}"),
            }
        }
    }

    fn run_one(&mut self, id: u64, step: StepRequest) -> Reply {
        self.run(id, vec![step], 0);
        self.reply(id)
    }
}

impl Drop for Runner {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Whether process `pid` still exists (and is not a zombie).
fn alive(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .map(|stat| {
            let state = stat[stat.rfind(')').unwrap() + 1..]
                .split_whitespace()
                .next();
            state != Some("Z") && state != Some("X")
        })
        .unwrap_or(false)
}

/// Wait up to two seconds for every pid to be gone; returns the survivors.
fn survivors(pids: &[u32]) -> Vec<u32> {
    let started = Instant::now();
    loop {
        let left: Vec<u32> = pids.iter().copied().filter(|p| alive(*p)).collect();
        if left.is_empty() || started.elapsed() > Duration::from_secs(2) {
            return left;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Wait until the program under test wrote its pids to `path`.
fn wait_for_pids(path: &std::path::Path) {
    while pids_in(path).is_empty() {
        std::thread::sleep(Duration::from_millis(10));
    }
}

fn pids_in(path: &std::path::Path) -> Vec<u32> {
    std::fs::read_to_string(path)
        .unwrap_or_default()
        .split_whitespace()
        .filter_map(|p| p.parse().ok())
        .collect()
}

#[test]
fn a_run_streams_both_streams_and_reports_the_exit_code() {
    let mut runner = Runner::start();
    let reply = runner.run_one(1, sh("echo out; echo err >&2; exit 3"));
    assert_eq!(reply.stdout, b"out\n");
    assert_eq!(reply.stderr, b"err\n");
    assert_eq!(reply.ends.len(), 1);
    assert_eq!((reply.ends[0].exit_code, reply.ends[0].signal), (3, None));
    assert_eq!(reply.done.unwrap().steps_run, 1);
    // And the channel serves the next request.
    let reply = runner.run_one(2, step(&["echo", "again"]));
    assert_eq!(reply.stdout, b"again\n");
}

#[test]
fn a_plan_stops_at_the_first_failing_step_and_says_which() {
    let mut runner = Runner::start();
    runner.run(
        1,
        vec![
            sh("echo compiled"),
            sh("echo broken >&2; exit 2"),
            sh("echo never"),
        ],
        0,
    );
    let reply = runner.reply(1);
    assert_eq!(reply.stdout, b"compiled\n");
    let codes: Vec<(u32, i64)> = reply.ends.iter().map(|e| (e.step, e.exit_code)).collect();
    assert_eq!(codes, vec![(0, 0), (1, 2)]);
    assert_eq!(reply.done.unwrap().steps_run, 2);
}

#[test]
fn output_that_looks_like_frames_is_only_data() {
    let mut runner = Runner::start();
    let mut forged = PREAMBLE.to_vec();
    encode_json(&mut forged, Kind::Done, 1, &Done { steps_run: 9 });
    encode(&mut forged, Kind::Stdout, 2, b"fake");
    encode(&mut forged, Kind::Failed, 1, b"{\"message\":\"forged\"}");
    forged.extend_from_slice(&[0xff, 0xff, 0xff, 0xff, 0x86]);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("forged");
    std::fs::write(&path, &forged).unwrap();
    let printer = format!("cat {0}; cat {0} >&2", path.display());
    let reply = runner.run_one(1, sh(&printer));
    assert_eq!(reply.stdout, forged);
    assert_eq!(reply.stderr, forged);
    assert_eq!(reply.ends[0].exit_code, 0);
    let reply = runner.run_one(2, step(&["echo", "still fine"]));
    assert_eq!(reply.stdout, b"still fine\n");
}

#[test]
fn a_timed_out_step_loses_its_whole_tree_even_what_hides() {
    let mut runner = Runner::start();
    let dir = tempfile::tempdir().unwrap();
    let pids = dir.path().join("pids");
    // A child in its own session, a double-forked orphan, one with an empty
    // environment, and a shell that ignores SIGTERM.
    let script = format!(
        "setsid sleep 1000 & echo $! >> {p}; \
         (sleep 1000 & echo $! >> {p}) ; \
         env -i sleep 1000 & echo $! >> {p}; \
         trap '' TERM; echo $$ >> {p}; sleep 1000",
        p = pids.display()
    );
    let mut timed = sh(&script);
    timed.timeout_ms = Some(500);
    let started = Instant::now();
    let reply = runner.run_one(1, timed);
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );
    let end = &reply.ends[0];
    assert!(end.timed_out, "{end:?}");
    assert_eq!(end.exit_code, 137);
    let pids = pids_in(&pids);
    assert_eq!(pids.len(), 4, "{pids:?}");
    assert_eq!(survivors(&pids), Vec::<u32>::new());
}

#[test]
fn background_processes_that_let_go_of_the_output_outlive_their_step() {
    // As with one exec per step: a daemon started by a step keeps running.
    let mut runner = Runner::start();
    let dir = tempfile::tempdir().unwrap();
    let pid_file = dir.path().join("pid");
    let script = format!(
        "sleep 1000 >/dev/null 2>&1 </dev/null & echo $! > {}; echo started",
        pid_file.display()
    );
    let reply = runner.run_one(1, sh(&script));
    assert_eq!(reply.stdout, b"started\n");
    let pid = pids_in(&pid_file)[0];
    std::thread::sleep(Duration::from_millis(200));
    assert!(alive(pid), "the background process died with its step");
    let _ = Command::new("kill").arg("-9").arg(pid.to_string()).status();
}

#[test]
fn standard_input_reaches_only_the_step_that_takes_it() {
    let mut runner = Runner::start();
    let mut reader = step(&["cat"]);
    reader.stdin = true;
    runner.run(1, vec![sh("cat; echo compiled"), reader], 0);
    // Part before the step starts, part after, then the end.
    runner.send(Kind::Stdin, 1, b"hello ");
    std::thread::sleep(Duration::from_millis(100));
    runner.send(Kind::Stdin, 1, b"world");
    runner.send(Kind::StdinEnd, 1, b"");
    let reply = runner.reply(1);
    assert_eq!(reply.stdout, b"compiled\nhello world");
    assert_eq!(reply.done.unwrap().steps_run, 2);
}

#[test]
fn output_beyond_the_limit_is_dropped_and_flagged_without_blocking_the_program() {
    let mut runner = Runner::start();
    runner.run(
        1,
        vec![sh("head -c 5000000 /dev/zero; echo done >&2")],
        1000,
    );
    let reply = runner.reply(1);
    assert_eq!(reply.stdout.len(), 1000);
    assert_eq!(reply.stderr, b"done\n");
    assert!(reply.ends[0].truncated);
    assert_eq!(reply.ends[0].exit_code, 0);
}

#[test]
fn large_output_arrives_whole_and_in_order() {
    let mut runner = Runner::start();
    let reply = runner.run_one(1, sh("seq 1 300000"));
    let expected: String = (1..=300000).map(|i| format!("{i}\n")).collect();
    assert_eq!(reply.stdout.len(), expected.len());
    assert!(reply.stdout == expected.as_bytes());
}

#[test]
fn missing_programs_and_work_dirs_fail_like_a_shell_says() {
    let mut runner = Runner::start();
    let reply = runner.run_one(1, step(&["no-such-program-here"]));
    assert_eq!(reply.ends[0].exit_code, 127);
    let message = String::from_utf8_lossy(&reply.stderr);
    assert!(message.contains("no-such-program-here"), "{message}");
    let mut elsewhere = step(&["pwd"]);
    elsewhere.workdir = Some("/no/such/dir".into());
    let reply = runner.run_one(2, elsewhere);
    assert_eq!(reply.ends[0].exit_code, 126);
    assert!(String::from_utf8_lossy(&reply.stderr).contains("/no/such/dir"));
}

#[test]
fn steps_get_their_environment_and_work_dir() {
    let mut runner = Runner::start();
    let dir = tempfile::tempdir().unwrap();
    let mut probe = sh("echo \"$GREETING from $(pwd)\"");
    probe.env = vec![("GREETING".into(), "hi".into())];
    probe.workdir = Some(dir.path().display().to_string());
    let reply = runner.run_one(1, probe);
    assert_eq!(
        String::from_utf8_lossy(&reply.stdout),
        format!("hi from {}\n", dir.path().display())
    );
}

#[test]
fn files_are_written_with_their_modes_and_parents() {
    let mut runner = Runner::start();
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("a/b/run.sh");
    let data = dir.path().join("data.txt");
    let header = WriteRequest {
        files: vec![
            FileHeader {
                path: script.display().to_string(),
                mode: 0o755,
                size: 16,
            },
            FileHeader {
                path: data.display().to_string(),
                mode: 0o600,
                size: 3,
            },
        ],
    };
    let body = write_body(&header, &[b"#!/bin/sh\necho x", b"abc"]);
    runner.send(Kind::Write, 5, &body);
    let frame = runner.frame();
    assert_eq!((frame.kind, frame.id), (Kind::Written, 5));
    use std::os::unix::fs::PermissionsExt;
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!((mode(&script), mode(&data)), (0o755, 0o600));
    assert_eq!(std::fs::read(&data).unwrap(), b"abc");
    let reply = runner.run_one(6, step(&[&script.display().to_string()]));
    assert_eq!(reply.stdout, b"x\n");
    // A relative path is refused, and the channel goes on.
    let bad = WriteRequest {
        files: vec![FileHeader {
            path: "relative".into(),
            mode: 0o644,
            size: 0,
        }],
    };
    runner.send(Kind::Write, 7, &write_body(&bad, &[b""]));
    let frame = runner.frame();
    assert_eq!(frame.kind, Kind::Failed);
    assert!(String::from_utf8_lossy(&frame.body).contains("relative"));
}

#[test]
fn a_cancelled_request_ends_at_once_and_its_processes_are_gone() {
    let mut runner = Runner::start();
    let dir = tempfile::tempdir().unwrap();
    let pid_file = dir.path().join("pid");
    let script = format!("sleep 1000 & echo $! > {}; wait", pid_file.display());
    runner.run(1, vec![sh(&script), sh("echo never")], 0);
    wait_for_pids(&pid_file);
    runner.send(Kind::Cancel, 1, b"");
    let reply = runner.reply(1);
    assert_eq!(reply.ends.len(), 1);
    assert_eq!(reply.ends[0].exit_code, 137);
    assert!(!reply.ends[0].timed_out);
    assert_eq!(survivors(&pids_in(&pid_file)), Vec::<u32>::new());
}

#[test]
fn a_signal_reaches_the_program() {
    let mut runner = Runner::start();
    runner.run(
        1,
        vec![sh(
            "trap 'echo interrupted; exit 7' INT; echo ready; while :; do sleep 0.05; done",
        )],
        0,
    );
    let frame = runner.frame();
    assert_eq!(frame.body, b"ready\n");
    let body = serde_json::to_vec(&SignalRequest { signal: 2 }).unwrap();
    runner.send(Kind::Signal, 1, &body);
    let reply = runner.reply(1);
    assert_eq!(reply.stdout, b"interrupted\n");
    assert_eq!(reply.ends[0].exit_code, 7);
}

#[test]
fn requests_overlap() {
    let mut runner = Runner::start();
    runner.run(1, vec![sh("sleep 0.5; echo slow")], 0);
    runner.run(2, vec![step(&["echo", "fast"])], 0);
    let reply = runner.reply(2);
    assert_eq!(reply.stdout, b"fast\n");
    let reply = runner.reply(1);
    assert_eq!(reply.stdout, b"slow\n");
}

#[test]
fn a_killed_program_reports_its_signal() {
    let mut runner = Runner::start();
    let reply = runner.run_one(1, sh("kill -9 $$"));
    assert_eq!(
        (reply.ends[0].exit_code, reply.ends[0].signal),
        (137, Some(9))
    );
}

#[test]
fn closing_the_channel_ends_the_runner_and_what_it_runs() {
    let mut runner = Runner::start();
    let dir = tempfile::tempdir().unwrap();
    let pid_file = dir.path().join("pid");
    runner.run(
        1,
        vec![sh(&format!("echo $$ > {}; sleep 1000", pid_file.display()))],
        0,
    );
    wait_for_pids(&pid_file);
    drop(runner.input.take());
    let status = runner.child.wait().unwrap();
    assert!(status.success(), "{status:?}");
    assert_eq!(survivors(&pids_in(&pid_file)), Vec::<u32>::new());
}

#[test]
fn a_broken_frame_from_the_host_ends_the_runner() {
    let mut runner = Runner::start();
    let input = runner.input.as_mut().unwrap();
    input.write_all(&[0xff, 0xff, 0xff, 0xff, 0x01]).unwrap();
    input.flush().unwrap();
    let status = runner.child.wait().unwrap();
    assert!(status.success(), "{status:?}");
}

#[test]
fn a_killed_runner_leaves_no_supervisor_behind() {
    let mut runner = Runner::start();
    let dir = tempfile::tempdir().unwrap();
    let pid_file = dir.path().join("pid");
    runner.run(
        1,
        vec![sh(&format!("echo $$ > {}; sleep 1000", pid_file.display()))],
        0,
    );
    wait_for_pids(&pid_file);
    let program = pids_in(&pid_file)[0];
    let stat = std::fs::read_to_string(format!("/proc/{program}/stat")).unwrap();
    let supervisor: u32 = stat[stat.rfind(')').unwrap() + 1..]
        .split_whitespace()
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    assert_ne!(supervisor, runner.child.id());
    runner.child.kill().unwrap();
    runner.child.wait().unwrap();
    assert_eq!(survivors(&[supervisor]), Vec::<u32>::new());
    // The program itself is the host's to kill (by its marker).
    let _ = Command::new("kill")
        .arg("-9")
        .arg(program.to_string())
        .status();
}

#[test]
fn a_control_channel_carries_requests_and_answers_after_the_output() {
    let mut runner = Runner::start();
    // A toy kernel: reads a line on 3, prints, then answers on 4.
    let mut kernel = sh("echo ready >&4; while read -r cell <&3; do \
           echo \"output of $cell\"; echo \"error of $cell\" >&2; echo \"answer to $cell\" >&4; \
         done; echo bye");
    kernel.control = true;
    runner.run(1, vec![kernel], 0);
    let frame = runner.frame();
    assert_eq!(
        (frame.kind, frame.body.as_slice()),
        (Kind::ControlOut, &b"ready\n"[..])
    );
    for cell in ["one", "two"] {
        runner.send(Kind::Control, 1, format!("{cell}\n").as_bytes());
        let mut seen = Vec::new();
        loop {
            let frame = runner.frame();
            let text = String::from_utf8_lossy(&frame.body).into_owned();
            let done = frame.kind == Kind::ControlOut;
            seen.push((frame.kind, text));
            if done {
                break;
            }
        }
        assert_eq!(
            seen,
            vec![
                (Kind::Stdout, format!("output of {cell}\n")),
                (Kind::Stderr, format!("error of {cell}\n")),
                (Kind::ControlOut, format!("answer to {cell}\n")),
            ]
        );
    }
    // The descriptors are not the runner's: nothing of the channel leaks in.
    runner.send(Kind::Cancel, 1, b"");
    let reply = runner.reply(1);
    assert_eq!(reply.ends[0].exit_code, 137);
}

#[test]
fn steps_without_a_control_channel_have_no_descriptor_3_or_4() {
    let mut runner = Runner::start();
    let reply = runner.run_one(1, sh("ls /proc/self/fd | sort -n | tr '\\n' ' '"));
    // 0, 1, 2, and 3 (ls's own directory handle).
    assert_eq!(String::from_utf8_lossy(&reply.stdout), "0 1 2 3 ");
}
