//! `host presets`: list the security presets and show one in full.

use clap::Subcommand;
use llm_sandbox_host::SecurityPreset;

use crate::config::Config;

#[derive(Subcommand, Debug)]
pub enum PresetsCommand {
    /// List the presets with their threshold and main limits.
    List {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Print a preset: its policy and runtime settings as TOML files you can
    /// edit and pass back with --policy and --runtime-config.
    Show {
        /// Preset name.
        name: String,
        /// Only the rules for this language.
        #[arg(long, short = 'l')]
        lang: Option<String>,
        /// Print JSON instead of TOML.
        #[arg(long)]
        json: bool,
    },
}

pub fn main(cmd: PresetsCommand, config: &Config) -> anyhow::Result<u8> {
    match cmd {
        PresetsCommand::List { json } => {
            let presets = SecurityPreset::all()?;
            if json {
                let list: Vec<serde_json::Value> = presets
                    .iter()
                    .map(|p| {
                        serde_json::json!({
                            "name": p.name,
                            "description": p.description,
                            "severity_threshold": p.policy.severity_threshold,
                            "runtime": p.runtime,
                        })
                    })
                    .collect();
                outln!("{}", serde_json::Value::Array(list));
                return Ok(0);
            }
            outln!(
                "{:<12} {:<9} {:<8} {:<8} {:<9} {:<15} DESCRIPTION",
                "PRESET",
                "BLOCKS",
                "NETWORK",
                "MEMORY",
                "READ-ONLY",
                "USER"
            );
            for p in presets {
                let r = &p.runtime;
                outln!(
                    "{:<12} {:<9} {:<8} {:<8} {:<9} {:<15} {}",
                    p.name,
                    format!("{}+", p.policy.severity_threshold),
                    r.network_mode.as_deref().unwrap_or("bridge"),
                    r.mem_limit
                        .map_or("-".into(), |m| format!("{}m", m.0 >> 20)),
                    if r.read_only == Some(true) {
                        "yes"
                    } else {
                        "no"
                    },
                    r.user.as_deref().unwrap_or("-"),
                    p.description
                );
            }
        }
        PresetsCommand::Show { name, lang, json } => {
            let mut preset = SecurityPreset::get(&name)?;
            if let Some(lang) = &lang {
                let registry = crate::plugins::load_registry(&[], config)?;
                let language = registry.language(lang)?;
                preset.policy = preset.policy.for_language(language.name());
            }
            if json {
                outln!("{}", serde_json::to_string_pretty(&preset)?);
            } else {
                outln!("# Preset `{}`: {}", preset.name, preset.description);
                outln!("# Policy (save as policy.toml; use with --policy policy.toml):\n");
                outln!("{}", preset.policy.to_toml()?);
                outln!(
                    "# Runtime (save as runtime.toml; use with --runtime-config runtime.toml):\n"
                );
                outln!("{}", toml::to_string(&preset.runtime)?);
            }
        }
    }
    Ok(0)
}
