//! Hostile and ordinary archives, built entry by entry as raw headers (a
//! hostile `tar` in a sandbox sends whatever bytes it likes).

use super::*;
use tar::EntryType::{self, *};

/// One raw entry: name, type, link target, contents.
struct Raw<'a>(&'a str, EntryType, &'a str, &'a [u8]);

fn raw_tar(entries: &[Raw<'_>]) -> Vec<u8> {
    let mut out = Vec::new();
    for Raw(name, kind, link, data) in entries {
        let mut header = tar::Header::new_gnu();
        let bytes = name.as_bytes();
        header.as_old_mut().name[..bytes.len()].copy_from_slice(bytes);
        header.set_entry_type(*kind);
        header.set_size(data.len() as u64);
        header.set_mode(if *kind == Directory { 0o755 } else { 0o644 });
        header.set_mtime(1_700_000_000);
        let l = link.as_bytes();
        header.as_old_mut().linkname[..l.len()].copy_from_slice(l);
        header.set_cksum();
        out.extend_from_slice(header.as_bytes());
        out.extend_from_slice(data);
        out.resize(out.len().div_ceil(512) * 512, 0);
    }
    out.resize(out.len() + 1024, 0);
    out
}

/// A directory holding `base/out` as the destination, with a sentinel file
/// beside it that must never change.
struct Scene {
    dir: tempfile::TempDir,
}

impl Scene {
    fn new() -> Scene {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("base")).unwrap();
        std::fs::write(dir.path().join("sentinel"), "untouched").unwrap();
        Scene { dir }
    }

    fn base(&self) -> PathBuf {
        self.dir.path().join("base")
    }

    fn dest(&self) -> PathBuf {
        self.base().join("out")
    }

    fn extract(&self, tar: &[u8]) -> Result<u64> {
        self.extract_with(tar, &ExtractLimits::default())
    }

    fn extract_with(&self, tar: &[u8], limits: &ExtractLimits) -> Result<u64> {
        extract(tar, &self.dest(), limits)
    }

    /// After a refusal: nothing in `base` (no destination, no staging), the
    /// sentinel as it was, nothing new beside it.
    fn assert_nothing_written(&self) {
        let left: Vec<_> = std::fs::read_dir(self.base()).unwrap().collect();
        assert!(left.is_empty(), "left behind: {left:?}");
        let outer: Vec<_> = std::fs::read_dir(self.dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(outer.len(), 2, "{outer:?}");
        assert_eq!(
            std::fs::read_to_string(self.dir.path().join("sentinel")).unwrap(),
            "untouched"
        );
    }
}

fn refused_with(entries: &[Raw<'_>], expected: &str) {
    let scene = Scene::new();
    let err = scene.extract(&raw_tar(entries)).unwrap_err();
    assert!(matches!(err, Error::UnsafeArchive(_)), "{err}");
    assert!(err.to_string().contains(expected), "{err}");
    scene.assert_nothing_written();
}

#[test]
fn a_chain_of_links_leading_out_is_refused() {
    // The reproduction of the hardening issue: each link passes a lexical
    // check on its own; together `d` reaches two levels above the copy.
    refused_with(
        &[
            Raw("top/", Directory, "", b""),
            Raw("top/b/", Directory, "", b""),
            Raw("top/b/c", Symlink, "../..", b""),
            Raw("top/d", Symlink, "b/c/..", b""),
        ],
        "points outside the destination",
    );
}

#[test]
fn one_link_reaching_the_destinations_parent_is_refused() {
    // `dest/b/c -> ../..` resolves to the parent of `dest`: the boundary is
    // the destination, not the staging directory that holds it.
    refused_with(
        &[
            Raw("top/", Directory, "", b""),
            Raw("top/b/", Directory, "", b""),
            Raw("top/b/c", Symlink, "../..", b""),
        ],
        "link `top/b/c` points outside the destination (to `../..`)",
    );
}

#[test]
fn a_link_to_an_absolute_path_is_refused() {
    refused_with(
        &[
            Raw("top/", Directory, "", b""),
            Raw("top/passwd", Symlink, "/etc/passwd", b""),
        ],
        "to `/etc/passwd`",
    );
}

#[test]
fn an_entry_written_through_a_link_planted_earlier_is_refused() {
    // `top/sub -> ..` then `top/sub/x`: the second entry would land beside
    // the copy if the write followed the link.
    for up in ["..", "../..", "../../.."] {
        refused_with(
            &[
                Raw("top/", Directory, "", b""),
                Raw("top/sub", Symlink, up, b""),
                Raw("top/sub/x", Regular, "", b"planted"),
            ],
            "entry `top/sub/x` would be written through the link `top/sub`",
        );
    }
}

#[test]
fn hard_links_to_anything_but_a_file_of_the_archive_are_refused() {
    for (target, expected) in [
        ("/etc/shadow", "points outside the copy"),
        ("../etc/shadow", "points outside the copy"),
        ("other/file", "points outside the copy"),
        ("top/missing", "is not a file extracted before it"),
        ("top/dir", "is not a regular file"),
    ] {
        refused_with(
            &[
                Raw("top/", Directory, "", b""),
                Raw("top/dir/", Directory, "", b""),
                Raw("top/hard", Link, target, b""),
            ],
            expected,
        );
    }
}

#[test]
fn device_files_and_fifos_are_refused() {
    for (kind, what) in [
        (Fifo, "FIFO"),
        (Char, "character device"),
        (Block, "block device"),
    ] {
        refused_with(
            &[
                Raw("top/", Directory, "", b""),
                Raw("top/special", kind, "", b""),
            ],
            &format!("entry `top/special` is a {what}"),
        );
    }
}

#[test]
fn absolute_and_climbing_entry_names_are_refused() {
    refused_with(&[Raw("/etc/x", Regular, "", b"x")], "is an absolute path");
    refused_with(&[Raw("top/../../x", Regular, "", b"x")], "contains `..`");
    refused_with(
        &[
            Raw("top/a", Regular, "", b"x"),
            Raw("other/b", Regular, "", b"x"),
        ],
        "more than one top-level entry",
    );
    refused_with(&[Raw("top", Symlink, "somewhere", b"")], "is a link");
    refused_with(&[], "the archive is empty");
}

#[test]
fn entries_below_a_file_and_duplicates_are_refused() {
    refused_with(
        &[
            Raw("top/f", Regular, "", b"x"),
            Raw("top/f/x", Regular, "", b"x"),
        ],
        "below the file `top/f`",
    );
    refused_with(
        &[
            Raw("top/f", Regular, "", b"x"),
            Raw("top/f", Symlink, "..", b""),
        ],
        "appears twice",
    );
}

#[test]
fn the_entry_and_byte_caps_stop_the_copy() {
    let scene = Scene::new();
    let tar = raw_tar(&[
        Raw("top/", Directory, "", b""),
        Raw("top/a", Regular, "", b"0123456789"),
        Raw("top/b", Regular, "", b"0123456789"),
    ]);
    let few = ExtractLimits {
        max_entries: 2,
        ..Default::default()
    };
    let err = scene.extract_with(&tar, &few).unwrap_err().to_string();
    assert!(err.contains("more than 2 entries"), "{err}");
    scene.assert_nothing_written();
    let small = ExtractLimits {
        max_bytes: 15,
        ..Default::default()
    };
    let err = scene.extract_with(&tar, &small).unwrap_err().to_string();
    assert!(err.contains("more than 15 bytes"), "{err}");
    scene.assert_nothing_written();
}

#[test]
fn huge_metadata_between_entries_is_refused_without_reading_it_all() {
    // A GNU long-name entry of 4 MiB: the tar reader would hold it in memory.
    let long = vec![b'a'; 4 << 20];
    refused_with(
        &[
            Raw("top/", Directory, "", b""),
            Raw("././@LongLink", GNULongName, "", &long),
        ],
        "metadata",
    );
}

#[test]
fn a_tree_with_files_links_and_a_read_only_directory_lands_whole() {
    let scene = Scene::new();
    let tar = raw_tar(&[
        Raw("top/", Directory, "", b""),
        Raw("top/a.txt", Regular, "", b"alpha"),
        Raw("top/sub/b.txt", Regular, "", b"beta"),
        Raw("top/link", Symlink, "sub/b.txt", b""),
        Raw("top/sub/up", Symlink, "../a.txt", b""),
        Raw("top/hard", Link, "top/a.txt", b""),
        Raw("top/dangling", Symlink, "not/yet", b""),
    ]);
    assert_eq!(scene.extract(&tar).unwrap(), 7);
    let dest = scene.dest();
    let read = |p: &str| std::fs::read_to_string(dest.join(p)).unwrap();
    assert_eq!(read("a.txt"), "alpha");
    assert_eq!(read("link"), "beta");
    assert_eq!(read("sub/up"), "alpha");
    assert_eq!(read("hard"), "alpha");
    use std::os::unix::fs::MetadataExt;
    let a = std::fs::metadata(dest.join("a.txt")).unwrap();
    assert_eq!(a.ino(), std::fs::metadata(dest.join("hard")).unwrap().ino());
    assert_eq!(a.mtime(), 1_700_000_000);
    // Only the destination is left in `base`: the staging directory is gone.
    let left: Vec<_> = std::fs::read_dir(scene.base()).unwrap().collect();
    assert_eq!(left.len(), 1);
}

#[test]
fn modes_keep_permission_bits_only_and_read_only_directories_fill() {
    let scene = Scene::new();
    let mut tar = Vec::new();
    {
        let mut builder = tar::Builder::new(&mut tar);
        let mut dir = tar::Header::new_gnu();
        dir.set_entry_type(Directory);
        dir.set_mode(0o555);
        dir.set_size(0);
        builder
            .append_data(&mut dir, "top/ro/", std::io::empty())
            .unwrap();
        let mut file = tar::Header::new_gnu();
        file.set_mode(0o4755);
        file.set_size(2);
        builder
            .append_data(&mut file, "top/ro/suid", &b"#!"[..])
            .unwrap();
        builder.finish().unwrap();
    }
    scene.extract(&tar).unwrap();
    use std::os::unix::fs::PermissionsExt;
    let mode = |p: &str| {
        std::fs::metadata(scene.dest().join(p))
            .unwrap()
            .permissions()
            .mode()
            & 0o7777
    };
    assert_eq!(mode("ro/suid"), 0o755, "no setuid bit on the host");
    assert_eq!(mode("ro"), 0o755, "the owner may always change the copy");
}

#[test]
fn a_single_file_becomes_the_destination() {
    let scene = Scene::new();
    scene
        .extract(&raw_tar(&[Raw("report.csv", Regular, "", b"a,b\n")]))
        .unwrap();
    assert_eq!(std::fs::read_to_string(scene.dest()).unwrap(), "a,b\n");
}

#[test]
fn long_names_from_gnu_and_pax_headers_are_followed() {
    let scene = Scene::new();
    let long = format!("top/{}/file", "d".repeat(150));
    let mut tar = Vec::new();
    {
        let mut builder = tar::Builder::new(&mut tar);
        let mut file = tar::Header::new_gnu();
        file.set_size(1);
        file.set_mode(0o644);
        builder.append_data(&mut file, &long, &b"x"[..]).unwrap();
        builder.finish().unwrap();
    }
    scene.extract(&tar).unwrap();
    let inner = long.trim_start_matches("top/");
    assert_eq!(
        std::fs::read_to_string(scene.dest().join(inner)).unwrap(),
        "x"
    );
}

#[test]
fn an_existing_destination_is_never_replaced() {
    let scene = Scene::new();
    std::fs::write(scene.dest(), "mine").unwrap();
    let tar = raw_tar(&[Raw("top", Regular, "", b"theirs")]);
    let err = scene.extract(&tar).unwrap_err().to_string();
    assert!(err.contains("already exists"), "{err}");
    assert_eq!(std::fs::read_to_string(scene.dest()).unwrap(), "mine");
    let dangling = scene.base().join("link");
    std::os::unix::fs::symlink("/nonexistent", &dangling).unwrap();
    let err = extract(&tar[..], &dangling, &ExtractLimits::default()).unwrap_err();
    assert!(err.to_string().contains("already exists"), "{err}");
}

#[test]
fn a_truncated_archive_is_refused() {
    let mut tar = raw_tar(&[Raw("top", Regular, "", &[7u8; 2000])]);
    tar.truncate(1024);
    let scene = Scene::new();
    assert!(matches!(scene.extract(&tar), Err(Error::UnsafeArchive(_))));
    scene.assert_nothing_written();
}
