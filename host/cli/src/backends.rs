//! `host backends`: every backend, whether it is reachable, its version and
//! the endpoint used.

use clap::Args;
use llm_sandbox_host::backend::{BackendChoice, probe_all};

#[derive(Args, Debug)]
pub struct BackendsArgs {
    /// Print JSON: a list of `name`, `reachable`, `version`, `endpoint`, `error`.
    #[arg(long)]
    pub json: bool,
}

pub async fn main(args: BackendsArgs, choice: &BackendChoice) -> anyhow::Result<u8> {
    let probes = probe_all(choice).await;
    if args.json {
        outln!("{}", serde_json::to_string_pretty(&probes)?);
        return Ok(0);
    }
    for p in &probes {
        let state = if p.reachable {
            "reachable"
        } else {
            "unreachable"
        };
        let version = p.version.as_deref().unwrap_or("-");
        let endpoint = p.endpoint.as_deref().unwrap_or("-");
        outln!(
            "{:<11} {state:<11} {version:<10} {endpoint}",
            p.name.as_str()
        );
        if let Some(error) = &p.error {
            outln!("{:<11} {error}", "");
        }
    }
    Ok(0)
}
