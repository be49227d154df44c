//! `host plugins`: list the language plugins and where they come from.

use std::path::PathBuf;

use anyhow::{Context, bail};
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
    /// Create a new language plugin crate (a working skeleton with tests).
    New {
        /// Language name (lower-case letters, digits, `-`, `_`).
        name: String,
        /// File extension of the language (default: the name).
        #[arg(long)]
        ext: Option<String>,
        /// Directory to create (default: ./NAME-plugin).
        #[arg(long)]
        dir: Option<PathBuf>,
        /// Path of the llm-sandbox sdk crate (default: the one this host was
        /// built from, if it is still there).
        #[arg(long)]
        sdk: Option<PathBuf>,
    },
}

/// Write a plugin crate skeleton; returns the directory.
fn scaffold(
    name: &str,
    ext: Option<&str>,
    dir: Option<PathBuf>,
    sdk: Option<PathBuf>,
) -> anyhow::Result<PathBuf> {
    let plain = |s: &str| {
        !s.is_empty()
            && s.len() <= 40
            && s.chars().next().is_some_and(|c| c.is_ascii_lowercase())
            && s.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
    };
    if !plain(name) {
        bail!(
            "plugin name `{name}` must be lower-case letters, digits, `-` or `_`, starting with a letter"
        );
    }
    let ext = ext.unwrap_or(name).trim_start_matches('.');
    if !plain(ext) {
        bail!("extension `{ext}` must be lower-case letters and digits");
    }
    let dir = dir.unwrap_or_else(|| PathBuf::from(format!("{name}-plugin")));
    if dir.exists() {
        bail!("{} already exists; choose another --dir", dir.display());
    }
    let sdk = match sdk {
        Some(sdk) => sdk,
        None => std::fs::canonicalize(concat!(env!("CARGO_MANIFEST_DIR"), "/../../sdk")).map_err(|_| {
            anyhow::anyhow!("the sdk this host was built from is gone; pass --sdk PATH to your llm-sandbox checkout's sdk/")
        })?,
    };
    let sdk = std::fs::canonicalize(&sdk).with_context(|| format!("sdk path {}", sdk.display()))?;
    if !sdk.join("Cargo.toml").is_file() {
        bail!("{} is not the sdk crate (no Cargo.toml)", sdk.display());
    }
    let crate_name = format!("{}_plugin", name.replace('-', "_"));
    let render = |template: &str| {
        template
            .replace("{name}", name)
            .replace("{ext}", ext)
            .replace("{crate}", &crate_name)
            .replace("{sdk}", &sdk.display().to_string())
    };
    std::fs::create_dir_all(dir.join("src"))
        .with_context(|| format!("cannot create {}", dir.display()))?;
    let files = [
        ("Cargo.toml", include_str!("templates/Cargo.toml.tmpl")),
        ("src/lib.rs", include_str!("templates/lib.rs.tmpl")),
        ("README.md", include_str!("templates/README.md.tmpl")),
        (".gitignore", "target/\n"),
    ];
    for (path, template) in files {
        std::fs::write(dir.join(path), render(template))
            .with_context(|| format!("cannot write {}", dir.join(path).display()))?;
    }
    Ok(dir)
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
    let (plugins, json) = match cmd {
        PluginsCommand::List { plugins, json } => (plugins, json),
        PluginsCommand::New {
            name,
            ext,
            dir,
            sdk,
        } => {
            let dir = scaffold(&name, ext.as_deref(), dir, sdk)?;
            outln!("created {}", dir.display());
            outln!(
                "next: cd {} && cargo test && cargo build --release --target wasm32-wasip2",
                dir.display()
            );
            return Ok(0);
        }
    };
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
                    "image_flavors": info.image_flavors,
                })
            })
            .collect();
        outln!("{}", serde_json::to_string_pretty(&value)?);
        return Ok(0);
    }
    let table: Vec<[String; 6]> = rows
        .into_iter()
        .map(|(info, image, source)| {
            [
                info.name.clone(),
                info.version.clone(),
                info.aliases.join(","),
                info.extensions.join(","),
                image,
                source,
            ]
        })
        .collect();
    let header = ["LANGUAGE", "VERSION", "ALIASES", "EXT", "IMAGE", "SOURCE"].map(String::from);
    let widths: Vec<usize> = (0..6)
        .map(|i| {
            std::iter::once(&header)
                .chain(&table)
                .map(|row| row[i].chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    for row in std::iter::once(&header).chain(&table) {
        let cells: Vec<String> = row
            .iter()
            .zip(&widths)
            .map(|(cell, width)| format!("{cell:<width$}"))
            .collect();
        outln!("{}", cells.join("  ").trim_end());
    }
    Ok(0)
}
