//! The server's open sessions: ids, owners, idle expiry, the session cap.
//!
//! A session belongs to the MCP connection that opened it when that
//! connection had a handshake (stdio, or an HTTP client with an
//! `Mcp-Session-Id`): only that connection may use it, and it is closed when
//! the connection ends. Sessions opened by stateless HTTP requests belong to
//! nobody and end by `close_session`, idle expiry or maximum age. Every
//! session ends when the server stops.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use llm_sandbox_host::{Sandbox, Session};
use serde::Serialize;

use super::settings::Limits;

/// One open session and what the server knows about it.
pub struct LiveSession {
    /// The id clients name it by.
    pub id: String,
    /// Its language plugin's name.
    pub language: String,
    /// Its image.
    pub image: String,
    /// Whether it keeps a live interpreter (state persists between runs).
    pub interactive: bool,
    /// Its security preset.
    pub preset: String,
    /// The connection that opened it, if it had a handshake.
    owner: Option<u64>,
    opened: Instant,
    last_used: Mutex<Instant>,
    /// Calls using it right now (it is not idle while any runs).
    active: AtomicUsize,
    runs: AtomicU64,
    /// Runs take turns; `None` once closed.
    session: tokio::sync::Mutex<Option<Session>>,
    /// For removal while a run holds the session.
    sandbox: Arc<dyn Sandbox>,
}

/// What `list_sessions` shows of one session.
#[derive(Debug, Serialize)]
pub struct SessionSummary {
    /// Its id.
    pub session_id: String,
    /// Its language.
    pub language: String,
    /// Its image.
    pub image: String,
    /// Whether state persists between runs.
    pub interactive: bool,
    /// Its preset.
    pub preset: String,
    /// Runs so far.
    pub runs: u64,
    /// Seconds since it was opened.
    pub age_secs: u64,
    /// Seconds since it was last used (0 while it runs).
    pub idle_secs: u64,
}

/// A session in use: holds it against idle expiry until dropped.
pub struct InUse {
    live: Arc<LiveSession>,
}

impl InUse {
    /// The session itself (runs take turns), or `None` when it was closed
    /// meanwhile.
    pub async fn lock(&self) -> Option<tokio::sync::MappedMutexGuard<'_, Session>> {
        let guard = self.live.session.lock().await;
        tokio::sync::MutexGuard::try_map(guard, Option::as_mut).ok()
    }

    /// Count one run.
    pub fn count_run(&self) {
        self.live.runs.fetch_add(1, Ordering::Relaxed);
    }
}

impl Drop for InUse {
    fn drop(&mut self) {
        self.live.touch();
        self.live.active.fetch_sub(1, Ordering::SeqCst);
    }
}

impl LiveSession {
    fn touch(&self) {
        *self.last_used.lock().unwrap_or_else(|e| e.into_inner()) = Instant::now();
    }

    fn idle_for(&self) -> Duration {
        if self.active.load(Ordering::SeqCst) > 0 {
            return Duration::ZERO;
        }
        self.last_used
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .elapsed()
    }

    fn summary(&self) -> SessionSummary {
        SessionSummary {
            session_id: self.id.clone(),
            language: self.language.clone(),
            image: self.image.clone(),
            interactive: self.interactive,
            preset: self.preset.clone(),
            runs: self.runs.load(Ordering::Relaxed),
            age_secs: self.opened.elapsed().as_secs(),
            idle_secs: self.idle_for().as_secs(),
        }
    }

    /// Remove the sandbox now (a run in progress then fails), then close
    /// the session once no run holds it.
    async fn close(&self) {
        if self.active.load(Ordering::SeqCst) > 0
            && let Err(e) = self.sandbox.remove().await
        {
            tracing::warn!(session = %self.id, "removing a busy sandbox: {e}");
        }
        let session = self.session.lock().await.take();
        if let Some(session) = session
            && let Err(e) = session.close().await
        {
            tracing::warn!(session = %self.id, "closing: {e}");
        }
    }
}

