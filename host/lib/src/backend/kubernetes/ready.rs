//! Waiting for a pod to run, by watching it (no polling), and failing early
//! with the reason and the pod's events when it cannot: an image that is not
//! present, a pod no node can take, a container that keeps crashing.

use std::time::Duration;

use futures_util::{StreamExt, TryStreamExt};
use k8s_openapi::api::core::v1::{Event, Pod};
use kube::Api;
use kube::api::{ListParams, WatchEvent, WatchParams};

use crate::error::{Error, Result};

/// Container waiting reasons that will not resolve by themselves.
const HOPELESS: [&str; 8] = [
    "ErrImageNeverPull",
    "ErrImagePull",
    "ImagePullBackOff",
    "InvalidImageName",
    "CrashLoopBackOff",
    "CreateContainerConfigError",
    "CreateContainerError",
    "RunContainerError",
];

/// Where a pod stands, as far as starting it goes.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Verdict {
    /// `container` is running.
    Ready,
    /// Not yet.
    Waiting,
    /// It never will; why.
    Failed(String),
}

/// Judge `pod` for its `container`.
pub(super) fn verdict(pod: &Pod, container: &str) -> Verdict {
    let Some(status) = &pod.status else {
        return Verdict::Waiting;
    };
    if pod.metadata.deletion_timestamp.is_some() {
        return Verdict::Failed("it is being deleted".into());
    }
    match status.phase.as_deref() {
        Some("Failed") | Some("Succeeded") => {
            return Verdict::Failed(format!(
                "it ended (phase {}{})",
                status.phase.as_deref().unwrap_or_default(),
                status
                    .message
                    .as_deref()
                    .map(|m| format!(": {m}"))
                    .unwrap_or_default()
            ));
        }
        _ => {}
    }
    for condition in status.conditions.iter().flatten() {
        if condition.type_ == "PodScheduled"
            && condition.status == "False"
            && condition.reason.as_deref() == Some("Unschedulable")
        {
            return Verdict::Failed(format!(
                "it cannot be scheduled: {}",
                condition.message.as_deref().unwrap_or("no node fits")
            ));
        }
    }
    let Some(state) = status
        .container_statuses
        .iter()
        .flatten()
        .find(|c| c.name == container)
    else {
        return Verdict::Waiting;
    };
    let current = state.state.as_ref();
    if current.and_then(|s| s.running.as_ref()).is_some() {
        return Verdict::Ready;
    }
    if let Some(waiting) = current.and_then(|s| s.waiting.as_ref())
        && let Some(reason) = waiting.reason.as_deref()
        && HOPELESS.contains(&reason)
    {
        return Verdict::Failed(format!(
            "container `{container}`: {reason}{}",
            waiting
                .message
                .as_deref()
                .map(|m| format!(" ({m})"))
                .unwrap_or_default()
        ));
    }
    if let Some(done) = current.and_then(|s| s.terminated.as_ref()) {
        return Verdict::Failed(format!(
            "container `{container}` exited with code {}{}",
            done.exit_code,
            done.reason
                .as_deref()
                .map(|r| format!(" ({r})"))
                .unwrap_or_default()
        ));
    }
    Verdict::Waiting
}

/// Watch pod `name` (created at `version`) until its `container` runs, it
/// fails, or `timeout` passes.
pub(super) async fn wait_running(
    pods: &Api<Pod>,
    events: &Api<Event>,
    name: &str,
    container: &str,
    version: &str,
    timeout: Duration,
) -> Result<Pod> {
    let deadline = tokio::time::Instant::now() + timeout;
    let mut version = version.to_string();
    let mut last: Option<Pod> = None;
    let outcome: std::result::Result<Pod, String> = 'watch: loop {
        let left = deadline.saturating_duration_since(tokio::time::Instant::now());
        if left.is_zero() {
            break Err(format!("it was not running after {} s", timeout.as_secs()));
        }
        // The server ends a watch at its timeout; a new one resumes from
        // the last version seen.
        let params = WatchParams::default()
            .fields(&format!("metadata.name={name}"))
            .timeout(left.as_secs().clamp(1, 290) as u32);
        let stream = match pods.watch(&params, &version).await {
            Ok(stream) => stream,
            Err(e) => break Err(format!("watching it failed: {e}")),
        };
        let mut stream = stream.boxed();
        loop {
            let next = tokio::time::timeout_at(deadline, stream.try_next()).await;
            let event = match next {
                Err(_) => {
                    break 'watch Err(format!("it was not running after {} s", timeout.as_secs()));
                }
                Ok(Err(e)) => break 'watch Err(format!("watching it failed: {e}")),
                Ok(Ok(None)) => break,
                Ok(Ok(Some(event))) => event,
            };
            let pod = match event {
                WatchEvent::Added(pod) | WatchEvent::Modified(pod) => pod,
                WatchEvent::Deleted(_) => break 'watch Err("it was deleted".into()),
                WatchEvent::Bookmark(b) => {
                    version = b.metadata.resource_version;
                    continue;
                }
                WatchEvent::Error(e) if e.code == 410 => {
                    // Our version is too old: start again from the pod as it is.
                    match pods.get(name).await {
                        Ok(pod) => pod,
                        Err(e) => break 'watch Err(format!("reading it failed: {e}")),
                    }
                }
                WatchEvent::Error(e) => {
                    break 'watch Err(format!("the watch failed: {}", e.message));
                }
            };
            if let Some(v) = &pod.metadata.resource_version {
                version = v.clone();
            }
            match verdict(&pod, container) {
                Verdict::Ready => break 'watch Ok(pod),
                Verdict::Failed(reason) => break 'watch Err(reason),
                Verdict::Waiting => last = Some(pod),
            }
        }
    };
    match outcome {
        Ok(pod) => Ok(pod),
        Err(reason) => {
            let reason = match (&last, reason.starts_with("it was not running")) {
                (Some(pod), true) => format!(
                    "{reason} (phase {})",
                    pod.status
                        .as_ref()
                        .and_then(|s| s.phase.as_deref())
                        .unwrap_or("unknown")
                ),
                _ => reason,
            };
            Err(Error::PodNotReady {
                pod: name.to_string(),
                namespace: pods.namespace().unwrap_or("default").to_string(),
                reason,
                events: recent_events(events, name).await,
            })
        }
    }
}

