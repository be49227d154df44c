//! What a run leaves behind for the caller: the plots it showed and the
//! files it wrote to its artifacts directory, taken from one tar archive of
//! that directory (one transfer per run).
//!
//! The archive comes out of the sandbox, so it is hostile: it is read from
//! memory, bounded by [`ArtifactOptions::max_files`] and
//! [`ArtifactOptions::max_bytes`] (what is beyond is left out and said so),
//! and only regular files are taken. Links, devices and paths that climb
//! (`..`) or start at `/` are refused and named in the notes; nothing of
//! the archive is ever written to disk here, so no link can lead anywhere.

use serde::{Deserialize, Serialize};

/// A format a plot is captured in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PlotFormat {
    /// PNG, at the options' DPI.
    Png,
    /// SVG.
    Svg,
    /// PDF.
    Pdf,
}

impl PlotFormat {
    /// Parse `png`, `svg` or `pdf`.
    pub fn parse(text: &str) -> Option<PlotFormat> {
        match text.to_ascii_lowercase().as_str() {
            "png" => Some(PlotFormat::Png),
            "svg" => Some(PlotFormat::Svg),
            "pdf" => Some(PlotFormat::Pdf),
            _ => None,
        }
    }
}

/// What to capture from each run, and how much at most.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArtifactOptions {
    /// Capture the plots the program shows (languages whose plugin can).
    pub plots: bool,
    /// Formats of static plots (PNG by default).
    pub plot_formats: Vec<PlotFormat>,
    /// Resolution of PNG plots.
    pub dpi: u32,
    /// Give the program a directory in `LLM_SANDBOX_ARTIFACTS` whose files
    /// come back with the result.
    pub files: bool,
    /// Most artifacts one run returns (plots and files together).
    pub max_files: usize,
    /// Most bytes one run returns.
    pub max_bytes: u64,
}

impl Default for ArtifactOptions {
    fn default() -> Self {
        ArtifactOptions {
            plots: true,
            plot_formats: vec![PlotFormat::Png],
            dpi: 100,
            files: true,
            max_files: 100,
            max_bytes: 32 << 20,
        }
    }
}

/// Whether an artifact is a plot or a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ArtifactKind {
    /// A plot the program showed.
    Plot,
    /// A file the program wrote to its artifacts directory.
    File,
}

/// One plot or file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Artifact {
    /// Plot or file.
    pub kind: ArtifactKind,
    /// For a file, its path in the artifacts directory (`report/summary.csv`);
    /// for a plot, `<order>.<ext>` (`0001.png`).
    pub name: String,
    /// For a plot, its place in the run (from 1); one plot captured in
    /// several formats has one order.
    pub order: Option<u32>,
    /// The format, from the name's extension (`png`, `html`, `csv`); empty
    /// when it has none.
    pub format: String,
    /// The MIME type (`image/png`; `application/octet-stream` when unknown).
    pub mime: String,
    /// Size in bytes.
    pub size: u64,
    /// The bytes (not serialised; callers encode them as they need).
    #[serde(skip)]
    pub bytes: Vec<u8>,
}

/// What was taken from one archive.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Collected {
    /// Plots in order (then formats), then files by name.
    pub artifacts: Vec<Artifact>,
    /// What was refused or left out, one line each.
    pub notes: Vec<String>,
}

/// How many bytes of archive to read at most for `options`: the content
/// cap plus room for the headers of as many entries.
pub fn archive_budget(options: &ArtifactOptions) -> u64 {
    options
        .max_bytes
        .saturating_add((options.max_files as u64 + 64).saturating_mul(1024))
        .saturating_add(1 << 20)
}

