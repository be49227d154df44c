//! `host check`: check code against security policies without running it
//! (no container engine needed).

use std::path::PathBuf;

use clap::Args;
use llm_sandbox_host::PolicyChecker;

use crate::config::Config;
use crate::policy_args::{PolicyArgs, source_label, write_findings};
use crate::run::{pick_language, read_source};

/// The preset `host check` applies when no policy is given.
const DEFAULT_PRESET: &str = "production";

#[derive(Args, Debug)]
pub struct CheckArgs {
    /// Source file to check (`-` reads stdin). The language comes from its
    /// extension unless --lang is given.
    #[arg(value_name = "FILE", conflicts_with = "code")]
    file: Option<PathBuf>,

    /// Code to check, instead of a file.
    #[arg(long, short = 'c')]
    code: Option<String>,

    /// Language name or alias (e.g. python, py).
    #[arg(long, short = 'l')]
    lang: Option<String>,

    /// Load a language plugin from a .wasm component (repeatable).
    #[arg(long = "plugin", value_name = "FILE.wasm")]
    plugins: Vec<PathBuf>,

    /// A package the code would install first (repeatable); policies may
    /// restrict packages.
    #[arg(long = "lib", value_name = "PKG")]
    libs: Vec<String>,

    /// Policies to check with; without any, the `production` preset (or the
    /// config file's `preset`).
    #[command(flatten)]
    policy: PolicyArgs,

    /// Print one JSON object (allowed, findings, …).
    #[arg(long)]
    pub json: bool,
}

/// Exit 0 when the code may run, 1 when a policy blocks it.
pub fn main(mut args: CheckArgs, config: &Config) -> anyhow::Result<u8> {
    let (code, file) = read_source(args.code.as_deref(), args.file.as_deref())?;
    let mut registry = crate::plugins::load_registry(&args.plugins, config)?;
    let language = pick_language(&registry, args.lang.as_deref(), file.as_deref())?;
    if !args.policy.any() && config.preset.is_none() {
        args.policy.preset = Some(DEFAULT_PRESET.into());
    }
    let policies = args.policy.resolve(&mut registry, config)?;
    let checker = PolicyChecker::new(&registry, language.clone(), &policies.configs)?;
    let report = checker.check(&code, &args.libs)?;
    let label = source_label(file.as_deref());
    if args.json {
        let thresholds: serde_json::Map<String, serde_json::Value> = checker
            .thresholds()
            .into_iter()
            .map(|(policy, severity)| (policy, severity.as_str().into()))
            .collect();
        let value = serde_json::json!({
            "file": label,
            "language": language.name(),
            "preset": policies.preset,
            "thresholds": thresholds,
            "allowed": report.allowed,
            "findings": report.findings,
        });
        outln!("{value}");
    } else {
        let mut out = std::io::stdout().lock();
        write_findings(&mut out, &report.findings, &label)?;
        let blocking = report.blocking().count();
        let thresholds: Vec<String> = checker
            .thresholds()
            .into_iter()
            .map(|(policy, severity)| format!("{policy} blocks from {severity}"))
            .collect();
        let verdict = if report.allowed { "allowed" } else { "blocked" };
        outln!(
            "{label}: {verdict} ({} finding{}, {blocking} blocking; {})",
            report.findings.len(),
            if report.findings.len() == 1 { "" } else { "s" },
            thresholds.join(", ")
        );
    }
    Ok(if report.allowed { 0 } else { 1 })
}
