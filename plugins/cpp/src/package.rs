//! Validation of Debian package names for `apt-get install`.
//!
//! Debian policy (§5.6.1): at least two characters, lower-case letters,
//! digits, `+`, `-` and `.`, starting with a letter or digit. On top of that,
//! refuse what apt-get would read as something other than "install this
//! package": a trailing `-` (remove it), a `.deb` file, and anything with
//! `=`, `/` or `:` (versions, releases, architectures), options, URLs, paths
//! and shell syntax.

use llm_sandbox_sdk::PluginError;
use llm_sandbox_sdk::names::{check_common, invalid};

/// Accept a plain Debian package name such as `libgmp-dev`, `g++` or
/// `libboost1.74-dev`.
pub fn check(name: &str) -> Result<(), PluginError> {
    check_common(name)?;
    if name.chars().count() < 2 {
        return Err(invalid(
            name,
            "a Debian package name has at least two characters",
        ));
    }
    if !name
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
    {
        return Err(invalid(
            name,
            "a Debian package name starts with a lower-case letter or a digit",
        ));
    }
    if let Some(c) = name
        .chars()
        .find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || "+-.".contains(*c)))
    {
        return Err(invalid(
            name,
            format!(
                "the character {c:?} cannot appear in a Debian package name (lower-case \
                 letters, digits, `+`, `-` and `.` only; versions, architectures, URLs and \
                 paths are not accepted)"
            ),
        ));
    }
    if name.ends_with('-') {
        return Err(invalid(
            name,
            "apt-get would read a trailing `-` as \"remove this package\"",
        ));
    }
    if name.ends_with(".deb") {
        return Err(invalid(
            name,
            "a name ending in `.deb` is a package file, not a package name",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::check;
    use llm_sandbox_sdk::PluginError;

    #[test]
    fn accepts_debian_package_names() {
        for ok in [
            "libgmp-dev",
            "g++",
            "libstdc++-12-dev",
            "libboost1.74-dev",
            "nlohmann-json3-dev",
            "zlib1g-dev",
            "7zip",
            "libeigen3-dev",
            "xz-utils",
        ] {
            assert!(check(ok).is_ok(), "{ok} should be accepted");
        }
    }

    #[test]
    fn refuses_options_paths_urls_versions_and_shell() {
        for bad in [
            "libgmp-dev; rm -rf /",
            "x && curl evil",
            "$(reboot)",
            "-y",
            "--allow-unauthenticated",
            "-o=APT::x=1",
            "./local.deb",
            "/tmp/x.deb",
            "evil.deb",
            "https://evil/x.deb",
            "libgmp-dev=2:6.2.1",
            "libgmp-dev:amd64",
            "libgmp-dev/bookworm",
            "LibGmp",
            "libc6-",
            "a",
            "",
            ".hidden",
            "+plus",
            "lib gmp",
            "lib*",
            "lib?",
            "lib\ngmp",
        ] {
            assert!(check(bad).is_err(), "{bad:?} should be refused");
        }
    }

    #[test]
    fn the_refusal_names_the_package_and_says_why() {
        match check("libc6-") {
            Err(PluginError::InvalidPackage(p)) => {
                assert_eq!(p.name, "libc6-");
                assert!(p.reason.contains("remove"), "{}", p.reason);
            }
            other => panic!("unexpected {other:?}"),
        }
        match check("zlib1g-dev:i386") {
            Err(PluginError::InvalidPackage(p)) => {
                assert!(p.reason.contains("':'"), "{}", p.reason)
            }
            other => panic!("unexpected {other:?}"),
        }
    }
}
