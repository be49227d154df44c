//! Removing sandboxes whose host process is gone (crashed, killed with -9).

use serde::Serialize;

use crate::backend::Backend;
use crate::error::Result;
use crate::owner::{OWNER_LABEL, Owner};

/// What [`collect_garbage`] did.
#[derive(Debug, Default, Clone, Serialize)]
pub struct GcReport {
    /// Names of the containers removed.
    pub removed: Vec<String>,
    /// Names of containers kept because their owner is alive (or on
    /// another machine, unless `all` was set).
    pub kept: Vec<String>,
    /// Of the removed and kept ones, how many were waiting in a warm pool
    /// ([`crate::pool::POOL_LABEL`]).
    pub pooled: usize,
}

/// Remove our sandboxes on `backend` (found by label) whose owning host
/// process on this machine is gone. With `all`, remove every sandbox of
/// ours, including those of running hosts and other machines.
pub async fn collect_garbage(backend: &dyn Backend, all: bool) -> Result<GcReport> {
    let mut report = GcReport::default();
    for container in backend.list_managed().await? {
        let owner = container
            .labels
            .get(OWNER_LABEL)
            .and_then(|l| Owner::parse(l));
        let orphan = match &owner {
            Some(owner) => owner.is_local() && !owner.is_alive(),
            None => false,
        };
        if container.labels.contains_key(crate::pool::POOL_LABEL) {
            report.pooled += 1;
        }
        if all || orphan {
            backend.remove_by_id(&container.id).await?;
            report.removed.push(container.name);
        } else {
            report.kept.push(container.name);
        }
    }
    Ok(report)
}
