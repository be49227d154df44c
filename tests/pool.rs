//! Warm pools on the backend under test: sessions opened ahead of demand,
//! handed out once, refilled, expired, and never leaked.

mod support;

use std::time::Duration;

use llm_sandbox_host::pool::POOL_LABEL;
use llm_sandbox_host::{Error, PoolOptions, SandboxHost, SecurityPreset, SessionConfig};
use support::{container_exists, engine_cli, python, sandbox_host};

/// Wait (up to a minute) until `check` holds for the host's pools.
async fn until(host: &SandboxHost, what: &str, check: impl Fn(usize) -> bool) {
    for _ in 0..600 {
        let ready = host.pool_status().iter().map(|p| p.ready).sum();
        if check(ready) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the pool never got {what}: {:?}", host.pool_status());
}

/// The pool label of a container, if it has one.
fn pool_label(id: &str) -> Option<String> {
    if support::on_kubernetes() {
        let key = POOL_LABEL.replace('.', "\\.");
        let out = engine_cli()
            .args(["get", "pod", id, "-o"])
            .arg(format!("jsonpath={{.metadata.labels.{key}}}"))
            .output()
            .unwrap();
        let value = String::from_utf8_lossy(&out.stdout).trim().to_string();
        return (!value.is_empty()).then_some(value);
    }
    let out = engine_cli()
        .args([
            "inspect",
            "-f",
            &format!("{{{{index .Config.Labels \"{POOL_LABEL}\"}}}}"),
            id,
        ])
        .output()
        .unwrap();
    let value = String::from_utf8_lossy(&out.stdout).trim().to_string();
    (!value.is_empty() && value != "<no value>").then_some(value)
}

/// Wait (up to ten seconds) until no container of ours with `marker` in its
/// environment is left.
async fn until_gone(marker: &str) {
    let engine = support::backend_name();
    for _ in 0..100 {
        if support::managed_containers_with_env(engine, marker).is_empty() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("sandboxes marked {marker} are still there");
}

fn marked(marker: &str) -> SessionConfig {
    SessionConfig {
        env: vec![("POOL_TEST".into(), marker.into())],
        ..python()
    }
}

fn pool(size: usize) -> PoolOptions {
    PoolOptions {
        size,
        ..PoolOptions::default()
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_pooled_session_is_handed_out_once_and_the_pool_refills() {
    let host = sandbox_host().await;
    let marker = format!("pool-once-{}", std::process::id());
    let name = host.keep_warm(marked(&marker), pool(2)).unwrap();
    until(&host, "2 ready", |n| n == 2).await;

    let first = host.open(marked(&marker)).await.unwrap();
    assert_eq!(
        pool_label(first.container_id()).as_deref(),
        Some(name.as_str())
    );
    // Setup was done ahead: the venv is there and packages install into it.
    let result = first
        .run("import sys; print(sys.prefix)", &[])
        .await
        .unwrap();
    assert_eq!(result.stdout, "/sandbox/.venv\n", "{}", result.stderr);
    first
        .execute_command("echo secret > /sandbox/left-behind; echo x > /tmp/left-behind")
        .await
        .unwrap();
    let first_id = first.container_id().to_string();
    first.close().await.unwrap();
    assert!(
        !container_exists(&first_id),
        "a closed pooled session keeps its sandbox"
    );

    until(&host, "refilled", |n| n == 2).await;
    let second = host.open(marked(&marker)).await.unwrap();
    assert_ne!(second.container_id(), first_id);
    let seen = second
        .execute_command("cat /sandbox/left-behind /tmp/left-behind 2>&1; true")
        .await
        .unwrap();
    assert!(!seen.stdout.contains("secret"), "{}", seen.stdout);
    assert_eq!(host.pool_status()[0].handed_out, 2);
    second.close().await.unwrap();
    host.drain_pools().await;
    assert!(support::managed_containers_with_env(support::backend_name(), &marker).is_empty());
}

#[tokio::test(flavor = "multi_thread")]
async fn a_pooled_session_takes_the_callers_policies_and_timeouts() {
    let host = sandbox_host().await;
    let marker = format!("pool-policies-{}", std::process::id());
    host.keep_warm(marked(&marker), pool(1)).unwrap();
    until(&host, "1 ready", |n| n == 1).await;
    // The pool's sessions have no policy; this caller's has one.
    let preset = SecurityPreset::get("development").unwrap();
    let caller = SessionConfig {
        execution_timeout: Some(Duration::from_secs(1)),
        policies: vec![(&preset.policy).into()],
        ..marked(&marker)
    };
    let session = host.open(caller).await.unwrap();
    assert!(
        pool_label(session.container_id()).is_some(),
        "not from the pool"
    );
    let blocked = session
        .run("import subprocess; subprocess.run(['ls'])", &[])
        .await;
    assert!(
        matches!(blocked, Err(Error::PolicyViolation { .. })),
        "{blocked:?}"
    );
    let timed = session.run("import time; time.sleep(5)", &[]).await;
    assert!(matches!(timed, Err(Error::Timeout { .. })), "{timed:?}");
    session.close().await.unwrap();
    host.drain_pools().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn only_sessions_of_the_pools_kind_come_from_it() {
    let host = sandbox_host().await;
    let marker = format!("pool-kind-{}", std::process::id());
    host.keep_warm(marked(&marker), pool(1)).unwrap();
    until(&host, "1 ready", |n| n == 1).await;
    // Another runtime config (one every backend honours).
    let other = SessionConfig {
        runtime: llm_sandbox_host::RuntimeConfig {
            mem_limit: Some(llm_sandbox_host::runtime_config::ByteSize(300 << 20)),
            ..Default::default()
        },
        ..marked(&marker)
    };
    let session = host.open(other).await.unwrap();
    assert_eq!(pool_label(session.container_id()), None);
    assert_eq!(
        host.pool_status()[0].ready,
        1,
        "the pool was used for another kind"
    );
    session.close().await.unwrap();
    // An alias of the language is the same kind.
    let session = host
        .open(SessionConfig {
            lang: "py".into(),
            ..marked(&marker)
        })
        .await
        .unwrap();
    assert!(pool_label(session.container_id()).is_some());
    session.close().await.unwrap();
    host.drain_pools().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn interactive_sessions_come_from_the_pool_with_their_kernel_and_fresh_state() {
    let host = sandbox_host().await;
    let marker = format!("pool-kernel-{}", std::process::id());
    let kind = SessionConfig {
        interactive: true,
        ..marked(&marker)
    };
    host.keep_warm(kind.clone(), pool(2)).unwrap();
    until(&host, "2 ready", |n| n == 2).await;
    let one = host.open(kind.clone()).await.unwrap();
    let two = host.open(kind.clone()).await.unwrap();
    one.run("x = 1", &[]).await.unwrap();
    let seen = two.run("'x' in globals()", &[]).await.unwrap();
    assert_eq!(seen.value.as_deref(), Some("False"));
    assert!(pool_label(two.container_id()).is_some());
    one.close().await.unwrap();
    two.close().await.unwrap();
    host.drain_pools().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn an_idle_pool_empties_itself_and_old_sandboxes_are_replaced() {
    let host = sandbox_host().await;
    let marker = format!("pool-expiry-{}", std::process::id());
    host.keep_warm(
        marked(&marker),
        PoolOptions {
            size: 1,
            idle_expiry: Some(Duration::from_secs(3)),
            max_age: None,
        },
    )
    .unwrap();
    until(&host, "1 ready", |n| n == 1).await;
    until(&host, "emptied when idle", |n| n == 0).await;
    until_gone(&marker).await;
    let engine = support::backend_name();
    // Demand wakes it up: this open is cold, the pool fills again.
    let cold = host.open(marked(&marker)).await.unwrap();
    assert_eq!(pool_label(cold.container_id()), None);
    until(&host, "refilled after demand", |n| n == 1).await;
    cold.close().await.unwrap();
    host.drain_pools().await;

    let host = sandbox_host().await;
    host.keep_warm(
        marked(&marker),
        PoolOptions {
            size: 1,
            idle_expiry: None,
            max_age: Some(Duration::from_secs(2)),
        },
    )
    .unwrap();
    until(&host, "1 ready", |n| n == 1).await;
    let before = support::managed_containers_with_env(engine, &marker);
    tokio::time::sleep(Duration::from_secs(5)).await;
    until(&host, "1 ready again", |n| n == 1).await;
    let after = support::managed_containers_with_env(engine, &marker);
    assert_eq!(after.len(), 1, "{after:?}");
    assert_ne!(before, after, "the old sandbox was not replaced");
    host.drain_pools().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn dropping_the_host_removes_the_pools_sandboxes_and_gc_counts_them() {
    let marker = format!("pool-drop-{}", std::process::id());
    let engine = support::backend_name();
    {
        let host = sandbox_host().await;
        host.keep_warm(marked(&marker), pool(2)).unwrap();
        until(&host, "2 ready", |n| n == 2).await;
        let report = llm_sandbox_host::gc::collect_garbage(host.backend().as_ref(), false)
            .await
            .unwrap();
        assert!(report.pooled >= 2, "{report:?}");
        assert_eq!(
            support::managed_containers_with_env(engine, &marker).len(),
            2
        );
    }
    // Dropped without draining: the sandboxes go with the host.
    until_gone(&marker).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn pools_refuse_what_cannot_be_pooled() {
    let host = sandbox_host().await;
    let attach = SessionConfig {
        container_id: Some("anything".into()),
        ..python()
    };
    let err = host.keep_warm(attach, pool(1)).unwrap_err();
    assert!(err.to_string().contains("one of a kind"), "{err}");
    let err = host.keep_warm(python(), pool(0)).unwrap_err();
    assert!(err.to_string().contains("size"), "{err}");
    let err = host
        .keep_warm(SessionConfig::new("klingon"), pool(1))
        .unwrap_err();
    assert!(matches!(err, Error::UnknownLanguage { .. }), "{err}");
}
