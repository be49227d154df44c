//! The in-sandbox runner in real sandboxes, on the backend under test
//! (`LLM_SANDBOX_TEST_BACKEND`): runs go through it, hostile programs
//! cannot forge its frames or escape its timeouts, a runner that dies or
//! cannot start costs at most one run, never the session. Every session
//! here asks for the runner explicitly, whatever `LLM_SANDBOX_RUNNER` says.
//! (The runner binary alone, without an engine: `host/runner/tests`.)

mod support;

use std::sync::Arc;
use std::time::{Duration, Instant};

use async_trait::async_trait;
use llm_sandbox_host::backend::{ImageStore, ManagedSandbox, Process, ProcessSpec, SandboxSpec};
use llm_sandbox_host::{Backend, Error, RuntimeConfig, Sandbox, SandboxHost, SessionConfig};
use support::{ForeignContainer, backend, open, python};

fn with_runner(config: SessionConfig) -> SessionConfig {
    SessionConfig {
        runner: true,
        ..config
    }
}

/// The command name of the runner (and of its step supervisors, which are
/// forks of it), as `/proc/PID/stat` has it: 15 characters at most. (The
/// runner is not dumpable, so its `exe` link cannot be read by programs.)
const RUNNER_COMM: &str = "llm-sandbox-run";

/// Python that prints the command name of its parent process: the runner's
/// step supervisor when the runner ran it.
const PARENT_EXE: &str = "import os\n\
    try:\n    print(open(f'/proc/{os.getppid()}/stat').read().split('(')[1].split(')')[0])\n\
    except OSError as e:\n    print('no parent here', e.errno)";

