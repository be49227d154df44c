//! `host mcp` driven by a real MCP client: the official Python SDK (`mcp`
//! from PyPI, in a private venv that `dev/prepare` makes; its interpreter is
//! `$LLM_SANDBOX_TEST_MCP_PYTHON`, by default
//! `~/.cache/llm-sandbox/mcp-venv/bin/python`). The client scenarios live in
//! `tests/mcp/client.py`; they report what they saw as JSON, and these tests
//! assert on that and on the engine's containers.

mod support;

use std::io::{BufRead, BufReader, Read};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;
use support::{backend_name, host_bin};

const TOKEN: &str = "test-token-0123456789abcdef";

fn python() -> PathBuf {
    std::env::var_os("LLM_SANDBOX_TEST_MCP_PYTHON")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            let home = std::env::var_os("HOME").expect("HOME");
            PathBuf::from(home).join(".cache/llm-sandbox/mcp-venv/bin/python")
        })
}

fn client_script() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/mcp/client.py")
}

/// A config file for the server: the data-science Python image (for
/// plots), short limits, the CA bundle.
fn config(dir: &tempfile::TempDir, extra: &str) -> PathBuf {
    let path = dir.path().join("config.toml");
    let mut text = format!(
        "[images]\npython = \"llm-sandbox/python-datascience:bookworm\"\n\n[mcp]\n{extra}\n"
    );
    // The MCP client starts stdio servers with a clean environment: the
    // cluster is named in the config, not by KUBECONFIG.
    if support::on_kubernetes() {
        let kubeconfig = support::test_kubeconfig();
        text.push_str(&format!(
            "\n[kubernetes]\nkubeconfig = {:?}\n",
            kubeconfig.display().to_string()
        ));
    }
    std::fs::write(&path, text).expect("write config");
    path
}

/// Ids of our sandboxes created by process `pid`.
fn containers_of(pid: u32) -> Vec<String> {
    support::sandboxes_owned_by(pid)
}

/// Wait up to `limit` for `pid` to have no container left.
fn wait_no_containers(pid: u32, limit: Duration) -> Vec<String> {
    let start = Instant::now();
    loop {
        let left = containers_of(pid);
        if left.is_empty() || start.elapsed() > limit {
            return left;
        }
        std::thread::sleep(Duration::from_millis(250));
    }
}

/// Run a client scenario over stdio against `host mcp` (the client starts
/// the server); returns the report.
fn stdio_scenario(scenario: &str, config: &std::path::Path) -> Value {
    let out = Command::new(python())
        .arg(client_script())
        .args(["stdio", scenario, "--", host_bin()])
        .arg("--config")
        .arg(config)
        .args(["--backend", backend_name(), "mcp"])
        .output()
        .expect("run the MCP client (is the mcp venv prepared? dev/prepare makes it)");
    parse_report(&out)
}

fn parse_report(out: &std::process::Output) -> Value {
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "client failed: {stdout}\n{stderr}");
    let last = stdout.lines().last().unwrap_or_default();
    serde_json::from_str(last).unwrap_or_else(|e| panic!("{e}: {stdout}\n{stderr}"))
}

/// `host mcp --listen` in the background.
struct HttpServer {
    child: Child,
    url: String,
    _dir: tempfile::TempDir,
}

impl HttpServer {
    fn start(mcp_config: &str, extra_args: &[&str]) -> HttpServer {
        let dir = tempfile::tempdir().expect("tempdir");
        let config = config(&dir, mcp_config);
        let token_file = dir.path().join("token");
        std::fs::write(&token_file, format!("{TOKEN}\n")).expect("token");
        let mut child = Command::new(host_bin())
            .arg("--config")
            .arg(&config)
            .args([
                "--backend",
                backend_name(),
                "mcp",
                "--listen",
                "127.0.0.1:0",
            ])
            .arg("--token-file")
            .arg(&token_file)
            .args(extra_args)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start host mcp");
        let stderr = child.stderr.take().expect("stderr");
        let mut lines = BufReader::new(stderr).lines();
        let url = loop {
            let line = lines
                .next()
                .expect("host mcp ended before it listened")
                .expect("read stderr");
            if let Some(url) = line.strip_prefix("host: MCP server listening on ") {
                break url.to_string();
            }
        };
        // Keep draining stderr so the server never blocks on it.
        std::thread::spawn(move || for _ in lines {});
        HttpServer {
            child,
            url,
            _dir: dir,
        }
    }

