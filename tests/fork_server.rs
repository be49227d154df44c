//! Warm starts, on the backend under test: R runs of a non-interactive
//! session go through the R plugin's fork server (an R that has already
//! started, forking a child per run), Java compiles through the Java
//! plugin's compile server (a JVM that stays up, compiling in-process), and
//! JavaScript runs through a spare `node` that has already started.
//! What a program sees and prints must be exactly what it would with a
//! fresh `Rscript`, `javac` or `node`: every program of a table is run in a session
//! with the server and in one without it, and the two results must be byte
//! for byte the same, while the session's counter shows that each run (each
//! compile) really went through the server.

mod support;

use std::time::{Duration, Instant};

use llm_sandbox_host::{Error, RunOptions, RunResult, Session, SessionConfig};
use support::open;

fn r(fork_server: bool) -> SessionConfig {
    if std::env::var_os("LLM_SANDBOX_TEST_LOG").is_some() {
        let _ = tracing_subscriber::fmt()
            .with_max_level(tracing::Level::DEBUG)
            .with_test_writer()
            .try_init();
    }
    SessionConfig {
        runner: true,
        fork_server,
        ..SessionConfig::new("r")
    }
}

/// Prints the command line of the run's parent process: the fork server's
/// R (reading its FIFO) when the run went through it.
const PARENT: &str = r#"ppid <- strsplit(readLines("/proc/self/stat"), " ")[[1]][4]
cmd <- readBin(sprintf("/proc/%s/cmdline", ppid), "raw", 4096)
cat(rawToChar(replace(cmd, cmd == as.raw(0), as.raw(32))), "\n")
"#;