/// Why session `id` cannot be used: it does not exist for this caller.
pub fn unknown_session(id: &str, limits: &Limits) -> String {
    format!(
        "no open session {id:?}: it was closed or expired (sessions close after {} s without use), \
         or it belongs to another client; open one with open_session",
        limits.idle_timeout.as_secs()
    )
}

/// Every open session of the server.
pub struct SessionTable {
    sessions: Mutex<HashMap<String, Arc<LiveSession>>>,
    /// Closes that went on after their call answered.
    closing: tokio_util::task::TaskTracker,
    /// Opens in flight, counted against the cap before they finish.
    reserved: AtomicUsize,
    limits: Limits,
}

/// A place for one more session, given back if the open fails.
pub struct Reservation<'a> {
    table: &'a SessionTable,
    used: bool,
}

impl Drop for Reservation<'_> {
    fn drop(&mut self) {
        if !self.used {
            self.table.reserved.fetch_sub(1, Ordering::SeqCst);
        }
    }
}

/// How an opened session is described when it is added.
pub struct NewSession {
    /// The session.
    pub session: Session,
    /// Its language.
    pub language: String,
    /// Whether it is interactive.
    pub interactive: bool,
    /// Its preset.
    pub preset: String,
    /// The connection that opened it, if it had a handshake.
    pub owner: Option<u64>,
}

impl SessionTable {
    /// An empty table enforcing `limits`.
    pub fn new(limits: Limits) -> SessionTable {
        SessionTable {
            sessions: Mutex::default(),
            closing: tokio_util::task::TaskTracker::new(),
            reserved: AtomicUsize::new(0),
            limits,
        }
    }

