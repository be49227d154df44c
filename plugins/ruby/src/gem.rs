//! Validation of gem specifications for `gem install`: a gem name,
//! optionally followed by `:` and a version or a requirement.
//!
//! Accepted: `rake`, `activesupport`, `net-http`, `concurrent-ruby`,
//! `rake:13.0.6`, `rack:~>2.2`, `nokogiri:>=1.15`. `gem install NAME:VERSION`
//! is RubyGems' own syntax for a version per gem (unlike `-v`, it works with
//! several gems in one command). Refused: options, URLs, paths, local `.gem`
//! files and anything with shell or whitespace characters.

use llm_sandbox_sdk::PluginError;
use llm_sandbox_sdk::names::{check_common, invalid, is_simple_name};

/// Requirement operators RubyGems accepts before a version.
const OPERATORS: [&str; 7] = ["~>", ">=", "<=", "!=", "=", ">", "<"];

/// Accept `name` or `name:requirement`.
pub fn check(spec: &str) -> Result<(), PluginError> {
    check_common(spec)?;
    let (name, requirement) = match spec.split_once(':') {
        Some((name, requirement)) => (name, Some(requirement)),
        None => (spec, None),
    };
    if name.to_ascii_lowercase().ends_with(".gem") {
        return Err(invalid(
            spec,
            "`gem install` would read a name ending in `.gem` as a local file, not a gem",
        ));
    }
    if !is_simple_name(name, "-_.") {
        return Err(invalid(
            spec,
            "a gem name has letters, digits, `-`, `_` and `.`, and starts and ends with a \
             letter or digit (URLs, paths and options are not accepted)",
        ));
    }
    if let Some(requirement) = requirement {
        let version = OPERATORS
            .iter()
            .find_map(|op| requirement.strip_prefix(op))
            .unwrap_or(requirement);
        let valid = version.chars().next().is_some_and(|c| c.is_ascii_digit())
            && version
                .chars()
                .last()
                .is_some_and(|c| c.is_ascii_alphanumeric())
            && version
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-');
        if !valid {
            return Err(invalid(
                spec,
                format!(
                    "`{requirement}` is not a version: write `name:1.2.3`, or a requirement \
                     such as `name:~>1.2` or `name:>=2`"
                ),
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::check;

    #[test]
    fn accepts_gem_names_with_an_optional_version_or_requirement() {
        for ok in [
            "rake",
            "activesupport",
            "concurrent-ruby",
            "net_http_persistent",
            "ruby.gems",
            "Ascii85",
            "rake:13.0.6",
            "rack:~>2.2",
            "nokogiri:>=1.15.0",
            "json:!=2.7.0",
            "rails:7.1.0.beta1",
            "faker:3.2.0-pre",
            "x:=1",
        ] {
            assert!(
                check(ok).is_ok(),
                "{ok} should be accepted: {:?}",
                check(ok)
            );
        }
    }

    #[test]
    fn refuses_options_urls_paths_local_files_and_shell() {
        for bad in [
            "",
            "-v",
            "--source=https://evil.example",
            "x; rm -rf /",
            "rake && curl evil",
            "$(reboot)",
            "a b",
            "https://example.com/x.gem",
            "./local",
            "../up",
            "/abs/path",
            "pkg.gem",
            "PKG.GEM",
            "rake:",
            "rake:latest",
            "rake:~>",
            "rake:1.0:2",
            "rake:>= 1",
            "rake:1.0.",
            "_x",
            "x-",
            "naïve",
            "a|b",
            "a>b",
        ] {
            assert!(check(bad).is_err(), "{bad:?} should be refused");
        }
    }
}
