//! `host gc`: remove sandboxes whose host process is gone.

use clap::Args;
use llm_sandbox_host::backend::BackendChoice;
use llm_sandbox_host::gc::collect_garbage;

#[derive(Args, Debug)]
pub struct GcArgs {
    /// Remove every sandbox of ours, including those of running hosts and
    /// of other machines sharing this engine.
    #[arg(long)]
    all: bool,
    /// Print JSON (`removed`, `kept`, `pooled`).
    #[arg(long)]
    json: bool,
}

pub async fn main(args: GcArgs, choice: &BackendChoice) -> anyhow::Result<u8> {
    let backend = crate::connect::connect(choice).await?;
    let report = collect_garbage(backend.as_ref(), args.all).await?;
    if args.json {
        outln!("{}", serde_json::to_string(&report)?);
    } else {
        for name in &report.removed {
            outln!("removed {name}");
        }
        outln!(
            "{} removed, {} kept (owned by running hosts{}){}",
            report.removed.len(),
            report.kept.len(),
            if args.all {
                ""
            } else {
                "; --all removes them too"
            },
            if report.pooled > 0 {
                format!("; {} of them warm in pools", report.pooled)
            } else {
                String::new()
            }
        );
    }
    Ok(0)
}