    /// The limits the server runs with.
    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    fn map(&self) -> std::sync::MutexGuard<'_, HashMap<String, Arc<LiveSession>>> {
        self.sessions.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Room for one more session, or why not.
    pub fn reserve(&self) -> Result<Reservation<'_>, String> {
        let open = self.map().len();
        let reserved = self.reserved.fetch_add(1, Ordering::SeqCst);
        if open + reserved >= self.limits.max_sessions {
            self.reserved.fetch_sub(1, Ordering::SeqCst);
            return Err(format!(
                "this server already holds {} sessions, its maximum; close one with close_session, \
                 or wait: sessions unused for {} s close by themselves",
                self.limits.max_sessions,
                self.limits.idle_timeout.as_secs()
            ));
        }
        Ok(Reservation {
            table: self,
            used: false,
        })
    }

    /// Add an opened session in its reserved place; returns its id.
    pub fn insert(&self, mut reservation: Reservation<'_>, new: NewSession) -> Arc<LiveSession> {
        let id = new_session_id();
        let live = Arc::new(LiveSession {
            id: id.clone(),
            language: new.language,
            image: new.session.image().to_string(),
            interactive: new.interactive,
            preset: new.preset,
            owner: new.owner,
            opened: Instant::now(),
            last_used: Mutex::new(Instant::now()),
            active: AtomicUsize::new(0),
            runs: AtomicU64::new(0),
            sandbox: new.session.sandbox().clone(),
            session: tokio::sync::Mutex::new(Some(new.session)),
        });
        let mut map = self.map();
        map.insert(id, live.clone());
        reservation.used = true;
        self.reserved.fetch_sub(1, Ordering::SeqCst);
        live
    }

    /// Use session `id` on behalf of connection `caller`.
    pub fn use_session(&self, id: &str, caller: Option<u64>) -> Result<InUse, String> {
        let unknown = || unknown_session(id, &self.limits);
        let map = self.map();
        let live = map.get(id).ok_or_else(unknown)?;
        if live.owner.is_some() && live.owner != caller {
            return Err(unknown());
        }
        live.active.fetch_add(1, Ordering::SeqCst);
        Ok(InUse { live: live.clone() })
    }

    /// Whether session `id` is still open.
    pub fn is_open(&self, id: &str) -> bool {
        self.map().contains_key(id)
    }

    /// Close session `id` on behalf of `caller`.
    pub async fn close(&self, id: &str, caller: Option<u64>) -> Result<(), String> {
        let live = {
            let mut map = self.map();
            match map.get(id) {
                Some(live) if live.owner.is_none() || live.owner == caller => map.remove(id),
                _ => None,
            }
        };
        let live = live.ok_or_else(|| unknown_session(id, &self.limits))?;
        live.close().await;
        Ok(())
    }

    /// What `caller` may see: its own sessions and the unowned ones.
    pub fn list(&self, caller: Option<u64>) -> Vec<SessionSummary> {
        let mut list: Vec<SessionSummary> = self
            .map()
            .values()
            .filter(|s| s.owner.is_none() || s.owner == caller)
            .map(|s| s.summary())
            .collect();
        list.sort_by_key(|s| std::cmp::Reverse(s.age_secs));
        list
    }

    /// Close every session `pick` selects; returns how many.
    async fn close_where(&self, pick: impl Fn(&LiveSession) -> bool) -> usize {
        let closing: Vec<Arc<LiveSession>> = {
            let mut map = self.map();
            let ids: Vec<String> = map
                .values()
                .filter(|s| pick(s))
                .map(|s| s.id.clone())
                .collect();
            ids.iter().filter_map(|id| map.remove(id)).collect()
        };
        let count = closing.len();
        futures_util::future::join_all(closing.iter().map(|s| s.close())).await;
        count
    }

    /// Close the sessions connection `owner` opened (it ended).
    pub async fn close_owned_by(&self, owner: u64) -> usize {
        self.close_where(|s| s.owner == Some(owner)).await
    }

    /// Close sessions idle or older than the limits allow.
    pub async fn close_expired(&self) -> usize {
        let (idle, age) = (self.limits.idle_timeout, self.limits.max_session_age);
        self.close_where(|s| s.idle_for() >= idle || s.opened.elapsed() >= age)
            .await
    }

    /// Close `session` after the call that used it has answered; its place
    /// (`reservation`) is taken until the sandbox is gone.
    pub fn close_later(self: &Arc<Self>, session: Session, reservation: Reservation<'_>) {
        // The place is given back when the close is done, not before.
        std::mem::forget(reservation);
        let table = self.clone();
        self.closing.spawn(async move {
            if let Err(e) = session.close().await {
                tracing::warn!("closing a run_code sandbox: {e}");
            }
            table.reserved.fetch_sub(1, Ordering::SeqCst);
        });
    }

    /// Close everything (the server stops), and wait for the closes under way.
    pub async fn close_all(&self) -> usize {
        let closed = self.close_where(|_| true).await;
        self.closing.close();
        self.closing.wait().await;
        closed
    }

    /// Close expired sessions every so often, for as long as the table lives.
    pub fn spawn_reaper(self: &Arc<Self>) {
        let period = (self.limits.idle_timeout / 4)
            .clamp(Duration::from_millis(200), Duration::from_secs(5));
        let table = Arc::downgrade(self);
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(period);
            tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                tick.tick().await;
                let Some(table) = table.upgrade() else { return };
                let closed = table.close_expired().await;
                if closed > 0 {
                    tracing::info!(closed, "closed sessions past their idle expiry or age");
                }
            }
        });
    }
}

/// 128 random bits, hex: ids cannot be guessed by other clients.
fn new_session_id() -> String {
    use std::io::Read;
    let mut bytes = [0u8; 16];
    let random = std::fs::File::open("/dev/urandom").and_then(|mut f| f.read_exact(&mut bytes));
    if random.is_err() {
        // No /dev/urandom: fall back to time and a counter, still unique.
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        bytes[..8].copy_from_slice(&(nanos as u64).to_le_bytes());
        bytes[8..].copy_from_slice(&(n ^ u64::from(std::process::id())).to_le_bytes());
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn session_ids_are_long_and_distinct() {
        let a = new_session_id();
        let b = new_session_id();
        assert_eq!(a.len(), 32);
        assert_ne!(a, b);
    }
}
