//! Validation of npm package specifications: a registry name, optionally
//! scoped, with an optional version, range or dist-tag after `@`.
//!
//! Accepted: `lodash`, `@types/node`, `lodash@4.17.21`, `react@^18`,
//! `typescript@>=5.0`, `next@canary`, `@scope/pkg@1.x`. Refused: everything
//! npm would read as something other than a registry package: options,
//! URLs, git specs and GitHub shorthands (`user/repo`), paths, tarballs,
//! aliases (`x@npm:y`) and anything with shell or whitespace characters.
//! Names keep npm's rules (at most 214 bytes, URL-safe characters, no
//! leading `.` or `_`); upper-case letters are accepted because npm still
//! installs the legacy packages that have them (`JSONStream`).

use llm_sandbox_sdk::PluginError;
use llm_sandbox_sdk::names::{check_common, invalid};

/// Whether npm would read the whole spec as a tarball: npm-package-arg
/// tests `/[.](?:tgz|tar.gz|tar)$/i` on it, where the second `.` matches any
/// character (so `x.tar-gz` counts too), on the name *or* the version part.
fn tarball_suffix(spec: &str) -> Option<&'static str> {
    let lower = spec.to_ascii_lowercase();
    let bytes = lower.as_bytes();
    if lower.ends_with(".tgz") {
        Some(".tgz")
    } else if lower.ends_with(".tar") {
        Some(".tar")
    } else if bytes.len() >= 7
        && lower.ends_with("gz")
        && lower[..bytes.len() - 3].ends_with(".tar")
    {
        Some(".tar.gz")
    } else {
        None
    }
}

/// Accept `name`, `@scope/name`, and either followed by `@version-or-range-or-tag`.
pub fn check(spec: &str) -> Result<(), PluginError> {
    check_common(spec)?;
    let (scope, rest) = match spec.strip_prefix('@') {
        Some(scoped) => {
            let Some((scope, rest)) = scoped.split_once('/') else {
                return Err(invalid(
                    spec,
                    "a scoped package is written `@scope/name`; the `/name` is missing",
                ));
            };
            (Some(scope), rest)
        }
        None => (None, spec),
    };
    let (name, version) = match rest.split_once('@') {
        Some((name, version)) => (name, Some(version)),
        None => (rest, None),
    };
    if let Some(scope) = scope {
        check_part(spec, scope, "scope")?;
    }
    if name.contains('/') || name.contains(':') {
        return Err(invalid(
            spec,
            "npm would read this as a URL, a git repository or a path, not a registry package; \
             give a package name such as `lodash` or `@scope/name`",
        ));
    }
    check_part(spec, name, "name")?;
    if let Some(suffix) = tarball_suffix(spec) {
        return Err(invalid(
            spec,
            format!("npm would read a spec ending in `{suffix}` as a tarball, not a package"),
        ));
    }
    if let Some(version) = version {
        check_version(spec, version)?;
    }
    Ok(())
}

/// A scope or a name: URL-safe characters, not starting with `.` or `_`.
fn check_part(spec: &str, part: &str, what: &str) -> Result<(), PluginError> {
    if part.is_empty() {
        return Err(invalid(spec, format!("the package {what} is empty")));
    }
    if part.starts_with('.') || part.starts_with('_') {
        return Err(invalid(
            spec,
            format!("an npm package {what} cannot start with `.` or `_`"),
        ));
    }
    if let Some(c) = part
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || "-._~".contains(*c)))
    {
        return Err(invalid(
            spec,
            format!(
                "the character {c:?} cannot appear in an npm package {what} \
                 (letters, digits, `-`, `.`, `_` and `~` only)"
            ),
        ));
    }
    Ok(())
}

/// A version (`1.2.3`), a range without spaces (`^1.2`, `>=2`, `1.x`, `~3`)
/// or a dist-tag (`latest`, `next`).
fn check_version(spec: &str, version: &str) -> Result<(), PluginError> {
    let first = version.chars().next();
    let starts_well = first.is_some_and(|c| c.is_ascii_alphanumeric() || "^~<>=*".contains(c));
    if !starts_well
        || !version
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || ".-+*^~<>=_".contains(c))
    {
        return Err(invalid(
            spec,
            format!(
                "`{version}` is not a version, range or tag: write `name@1.2.3`, `name@^1.2` or \
                 `name@latest` (URLs, paths, aliases and ranges with spaces are not accepted)"
            ),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::check;

    #[test]
    fn accepts_registry_names_scopes_versions_ranges_and_tags() {
        for ok in [
            "lodash",
            "lodash@4.17.21",
            "@types/node",
            "@types/node@18.19.0",
            "@babel/core@^7",
            "react@^18.2.0",
            "typescript@~5.3",
            "express@>=4",
            "chalk@<5",
            "left-pad@1.x",
            "next@canary",
            "semver@7.5.4-beta.1+build.2",
            "JSONStream",
            "lodash.merge",
            "socket.io",
            "@scope/a-b_c.d~e",
            "x@*",
        ] {
            assert!(
                check(ok).is_ok(),
                "{ok} should be accepted: {:?}",
                check(ok)
            );
        }
    }

    #[test]
    fn refuses_tarball_specs_in_the_version_too_as_npm_reads_them() {
        for bad in [
            "lodash@evil.tgz",
            "lodash@x.tar",
            "x.tar-gz",
            "x.tar_gz",
            "lodash@1.TAR.GZ",
        ] {
            assert!(check(bad).is_err(), "{bad} should be refused");
        }
        assert!(check("targz").is_ok());
        assert!(check("lodash@4.17.21").is_ok());
    }

    #[test]
    fn refuses_options_urls_git_specs_paths_tarballs_and_aliases() {
        for bad in [
            "",
            "-g",
            "--registry=https://evil.example",
            "x; rm -rf /",
            "lodash && curl evil",
            "$(reboot)",
            "`id`",
            "a b",
            "https://example.com/x.tgz",
            "git+https://github.com/user/repo.git",
            "git://github.com/user/repo",
            "github:user/repo",
            "user/repo",
            "user/repo#main",
            "file:../x",
            "./local",
            "../up",
            "/abs/path",
            "~/home",
            "pkg.tgz",
            "pkg.tar.gz",
            "pkg.tar",
            "alias@npm:lodash",
            "lodash@git+https://x",
            "lodash@file:../x",
            "lodash@",
            "lodash@-x",
            "lodash@1 || 2",
            "@scope",
            "@/name",
            "@scope/",
            "@sco pe/x",
            "@scope/a/b",
            ".hidden",
            "_private",
            "naïve",
            "a|b",
        ] {
            assert!(check(bad).is_err(), "{bad:?} should be refused");
        }
    }

    #[test]
    fn the_reason_says_what_to_write_instead() {
        let reason = |spec: &str| match check(spec) {
            Err(llm_sandbox_sdk::PluginError::InvalidPackage(p)) => p.reason,
            other => panic!("unexpected {other:?}"),
        };
        assert!(reason("user/repo").contains("registry package"));
        assert!(reason("x.tgz").contains("tarball"));
        assert!(reason("x@npm:y").contains("name@1.2.3"));
    }
}
