//! Building language images from Debian packages, for machines that cannot
//! reach a container registry (air-gapped networks, CI here).
//!
//! Each language plugin names its default image and the Debian packages that
//! satisfy its contract. [`bootstrap`] makes a minimal Debian root with
//! `debootstrap`, installs those packages in a chroot, and imports the tree
//! as an image tagged with the plugin's default image name, so sessions find
//! it with no flags. It needs root, `debootstrap` and a Debian mirror, and
//! takes about a minute per image; an image that exists is skipped.

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use tokio::process::Command;

use crate::backend::ImageStore;
use crate::error::{Error, Result};

/// Options of [`bootstrap`].
#[derive(Debug, Clone)]
pub struct BootstrapOptions {
    /// Debian suite.
    pub suite: String,
    /// Debian mirror; `None` = the first one configured in `/etc/apt`, else
    /// `http://deb.debian.org/debian`.
    pub mirror: Option<String>,
    /// Rebuild even if the image exists.
    pub force: bool,
    /// Where to build the root file system (a temporary dir inside it).
    pub scratch_dir: PathBuf,
}

impl Default for BootstrapOptions {
    fn default() -> Self {
        BootstrapOptions {
            suite: "bookworm".into(),
            mirror: None,
            force: false,
            scratch_dir: PathBuf::from("/var/tmp"),
        }
    }
}

/// What [`bootstrap`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BootstrapOutcome {
    /// The image already existed; nothing was built.
    AlreadyPresent,
    /// The image was built.
    Built {
        /// How long it took.
        duration: Duration,
    },
}

/// Build `image` from Debian `packages` unless it exists. `report` receives
/// one line per phase.
pub async fn bootstrap(
    images: &dyn ImageStore,
    image: &str,
    packages: &[String],
    options: &BootstrapOptions,
    report: &(dyn Fn(&str) + Send + Sync),
) -> Result<BootstrapOutcome> {
    if !options.force && images.exists(image).await? {
        return Ok(BootstrapOutcome::AlreadyPresent);
    }
    if packages.is_empty() {
        return Err(Error::Bootstrap(format!(
            "the plugin for `{image}` lists no Debian packages, so its image cannot be bootstrapped"
        )));
    }
    if let Some(bad) = packages.iter().find(|p| !is_debian_package_name(p)) {
        return Err(Error::Bootstrap(format!(
            "`{bad}` is not a Debian package name"
        )));
    }
    check_prerequisites()?;
    let started = Instant::now();
    let mirror = options.mirror.clone().unwrap_or_else(configured_mirror);
    std::fs::create_dir_all(&options.scratch_dir)
        .map_err(|e| Error::io(&options.scratch_dir, e))?;
    let scratch = tempfile::Builder::new()
        .prefix("llm-sandbox-rootfs-")
        .tempdir_in(&options.scratch_dir)
        .map_err(|e| Error::io(&options.scratch_dir, e))?;
    let root = scratch.path().join("root");

    report(&format!(
        "debootstrap {} from {mirror} (about a minute)…",
        options.suite
    ));
    run(Command::new("debootstrap")
        .args(["--variant=minbase", &options.suite])
        .arg(&root)
        .arg(&mirror))
    .await?;

    report(&format!("installing {}…", packages.join(" ")));
    let proc_dir = root.join("proc");
    run(Command::new("mount")
        .args(["-t", "proc", "proc"])
        .arg(&proc_dir))
    .await?;
    let installed = run(Command::new("chroot")
        .arg(&root)
        .args(["apt-get", "install", "-y", "-q", "--no-install-recommends"])
        .args(packages)
        .env("DEBIAN_FRONTEND", "noninteractive"))
    .await;
    let unmounted = run(Command::new("umount").arg(&proc_dir)).await;
    installed?;
    unmounted?;
    run(Command::new("chroot").arg(&root).args(["apt-get", "clean"])).await?;
    let lists = root.join("var/lib/apt/lists");
    let _ = std::fs::remove_dir_all(&lists);
    let _ = std::fs::create_dir_all(lists.join("partial"));

    report(&format!("importing the file system as {image}…"));
    import(images, &root, image).await?;
    let duration = started.elapsed();
    report(&format!("built {image} in {:.0}s", duration.as_secs_f64()));
    Ok(BootstrapOutcome::Built { duration })
}

/// Stream `tar -C root -c .` into the engine as a new image.
async fn import(images: &dyn ImageStore, root: &Path, image: &str) -> Result<()> {
    let mut tar = Command::new("tar")
        .arg("-C")
        .arg(root)
        .args(["--numeric-owner", "-c", "."])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| Error::Bootstrap(format!("cannot start tar: {e}")))?;
    let stdout = tar
        .stdout
        .take()
        .ok_or_else(|| Error::Bootstrap("tar has no stdout".into()))?;
    let changes = [
        "CMD [\"/bin/bash\"]",
        "ENV LANG=C.UTF-8",
        "ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
        "LABEL io.llm-sandbox.bootstrap=true",
    ]
    .map(String::from);
    let stream = Box::pin(tokio_util::io::ReaderStream::new(stdout));
    images
        .import(stream, image, &changes)
        .await
        .map_err(|e| Error::Bootstrap(format!("import failed: {e}")))?;
    let status = tar
        .wait()
        .await
        .map_err(|e| Error::Bootstrap(format!("tar failed: {e}")))?;
    if !status.success() {
        return Err(Error::Bootstrap(format!("tar exited with {status}")));
    }
    if !images.exists(image).await? {
        return Err(Error::Bootstrap(format!(
            "the import finished but `{image}` is not there"
        )));
    }
    Ok(())
}