/// Take the artifacts from `archive`, a tar of one run's artifacts
/// directory (`<dir>/plots/…`, `<dir>/files/…`). `cut` says the archive was
/// cut short at [`archive_budget`] bytes.
pub fn collect(archive: &[u8], cut: bool, options: &ArtifactOptions) -> Collected {
    let mut collected = Collected::default();
    let mut total: u64 = 0;
    let mut left_out = 0usize;
    let mut tar = tar::Archive::new(archive);
    let entries = match tar.entries() {
        Ok(entries) => entries,
        Err(e) => {
            collected
                .notes
                .push(format!("the artifacts could not be read: {e}"));
            return collected;
        }
    };
    for entry in entries {
        let mut entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                if !cut {
                    collected
                        .notes
                        .push(format!("the artifacts archive is damaged: {e}"));
                }
                break;
            }
        };
        let raw = String::from_utf8_lossy(&entry.path_bytes()).into_owned();
        let Some((area, name)) = place(&raw) else {
            collected
                .notes
                .push(format!("refused `{raw}`: not a plain relative path"));
            continue;
        };
        let kind = entry.header().entry_type();
        if kind.is_dir() {
            continue;
        }
        if !kind.is_file() {
            let what = if kind.is_symlink() {
                let target = entry
                    .link_name_bytes()
                    .map(|t| String::from_utf8_lossy(&t).into_owned())
                    .unwrap_or_default();
                format!("a symbolic link to `{target}`")
            } else if kind.is_hard_link() {
                "a hard link".to_string()
            } else {
                "not a regular file".to_string()
            };
            collected
                .notes
                .push(format!("refused `{area}/{name}`: {what}"));
            continue;
        }
        // The header's size may not be what reading gives (sparse files):
        // read at most what still fits, plus one byte to know it did not.
        let room = options.max_bytes.saturating_sub(total);
        if collected.artifacts.len() >= options.max_files || entry.size() > room {
            left_out += 1;
            continue;
        }
        let mut bytes = Vec::with_capacity(entry.size().min(1 << 20) as usize);
        let read = std::io::Read::read_to_end(
            &mut std::io::Read::take(&mut entry, room.saturating_add(1)),
            &mut bytes,
        );
        if let Err(e) = read {
            if !cut {
                collected
                    .notes
                    .push(format!("`{area}/{name}` could not be read: {e}"));
            }
            break;
        }
        if bytes.len() as u64 > room {
            left_out += 1;
            continue;
        }
        total += bytes.len() as u64;
        collected.artifacts.push(artifact(area, name, bytes));
    }
    if left_out > 0 || cut {
        collected.notes.push(format!(
            "artifacts beyond the cap ({} files, {} bytes per run) were left out{}",
            options.max_files,
            options.max_bytes,
            if left_out > 0 {
                format!(": {left_out} of them")
            } else {
                String::new()
            }
        ));
    }
    collected.artifacts.sort_by(|a, b| {
        (a.kind == ArtifactKind::File, a.order, &a.name).cmp(&(
            b.kind == ArtifactKind::File,
            b.order,
            &b.name,
        ))
    });
    collected
}

/// `plots` or `files`, and the path below it, from an archive path
/// `<run dir>/<area>/<path>`: every component plain (no `..`, `.`, root).
fn place(raw: &str) -> Option<(&'static str, String)> {
    let mut parts = raw.split('/').filter(|p| !p.is_empty());
    parts.next()?; // the run's directory itself
    let area = match parts.next() {
        Some("plots") => "plots",
        Some("files") => "files",
        // The run's directory, or something else the program put beside.
        None => return Some(("files", String::new())),
        Some(_) => return None,
    };
    let rest: Vec<&str> = parts.collect();
    if rest
        .iter()
        .any(|p| *p == ".." || *p == "." || p.contains('\0'))
        || raw.starts_with('/')
    {
        return None;
    }
    Some((area, rest.join("/")))
}

fn artifact(area: &str, name: String, bytes: Vec<u8>) -> Artifact {
    let format = name
        .rsplit_once('.')
        .map(|(_, ext)| ext.to_ascii_lowercase())
        .filter(|ext| !ext.contains('/'))
        .unwrap_or_default();
    let (kind, order) = if area == "plots" {
        let stem = name.split('.').next().unwrap_or("");
        (ArtifactKind::Plot, stem.parse().ok())
    } else {
        (ArtifactKind::File, None)
    };
    Artifact {
        kind,
        mime: mime_of(&format).to_string(),
        size: bytes.len() as u64,
        name,
        order,
        format,
        bytes,
    }
}