    fn pid(&self) -> u32 {
        self.child.id()
    }

    fn scenario(&self, scenario: &str) -> Value {
        let out = Command::new(python())
            .arg(client_script())
            .args(["http", scenario, &self.url, TOKEN])
            .output()
            .expect("run the MCP client");
        parse_report(&out)
    }

    /// A raw HTTP request; returns the status code.
    fn raw_status(&self, authorization: Option<&str>) -> u16 {
        let address = self
            .url
            .trim_start_matches("http://")
            .trim_end_matches("/mcp");
        let mut stream = std::net::TcpStream::connect(address).expect("connect");
        let body = r#"{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"run_code","arguments":{"language":"python","code":"print(1)"}}}"#;
        let auth = authorization
            .map(|a| format!("Authorization: {a}\r\n"))
            .unwrap_or_default();
        let request = format!(
            "POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n\
             Accept: application/json, text/event-stream\r\n{auth}Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        );
        std::io::Write::write_all(&mut stream, request.as_bytes()).expect("send");
        let mut response = String::new();
        let _ = stream.read_to_string(&mut response);
        response
            .split_whitespace()
            .nth(1)
            .and_then(|code| code.parse().ok())
            .unwrap_or_else(|| panic!("no status in {response:?}"))
    }

    fn stop(mut self, signal: &str) -> std::process::ExitStatus {
        support::signal(self.pid(), signal);
        self.child.wait().expect("wait")
    }
}

impl Drop for HttpServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn body<'a>(report: &'a Value, key: &str) -> &'a Value {
    &report[key]["body"]
}

