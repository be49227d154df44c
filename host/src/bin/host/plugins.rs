//! `host plugins`: list the language plugins and where they come from.

use std::path::PathBuf;

use clap::Subcommand;
use llm_sandbox_host::PluginRegistry;
use llm_sandbox_host::plugin::PluginSource;
use serde_json::json;

use crate::config::Config;

#[derive(Subcommand, Debug)]
pub enum PluginsCommand {
    /// Show every language plugin: languages, version, image and source.
    List {
        /// Also load these plugin files.
        #[arg(long = "plugin", value_name = "FILE.wasm")]
        plugins: Vec<PathBuf>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
}

/// Built-in plugins, then the default and configured plugin dirs, then `files`.
pub fn load_registry(files: &[PathBuf], config: &Config) -> anyhow::Result<PluginRegistry> {
    let mut registry = PluginRegistry::with_defaults()?;
    if let Some(dir) = &config.plugin_dir {
        registry.load_dir(dir)?;
    }
    for file in files {
        registry.load_file(file)?;
    }
    Ok(registry)
}

pub async fn main(cmd: PluginsCommand, config: &Config) -> anyhow::Result<u8> {
    let PluginsCommand::List { plugins, json } = cmd;
    let registry = load_registry(&plugins, config)?;
    let rows: Vec<_> = registry
        .languages()
        .iter()
        .map(|p| {
            let info = p.info();
            let image = config
                .image_for(info)
                .unwrap_or_else(|| info.default_image.clone());
            let source = match p.source() {
                PluginSource::Builtin(_) => "built-in".to_string(),
                other => other.to_string(),
            };
            (info, image, source)
        })
        .collect();
    if json {
        let value: Vec<_> = rows
            .iter()
            .map(|(info, image, source)| {
                json!({
                    "name": info.name,
                    "aliases": info.aliases,
                    "extensions": info.extensions,
                    "version": info.version,
                    "image": image,
                    "default_image": info.default_image,
                    "source": source,
                    "description": info.description,
                    "capabilities": info.capabilities,
                })
            })
            .collect();
        println!("{}", serde_json::to_string_pretty(&value)?);
        return Ok(0);
    }
    println!(
        "{:<12} {:<8} {:<18} {:<10} {:<30} SOURCE",
        "LANGUAGE", "VERSION", "ALIASES", "EXT", "IMAGE"
    );
    for (info, image, source) in rows {
        println!(
            "{:<12} {:<8} {:<18} {:<10} {:<30} {}",
            info.name,
            info.version,
            info.aliases.join(","),
            info.extensions.join(","),
            image,
            source
        );
    }
    Ok(0)
}
