//! Warm pools: sandboxes opened ahead of demand, so that opening a session
//! takes milliseconds instead of an engine's container start.
//!
//! [`crate::SandboxHost::keep_warm`] registers a pool for one kind of
//! session (language, image, runtime config, environment, setup, runner,
//! interactive): a background task keeps `size` sessions of that kind open,
//! with the runner up and environment setup (and an interactive kernel)
//! done. [`crate::SandboxHost::open`] hands one out when the asked-for
//! session is of a pooled kind, adapted to the caller's per-session options
//! (policies, timeouts, limits), and the task opens a replacement.
//!
//! A pooled sandbox is handed out once: when its session closes, it is
//! removed like any other, never given to the next caller. Pooled sandboxes
//! carry [`POOL_LABEL`] (and the usual owner label, so `host gc` removes
//! those of a host that died). Sandboxes older than `max_age` are replaced;
//! a pool nobody took from for `idle_expiry` empties itself until the next
//! session of its kind is opened. Dropping the last [`crate::SandboxHost`]
//! clone removes the pools' sandboxes; [`crate::SandboxHost::drain_pools`]
//! does it explicitly (and waits).

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::sync::{Arc, Mutex, Weak};
use std::time::{Duration, Instant};

use crate::error::{Error, Result};
use crate::sandbox::SandboxHost;
use crate::session::{Session, SessionConfig};

/// Label on pooled sandboxes; its value names the pool (a hash of its kind).
pub const POOL_LABEL: &str = "io.llm-sandbox.pool";

/// How a pool behaves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PoolOptions {
    /// Sessions kept ready.
    pub size: usize,
    /// Empty the pool when no session was taken from it for this long
    /// (`None`: never); the next open of its kind refills it.
    pub idle_expiry: Option<Duration>,
    /// Replace a ready sandbox that has waited this long (`None`: never).
    pub max_age: Option<Duration>,
}

impl Default for PoolOptions {
    fn default() -> Self {
        PoolOptions {
            size: 2,
            idle_expiry: Some(Duration::from_secs(600)),
            max_age: Some(Duration::from_secs(3600)),
        }
    }
}

/// What a pool holds now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PoolStatus {
    /// The pool's name (the value of [`POOL_LABEL`] on its sandboxes).
    pub name: String,
    /// The language of its sessions.
    pub language: String,
    /// Sessions ready to be handed out.
    pub ready: usize,
    /// Sessions being opened.
    pub opening: usize,
    /// Sessions handed out since the pool was made.
    pub handed_out: u64,
}

/// The pools of one host.
#[derive(Default)]
pub(crate) struct Pools {
    entries: Mutex<HashMap<String, Arc<Pool>>>,
}

/// One pool.
struct Pool {
    name: String,
    template: SessionConfig,
    options: PoolOptions,
    state: Mutex<PoolState>,
    wake: tokio::sync::Notify,
    task: Mutex<Option<tokio::task::JoinHandle<()>>>,
}

struct PoolState {
    ready: VecDeque<(Session, Instant)>,
    opening: usize,
    handed_out: u64,
    last_taken: Instant,
    /// Emptied after `idle_expiry`; refilled at the next demand.
    dormant: bool,
}

impl Pools {
    /// Add a pool for sessions like `config` (replacing one of that kind).
    pub(crate) fn add(
        self: &Arc<Self>,
        host: &SandboxHost,
        config: SessionConfig,
        options: PoolOptions,
    ) -> Result<String> {
        if config.container_id.is_some() || config.dockerfile.is_some() || config.commit_container {
            return Err(Error::InvalidConfig(
                "a warm pool cannot serve sessions that attach to a container, build a \
                 Dockerfile or commit their container: those are one of a kind"
                    .into(),
            ));
        }
        if options.size == 0 {
            return Err(Error::InvalidConfig(
                "a warm pool of size 0 keeps nothing warm; give it a size of 1 or more".into(),
            ));
        }
        config.validate()?;
        let runtime = tokio::runtime::Handle::try_current()
            .map_err(|_| Error::InvalidConfig("keep_warm needs a running tokio runtime".into()))?;
        let key = pool_key(host, &config)?;
        let name = short_hash(&key);
        let pool = Arc::new(Pool {
            name: name.clone(),
            template: config,
            options,
            state: Mutex::new(PoolState {
                ready: VecDeque::new(),
                opening: 0,
                handed_out: 0,
                last_taken: Instant::now(),
                dormant: false,
            }),
            wake: tokio::sync::Notify::new(),
            task: Mutex::new(None),
        });
        // The filler opens sessions on a host without pools: no cycle.
        let filler = host.without_pools();
        let task = runtime.spawn(maintain(Arc::downgrade(&pool), filler));
        *pool.task.lock().expect("pool lock") = Some(task);
        let previous = self.entries.lock().expect("pools lock").insert(key, pool);
        if let Some(previous) = previous {
            previous.stop();
        }
        Ok(name)
    }

    /// A ready session of the kind `config` asks for, adapted to it.
    pub(crate) fn take(&self, host: &SandboxHost, config: &SessionConfig) -> Option<Session> {
        let pool = {
            let entries = self.entries.lock().expect("pools lock");
            if entries.is_empty() {
                return None;
            }
            let key = pool_key(host, config).ok()?;
            entries.get(&key)?.clone()
        };
        let taken = {
            let mut state = pool.state.lock().expect("pool lock");
            state.last_taken = Instant::now();
            state.dormant = false;
            let taken = state.ready.pop_front().map(|(session, _)| session);
            if taken.is_some() {
                state.handed_out += 1;
            }
            taken
        };
        // Refill (or wake up a dormant pool) either way.
        pool.wake.notify_one();
        taken
    }