/// Run a command; on failure, the error carries the tail of its output.
async fn run(cmd: &mut Command) -> Result<()> {
    let shown = format!("{:?}", cmd.as_std());
    let output = cmd
        .stdin(Stdio::null())
        .output()
        .await
        .map_err(|e| Error::Bootstrap(format!("cannot run {shown}: {e}")))?;
    if output.status.success() {
        return Ok(());
    }
    let text = String::from_utf8_lossy(&output.stdout).into_owned()
        + &String::from_utf8_lossy(&output.stderr);
    Err(Error::Bootstrap(format!(
        "{shown} exited with {}:\n{}",
        output.status,
        crate::error::last_lines(&text, 20)
    )))
}

fn check_prerequisites() -> Result<()> {
    let is_root = std::fs::read_to_string("/proc/self/status")
        .map(|s| {
            s.lines()
                .find(|l| l.starts_with("Uid:"))
                .and_then(|l| l.split_whitespace().nth(2))
                == Some("0")
        })
        .unwrap_or(false);
    if !is_root {
        return Err(Error::Bootstrap(
            "building an image needs root (debootstrap, chroot and mount): run it with sudo".into(),
        ));
    }
    let has = |tool: &str| {
        std::env::var_os("PATH")
            .is_some_and(|path| std::env::split_paths(&path).any(|dir| dir.join(tool).is_file()))
    };
    let tools = [
        ("debootstrap", "debootstrap"),
        ("chroot", "coreutils"),
        ("tar", "tar"),
        ("mount", "mount"),
        ("umount", "mount"),
    ];
    for (tool, package) in tools {
        if !has(tool) {
            return Err(Error::Bootstrap(format!(
                "`{tool}` is not installed: apt-get install -y {package}"
            )));
        }
    }
    Ok(())
}

/// The first Debian mirror configured for apt (deb822 or one-line format).
fn configured_mirror() -> String {
    let deb822 = std::fs::read_to_string("/etc/apt/sources.list.d/debian.sources").ok();
    let from_deb822 = deb822.as_deref().and_then(|text| {
        text.split("\n\n")
            .filter(|stanza| !stanza.contains("security"))
            .find_map(|stanza| {
                stanza
                    .lines()
                    .find_map(|l| l.strip_prefix("URIs:"))
                    .and_then(|uris| uris.split_whitespace().next())
                    .map(str::to_string)
            })
    });
    let one_line = || {
        let text = std::fs::read_to_string("/etc/apt/sources.list").ok()?;
        text.lines()
            .filter(|l| l.starts_with("deb ") && !l.contains("security"))
            .find_map(|l| {
                l.split_whitespace()
                    .find(|w| w.starts_with("http://") || w.starts_with("https://"))
                    .map(str::to_string)
            })
    };
    from_deb822
        .or_else(one_line)
        .unwrap_or_else(|| "http://deb.debian.org/debian".to_string())
}

/// Split `repo[:tag]` (the tag is after the last `:` that follows the last
/// `/`); a digest reference (`repo@sha256:…`) keeps its digest as the "tag".
pub fn split_reference(image: &str) -> (&str, &str) {
    if let Some((repo, digest)) = image.split_once('@') {
        return (repo, digest);
    }
    let slash = image.rfind('/').map_or(0, |i| i + 1);
    match image[slash..].rfind(':') {
        Some(i) => (&image[..slash + i], &image[slash + i + 1..]),
        None => (image, "latest"),
    }
}

fn is_debian_package_name(name: &str) -> bool {
    name.len() >= 2
        && name
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "+-.".contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn image_references_split_into_repo_and_tag() {
        assert_eq!(
            split_reference("python:3.11-slim-bookworm"),
            ("python", "3.11-slim-bookworm")
        );
        assert_eq!(
            split_reference("localhost:5000/x/y:1"),
            ("localhost:5000/x/y", "1")
        );
        assert_eq!(
            split_reference("localhost:5000/x/y"),
            ("localhost:5000/x/y", "latest")
        );
        assert_eq!(split_reference("ubuntu"), ("ubuntu", "latest"));
        assert_eq!(split_reference("x@sha256:ab"), ("x", "sha256:ab"));
    }

    #[test]
    fn debian_package_names_are_checked() {
        assert!(is_debian_package_name("python3-venv"));
        assert!(is_debian_package_name("g++"));
        assert!(!is_debian_package_name("rm -rf /"));
        assert!(!is_debian_package_name("-o"));
        assert!(!is_debian_package_name("Python"));
    }
}
