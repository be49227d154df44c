//! Matching imported modules and requested packages against restricted names.

use std::collections::HashMap;

use llm_sandbox_sdk::policy::module_matches;

/// Restricted module names in a byte trie, so that finding every name an
/// import matches costs one walk over the import's name, whatever the number
/// of rules. Candidates are confirmed with [`module_matches`], the rule
/// every policy shares.
pub struct ModuleIndex<'a> {
    names: Vec<&'a str>,
    /// (node, byte) → child node; node 0 is the root.
    children: HashMap<(usize, u8), usize>,
    /// Rules (indices into `names`) whose name ends at a node.
    ends: HashMap<usize, Vec<usize>>,
}

impl<'a> ModuleIndex<'a> {
    /// Index `names`; a rule's number is its position. A name is read as
    /// an import is: `<stdio.h>` is `stdio.h` and `node:fs` is `fs`.
    pub fn new(names: impl IntoIterator<Item = &'a str>) -> Self {
        let names: Vec<&str> = names.into_iter().map(bare_module).collect();
        let mut children = HashMap::new();
        let mut ends: HashMap<usize, Vec<usize>> = HashMap::new();
        let mut nodes = 1;
        for (rule, name) in names.iter().enumerate() {
            let mut node = 0;
            for &b in name.as_bytes() {
                node = *children.entry((node, b)).or_insert_with(|| {
                    nodes += 1;
                    nodes - 1
                });
            }
            ends.entry(node).or_default().push(rule);
        }
        ModuleIndex {
            names,
            children,
            ends,
        }
    }

    /// The rules whose name `imported` is or is inside, in rule order.
    pub fn matching(&self, imported: &str) -> Vec<usize> {
        let bytes = bare_module(imported).as_bytes();
        let mut found = Vec::new();
        let mut node = 0;
        for (i, &b) in bytes.iter().enumerate() {
            match self.children.get(&(node, b)) {
                Some(&child) => node = child,
                None => break,
            }
            if let Some(rules) = self.ends.get(&node) {
                let rest = &bytes[i + 1..];
                if rest.is_empty()
                    || rest.starts_with(b".")
                    || rest.starts_with(b"/")
                    || rest.starts_with(b"::")
                {
                    found.extend(
                        rules
                            .iter()
                            .copied()
                            .filter(|&r| module_matches(imported, self.names[r])),
                    );
                }
            }
        }
        found.sort_unstable();
        found
    }
}

/// A module name as `module_matches` reads an import: no spaces, angle
/// brackets or quotes around it, no `node:` scheme.
fn bare_module(name: &str) -> &str {
    let bare = name
        .trim()
        .trim_matches(|c| c == '<' || c == '>' || c == '"');
    bare.strip_prefix("node:").unwrap_or(bare)
}

/// The package name in a requested package specification, without version,
/// extras, markers or tag: `requests==2.0`, `requests[socks]>=1`, `lodash@4`,
/// `@scope/pkg@1.0` (the scope's `@` is kept), `rake:13.0`,
/// `github.com/user/repo@v1.2`.
pub fn package_name(spec: &str) -> &str {
    let spec = spec.trim();
    // An npm scope starts with `@`: look for the version's `@` after it.
    let skip = usize::from(spec.starts_with('@'));
    let end = spec[skip..]
        .find(|c: char| c.is_whitespace() || "=<>!~[;@:,(".contains(c))
        .map_or(spec.len(), |i| i + skip);
    &spec[..end]
}

/// `name` as package managers compare names: lower case, and runs of `-`,
/// `_` and `.` as one `-` (PyPI's normalisation, PEP 503).
pub fn normalize_package(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut separator = false;
    for c in name.chars() {
        if matches!(c, '-' | '_' | '.') {
            separator = true;
            continue;
        }
        if separator {
            out.push('-');
            separator = false;
        }
        out.extend(c.to_lowercase());
    }
    if separator {
        out.push('-');
    }
    out
}

/// Restricted package names, normalised, for lookups.
pub struct PackageIndex {
    rules: HashMap<String, Vec<usize>>,
}

