//! Validation of `go get` arguments: a module (or package) path with an
//! optional `@version` query. No URLs, local paths, patterns or options.

use llm_sandbox_sdk::PluginError;
use llm_sandbox_sdk::names::{check_common, invalid};

/// Accept `github.com/user/repo`, `golang.org/x/text/language`,
/// `gopkg.in/yaml.v3`, `github.com/user/repo/v2@v2.1.0`, `rsc.io/quote@latest`.
pub fn check(spec: &str) -> Result<(), PluginError> {
    check_common(spec)?;
    if spec.contains("://") {
        return Err(invalid(
            spec,
            "give a module path such as `github.com/user/repo`, not a URL",
        ));
    }
    let (path, version) = match spec.split_once('@') {
        Some((path, version)) => (path, Some(version)),
        None => (spec, None),
    };
    check_path(spec, path)?;
    if let Some(version) = version {
        check_version(spec, version)?;
    }
    Ok(())
}

fn check_path(spec: &str, path: &str) -> Result<(), PluginError> {
    if path.starts_with('/') || path.starts_with('.') {
        return Err(invalid(
            spec,
            "local paths are not accepted: give a module path such as `github.com/user/repo`",
        ));
    }
    let mut elements = path.split('/');
    let domain = elements.next().unwrap_or_default();
    let domain_ok = domain.contains('.')
        && !domain.starts_with(['.', '-'])
        && !domain.ends_with('.')
        && domain
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '.' || c == '-');
    if !domain_ok {
        return Err(invalid(
            spec,
            format!(
                "a module path starts with a lower-case domain name such as `github.com` or \
                 `golang.org`, not `{domain}` (standard library packages need no install)"
            ),
        ));
    }
    for element in elements {
        if element == "..." {
            return Err(invalid(spec, "package patterns (`...`) are not accepted"));
        }
        let ok = !element.is_empty()
            && !element.starts_with('.')
            && !element.ends_with('.')
            && element
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "-._~".contains(c));
        if !ok {
            return Err(invalid(
                spec,
                format!(
                    "`{element}` is not a module path element: elements are non-empty, use \
                     ASCII letters, digits, `-`, `.`, `_` and `~`, and do not start or end \
                     with `.`"
                ),
            ));
        }
    }
    Ok(())
}

fn check_version(spec: &str, version: &str) -> Result<(), PluginError> {
    let ok = version
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphanumeric())
        && version
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || ".-+_".contains(c));
    if ok {
        Ok(())
    } else {
        Err(invalid(
            spec,
            format!(
                "`{version}` is not a version: use `@v1.2.3`, `@latest`, a branch or a commit \
                 (ASCII letters, digits, `.`, `-`, `+` and `_`)"
            ),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::check;

    #[test]
    fn accepts_module_and_package_paths_with_optional_versions() {
        for ok in [
            "github.com/google/uuid",
            "golang.org/x/text",
            "golang.org/x/text/language",
            "gopkg.in/yaml.v3",
            "github.com/BurntSushi/toml",
            "github.com/go-chi/chi/v5@v5.0.12",
            "rsc.io/quote@latest",
            "github.com/user/repo@v1.2.3-rc.1+meta",
            "github.com/user/repo@master",
            "github.com/user/repo@4f2c1d9",
            "example.com/a_b/c~d",
        ] {
            assert!(check(ok).is_ok(), "{ok} should be accepted");
        }
    }

    #[test]
    fn refuses_commands_urls_paths_patterns_and_options() {
        for bad in [
            "x; rm -rf /",
            "github.com/a/b && curl evil",
            "$(reboot)",
            "-u",
            "-modfile=/etc/passwd",
            "https://github.com/a/b",
            "git+ssh://github.com/a/b",
            "git@github.com:a/b",
            "./local",
            "../up",
            "/abs/path",
            "github.com/a/../b",
            "github.com/a/./b",
            "github.com//b",
            "github.com/a/b/",
            "github.com/a/...",
            "fmt",
            "net/http",
            "GitHub.com/a/b",
            "github.com/a/b@",
            "github.com/a/b@<v1.5",
            "github.com/a/b@-x",
            "github.com/a/b@v1@v2",
            "github.com/a/b\nx",
            "",
        ] {
            assert!(check(bad).is_err(), "{bad:?} should be refused");
        }
    }

    #[test]
    fn the_refusal_names_the_offending_spec() {
        let err = check("https://github.com/a/b").unwrap_err();
        assert!(
            matches!(err, llm_sandbox_sdk::PluginError::InvalidPackage(p)
                if p.name == "https://github.com/a/b" && p.reason.contains("URL"))
        );
    }
}