/// The pod's events, oldest first, as `; events: <type> <reason>: <message>`
/// lines (empty when there are none or they cannot be read).
pub(super) async fn recent_events(events: &Api<Event>, pod: &str) -> String {
    let params = ListParams::default().fields(&format!(
        "involvedObject.kind=Pod,involvedObject.name={pod}"
    ));
    let Ok(list) = events.list(&params).await else {
        return String::new();
    };
    let mut items = list.items;
    items.sort_by(|a, b| {
        let at = |e: &Event| e.last_timestamp.clone().or(e.first_timestamp.clone());
        at(a).cmp(&at(b))
    });
    let lines: Vec<String> = items
        .iter()
        .rev()
        .take(8)
        .rev()
        .map(|e| {
            format!(
                "{} {}: {}",
                e.type_.as_deref().unwrap_or("Normal"),
                e.reason.as_deref().unwrap_or("?"),
                e.message.as_deref().unwrap_or("").trim()
            )
        })
        .collect();
    if lines.is_empty() {
        String::new()
    } else {
        format!("; events:\n  {}", lines.join("\n  "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use k8s_openapi::api::core::v1::{
        ContainerState, ContainerStateRunning, ContainerStateWaiting, ContainerStatus,
        PodCondition, PodStatus,
    };

    fn with_state(state: ContainerState) -> Pod {
        Pod {
            status: Some(PodStatus {
                phase: Some("Pending".into()),
                container_statuses: Some(vec![ContainerStatus {
                    name: "sandbox".into(),
                    state: Some(state),
                    ..Default::default()
                }]),
                ..Default::default()
            }),
            ..Default::default()
        }
    }

    #[test]
    fn a_running_container_is_ready_and_a_missing_image_is_hopeless() {
        let running = with_state(ContainerState {
            running: Some(ContainerStateRunning::default()),
            ..Default::default()
        });
        assert_eq!(verdict(&running, "sandbox"), Verdict::Ready);
        let never = with_state(ContainerState {
            waiting: Some(ContainerStateWaiting {
                reason: Some("ErrImageNeverPull".into()),
                message: Some("image not present".into()),
            }),
            ..Default::default()
        });
        match verdict(&never, "sandbox") {
            Verdict::Failed(r) => assert!(r.contains("ErrImageNeverPull"), "{r}"),
            other => panic!("{other:?}"),
        }
        let creating = with_state(ContainerState {
            waiting: Some(ContainerStateWaiting {
                reason: Some("ContainerCreating".into()),
                message: None,
            }),
            ..Default::default()
        });
        assert_eq!(verdict(&creating, "sandbox"), Verdict::Waiting);
    }

    #[test]
    fn an_unschedulable_pod_fails_at_once() {
        let pod = Pod {
            status: Some(PodStatus {
                phase: Some("Pending".into()),
                conditions: Some(vec![PodCondition {
                    type_: "PodScheduled".into(),
                    status: "False".into(),
                    reason: Some("Unschedulable".into()),
                    message: Some("0/1 nodes are available: 1 Insufficient cpu.".into()),
                    ..Default::default()
                }]),
                ..Default::default()
            }),
            ..Default::default()
        };
        match verdict(&pod, "sandbox") {
            Verdict::Failed(r) => assert!(r.contains("Insufficient cpu"), "{r}"),
            other => panic!("{other:?}"),
        }
    }
}