/// The MIME type of a file extension.
pub fn mime_of(extension: &str) -> &'static str {
    match extension {
        "png" => "image/png",
        "svg" => "image/svg+xml",
        "pdf" => "application/pdf",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "html" | "htm" => "text/html",
        "json" => "application/json",
        "csv" => "text/csv",
        "txt" | "log" | "md" => "text/plain",
        "xml" => "application/xml",
        "parquet" => "application/vnd.apache.parquet",
        "zip" => "application/zip",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tar_of(entries: &[(&str, tar::EntryType, &[u8], Option<&str>)]) -> Vec<u8> {
        let mut builder = tar::Builder::new(Vec::new());
        for (path, kind, data, link) in entries {
            let mut header = tar::Header::new_gnu();
            header.set_entry_type(*kind);
            header.set_size(data.len() as u64);
            header.set_mode(0o644);
            if let Some(link) = link {
                header.set_link_name(link).unwrap();
            }
            // Raw names, so that hostile ones (`..`) go in as they are.
            let name = header.as_old_mut().name.as_mut();
            name[..path.len()].copy_from_slice(path.as_bytes());
            header.set_cksum();
            builder.append(&header, *data).unwrap();
        }
        builder.into_inner().unwrap()
    }

    use tar::EntryType::{Directory, Regular, Symlink};

    #[test]
    fn plots_come_in_order_then_files_with_their_types() {
        let archive = tar_of(&[
            ("r1/", Directory, b"", None),
            ("r1/files/b/data.csv", Regular, b"a,b\n", None),
            ("r1/plots/0002.png", Regular, b"\x89PNG2", None),
            ("r1/plots/0001.svg", Regular, b"<svg/>", None),
            ("r1/plots/0001.png", Regular, b"\x89PNG1", None),
            ("r1/files/a.txt", Regular, b"hi", None),
        ]);
        let got = collect(&archive, false, &ArtifactOptions::default());
        assert!(got.notes.is_empty(), "{:?}", got.notes);
        let names: Vec<(&str, Option<u32>, &str)> = got
            .artifacts
            .iter()
            .map(|a| (a.name.as_str(), a.order, a.mime.as_str()))
            .collect();
        assert_eq!(
            names,
            [
                ("0001.png", Some(1), "image/png"),
                ("0001.svg", Some(1), "image/svg+xml"),
                ("0002.png", Some(2), "image/png"),
                ("a.txt", None, "text/plain"),
                ("b/data.csv", None, "text/csv"),
            ]
        );
        assert_eq!(got.artifacts[0].bytes, b"\x89PNG1");
    }

    #[test]
    fn links_and_climbing_paths_are_refused_and_named() {
        let archive = tar_of(&[
            ("r1/files/b/c", Symlink, b"", Some("../..")),
            ("r1/files/d", Symlink, b"", Some("b/c/..")),
            ("r1/files/../../escape", Regular, b"x", None),
            ("r1/files/ok", Regular, b"fine", None),
        ]);
        let got = collect(&archive, false, &ArtifactOptions::default());
        assert_eq!(got.artifacts.len(), 1);
        assert_eq!(got.artifacts[0].name, "ok");
        assert_eq!(got.notes.len(), 3, "{:?}", got.notes);
        assert!(got.notes[0].contains("files/b/c") && got.notes[0].contains("../.."));
        assert!(got.notes[1].contains("b/c/.."));
        assert!(got.notes[2].contains("escape"));
    }

    #[test]
    fn what_is_beyond_the_caps_is_left_out_and_said() {
        let files: Vec<(String, Vec<u8>)> = (0..10)
            .map(|i| (format!("r1/files/{i:02}"), vec![b'x'; 100]))
            .collect();
        let entries: Vec<(&str, tar::EntryType, &[u8], Option<&str>)> = files
            .iter()
            .map(|(p, d)| (p.as_str(), Regular, d.as_slice(), None))
            .collect();
        let archive = tar_of(&entries);
        let options = ArtifactOptions {
            max_files: 3,
            ..Default::default()
        };
        let got = collect(&archive, false, &options);
        assert_eq!(got.artifacts.len(), 3);
        assert!(got.notes[0].contains("7 of them"), "{:?}", got.notes);
        let options = ArtifactOptions {
            max_bytes: 250,
            ..Default::default()
        };
        let got = collect(&archive, false, &options);
        assert_eq!(got.artifacts.len(), 2);
        // An archive cut short keeps what came whole.
        let got = collect(
            &archive[..archive.len() / 2],
            true,
            &ArtifactOptions::default(),
        );
        assert!(!got.artifacts.is_empty());
        assert!(got.notes[0].contains("left out"), "{:?}", got.notes);
    }

    #[test]
    fn garbage_is_not_an_archive_and_does_not_panic() {
        let got = collect(
            b"not a tar at all, just text",
            false,
            &ArtifactOptions::default(),
        );
        assert!(got.artifacts.is_empty());
        let got = collect(&[], false, &ArtifactOptions::default());
        assert!(got.artifacts.is_empty());
    }
}