/// Run `PARENT` until it says the server ran it (it starts in the
/// background when the session opens); how many runs that took.
async fn wait_for_server(session: &Session) -> usize {
    let started = Instant::now();
    let mut runs = 0;
    loop {
        let before = session.fork_server_runs();
        let result = session.run(PARENT, &[]).await.unwrap();
        runs += 1;
        if session.fork_server_runs() == before + 1 {
            assert!(
                result.stdout.contains("--file=.fork/in"),
                "the parent of a served run is the server: {}",
                result.stdout
            );
            return runs;
        }
        assert!(
            !result.stdout.contains("--file=.fork/in"),
            "a run the server did not count: {}",
            result.stdout
        );
        assert!(
            started.elapsed() < Duration::from_secs(90),
            "the fork server never took a run: {result:?}"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

async fn run(session: &Session, code: &str, args: &[&str]) -> RunResult {
    session
        .run_with(
            code,
            RunOptions {
                args: args.iter().map(|a| (*a).to_string()).collect(),
                ..Default::default()
            },
        )
        .await
        .unwrap_or_else(|e| panic!("{code}: {e}"))
}

/// Programs whose output must not depend on the server (what only a fresh
/// process has, like its own tempdir(), stays out).
const TABLE: &[(&str, &[&str])] = &[
    (
        "cat('a\\n'); print(1:3); message('to stderr'); cat('b\\n', file = stderr())",
        &[],
    ),
    (
        "x <- 5\nx\n'str'\nlist(a = 1, b = 'two')\ninvisible(7)\nf <- function() 1\nf\n",
        &[],
    ),
    ("cat('before\\n')\nstop('boom')\ncat('never\\n')\n", &[]),
    (
        "f <- function(x) g(x)\ng <- function(x) h(x)\nh <- function(x) stop('deep: ', x)\nf(1)\n",
        &[],
    ),
    ("warning('careful')\ncat('after\\n')\n", &[]),
    (
        "f <- function() { warning('w1'); warning('w2'); 1 }\nf()\nfor (i in 1:3) warning(paste('loop', i))\ncat('end\\n')\n",
        &[],
    ),
    ("cat('bye\\n')\nquit(status = 3)\ncat('never\\n')\n", &[]),
    ("cat('first\\n')\nx <- (1 +\n", &[]),
    ("cat('ok\\n')\ny <- 1 +* 2\n", &[]),
    (
        "print(commandArgs())\nprint(commandArgs(TRUE))\n",
        &["a", "b c", "--flag"],
    ),
    ("print(commandArgs(trailingOnly = TRUE))\n", &[]),
    (
        "cat(Sys.getenv('TMPDIR'), Sys.getenv('LC_CTYPE'), Sys.getenv('R_LIBS_USER'), '\\n')\n",
        &[],
    ),
    (
        "cat(getwd(), '\\n'); print(basename(list.files('.runs')))\n",
        &[],
    ),
    (
        "print(readLines(file('stdin')))\nprint(readLines('stdin'))\n",
        &[],
    ),
    (
        "print(search())\nprint(ls(all.names = TRUE))\nprint(exists('.Random.seed'))\n",
        &[],
    ),
    // The same variables (values differ: per-run paths and markers).
    ("print(sort(names(Sys.getenv())))\n", &[]),
    (
        "print(showConnections(all = TRUE)[, 1])\nprint(interactive())\nprint(Sys.getenv('R_DEFAULT_PACKAGES'))\n",
        &[],
    ),
    (
        "print(compiler::enableJIT(-1))\nprint(getOption('warn'))\nprint(Sys.getlocale('LC_CTYPE'))\n",
        &[],
    ),
    (
        "cat('x\\n')\ntools::pskill(Sys.getpid(), 9)\ncat('never\\n')\n",
        &[],
    ),
    ("cat('héllo ✓\\n'); print('héllo')\n", &[]),
    // Much output on both streams, up to the end: none of it comes after the answer.
    (
        "for (i in 1:4000) cat(i, strrep('x', 60), '\\n')\nmessage(strrep('y', 70000))\ncat('last\\n')\n",
        &[],
    ),
    ("cat(strrep('z', 300000))\nquit(status = 2)\n", &[]),
    // Each run's tempdir() starts empty (a fresh R's is new).
    (
        "f <- tempfile()\nwriteLines('x', f)\ncat(length(list.files(tempdir())), file.exists(f), '\\n')\n",
        &[],
    ),
    ("q('no', 0, FALSE)\n", &[]),
    (
        "on.exit(cat('no\\n'))\n.Last <- function() cat('last\\n')\nquit(save = 'no', status = 4, runLast = TRUE)\n",
        &[],
    ),
];

#[tokio::test(flavor = "multi_thread")]
async fn runs_through_the_server_are_byte_for_byte_those_of_fresh_rscript() {
    let (_warm_host, warm) = open(r(true)).await;
    let (_cold_host, cold) = open(r(false)).await;
    // The same number of runs in both, so that run ids (and paths) match.
    for _ in 0..wait_for_server(&warm).await {
        run(&cold, PARENT, &[]).await;
    }
    for (code, args) in TABLE {
        let before = warm.fork_server_runs();
        let served = run(&warm, code, args).await;
        assert_eq!(
            warm.fork_server_runs(),
            before + 1,
            "{code}: did not go through the server"
        );
        let fresh = run(&cold, code, args).await;
        assert_eq!(cold.fork_server_runs(), 0);
        assert_eq!(
            (served.exit_code, &served.stdout, &served.stderr),
            (fresh.exit_code, &fresh.stdout, &fresh.stderr),
            "{code}"
        );
    }
    // Spot checks that the table compares what it means to.
    let killed = run(&warm, "tools::pskill(Sys.getpid(), 9)", &[]).await;
    assert_eq!(killed.exit_code, 137);
    let quit = run(&warm, "quit(status = 3)", &[]).await;
    assert_eq!(quit.exit_code, 3);
    let halted = run(
        &warm,
        "f <- function() g()\ng <- function() stop('deep')\nf()",
        &[],
    )
    .await;
    assert_eq!(
        (halted.exit_code, halted.stderr.as_str()),
        (1, "Error in g() : deep\nCalls: f -> g\nExecution halted\n")
    );
    // Each run seeds its own generator, as a fresh R does.
    let one = run(&warm, "cat(runif(1))", &[]).await;
    let two = run(&warm, "cat(runif(1))", &[]).await;
    assert_ne!(one.stdout, two.stdout);
    warm.close().await.unwrap();
    cold.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn a_runaway_program_times_out_as_without_the_server_and_the_server_comes_back() {
    let (_host, warm) = open(SessionConfig {
        execution_timeout: Some(Duration::from_secs(3)),
        ..r(true)
    })
    .await;
    wait_for_server(&warm).await;
    let before = warm.fork_server_runs();
    let started = Instant::now();
    let err = warm
        .run("cat('spinning\\n')\nrepeat {}", &[])
        .await
        .unwrap_err();
    let Error::Timeout {
        timeout, stdout, ..
    } = &err
    else {
        panic!("expected a timeout, got {err:?}");
    };
    assert_eq!(*timeout, Duration::from_secs(3));
    assert_eq!(stdout, "spinning\n");
    assert!(started.elapsed() < Duration::from_secs(20), "{err}");
    assert_eq!(warm.fork_server_runs(), before);
    // Nothing of it is left running.
    let ps = warm.execute_command("ps -eo args").await.unwrap();
    assert!(!ps.stdout.contains("repeat"), "{}", ps.stdout);
    // The next run works at once (fresh, while the server restarts), and the
    // server takes runs again.
    let next = warm.run("cat('next\\n')", &[]).await.unwrap();
    assert_eq!((next.exit_code, next.stdout.as_str()), (0, "next\n"));
    wait_for_server(&warm).await;
    let again = warm.run("cat(1 + 1, '\\n')", &[]).await.unwrap();
    assert_eq!(again.stdout, "2 \n");
    warm.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn runs_the_server_cannot_reproduce_exactly_start_fresh_processes() {
    let (_host, warm) = open(r(true)).await;
    wait_for_server(&warm).await;
    let before = warm.fork_server_runs();
    // Standard input is fed by the runner to a process of its own.
    let result = warm
        .run_with(
            "cat(toupper(readLines(file('stdin'))), sep = '\\n')",
            RunOptions {
                stdin: Some(b"shout\n".to_vec()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(result.stdout, "SHOUT\n");
    // A .Rprofile in the work dir is read when R starts: the server says
    // `unsupported`, and a fresh Rscript reads it.
    warm.execute_command("echo 'cat(\"profile\\\\n\")' > .Rprofile")
        .await
        .unwrap();
    let result = warm.run("cat('main\\n')", &[]).await.unwrap();
    assert_eq!(result.stdout, "profile\nmain\n");
    warm.execute_command("rm .Rprofile").await.unwrap();
    assert_eq!(warm.fork_server_runs(), before);
    // The server took none of these and is still there.
    wait_for_server(&warm).await;
    // A run that removes the server's files (its FIFO, its tempdir()): the
    // next runs are not lost, and a new server takes over.
    let result = warm
        .run("unlink('.fork', recursive = TRUE)", &[])
        .await
        .unwrap();
    assert_eq!(result.exit_code, 0);
    for _ in 0..2 {
        let result = warm
            .run("cat(file.exists(tempdir()), '\\n')", &[])
            .await
            .unwrap();
        assert_eq!(result.stdout, "TRUE \n");
    }
    wait_for_server(&warm).await;
    let result = warm
        .run("cat(file.exists(tempdir()), '\\n')", &[])
        .await
        .unwrap();
    assert_eq!(result.stdout, "TRUE \n");
    warm.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn a_program_that_kills_the_server_fails_clearly_and_the_session_goes_on() {
    let (_host, warm) = open(r(true)).await;
    wait_for_server(&warm).await;
    let err = warm
        .run(
            "cat('about to\\n')\nppid <- strsplit(readLines('/proc/self/stat'), ' ')[[1]][4]\n\
             tools::pskill(as.integer(ppid), 9)\nSys.sleep(5)\n",
            &[],
        )
        .await
        .unwrap_err();
    let Error::ForkServerLost { stdout, .. } = &err else {
        panic!("expected ForkServerLost, got {err:?}");
    };
    assert_eq!(stdout, "about to\n");
    let next = warm.run("cat('still here\\n')", &[]).await.unwrap();
    assert_eq!(next.stdout, "still here\n");
    wait_for_server(&warm).await;
    warm.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn a_pooled_session_starts_its_server_while_it_waits_in_the_pool() {
    let host = support::sandbox_host().await;
    host.keep_warm(
        r(true),
        llm_sandbox_host::PoolOptions {
            size: 1,
            ..Default::default()
        },
    )
    .unwrap();
    for _ in 0..600 {
        if host.pool_status().iter().map(|p| p.ready).sum::<usize>() == 1 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    // Time for the server to start in the pooled sandbox.
    tokio::time::sleep(Duration::from_secs(5)).await;
    let session = host.open(r(true)).await.unwrap();
    let first = session.run(PARENT, &[]).await.unwrap();
    assert_eq!(session.fork_server_runs(), 1, "{}", first.stdout);
    assert!(first.stdout.contains("--file=.fork/in"), "{}", first.stdout);
    session.close().await.unwrap();
    // Asked for without the server, the same kind of session has none.
    let cold = host.open(r(false)).await.unwrap();
    cold.run(PARENT, &[]).await.unwrap();
    assert_eq!(cold.fork_server_runs(), 0);
    cold.close().await.unwrap();
    host.drain_pools().await;
}

// ------------------------------------------------------------------- Java

fn java(fork_server: bool) -> SessionConfig {
    SessionConfig {
        lang: "java".into(),
        ..r(fork_server)
    }
}

/// Run `hello` (which prints `hello`), with `pause` between tries, until a
/// run went through the session's server (it starts in the background when
/// the session opens); how many runs that took.
async fn wait_until_served(session: &Session, hello: &str, pause: Duration) -> usize {
    let started = Instant::now();
    let mut runs = 0;
    loop {
        let before = session.fork_server_runs();
        let result = run(session, hello, &[]).await;
        assert_eq!(result.stdout, "hello\n", "{}", result.stderr);
        runs += 1;
        if session.fork_server_runs() == before + 1 {
            return runs;
        }
        assert!(
            started.elapsed() < Duration::from_secs(90),
            "the server never took a run: {result:?}"
        );
        tokio::time::sleep(pause).await;
    }
}

/// Wait until a Java compile went through the compile server.
async fn wait_for_compile_server(session: &Session) -> usize {
    wait_until_served(session, JAVA_HELLO, Duration::from_millis(200)).await
}

const JAVA_HELLO: &str =
    "public class Main { public static void main(String[] a) { System.out.println(\"hello\"); } }";

/// Java programs whose compiles must not depend on the server: clean ones,
/// errors, warnings and notes, non-ASCII text, and failures of the run
/// (which is a fresh JVM either way).
const JAVA_TABLE: &[(&str, &[&str])] = &[
    (
        "import java.util.*;\npublic class Main {\n    public static void main(String[] args) {\n        System.out.println(Arrays.toString(args) + \" \" + new TreeMap<>(Map.of(\"b\", 2, \"a\", 1)));\n    }\n}\n",
        &["x", "y z"],
    ),
    // Two errors, one of them about a non-ASCII name.
    (
        "public class Main {\n    public static void main(String[] args) {\n        int é = \"x\";\n        System.out.println(ünknown);\n    }\n}\n",
        &[],
    ),
    // A syntax error.
    (
        "public class Main {\n    public static void main(String[] args) { int x = ; }\n}\n",
        &[],
    ),
    // Notes on unchecked and deprecated use; the program still runs.
    (
        "import java.util.*;\npublic class Main {\n    @SuppressWarnings(\"removal\")\n    public static void main(String[] args) {\n        List l = new ArrayList();\n        l.add(1);\n        System.out.println(l + \" \" + new Integer(5));\n    }\n}\n",
        &[],
    ),
    // A warning javac always prints.
    (
        "public class Main {\n    public static void main(String[] args) {\n        Thread.currentThread().stop();\n    }\n}\n",
        &[],
    ),
    // Classes in any order, a package, a record, a non-public main class.
    (
        "package a.b;\nrecord P(int x) {}\nclass Main { public static void main(String[] a) { System.out.println(new P(3) + \" ✓\"); } }\n",
        &[],
    ),
    (
        "public class Main {\n    public static void main(String[] args) {\n        System.out.println(\"before\");\n        System.exit(3);\n    }\n}\n",
        &[],
    ),
    (
        "public class Main {\n    public static void main(String[] args) {\n        throw new IllegalStateException(\"boom\");\n    }\n}\n",
        &[],
    ),
    // Much output from the compiler: every error of a long file.
    (
        "public class Main {\n    public static void main(String[] args) {\n        REPEAT\n    }\n}\n",
        &[],
    ),
];

#[tokio::test(flavor = "multi_thread")]
async fn java_compiles_through_the_server_are_byte_for_byte_those_of_fresh_javac() {
    let (_warm_host, warm) = open(java(true)).await;
    let (_cold_host, cold) = open(java(false)).await;
    for _ in 0..wait_for_compile_server(&warm).await {
        run(&cold, JAVA_HELLO, &[]).await;
    }
    let many_errors = "undefined_name();\n        ".repeat(300);
    for (code, args) in JAVA_TABLE {
        let code = code.replace("REPEAT", &many_errors);
        let before = warm.fork_server_runs();
        let served = run(&warm, &code, args).await;
        assert_eq!(
            warm.fork_server_runs(),
            before + 1,
            "{code}: the compile did not go through the server"
        );
        let fresh = run(&cold, &code, args).await;
        assert_eq!(cold.fork_server_runs(), 0);
        assert_eq!(
            (
                served.exit_code,
                served.failed_step,
                &served.stdout,
                &served.stderr
            ),
            (
                fresh.exit_code,
                fresh.failed_step,
                &fresh.stdout,
                &fresh.stderr
            ),
            "{code}"
        );
    }
    // Spot checks that the table compares what it means to.
    let broken = run(&warm, JAVA_TABLE[1].0, &[]).await;
    assert_eq!(
        broken.failed_step,
        Some(llm_sandbox_host::plan::StepKind::Compile)
    );
    assert!(broken.stderr.contains("2 errors"), "{}", broken.stderr);
    let noted = run(&warm, JAVA_TABLE[3].0, &[]).await;
    assert!(noted.stderr.contains("unchecked"), "{}", noted.stderr);
    assert_eq!(noted.stdout, "[1] 5\n");
    // A class the program uses from a source file in the work dir: javac's
    // default class path is the work dir, through the server too.
    for session in [&warm, &cold] {
        session
            .execute_command(
                "printf 'class Helper { static String greet() { return \"from the work dir\"; } }\\n' > Helper.java",
            )
            .await
            .unwrap();
        let before = session.fork_server_runs();
        let result = run(
            session,
            "public class Main { public static void main(String[] a) { System.out.println(Helper.greet()); } }",
            &[],
        )
        .await;
        assert_eq!(result.stdout, "from the work dir\n", "{}", result.stderr);
        assert_eq!(
            session.fork_server_runs(),
            before + u64::from(std::ptr::eq(session, &warm))
        );
    }
    // A run that reads standard input: the compile is served, the program
    // (a fresh JVM) gets the input.
    let before = warm.fork_server_runs();
    let echoed = warm
        .run_with(
            "public class Main { public static void main(String[] a) throws Exception { System.out.print(new String(System.in.readAllBytes()).toUpperCase()); } }",
            RunOptions {
                stdin: Some(b"shout\n".to_vec()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(echoed.stdout, "SHOUT\n", "{}", echoed.stderr);
    assert_eq!(warm.fork_server_runs(), before + 1);
    warm.close().await.unwrap();
    cold.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn a_program_that_kills_the_compile_server_costs_nothing_and_it_comes_back() {
    let (_host, warm) = open(java(true)).await;
    wait_for_compile_server(&warm).await;
    let killer = "public class Main { public static void main(String[] a) {\n\
        ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse(\"\").contains(\"CompileServer\"))\n\
        .forEach(p -> System.out.println(p.destroyForcibly() ? \"killed\" : \"alive\")); } }";
    let result = run(&warm, killer, &[]).await;
    assert_eq!(result.stdout, "killed\n", "{}", result.stderr);
    // The next compiles work at once (with javac, while the server
    // restarts), and the server takes compiles again.
    let next = run(&warm, JAVA_HELLO, &[]).await;
    assert_eq!((next.exit_code, next.stdout.as_str()), (0, "hello\n"));
    wait_for_compile_server(&warm).await;
    warm.close().await.unwrap();
}

/// A session that captures artifacts (as every MCP session does) still
/// compiles through the server, and the program's files come back.
#[tokio::test(flavor = "multi_thread")]
async fn a_run_that_captures_artifacts_compiles_through_the_server_and_returns_its_files() {
    let (_host, session) = open(SessionConfig {
        artifacts: Some(llm_sandbox_host::artifacts::ArtifactOptions::default()),
        ..java(true)
    })
    .await;
    wait_for_compile_server(&session).await;
    let before = session.fork_server_runs();
    let result = run(
        &session,
        "import java.nio.file.*;\npublic class Main { public static void main(String[] a) throws Exception {\n\
         Files.writeString(Path.of(System.getenv(\"LLM_SANDBOX_ARTIFACTS\"), \"out.txt\"), \"made in java\");\n\
         System.out.println(\"written\"); } }",
        &[],
    )
    .await;
    assert_eq!(result.stdout, "written\n", "{}", result.stderr);
    assert_eq!(session.fork_server_runs(), before + 1);
    let files: Vec<(&str, &[u8])> = result
        .artifacts
        .iter()
        .map(|a| (a.name.as_str(), a.bytes.as_slice()))
        .collect();
    assert_eq!(files, [("out.txt", b"made in java".as_slice())]);
    session.close().await.unwrap();
}

/// Open `config` under `mem_limit`, run `hello` (which prints `hello`) four
/// times with pauses: none goes through a server, and no process whose
/// command line matches `pattern` (a `grep` pattern) is left running.
async fn runs_without_a_server_under(
    config: SessionConfig,
    mem_limit: &str,
    hello: &str,
    pattern: &str,
) {
    let (_host, session) = open(SessionConfig {
        runtime: llm_sandbox_host::RuntimeConfig::from_toml(&format!("mem_limit = {mem_limit:?}"))
            .unwrap(),
        ..config
    })
    .await;
    for _ in 0..4 {
        let result = run(&session, hello, &[]).await;
        assert_eq!(result.stdout, "hello\n", "{}", result.stderr);
        // Long enough for a server that was there to take the next run.
        tokio::time::sleep(SPARE_PAUSE).await;
    }
    assert_eq!(session.fork_server_runs(), 0);
    let ps = session
        .execute_command(&format!("grep -l {pattern} /proc/[0-9]*/cmdline || true"))
        .await
        .unwrap();
    assert_eq!(ps.stdout, "", "no server is left running");
    session.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn a_sandbox_with_little_memory_compiles_with_javac_and_keeps_the_memory_for_programs() {
    runs_without_a_server_under(java(true), "512m", JAVA_HELLO, "Compile[S]erver").await;
}

/// The compile server's class files are committed (a server that compiled
/// itself would cost every session a compile); they must be exactly what
/// javac makes of the committed source, in the Java image.
#[tokio::test(flavor = "multi_thread")]
async fn the_compile_server_classes_are_what_javac_makes_of_their_source() {
    let source_dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../plugins/java/src/compile_server");
    let (_host, session) = open(java(false)).await;
    session
        .copy_to_runtime(
            &source_dir.join("CompileServer.java"),
            "cs/CompileServer.java",
        )
        .await
        .unwrap();
    let built = session
        .execute_command("cd cs && javac --release 11 -d out CompileServer.java")
        .await
        .unwrap();
    assert_eq!(built.exit_code, 0, "{}", built.stderr);
    let out = tempfile::tempdir().unwrap();
    session
        .copy_from_runtime("cs/out", &out.path().join("out"))
        .await
        .unwrap();
    session.close().await.unwrap();
    let classes = |dir: &std::path::Path| -> std::collections::BTreeMap<String, Vec<u8>> {
        std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "class"))
            .map(|p| {
                let name = p.file_name().unwrap().to_string_lossy().into_owned();
                (name, std::fs::read(&p).unwrap())
            })
            .collect()
    };
    let made = classes(&out.path().join("out"));
    let committed = classes(&source_dir);
    assert_eq!(
        made.keys().collect::<Vec<_>>(),
        committed.keys().collect::<Vec<_>>()
    );
    for (name, bytes) in &made {
        assert!(
            committed[name] == *bytes,
            "{name} differs from javac's: rebuild with `javac --release 11 -d . \
             CompileServer.java` in plugins/java/src/compile_server"
        );
    }
}

fn javascript(fork_server: bool) -> SessionConfig {
    SessionConfig {
        lang: "javascript".into(),
        ..r(fork_server)
    }
}

const JS_HELLO: &str = "console.log('hello')";

/// A pause after which the server has a spare for the next run (it starts
/// one once the session has been idle for half a second).
const SPARE_PAUSE: Duration = Duration::from_millis(800);

/// Wait until a JavaScript run went through a spare of the server.
async fn wait_for_spare(session: &Session) -> usize {
    wait_until_served(session, JS_HELLO, SPARE_PAUSE).await
}

/// JavaScript programs whose output must not depend on whether Node started
/// for them or waited as a spare: what Node sets up as it starts (argv,
/// environment, descriptors, process group, module cache, the main module
/// and its stack frames), both module systems, and every way a program ends.
const JS_TABLE: &[(&str, &[&str])] = &[
    (
        "console.log('out'); console.error('err'); process.stdout.write('é ✓\\n');",
        &[],
    ),
    (
        "console.log(process.argv.slice(1), process.argv0, process.execArgv, process.title);\n\
         console.log(__filename, __dirname, require.main === module, module.id, module.paths[0]);\n\
         console.log(Object.keys(require.cache), module.children.length);",
        &["a", "b c", "--flag"],
    ),
    (
        "console.log(Object.keys(process.env).sort().join(' '));\n\
         console.log(process.env.NODE_OPTIONS, process.env.HOME, process.env.PATH);",
        &[],
    ),
    (
        "const fs = require('fs');\n\
         console.log(fs.openSync('/dev/null', 'r'), fs.openSync('/dev/null', 'r'));\n\
         console.log(fs.readdirSync('/proc/self/fd').length, fs.readFileSync(0, 'utf8').length);\n\
         const stat = fs.readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');\n\
         console.log('own process group:', Number(stat[2]) === process.pid);",
        &[],
    ),
    (
        "function f() { g(); }\nfunction g() { throw new Error('deep'); }\nconsole.log('before');\nf();\n",
        &[],
    ),
    ("console.log('x');\nlet y = ;\n", &[]),
    ("console.log('bye');\nprocess.exit(3);\n", &[]),
    (
        "console.log('x');\nprocess.kill(process.pid, 'SIGKILL');\n",
        &[],
    ),
    ("Promise.reject(new TypeError('nobody caught me'));\n", &[]),
    (
        "import fs from 'node:fs';\nimport { basename } from 'node:path';\n\
         const data = await Promise.resolve(41);\n\
         console.log(data + 1, basename(import.meta.url), typeof require, fs.existsSync('.'));\n\
         console.log(new Error('esm').stack);",
        &[],
    ),
    (
        "const { execFileSync } = require('child_process');\n\
         console.log(execFileSync(process.execPath, ['-e', 'console.log(process.execArgv, process.env.NODE_OPTIONS, process.argv.length)']).toString());",
        &[],
    ),
    (
        "process.on('exit', (code) => console.log('exit', code));\n\
         setTimeout(() => { console.log('timer'); process.exitCode = 5; }, 10);",
        &[],
    ),
    (
        "for (let i = 0; i < 4000; i++) console.log(i, 'x'.repeat(60));\n\
         console.error('y'.repeat(70000));\nconsole.log('last');",
        &[],
    ),
];

#[tokio::test(flavor = "multi_thread")]
async fn javascript_runs_through_a_spare_are_byte_for_byte_those_of_fresh_node() {
    let (_warm_host, warm) = open(javascript(true)).await;
    let (_cold_host, cold) = open(javascript(false)).await;
    // The same runs on both sides, so that run ids (and paths) match.
    for _ in 0..wait_for_spare(&warm).await {
        run(&cold, JS_HELLO, &[]).await;
    }
    for (code, args) in JS_TABLE {
        tokio::time::sleep(SPARE_PAUSE).await;
        let before = warm.fork_server_runs();
        let served = run(&warm, code, args).await;
        let fresh = run(&cold, code, args).await;
        assert_eq!(
            warm.fork_server_runs(),
            before + 1,
            "not through a spare: {code}\n{served:?}"
        );
        assert_eq!(
            (served.exit_code, &served.stdout, &served.stderr),
            (fresh.exit_code, &fresh.stdout, &fresh.stderr),
            "{code}"
        );
    }
    warm.close().await.unwrap();
    cold.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn a_runaway_javascript_program_is_killed_at_its_timeout_and_spares_come_back() {
    let (_host, warm) = open(SessionConfig {
        execution_timeout: Some(Duration::from_secs(3)),
        ..javascript(true)
    })
    .await;
    wait_for_spare(&warm).await;
    tokio::time::sleep(SPARE_PAUSE).await;
    let before = warm.fork_server_runs();
    let err = warm
        .run(
            "const parent = require('fs').readFileSync(`/proc/${process.ppid}/cmdline`, 'utf8');\n\
             console.log(process.pid, parent.includes('fork_server.pl'));\nfor (;;) {}",
            &[],
        )
        .await
        .unwrap_err();
    let Error::Timeout { stdout, .. } = &err else {
        panic!("expected a timeout, got {err:?}");
    };
    assert_eq!(warm.fork_server_runs(), before);
    let (pid, served) = stdout.trim().split_once(' ').expect("pid and parent");
    assert!(pid.parse::<u32>().is_ok(), "{stdout:?}");
    assert_eq!(served, "true", "the runaway program ran from a spare");
    let gone = warm
        .execute_command(&format!(
            "for i in $(seq 50); do test -e /proc/{pid} || {{ echo gone; exit; }}; sleep 0.1; done; \
             grep -e State -e PPid /proc/{pid}/status"
        ))
        .await
        .unwrap();
    assert_eq!(gone.stdout, "gone\n");
    let next = run(&warm, "console.log('next')", &[]).await;
    assert_eq!((next.exit_code, next.stdout.as_str()), (0, "next\n"));
    wait_for_spare(&warm).await;
    warm.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn a_javascript_program_that_kills_the_server_fails_clearly_and_the_session_goes_on() {
    let (_host, warm) = open(javascript(true)).await;
    wait_for_spare(&warm).await;
    tokio::time::sleep(SPARE_PAUSE).await;
    let err = warm
        .run(
            "console.log('about to');\nprocess.kill(process.ppid, 'SIGKILL');\nsetTimeout(() => {}, 5000);",
            &[],
        )
        .await
        .unwrap_err();
    let Error::ForkServerLost { stdout, .. } = &err else {
        panic!("expected ForkServerLost, got {err:?}");
    };
    assert_eq!(stdout, "about to\n");
    let next = run(&warm, "console.log('still here')", &[]).await;
    assert_eq!(next.stdout, "still here\n");
    wait_for_spare(&warm).await;
    warm.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn a_javascript_sandbox_with_little_memory_keeps_no_spare() {
    runs_without_a_server_under(
        javascript(true),
        "256m",
        JS_HELLO,
        "-e fork_[s]erver.pl -e js/[m]ain/",
    )
    .await;
}
