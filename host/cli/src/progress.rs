//! Progress display for image pulls and builds: one bar on stderr, byte
//! totals over layers for pulls, the latest output line for builds.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use llm_sandbox_host::backend::{Progress, ProgressSink};

/// A sink that draws a progress bar on stderr (hidden when not a terminal).
pub fn pull_progress() -> ProgressSink {
    let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr());
    bar.set_style(
        ProgressStyle::with_template("{msg} [{bar:30}] {bytes}/{total_bytes}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let layers: Mutex<HashMap<String, (u64, u64)>> = Mutex::new(HashMap::new());
    let bar = Arc::new(bar);
    Arc::new(move |p: &Progress| {
        let mut layers = layers.lock().unwrap_or_else(|e| e.into_inner());
        if let (Some(layer), Some(total)) = (&p.layer, p.total) {
            layers.insert(layer.clone(), (p.current.unwrap_or(0), total));
        }
        let (done, total) = layers.values().fold((0u64, 0u64), |(d, t), (c, n)| {
            (d.saturating_add(*c), t.saturating_add(*n))
        });
        bar.set_length(total);
        bar.set_position(done);
        // Pulls report per-layer byte counts; builds report output lines.
        bar.set_message(format!("{}: {}", p.image, p.status));
        if p.status.starts_with("Status:") {
            bar.finish_and_clear();
        }
    })
}