    /// What every pool holds.
    pub(crate) fn status(&self) -> Vec<PoolStatus> {
        let entries = self.entries.lock().expect("pools lock");
        let mut all: Vec<PoolStatus> = entries
            .values()
            .map(|pool| {
                let state = pool.state.lock().expect("pool lock");
                PoolStatus {
                    name: pool.name.clone(),
                    language: pool.template.lang.clone(),
                    ready: state.ready.len(),
                    opening: state.opening,
                    handed_out: state.handed_out,
                }
            })
            .collect();
        all.sort_by(|a, b| a.name.cmp(&b.name));
        all
    }

    /// Stop every pool and close its ready sessions.
    pub(crate) async fn drain(&self) {
        let pools: Vec<Arc<Pool>> = self
            .entries
            .lock()
            .expect("pools lock")
            .drain()
            .map(|(_, pool)| pool)
            .collect();
        let mut closing = Vec::new();
        for pool in pools {
            // Wait until the task is gone: a session it was opening is
            // removed as its future is dropped.
            let task = pool.task.lock().expect("pool lock").take();
            if let Some(task) = task {
                task.abort();
                let _ = task.await;
            }
            let ready: Vec<Session> = {
                let mut state = pool.state.lock().expect("pool lock");
                state.ready.drain(..).map(|(session, _)| session).collect()
            };
            closing.extend(ready.into_iter().map(|s| s.close()));
        }
        for result in futures_util::future::join_all(closing).await {
            if let Err(e) = result {
                tracing::warn!("could not remove a pooled sandbox: {e}");
            }
        }
    }
}

impl Drop for Pools {
    fn drop(&mut self) {
        // Ready sessions remove their sandboxes as they drop.
        for pool in self.entries.get_mut().expect("pools lock").values() {
            pool.stop();
        }
    }
}

impl Pool {
    fn stop(&self) {
        if let Some(task) = self.task.lock().expect("pool lock").take() {
            task.abort();
        }
    }
}

/// The pool's background task: keep `size` sessions ready and fresh.
async fn maintain(pool: Weak<Pool>, filler: SandboxHost) {
    let mut backoff = Duration::from_secs(1);
    loop {
        let Some(strong) = pool.upgrade() else { return };
        let (expired, wanted, dormant) = {
            let mut state = strong.state.lock().expect("pool lock");
            let now = Instant::now();
            let mut expired = Vec::new();
            if let Some(max_age) = strong.options.max_age {
                while state
                    .ready
                    .front()
                    .is_some_and(|(_, made)| now.duration_since(*made) >= max_age)
                {
                    expired.extend(state.ready.pop_front().map(|(s, _)| s));
                }
            }
            let idle = strong
                .options
                .idle_expiry
                .is_some_and(|limit| now.duration_since(state.last_taken) >= limit);
            if idle && !state.dormant {
                state.dormant = true;
                expired.extend(state.ready.drain(..).map(|(s, _)| s));
            }
            let have = state.ready.len() + state.opening;
            let wanted = if state.dormant {
                0
            } else {
                strong.options.size.saturating_sub(have)
            };
            state.opening += wanted;
            (expired, wanted, state.dormant)
        };
        for session in expired {
            tokio::spawn(session.close());
        }
        let template = strong.template.clone();
        let name = strong.name.clone();
        drop(strong);
        let labels = BTreeMap::from([(POOL_LABEL.to_string(), name.clone())]);
        let opened = futures_util::future::join_all(
            (0..wanted).map(|_| Session::open_labeled(&filler, template.clone(), labels.clone())),
        )
        .await;
        let mut failed = false;
        let Some(strong) = pool.upgrade() else { return };
        {
            let mut state = strong.state.lock().expect("pool lock");
            state.opening -= wanted;
            for result in opened {
                match result {
                    Ok(session) => state.ready.push_back((session, Instant::now())),
                    Err(e) => {
                        failed = true;
                        tracing::warn!(pool = %name, "could not open a session for the pool: {e}");
                    }
                }
            }
        }
        // Sleep until demand, the next expiry, or (after a failure) the backoff.
        let mut wait = [strong.options.max_age, strong.options.idle_expiry]
            .into_iter()
            .flatten()
            .min()
            .map_or(Duration::from_secs(3600), |d| {
                (d / 4).max(Duration::from_millis(50))
            });
        if failed {
            wait = wait.min(backoff);
            backoff = (backoff * 2).min(Duration::from_secs(60));
        } else {
            backoff = Duration::from_secs(1);
        }
        if dormant {
            wait = Duration::from_secs(3600);
        }
        // (Holding the pool while asleep is fine: dropping the host aborts
        // this task, which lets go of it.)
        let _ = tokio::time::timeout(wait, strong.wake.notified()).await;
    }
}

/// What makes two sessions interchangeable: everything that shaped the
/// sandbox when it was opened (not policies, timeouts or output limits,
/// which apply per run and are the caller's).
fn pool_key(host: &SandboxHost, config: &SessionConfig) -> Result<String> {
    let plugin = host.plugins().language(&config.lang)?;
    let shape = SessionConfig {
        lang: plugin.name().to_string(),
        image: config.image.clone(),
        skip_environment_setup: config.skip_environment_setup,
        workdir: config.workdir.clone(),
        env: config.env.clone(),
        ca_bundle: config.ca_bundle.clone(),
        runtime: config.runtime.clone(),
        runner: config.runner,
        fork_server: config.fork_server,
        interactive: config.interactive,
        ..SessionConfig::default()
    };
    Ok(format!("{shape:?}"))
}

fn short_hash(key: &str) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(key.as_bytes())[..6]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}