impl PackageIndex {
    /// Index `names`; a rule's number is its position.
    pub fn new<'n>(names: impl IntoIterator<Item = &'n str>) -> Self {
        let mut rules: HashMap<String, Vec<usize>> = HashMap::new();
        for (rule, name) in names.into_iter().enumerate() {
            rules
                .entry(normalize_package(package_name(name)))
                .or_default()
                .push(rule);
        }
        PackageIndex { rules }
    }

    /// The rules the package specification `spec` falls under, in rule
    /// order: its name is a restricted name, or is inside one as a path
    /// (`golang.org/x/crypto/ssh` under `golang.org/x/crypto`).
    pub fn matching(&self, spec: &str) -> Vec<usize> {
        let name = normalize_package(package_name(spec));
        let mut found = Vec::new();
        if name.is_empty() {
            return found;
        }
        let prefixes = name
            .match_indices('/')
            .map(|(i, _)| &name[..i])
            .chain(std::iter::once(name.as_str()));
        for prefix in prefixes {
            if let Some(rules) = self.rules.get(prefix) {
                found.extend(rules.iter().copied());
            }
        }
        found.sort_unstable();
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn package_names_lose_versions_extras_and_tags() {
        for (spec, name) in [
            ("requests", "requests"),
            ("requests==2.0", "requests"),
            ("requests[socks]>=1", "requests"),
            ("numpy>=1,<2", "numpy"),
            ("pkg~=1.4", "pkg"),
            ("pkg!=1", "pkg"),
            ("pkg ; python_version>'3'", "pkg"),
            ("lodash@4", "lodash"),
            ("@scope/pkg@1.0", "@scope/pkg"),
            ("@scope/pkg", "@scope/pkg"),
            ("@", "@"),
            ("rake:13.0", "rake"),
            ("rack:~>2.2", "rack"),
            ("github.com/user/repo@v1.2", "github.com/user/repo"),
            ("  spaced  ", "spaced"),
            ("", ""),
            ("==1", ""),
            ("é@1", "é"),
        ] {
            assert_eq!(package_name(spec), name, "{spec}");
        }
    }

    #[test]
    fn package_names_normalise_like_pypi() {
        assert_eq!(normalize_package("Python_Dateutil"), "python-dateutil");
        assert_eq!(normalize_package("a.-_b"), "a-b");
        assert_eq!(normalize_package("zope.interface"), "zope-interface");
        assert_eq!(normalize_package("x-"), "x-");
    }

    #[test]
    fn module_index_finds_the_modules_an_import_is_in() {
        let index = ModuleIndex::new(["os", "os.path", "child_process", "sys/socket.h", "std"]);
        assert_eq!(index.matching("os"), vec![0]);
        assert_eq!(index.matching("os.path"), vec![0, 1]);
        assert_eq!(index.matching("os.pathlib"), vec![0]);
        assert_eq!(index.matching("osmnx"), Vec::<usize>::new());
        assert_eq!(index.matching("node:child_process"), vec![2]);
        assert_eq!(index.matching("<sys/socket.h>"), vec![3]);
        assert_eq!(index.matching("std::fs"), vec![4]);
        assert_eq!(index.matching("std:fs"), Vec::<usize>::new());
        assert_eq!(index.matching(""), Vec::<usize>::new());
    }

    #[test]
    fn restricted_names_are_read_as_imports_are() {
        let index = ModuleIndex::new(["<stdio.h>", "node:fs", " net "]);
        assert_eq!(index.matching("stdio.h"), vec![0]);
        assert_eq!(index.matching("<stdio.h>"), vec![0]);
        assert_eq!(index.matching("fs"), vec![1]);
        assert_eq!(index.matching("node:fs/promises"), vec![1]);
        assert_eq!(index.matching("net/http"), vec![2]);
    }

    #[test]
    fn module_index_agrees_with_module_matches() {
        let names = ["os", "a.b", "a", "x/y", "n::m", "node", "é", "<", "a.b.c"];
        let index = ModuleIndex::new(names);
        for imported in [
            "os",
            "os.x",
            "osx",
            "a",
            "a.b",
            "a.bc",
            "a.b.c",
            "a.b.c.d",
            "x/y/z",
            "x/yz",
            "n::m::k",
            "n::mk",
            "node:node",
            "node:fs",
            "node",
            "é",
            "é.x",
            "éa",
            "<os>",
            "\"a.b\"",
            " a ",
            "<",
            "<<",
            "::",
            ".",
            "",
        ] {
            let expected: Vec<usize> = (0..names.len())
                .filter(|&r| module_matches(imported, names[r]))
                .collect();
            assert_eq!(index.matching(imported), expected, "{imported:?}");
        }
    }
}
