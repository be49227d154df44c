//! The tree an archive builds, as a model the extractor consults before it
//! touches the disk: which names are directories, files and links.
//!
//! Paths here are relative to the destination (the archive's top-level
//! entry): the empty path is the destination itself. The model decides three
//! things: whether an entry may be created (its parents must all be
//! directories: never a link, never a file), whether a hard link names a
//! regular file already extracted, and — once every entry is in — whether
//! any symbolic link can reach above the destination, resolving the links it
//! passes through as the kernel would.

use std::collections::HashMap;
use std::ffi::{OsStr, OsString};
use std::os::unix::ffi::OsStrExt;
use std::path::{Component, Path, PathBuf};

/// Links followed within one resolution before giving up (the kernel's
/// `MAXSYMLINKS`).
const MAX_LINK_DEPTH: usize = 40;

/// Name-lookup steps allowed for checking every link of one archive: a
/// bound on hostile archives built to make the check slow.
const MAX_RESOLVE_STEPS: u64 = 20_000_000;

/// What a node is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A directory (created by an entry or implied by a deeper one).
    Dir,
    /// A regular file (or a hard link to one).
    File,
    /// A symbolic link and its target, as written in the archive.
    Symlink(PathBuf),
}

#[derive(Debug)]
struct Node {
    kind: Kind,
    parent: usize,
    name: OsString,
    children: HashMap<OsString, usize>,
}

/// Why an entry cannot be added.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Refusal {
    /// A parent of the entry is a symbolic link (the write would follow it).
    ThroughLink(PathBuf),
    /// A parent of the entry is a regular file.
    ThroughFile(PathBuf),
    /// The path exists already (and is not a directory being re-declared).
    Duplicate,
    /// A hard link names something that is not a regular file of the archive.
    BadHardLink(String),
    /// A symbolic link can reach outside the destination.
    Escapes { link: PathBuf, target: PathBuf },
    /// A symbolic link's resolution does not end (or nests too deep).
    LinkLoop { link: PathBuf },
    /// Checking the links would take unreasonably long.
    TooComplex,
}

/// The model.
#[derive(Debug)]
pub(crate) struct Tree {
    nodes: Vec<Node>,
    /// Set once the root (the destination itself) is known.
    has_root: bool,
}

/// Where a resolution stands: the real nodes from the root down, then a
/// number of names below the last one that do not exist (yet). Names that
/// do not exist are assumed to be directories someone may create later, so
/// `missing/../..` counts as going up twice.
#[derive(Debug, Clone)]
struct Location {
    nodes: Vec<usize>,
    missing: usize,
}

/// The archive path of an entry split into its names, refusing absolute
/// paths and `..` (which would be resolved against links on disk).
pub(crate) fn split_entry_path(raw: &[u8]) -> Result<Vec<OsString>, String> {
    if raw.is_empty() {
        return Err("an entry has an empty name".into());
    }
    let path = Path::new(OsStr::from_bytes(raw));
    let mut names = Vec::new();
    for component in path.components() {
        match component {
            Component::Normal(name) => names.push(name.to_os_string()),
            Component::CurDir => {}
            Component::RootDir | Component::Prefix(_) => {
                return Err("is an absolute path".into());
            }
            Component::ParentDir => return Err("contains `..`".into()),
        }
    }
    if names.is_empty() {
        return Err("names no file (only `.`)".into());
    }
    Ok(names)
}

/// `names` shown as a path, for messages.
pub(crate) fn shown(names: &[OsString]) -> PathBuf {
    names.iter().collect()
}

impl Tree {
    /// An empty model; the first entry decides what the root is.
    pub(crate) fn new() -> Self {
        Tree {
            nodes: vec![Node {
                kind: Kind::Dir,
                parent: 0,
                name: OsString::new(),
                children: HashMap::new(),
            }],
            has_root: false,
        }
    }

    /// Whether the root is a regular file (then nothing can be below it).
    pub(crate) fn root_is_file(&self) -> bool {
        self.has_root && self.nodes[0].kind == Kind::File
    }

