//! Validation of pip requirement strings: a PEP 508 name, optional extras and
//! optional version specifiers. No URLs, paths, markers or options.

use llm_sandbox_sdk::PluginError;
use llm_sandbox_sdk::names::{check_common, invalid, is_simple_name};

const OPERATORS: [&str; 8] = ["===", "==", "!=", "<=", ">=", "~=", "<", ">"];

/// File name endings pip treats as local archives to install from, not names.
const ARCHIVE_SUFFIXES: [&str; 13] = [
    ".whl",
    ".zip",
    ".tar",
    ".tar.gz",
    ".tgz",
    ".tar.bz2",
    ".tbz",
    ".tar.xz",
    ".txz",
    ".tlz",
    ".tar.lz",
    ".tar.lzma",
    ".egg",
];

/// Accept `name`, `name[extra,other]`, `name==1.2`, `name>=1,<2`, `name[x]~=1.4.*`.
pub fn check(spec: &str) -> Result<(), PluginError> {
    check_common(spec)?;
    let name_end = spec
        .find(|c: char| c == '[' || OPERATORS.iter().any(|op| op.starts_with(c)))
        .unwrap_or(spec.len());
    let (name, mut rest) = spec.split_at(name_end);
    let lower = name.to_ascii_lowercase();
    if let Some(suffix) = ARCHIVE_SUFFIXES.iter().find(|s| lower.ends_with(**s)) {
        return Err(invalid(
            spec,
            format!("pip would read a name ending in `{suffix}` as a local file, not a package"),
        ));
    }
    if !is_simple_name(name, "-_.") {
        return Err(invalid(
            spec,
            "a Python package name has letters, digits, `-`, `_` and `.`, and starts and ends \
             with a letter or digit (URLs, paths and options are not accepted)",
        ));
    }
    if let Some(extras) = rest.strip_prefix('[') {
        let close = extras
            .find(']')
            .ok_or_else(|| invalid(spec, "the list of extras is not closed with `]`"))?;
        let list = extras[..close].trim();
        if !list.is_empty() && !list.split(',').all(|e| is_simple_name(e.trim(), "-_.")) {
            return Err(invalid(spec, "an extra is not a valid name"));
        }
        rest = &extras[close + 1..];
    }
    if rest.is_empty() {
        return Ok(());
    }
    for clause in rest.split(',') {
        let op = OPERATORS
            .iter()
            .find(|op| clause.starts_with(**op))
            .ok_or_else(|| {
                invalid(
                    spec,
                    format!("`{clause}` is not a version specifier such as `==1.2` or `>=1,<2`"),
                )
            })?;
        let version = &clause[op.len()..];
        if version.is_empty()
            || !version
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || ".*+!_-".contains(c))
        {
            return Err(invalid(spec, format!("`{version}` is not a version")));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::check;

    #[test]
    fn accepts_names_extras_and_version_specifiers() {
        for ok in [
            "requests",
            "python-dateutil",
            "zope.interface",
            "numpy==1.26.4",
            "pandas>=2,<3",
            "uvicorn[standard]",
            "black[d,jupyter]~=24.1",
            "django==4.2.*",
            "pkg[]",
        ] {
            assert!(check(ok).is_ok(), "{ok} should be accepted");
        }
    }

    #[test]
    fn refuses_commands_urls_paths_and_options() {
        for bad in [
            "numpy; rm -rf /",
            "numpy && curl evil",
            "-r requirements.txt",
            "--index-url=https://evil",
            "git+https://github.com/x/y",
            "./local/path",
            "/abs/path.whl",
            "pkg @ https://x",
            "pkg==",
            "pkg[unclosed",
            "pkg=1",
            "",
            "$(reboot)",
            "evil.whl",
            "payload.tar.gz",
            "x.zip",
        ] {
            assert!(check(bad).is_err(), "{bad} should be refused");
        }
    }
}