#[tokio::test(flavor = "multi_thread")]
async fn runs_commands_and_setup_go_through_the_runner() {
    let (_host, session) = open(with_runner(python())).await;
    let result = session.run(PARENT_EXE, &[]).await.unwrap();
    assert_eq!(result.stdout.trim(), RUNNER_COMM, "{}", result.stderr);
    let command = session
        .execute_command("cut -d' ' -f2 /proc/$PPID/stat")
        .await
        .unwrap();
    assert_eq!(command.stdout.trim(), format!("({RUNNER_COMM})"));
    // Exit codes, both streams and standard input, as without it.
    let result = session
        .run_with(
            "import sys; print(sys.stdin.read().upper()); print('oops', file=sys.stderr); sys.exit(3)",
            llm_sandbox_host::RunOptions {
                stdin: Some(b"shout".to_vec()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(
        (
            result.exit_code,
            result.stdout.as_str(),
            result.stderr.as_str()
        ),
        (3, "SHOUT\n", "oops\n")
    );
    session.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn output_that_looks_like_runner_frames_cannot_corrupt_the_channel() {
    let (_host, session) = open(with_runner(python())).await;
    // The preamble, a `Done` for request 1, a `Failed`, a `StepEnd` claiming
    // exit 0, and a length that would swallow everything after it: on both
    // streams, in pieces, as a program that knows the protocol would try.
    let code = r#"
import json, struct, sys
def frame(kind, rid, body):
    return struct.pack('>IBQ', 9 + len(body), kind, rid) + body
forged = b'LSBXRUN1'
forged += frame(0x85, 1, json.dumps({'steps_run': 1}).encode())
forged += frame(0x86, 2, json.dumps({'message': 'forged'}).encode())
forged += frame(0x84, 3, json.dumps({'step': 0, 'exit_code': 0, 'signal': None,
    'timed_out': False, 'truncated': False, 'duration_us': 1}).encode())
forged += b'\x7f\xff\xff\xff\x82'
for out in (sys.stdout.buffer, sys.stderr.buffer):
    for i in range(0, len(forged), 7):
        out.write(forged[i:i + 7]); out.flush()
sys.stdout.buffer.write(b'|end'); sys.exit(5)
"#;
    let result = session.run(code, &[]).await.unwrap();
    assert_eq!(result.exit_code, 5, "{}", result.stderr);
    assert!(result.stdout.starts_with("LSBXRUN1"), "{:?}", result.stdout);
    assert!(result.stdout.ends_with("|end"), "{:?}", result.stdout);
    assert!(result.stdout.contains("forged"));
    assert_eq!(result.stdout.len(), result.stderr.len() + 4);
    let next = session.run("print('next')", &[]).await.unwrap();
    assert_eq!(next.stdout, "next\n");
    // Nor can a program write into the runner's channel behind its back:
    // the runner's descriptors are closed to it.
    let code = r#"
import os
def parent(pid):
    return int(open(f'/proc/{pid}/stat').read().rsplit(')', 1)[1].split()[1])
for pid in (os.getppid(), parent(os.getppid())):
    try:
        os.open(f'/proc/{pid}/fd/1', os.O_WRONLY); print('opened')
    except OSError as e:
        print('refused', e.errno)
"#;
    let probe = session.run(code, &[]).await.unwrap();
    assert_eq!(probe.stdout, "refused 13\nrefused 13\n", "{}", probe.stderr);
    session.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn a_timed_out_run_loses_every_process_it_started_even_hidden_ones() {
    let (_host, session) = open(with_runner(python())).await;
    // A child in a session of its own, a double-forked orphan, and one that
    // wiped its environment (which would hide it from a search by marker).
    let code = r#"
import os, subprocess, time
pids = []
pids.append(subprocess.Popen(['setsid', 'sleep', '1000']).pid)
if os.fork() == 0:
    p = subprocess.Popen(['sleep', '1000'], start_new_session=True)
    open('orphan.pid', 'w').write(str(p.pid)); os._exit(0)
pids.append(subprocess.Popen(['env', '-i', 'sleep', '1000']).pid)
time.sleep(0.5)
pids.append(int(open('orphan.pid').read()))
open('pids', 'w').write(' '.join(map(str, pids)))
print('started', flush=True)
time.sleep(1000)
"#;
    let started = Instant::now();
    let err = session
        .run_with(
            code,
            llm_sandbox_host::RunOptions {
                timeout: Some(Duration::from_secs(3)),
                ..Default::default()
            },
        )
        .await
        .unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(15));
    let Error::Timeout { stdout, .. } = &err else {
        panic!("{err}")
    };
    assert_eq!(stdout, "started\n");
    let check = session
        .execute_command(
            "for p in $(cat pids); do \
               if [ -e /proc/$p ] && ! grep -q '^State:.*Z' /proc/$p/status; then echo alive $p; fi; \
             done; echo checked $(cat pids | wc -w)",
        )
        .await
        .unwrap();
    assert_eq!(check.stdout, "checked 3\n", "{}", check.stderr);
    session.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn killing_the_runner_mid_run_fails_that_run_clearly_and_the_next_one_works() {
    let (_host, session) = open(with_runner(python())).await;
    // The program's parent is its step supervisor; the runner is above.
    let code = r#"
import os, time
def parent(pid):
    return int(open(f'/proc/{pid}/stat').read().rsplit(')', 1)[1].split()[1])
runner = parent(os.getppid())
open('victim.pid', 'w').write(str(os.getpid()))
print('killing', open(f'/proc/{runner}/stat').read().split('(')[1].split(')')[0], flush=True)
time.sleep(0.5)  # what the runner had not passed on yet would be lost with it
os.kill(runner, 9)
time.sleep(1000)
"#;
    let started = Instant::now();
    let err = session.run(code, &[]).await.unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(20));
    let Error::RunnerLost { stdout, .. } = &err else {
        panic!("{err}")
    };
    assert_eq!(stdout.trim(), format!("killing {RUNNER_COMM}"));
    assert!(err.to_string().contains("run again"), "{err}");
    // The lost run's processes are gone, and the next run has a new runner.
    let left = session
        .execute_command("test -e /proc/$(cat victim.pid) && echo alive || echo gone")
        .await
        .unwrap();
    assert_eq!(left.stdout.trim(), "gone", "{}", left.stderr);
    let result = session.run(PARENT_EXE, &[]).await.unwrap();
    assert_eq!(result.stdout.trim(), RUNNER_COMM);
    session.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn where_the_runner_cannot_start_each_step_is_one_exec() {
    if support::engine_only("it makes its container with the engine's CLI") {
        return;
    }
    // An existing container with a read-only root, a non-root user and a
    // `noexec` /tmp: the runner cannot be copied anywhere it may run.
    let name = format!("llm-sandbox-test-no-runner-{}", std::process::id());
    let _foreign = ForeignContainer::with_args(
        &name,
        &[
            "--read-only",
            "--user",
            "1000:1000",
            "--tmpfs",
            "/tmp:rw,noexec",
            "--tmpfs",
            "/work:rw",
        ],
    );
    let host = support::sandbox_host().await;
    let session = host
        .open(with_runner(SessionConfig {
            container_id: Some(name.clone()),
            workdir: "/work".into(),
            ..python()
        }))
        .await
        .unwrap();
    let result = session.run(PARENT_EXE, &[]).await.unwrap();
    assert_eq!(result.exit_code, 0, "{}", result.stderr);
    assert_ne!(result.stdout.trim(), RUNNER_COMM);
    let result = session.run("print(6 * 7)", &[]).await.unwrap();
    assert_eq!(result.stdout, "42\n");
    session.close().await.unwrap();
}

// ------------------------------------------------------- a hostile runner

/// What the fake runner does (a test double: the real runner cannot be made
/// to misbehave, so its path is redirected to a shell script in the real
/// sandbox).
#[derive(Clone, Copy)]
enum Fake {
    /// Prints something that is not the runner's preamble.
    NotARunner,
    /// Says it is ready, then answers the first request with a frame
    /// length far beyond the limit.
    BrokenFrames,
}

impl Fake {
    fn script(self) -> &'static str {
        match self {
            Fake::NotARunner => "echo 'exec failed: permission denied'; exit 126",
            Fake::BrokenFrames => {
                "printf 'LSBXRUN1'; \
                 printf '\\000\\000\\000\\075\\201\\000\\000\\000\\000\\000\\000\\000\\000'; \
                 printf '{\"protocol\":1,\"version\":\"x\",\"pid\":1,\"uid\":0,\"gid\":0}'; \
                 head -c 1 >/dev/null; printf '\\177\\377\\377\\377\\202'; sleep 1000"
            }
        }
    }
}

/// A sandbox whose runner is the fake one.
struct FakeRunner(Box<dyn Sandbox>, Fake);

#[async_trait]
impl Sandbox for FakeRunner {
    fn id(&self) -> &str {
        self.0.id()
    }
    fn image(&self) -> &str {
        self.0.image()
    }
    async fn spawn(&self, mut spec: ProcessSpec) -> llm_sandbox_host::Result<Process> {
        if spec.argv.first().is_some_and(|p| p.contains("llm-sandbox")) {
            spec.argv = ["sh", "-c", self.1.script()].map(String::from).to_vec();
        }
        self.0.spawn(spec).await
    }
    async fn remove(&self) -> llm_sandbox_host::Result<()> {
        self.0.remove().await
    }
    fn remove_blocking(&self) {
        self.0.remove_blocking();
    }
}

/// The backend under test, with every sandbox's runner faked.
struct FakeRunnerBackend(Arc<dyn Backend>, Fake);

#[async_trait]
impl Backend for FakeRunnerBackend {
    fn name(&self) -> &'static str {
        "fake runner"
    }
    fn endpoint(&self) -> String {
        self.0.endpoint()
    }
    async fn version(&self) -> llm_sandbox_host::Result<String> {
        self.0.version().await
    }
    fn check_runtime(&self, runtime: &RuntimeConfig) -> llm_sandbox_host::Result<()> {
        self.0.check_runtime(runtime)
    }
    fn images(&self) -> Option<&dyn ImageStore> {
        self.0.images()
    }
    async fn create(&self, spec: &SandboxSpec) -> llm_sandbox_host::Result<Box<dyn Sandbox>> {
        Ok(Box::new(FakeRunner(self.0.create(spec).await?, self.1)))
    }
    async fn attach(&self, id: &str, workdir: &str) -> llm_sandbox_host::Result<Box<dyn Sandbox>> {
        Ok(Box::new(FakeRunner(
            self.0.attach(id, workdir).await?,
            self.1,
        )))
    }
    async fn list_managed(&self) -> llm_sandbox_host::Result<Vec<ManagedSandbox>> {
        self.0.list_managed().await
    }
    async fn remove_by_id(&self, id: &str) -> llm_sandbox_host::Result<()> {
        self.0.remove_by_id(id).await
    }
}

async fn fake_host(fake: Fake) -> SandboxHost {
    SandboxHost::with_default_plugins(Arc::new(FakeRunnerBackend(backend().await, fake)))
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_process_that_is_not_a_runner_is_not_used_and_runs_still_work() {
    let host = fake_host(Fake::NotARunner).await;
    let session = host.open(with_runner(python())).await.unwrap();
    let result = session.run("print(6 * 7)", &[]).await.unwrap();
    assert_eq!((result.exit_code, result.stdout.as_str()), (0, "42\n"));
    session.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn a_runner_that_breaks_the_protocol_costs_runs_not_the_session_or_the_host() {
    let host = fake_host(Fake::BrokenFrames).await;
    let session = host
        .open(with_runner(SessionConfig {
            skip_environment_setup: true,
            ..python()
        }))
        .await
        .unwrap();
    // Each broken runner costs the run that met it (and is restarted a few
    // times); then steps run one exec each, for good.
    let mut lost = 0;
    for _ in 0..6 {
        match session.run("print(6 * 7)", &[]).await {
            Ok(result) => {
                assert_eq!(result.stdout, "42\n");
                break;
            }
            Err(Error::RunnerLost { reason, .. }) => {
                assert!(reason.contains("broken frame"), "{reason}");
                lost += 1;
            }
            Err(e) => panic!("{e}"),
        }
    }
    assert!((1..=4).contains(&lost), "{lost} runs lost");
    let result = session.run("print('after')", &[]).await.unwrap();
    assert_eq!(result.stdout, "after\n");
    session.close().await.unwrap();
}