    /// Declare the root itself (the archive's top-level entry).
    pub(crate) fn set_root(&mut self, kind: Kind) -> Result<(), Refusal> {
        if self.has_root && !(kind == Kind::Dir && self.nodes[0].kind == Kind::Dir) {
            return Err(Refusal::Duplicate);
        }
        self.has_root = true;
        self.nodes[0].kind = kind;
        Ok(())
    }

    /// The names of `path`'s parents that do not exist yet (they are created
    /// as directories), after checking that every existing one is a directory.
    /// Returns how many leading names of the parent chain exist.
    pub(crate) fn check_parents(&self, path: &[OsString]) -> Result<usize, Refusal> {
        if self.root_is_file() {
            return Err(Refusal::ThroughFile(PathBuf::new()));
        }
        let mut node = 0;
        for (depth, name) in path[..path.len().saturating_sub(1)].iter().enumerate() {
            let Some(&child) = self.nodes[node].children.get(name) else {
                return Ok(depth);
            };
            match self.nodes[child].kind {
                Kind::Dir => node = child,
                Kind::File => return Err(Refusal::ThroughFile(shown(&path[..=depth]))),
                Kind::Symlink(_) => return Err(Refusal::ThroughLink(shown(&path[..=depth]))),
            }
        }
        Ok(path.len().saturating_sub(1))
    }

    /// Add the entry at `path` (not the root) of kind `kind`, creating its
    /// missing parents as directories. Call [`Tree::check_parents`] first.
    pub(crate) fn add(&mut self, path: &[OsString], kind: Kind) -> Result<(), Refusal> {
        self.check_parents(path)?;
        self.has_root = true;
        let Some((last, parents)) = path.split_last() else {
            return self.set_root(kind);
        };
        let mut node = 0;
        for name in parents {
            node = match self.nodes[node].children.get(name) {
                Some(&child) => child,
                None => self.push(node, name, Kind::Dir),
            };
        }
        match self.nodes[node].children.get(last) {
            Some(&existing) if kind == Kind::Dir && self.nodes[existing].kind == Kind::Dir => {
                Ok(())
            }
            Some(_) => Err(Refusal::Duplicate),
            None => {
                self.push(node, last, kind);
                Ok(())
            }
        }
    }

    fn push(&mut self, parent: usize, name: &OsStr, kind: Kind) -> usize {
        let id = self.nodes.len();
        self.nodes.push(Node {
            kind,
            parent,
            name: name.to_os_string(),
            children: HashMap::new(),
        });
        self.nodes[parent].children.insert(name.to_os_string(), id);
        id
    }

    /// Check that a hard link's target (an archive path below the root, its
    /// names given) is a regular file already in the tree, reached through
    /// directories only.
    pub(crate) fn check_hard_link_target(&self, target: &[OsString]) -> Result<(), Refusal> {
        let bad = |why: &str| Refusal::BadHardLink(format!("`{}` {why}", shown(target).display()));
        let mut node = 0;
        for (i, name) in target.iter().enumerate() {
            let child = *self.nodes[node]
                .children
                .get(name)
                .ok_or_else(|| bad("is not a file extracted before it"))?;
            let last = i + 1 == target.len();
            match (&self.nodes[child].kind, last) {
                (Kind::Dir, false) => node = child,
                (Kind::File, true) => return Ok(()),
                (Kind::Symlink(_), false) => return Err(bad("is reached through a link")),
                _ => return Err(bad("is not a regular file")),
            }
        }
        Err(bad("is not a regular file"))
    }

    /// Check every symbolic link of the finished tree: none may be absolute
    /// or reach above the root, following the tree's other links.
    pub(crate) fn check_links(&self) -> Result<(), Refusal> {
        let mut resolver = Resolver {
            tree: self,
            memo: HashMap::new(),
            steps: 0,
        };
        for (id, node) in self.nodes.iter().enumerate() {
            if matches!(node.kind, Kind::Symlink(_)) {
                resolver.link(id, 0)?;
            }
        }
        Ok(())
    }

    /// The path of node `id` from the root.
    fn path_of(&self, mut id: usize) -> PathBuf {
        let mut names = Vec::new();
        while id != 0 {
            names.push(self.nodes[id].name.clone());
            id = self.nodes[id].parent;
        }
        names.iter().rev().collect()
    }

