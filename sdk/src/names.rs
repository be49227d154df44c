//! Checks that a package name is a package name and nothing else.
//!
//! The host never passes commands through a shell, but a package manager will
//! still read `--index-url=…` as an option or `../x` as a path. Plugins must
//! refuse anything that is not a plain package specification, with a reason.

use crate::{InvalidPackage, PluginError};

/// Refuse `name` with `reason` as a [`PluginError::InvalidPackage`].
pub fn invalid(name: &str, reason: impl Into<String>) -> PluginError {
    PluginError::InvalidPackage(InvalidPackage {
        name: name.to_string(),
        reason: reason.into(),
    })
}

/// Checks shared by every package manager: not empty, not an option, no
/// whitespace, control or shell characters, at most 214 bytes.
pub fn check_common(name: &str) -> Result<(), PluginError> {
    if name.is_empty() {
        return Err(invalid(name, "the package name is empty"));
    }
    if name.len() > 214 {
        return Err(invalid(name, "the package name is longer than 214 bytes"));
    }
    if name.starts_with('-') {
        return Err(invalid(
            name,
            "a package name cannot start with `-` (options are not accepted)",
        ));
    }
    if let Some(c) = name
        .chars()
        .find(|c| c.is_whitespace() || c.is_control() || ";|&$`'\"\\(){}?#".contains(*c))
    {
        return Err(invalid(
            name,
            format!("the character {c:?} cannot appear in a package name"),
        ));
    }
    Ok(())
}

/// Whether `name` is an ASCII name made of letters, digits and `allowed`
/// punctuation, starting and ending with a letter or digit.
pub fn is_simple_name(name: &str, allowed: &str) -> bool {
    let alnum = |c: char| c.is_ascii_alphanumeric();
    name.chars().next().is_some_and(alnum)
        && name.chars().last().is_some_and(alnum)
        && name.chars().all(|c| alnum(c) || allowed.contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shell_injection_is_refused_with_the_offending_character() {
        let err = check_common("numpy; rm -rf /").unwrap_err();
        match err {
            PluginError::InvalidPackage(p) => {
                assert_eq!(p.name, "numpy; rm -rf /");
                assert!(p.reason.contains("';'"), "{}", p.reason);
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn options_and_empty_names_are_refused() {
        assert!(check_common("--index-url=http://evil").is_err());
        assert!(check_common("").is_err());
        assert!(check_common(&"a".repeat(300)).is_err());
        assert!(check_common("requests").is_ok());
    }

    #[test]
    fn simple_names_start_and_end_alphanumeric() {
        assert!(is_simple_name("python-dateutil", "-_."));
        assert!(!is_simple_name("-x", "-"));
        assert!(!is_simple_name("x.", "."));
        assert!(!is_simple_name("", ""));
    }
}