#[test]
fn over_stdio_a_client_runs_code_keeps_state_and_is_refused_blocked_code() {
    let dir = tempfile::tempdir().unwrap();
    let config = config(&dir, "");
    let report = stdio_scenario("basics", &config);

    let tools: Vec<&str> = report["tools"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    for tool in [
        "run_code",
        "open_session",
        "run_in_session",
        "close_session",
        "list_sessions",
        "check_code",
        "list_languages",
        "list_presets",
        "upload_file",
        "download_file",
    ] {
        assert!(tools.contains(&tool), "{tool} missing from {tools:?}");
    }

    assert_eq!(body(&report, "run")["stdout"], "42\n", "{report:#}");
    assert_eq!(body(&report, "run")["exit_code"], 0);

    assert_eq!(body(&report, "open")["interactive"], true, "{report:#}");
    assert_eq!(body(&report, "open")["preset"], "production");
    assert_eq!(body(&report, "get")["value"], "42", "{report:#}");
    let listed = &body(&report, "list")["sessions"];
    assert_eq!(listed.as_array().map(Vec::len), Some(1), "{report:#}");
    assert_eq!(report["after_close"]["error"], true);
    let after = report["after_close"]["body"].as_str().unwrap_or_default();
    assert!(after.contains("no open session"), "{after}");

    let blocked = &report["blocked"];
    assert_eq!(blocked["error"], true, "{report:#}");
    assert_eq!(blocked["body"]["blocked"], true);
    assert_eq!(blocked["body"]["exit_code"], 126);
    let findings = blocked["body"]["findings"].as_array().unwrap();
    assert!(
        findings.iter().any(|f| f["blocking"] == true),
        "{findings:?}"
    );
    assert!(blocked["body"].get("stdout").is_none(), "it must not run");

    assert_eq!(body(&report, "check")["allowed"], false, "{report:#}");
    let languages = body(&report, "languages")["languages"].as_array().unwrap();
    assert!(
        languages
            .iter()
            .any(|l| l["name"] == "python" && l["interactive"] == true)
    );
    let presets = body(&report, "presets")["presets"].as_array().unwrap();
    assert!(
        presets
            .iter()
            .any(|p| p["name"] == "production" && p["default"] == true)
    );
    assert!(
        presets
            .iter()
            .any(|p| p["name"] == "development" && p["allowed"] == false)
    );

    let bad = report["bad_language"]["body"].as_str().unwrap_or_default();
    assert!(
        bad.contains("cobol") && bad.contains("list_languages"),
        "{bad}"
    );
    let bad = report["bad_preset"]["body"].as_str().unwrap_or_default();
    assert!(
        bad.contains("not allowed") && bad.contains("production"),
        "{bad}"
    );
}

#[test]
fn a_matplotlib_run_returns_every_plot_as_image_content_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let config = config(&dir, "");
    let report = stdio_scenario("plots", &config);
    let run = &report["run"];
    assert_eq!(run["body"]["stdout"], "plotted\n", "{report:#}");
    let images: Vec<&Value> = run["blocks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|b| b["type"] == "image")
        .collect();
    assert_eq!(images.len(), 2, "{report:#}");
    for image in images {
        assert_eq!(image["mime"], "image/png");
        assert_eq!(image["magic"], "89504e470d0a1a0a", "PNG signature");
        assert!(image["size"].as_u64().unwrap() > 1000);
    }
    let orders: Vec<u64> = run["body"]["artifacts"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|a| a["order"].as_u64())
        .collect();
    assert_eq!(orders, [1, 2]);
}

#[test]
fn files_go_in_and_out_of_a_session_and_artifacts_come_back_as_resources() {
    let dir = tempfile::tempdir().unwrap();
    let config = config(&dir, "");
    let report = stdio_scenario("files", &config);
    assert_eq!(report["upload"]["error"], false, "{report:#}");
    assert_eq!(report["upload_binary"]["body"]["bytes"], 256);
    let run = &report["run"];
    assert_eq!(run["body"]["stdout"], "256\n", "{report:#}");
    let resource = run["blocks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["type"] == "resource")
        .unwrap_or_else(|| panic!("no artifact resource: {report:#}"));
    assert_eq!(resource["text"], "10");
    assert!(resource["uri"].as_str().unwrap().ends_with("total.txt"));
    let download = &report["download"]["blocks"][1];
    assert_eq!(download["text"], "total=10", "{report:#}");
    assert_eq!(report["download_missing"]["error"], true);
}

#[test]
fn a_client_that_asks_gets_progress_and_log_messages() {
    let dir = tempfile::tempdir().unwrap();
    let config = config(&dir, "");
    let report = stdio_scenario("progress", &config);
    let progress: Vec<&str> = report["progress"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert!(
        ["line 0", "line 1", "line 2"]
            .iter()
            .all(|l| progress.contains(l)),
        "{report:#}"
    );
    let logs = report["logs"].as_array().unwrap();
    assert!(
        logs.iter().any(|l| l["data"]
            .as_str()
            .unwrap_or_default()
            .contains("opening a python sandbox")),
        "{report:#}"
    );
}

#[test]
fn closing_a_session_stops_its_run_which_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let config = config(&dir, "max_timeout_secs = 120");
    let started = Instant::now();
    let report = stdio_scenario("busy_close", &config);
    assert!(
        started.elapsed() < Duration::from_secs(50),
        "the run was not stopped"
    );
    assert_eq!(report["close"]["body"]["closed"], true, "{report:#}");
    assert_eq!(report["run"]["error"], true);
    let text = report["run"]["body"].as_str().unwrap_or_default();
    assert!(text.contains("was closed while this code ran"), "{text}");
    assert_eq!(report["list"]["body"]["sessions"], serde_json::json!([]));
}

#[test]
fn a_package_install_reports_progress_while_it_runs() {
    // Installs need the network: the educational preset has it. On
    // Kubernetes, installing the CA bundle (which the CI machines' registries
    // need) takes root in the pod, which that preset (user 1000) does not
    // give there: the development preset (network on, root) is used instead.
    let dir = tempfile::tempdir().unwrap();
    let ca = support::ca_bundle();
    let preset = if support::on_kubernetes() {
        "development"
    } else {
        "educational"
    };
    let config = config(
        &dir,
        &format!("preset = \"{preset}\"\nmax_timeout_secs = 300"),
    );
    let text = std::fs::read_to_string(&config).unwrap();
    std::fs::write(
        &config,
        format!("ca_bundle = {:?}\n{text}", ca.display().to_string()),
    )
    .unwrap();
    let report = stdio_scenario("install", &config);
    assert_eq!(report["run"]["body"]["stdout"], "True\n", "{report:#}");
    let progress: Vec<&str> = report["progress"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert!(
        progress.iter().any(|line| line.contains("six")),
        "no install progress: {progress:?}"
    );
}

#[test]
fn over_http_the_token_is_required_and_state_persists_across_calls() {
    let server = HttpServer::start("", &[]);
    assert_eq!(server.raw_status(None), 401);
    assert_eq!(
        server.raw_status(Some("Bearer wrong-token-0123456789")),
        401
    );
    assert!(
        containers_of(server.pid()).is_empty(),
        "a refused request must run nothing"
    );

    let report = server.scenario("basics");
    assert_eq!(body(&report, "run")["stdout"], "42\n", "{report:#}");
    assert_eq!(body(&report, "get")["value"], "42", "{report:#}");
    assert_eq!(report["blocked"]["body"]["blocked"], true);
    let left = wait_no_containers(server.pid(), Duration::from_secs(20));
    assert!(left.is_empty(), "left behind: {left:?}");
}

#[test]
fn twenty_http_clients_at_once_are_all_answered_and_leave_no_container() {
    let server = HttpServer::start("", &[]);
    let out = Command::new(python())
        .arg(client_script())
        .args(["http-many", "stateful", &server.url, TOKEN, "20"])
        .output()
        .expect("run the MCP clients");
    let report = parse_report(&out);
    let clients = report["clients"].as_array().unwrap();
    assert_eq!(clients.len(), 20);
    let mut ids = std::collections::HashSet::new();
    for client in clients {
        assert_eq!(client["get"]["body"]["value"], "'vvv'", "{client:#}");
        ids.insert(
            client["open"]["body"]["session_id"]
                .as_str()
                .unwrap()
                .to_string(),
        );
    }
    assert_eq!(ids.len(), 20, "each client its own session");
    // The clients ended their MCP sessions without close_session.
    let left = wait_no_containers(server.pid(), Duration::from_secs(60));
    assert!(
        left.is_empty(),
        "left behind after the clients went: {left:?}"
    );
}

#[test]
fn a_stdio_client_killed_mid_run_leaves_no_container() {
    let dir = tempfile::tempdir().unwrap();
    let config = config(&dir, "");
    let config = config.to_str().expect("utf-8 path");
    let (mut client, _) = spawn_client(&[
        "stdio",
        "hang",
        "--",
        host_bin(),
        "--config",
        config,
        "--backend",
        backend_name(),
        "mcp",
    ]);
    // The server is the client's child; find its container by label.
    let server_pid = server_child_of(client.id());
    assert!(!containers_of(server_pid).is_empty());
    std::thread::sleep(Duration::from_millis(500)); // the run is under way
    client.kill().expect("kill the client");
    client.wait().unwrap();
    let left = wait_no_containers(server_pid, Duration::from_secs(30));
    assert!(left.is_empty(), "left behind: {left:?}");
}

#[test]
fn an_http_client_killed_mid_run_leaves_no_container_after_the_idle_expiry() {
    let server = HttpServer::start("idle_timeout_secs = 3\nmax_timeout_secs = 60", &[]);
    let (mut client, _) = spawn_client(&["http", "hang", &server.url, TOKEN]);
    std::thread::sleep(Duration::from_millis(500));
    client.kill().expect("kill the client");
    client.wait().unwrap();
    // The run stops at its timeout (60 s) at the latest; then the session is
    // idle, and expires after 3 s.
    let left = wait_no_containers(server.pid(), Duration::from_secs(90));
    assert!(left.is_empty(), "left behind: {left:?}");
}

#[test]
fn sigterm_stops_the_server_and_removes_its_sessions_and_warm_sandboxes() {
    let server = HttpServer::start("warm_sandboxes = { python = 1 }", &[]);
    // One ready sandbox for run_code, one (with a kernel) for open_session.
    wait_for_containers(server.pid(), 2);
    let (mut client, first) = spawn_client(&["http", "leave_open", &server.url, TOKEN]);
    let pid = server.pid();
    // The session took the ready sandbox, and the pool made another.
    wait_for_containers(pid, 3);
    assert_eq!(containers_of(pid).len(), 3, "{first}");
    let status = server.stop("TERM");
    let _ = client.kill();
    let _ = client.wait();
    assert_eq!(status.code(), Some(143));
    assert!(
        containers_of(pid).is_empty(),
        "SIGTERM must remove the sessions"
    );
}

#[test]
fn host_gc_removes_the_sessions_of_a_server_that_was_killed() {
    let server = HttpServer::start("", &[]);
    let (mut client, first) = spawn_client(&["http", "leave_open", &server.url, TOKEN]);
    let pid = server.pid();
    assert_eq!(containers_of(pid).len(), 1, "{first}");
    let status = server.stop("KILL");
    let _ = client.kill();
    let _ = client.wait();
    assert!(!status.success());
    assert_eq!(
        containers_of(pid).len(),
        1,
        "a killed server cannot clean up"
    );
    let out = support::host(&["--backend", backend_name(), "gc"], None);
    assert!(out.status.success(), "{out:?}");
    assert!(containers_of(pid).is_empty(), "host gc must find them");
}

#[test]
fn an_http_server_without_a_token_refuses_to_start() {
    let out = Command::new(host_bin())
        .args(["mcp", "--listen", "127.0.0.1:0"])
        .env_remove("LLM_SANDBOX_MCP_TOKEN")
        .env("LLM_SANDBOX_CONFIG", "/dev/null")
        .output()
        .expect("run host");
    assert_eq!(out.status.code(), Some(125));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("--token-file"), "{stderr}");
}

/// Start a client scenario that reports its first line (a session id) and
/// then waits; returns the client and that line.
fn spawn_client(args: &[&str]) -> (Child, String) {
    let mut client = Command::new(python())
        .arg(client_script())
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start the client");
    let mut first = String::new();
    BufReader::new(client.stdout.take().expect("stdout"))
        .read_line(&mut first)
        .expect("read");
    assert!(first.contains("session_id"), "{first}");
    (client, first)
}

/// Wait up to a minute for `pid` to have `count` containers.
fn wait_for_containers(pid: u32, count: usize) {
    let start = Instant::now();
    while containers_of(pid).len() < count && start.elapsed() < Duration::from_secs(60) {
        std::thread::sleep(Duration::from_millis(200));
    }
}

/// The pid of `parent`'s child process (the server a stdio client started).
fn server_child_of(parent: u32) -> u32 {
    for _ in 0..100 {
        let children = std::fs::read_to_string(format!("/proc/{parent}/task/{parent}/children"))
            .unwrap_or_default();
        if let Some(pid) = children
            .split_whitespace()
            .next()
            .and_then(|p| p.parse().ok())
        {
            return pid;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("the client started no server");
}