    /// The chain of nodes from the root to `id`, inclusive.
    fn chain_to(&self, mut id: usize) -> Vec<usize> {
        let mut chain = vec![id];
        while id != 0 {
            id = self.nodes[id].parent;
            chain.push(id);
        }
        chain.reverse();
        chain
    }
}

/// Resolves link targets against the tree, remembering each link's result.
struct Resolver<'a> {
    tree: &'a Tree,
    /// Where each link already checked leads; `None` while it is being
    /// resolved (reaching it again means a loop).
    memo: HashMap<usize, Option<Location>>,
    steps: u64,
}

impl Resolver<'_> {
    /// Where link `id` leads, or why it is refused.
    fn link(&mut self, id: usize, depth: usize) -> Result<Location, Refusal> {
        match self.memo.get(&id) {
            Some(Some(location)) => return Ok(location.clone()),
            Some(None) => {
                return Err(Refusal::LinkLoop {
                    link: self.tree.path_of(id),
                });
            }
            None => {}
        }
        if depth >= MAX_LINK_DEPTH {
            return Err(Refusal::LinkLoop {
                link: self.tree.path_of(id),
            });
        }
        let Kind::Symlink(target) = &self.tree.nodes[id].kind else {
            // Only links are resolved; anything else leads to itself.
            return Ok(Location {
                nodes: self.tree.chain_to(id),
                missing: 0,
            });
        };
        let escapes = || Refusal::Escapes {
            link: self.tree.path_of(id),
            target: target.clone(),
        };
        if target.as_os_str().is_empty() || target.is_absolute() {
            return Err(escapes());
        }
        self.memo.insert(id, None);
        let parent = self.tree.nodes[id].parent;
        let start = Location {
            nodes: self.tree.chain_to(parent),
            missing: 0,
        };
        let location = self.walk(start, target, depth)?.ok_or_else(escapes)?;
        self.memo.insert(id, Some(location.clone()));
        Ok(location)
    }

    /// Follow `target` from `at`; `None` when it goes above the root.
    fn walk(
        &mut self,
        mut at: Location,
        target: &Path,
        depth: usize,
    ) -> Result<Option<Location>, Refusal> {
        for component in target.components() {
            self.steps += 1 + at.nodes.len() as u64 / 64;
            if self.steps > MAX_RESOLVE_STEPS {
                return Err(Refusal::TooComplex);
            }
            match component {
                Component::CurDir => {}
                Component::RootDir | Component::Prefix(_) => return Ok(None),
                Component::ParentDir => {
                    if at.missing > 0 {
                        at.missing -= 1;
                    } else if at.nodes.len() > 1 {
                        at.nodes.pop();
                    } else {
                        return Ok(None);
                    }
                }
                Component::Normal(name) => {
                    if at.missing > 0 {
                        at.missing += 1;
                        continue;
                    }
                    let here = *at.nodes.last().unwrap_or(&0);
                    match self.tree.nodes[here].children.get(name) {
                        None => at.missing = 1,
                        Some(&child) => match &self.tree.nodes[child].kind {
                            Kind::Dir => at.nodes.push(child),
                            // A file may become a directory later; assume it does.
                            Kind::File => at.missing = 1,
                            Kind::Symlink(_) => at = self.link(child, depth + 1)?,
                        },
                    }
                }
            }
        }
        Ok(Some(at))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(path: &str) -> Vec<OsString> {
        split_entry_path(path.as_bytes()).unwrap()
    }

    fn tree(entries: &[(&str, Kind)]) -> Result<Tree, Refusal> {
        let mut tree = Tree::new();
        tree.set_root(Kind::Dir)?;
        for (path, kind) in entries {
            tree.add(&names(path), kind.clone())?;
        }
        Ok(tree)
    }

    fn link(target: &str) -> Kind {
        Kind::Symlink(target.into())
    }

    #[test]
    fn entry_paths_may_not_be_absolute_or_climb() {
        assert_eq!(names("./a/./b/"), [OsString::from("a"), "b".into()]);
        assert!(split_entry_path(b"/etc/passwd").is_err());
        assert!(split_entry_path(b"a/../b").is_err());
        assert!(split_entry_path(b"./").is_err());
        assert!(split_entry_path(b"").is_err());
    }

    #[test]
    fn a_chain_of_links_that_is_fine_link_by_link_is_refused() {
        // b/c -> ../.. reaches the destination's parent on its own; d -> b/c/..
        // goes two levels further through it.
        let t = tree(&[("b", Kind::Dir), ("b/c", link("../.."))]).unwrap();
        assert!(matches!(t.check_links(), Err(Refusal::Escapes { .. })));
        let t = tree(&[("b", Kind::Dir), ("b/c", link("..")), ("d", link("b/c/.."))]).unwrap();
        match t.check_links() {
            Err(Refusal::Escapes { link, .. }) => assert_eq!(link, Path::new("d")),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn links_inside_the_destination_pass() {
        let t = tree(&[
            ("sub", Kind::Dir),
            ("sub/file", Kind::File),
            ("a", link("sub/file")),
            ("b", link("sub/../a")),
            ("sub/up", link("..")),
            ("c", link("sub/up/sub/up/a")),
            ("dangling", link("nothing/here")),
        ])
        .unwrap();
        t.check_links().unwrap();
    }

    #[test]
    fn a_link_whose_later_parts_do_not_exist_is_judged_as_if_they_will() {
        let t = tree(&[("l", link("missing/../../x"))]).unwrap();
        assert!(matches!(t.check_links(), Err(Refusal::Escapes { .. })));
        let t = tree(&[("f", Kind::File), ("l", link("f/../../x"))]).unwrap();
        assert!(matches!(t.check_links(), Err(Refusal::Escapes { .. })));
    }

    #[test]
    fn absolute_empty_and_looping_links_are_refused() {
        for target in ["/etc/passwd", ""] {
            let t = tree(&[("l", link(target))]).unwrap();
            assert!(
                matches!(t.check_links(), Err(Refusal::Escapes { .. })),
                "{target}"
            );
        }
        let t = tree(&[("a", link("b/x")), ("b", link("a/y"))]).unwrap();
        assert!(matches!(t.check_links(), Err(Refusal::LinkLoop { .. })));
    }

    #[test]
    fn nothing_is_written_through_a_link_or_a_file() {
        let err = tree(&[("sub", link("..")), ("sub/x", Kind::File)]).err();
        assert_eq!(err, Some(Refusal::ThroughLink("sub".into())));
        let err = tree(&[("f", Kind::File), ("f/x", Kind::File)]).err();
        assert_eq!(err, Some(Refusal::ThroughFile("f".into())));
        let err = tree(&[("f", Kind::File), ("f", Kind::File)]).err();
        assert_eq!(err, Some(Refusal::Duplicate));
        tree(&[("d", Kind::Dir), ("d/x", Kind::File), ("d", Kind::Dir)]).unwrap();
    }

    #[test]
    fn hard_links_name_regular_files_extracted_before() {
        let t = tree(&[("d", Kind::Dir), ("d/f", Kind::File), ("l", link("d"))]).unwrap();
        t.check_hard_link_target(&names("d/f")).unwrap();
        for target in ["d", "missing", "l/f", "d/f/x"] {
            assert!(
                matches!(
                    t.check_hard_link_target(&names(target)),
                    Err(Refusal::BadHardLink(_))
                ),
                "{target}"
            );
        }
    }

    #[test]
    fn a_long_chain_of_links_is_checked_once_per_link() {
        // l{i} -> l{i-1}/l{i-1}: without remembering each link's result the
        // check would take 2^5000 steps and end in `TooComplex`.
        let mut t = Tree::new();
        t.set_root(Kind::Dir).unwrap();
        t.add(&names("l0"), link(".")).unwrap();
        for i in 1..5000 {
            t.add(
                &names(&format!("l{i}")),
                link(&format!("l{}/l{}", i - 1, i - 1)),
            )
            .unwrap();
        }
        assert_eq!(t.check_links(), Ok(()));
    }
}
