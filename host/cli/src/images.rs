//! `host images`: build language images from Debian packages.

use std::path::PathBuf;

use anyhow::bail;
use clap::Subcommand;
use llm_sandbox_host::backend::BackendChoice;
use llm_sandbox_host::images::{BootstrapOptions, BootstrapOutcome, bootstrap};

use crate::config::Config;

#[derive(Subcommand, Debug)]
pub enum ImagesCommand {
    /// Build the default image of each named language from Debian packages
    /// (debootstrap, then an import into the engine), tagged with the plugin's default image
    /// name. Skips images that exist. Needs root and debootstrap.
    Bootstrap {
        /// Languages to build images for.
        #[arg(value_name = "LANG", required_unless_present = "all")]
        languages: Vec<String>,
        /// Build images for every loaded language plugin.
        #[arg(long)]
        all: bool,
        /// Rebuild even if the image exists.
        #[arg(long)]
        force: bool,
        /// Debian mirror (default: the one configured for apt).
        #[arg(long)]
        mirror: Option<String>,
        /// Also load these plugin files.
        #[arg(long = "plugin", value_name = "FILE.wasm")]
        plugins: Vec<PathBuf>,
        /// Build the plugin's image of this flavor instead of its default
        /// one (`host plugins list --json` lists them; e.g. `datascience`
        /// for Python and R: the plotting libraries).
        #[arg(long, value_name = "NAME")]
        flavor: Option<String>,
    },
}

pub async fn main(
    cmd: ImagesCommand,
    config: &Config,
    choice: &BackendChoice,
) -> anyhow::Result<u8> {
    let ImagesCommand::Bootstrap {
        languages,
        all,
        force,
        mirror,
        plugins,
        flavor,
    } = cmd;
    let registry = crate::plugins::load_registry(&plugins, config)?;
    let selected = if all {
        registry.languages().to_vec()
    } else {
        languages
            .iter()
            .map(|l| registry.language(l))
            .collect::<Result<Vec<_>, _>>()?
    };
    if selected.is_empty() {
        bail!("no language selected");
    }
    let backend = crate::connect::connect(choice).await?;
    let Some(images) = backend.images() else {
        bail!(
            "{} has no image operations; bootstrap the images on Docker or Podman",
            backend.name()
        );
    };
    let options = BootstrapOptions {
        mirror,
        force,
        ..Default::default()
    };
    for plugin in selected {
        let info = plugin.info();
        let (image, packages) = match &flavor {
            None => (info.default_image.clone(), info.debian_packages.clone()),
            Some(name) => {
                let Some(found) = info.image_flavors.iter().find(|f| &f.name == name) else {
                    let known: Vec<&str> =
                        info.image_flavors.iter().map(|f| f.name.as_str()).collect();
                    bail!(
                        "{} has no image flavor `{name}` (it has: {})",
                        info.name,
                        if known.is_empty() {
                            "none".to_string()
                        } else {
                            known.join(", ")
                        }
                    );
                };
                let mut packages = info.debian_packages.clone();
                packages.extend(found.debian_packages.iter().cloned());
                (found.image.clone(), packages)
            }
        };
        let report = |line: &str| eprintln!("{}: {line}", info.name);
        match bootstrap(images, &image, &packages, &options, &report).await? {
            BootstrapOutcome::AlreadyPresent => {
                eprintln!(
                    "{}: {image} already exists (use --force to rebuild)",
                    info.name
                );
            }
            BootstrapOutcome::Built { .. } => {}
        }
    }
    Ok(0)
}
