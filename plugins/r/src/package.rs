//! Validation of R package names, which `install` puts inside an R
//! expression: only a strict name can be quoted there safely.

use llm_sandbox_sdk::PluginError;
use llm_sandbox_sdk::names::{check_common, invalid};

/// Accept a CRAN package name: ASCII letters, digits and `.`, starting with
/// a letter, not ending with `.`, at least two characters (`ggplot2`,
/// `data.table`, `R6`).
pub fn check(name: &str) -> Result<(), PluginError> {
    check_common(name)?;
    let ok = name.len() >= 2
        && name.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && !name.ends_with('.')
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '.');
    if ok {
        Ok(())
    } else {
        Err(invalid(
            name,
            "an R package name has at least two ASCII letters, digits or `.`, starts with a \
             letter and does not end with `.` (versions, URLs, paths and options are not \
             accepted)",
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::check;

    #[test]
    fn accepts_cran_package_names() {
        for ok in [
            "ggplot2",
            "data.table",
            "R6",
            "jsonlite",
            "Rcpp",
            "BiocManager",
            "x1.y2",
        ] {
            assert!(check(ok).is_ok(), "{ok} should be accepted");
        }
    }

    #[test]
    fn refuses_commands_quotes_urls_paths_versions_and_options() {
        for bad in [
            "x; rm -rf /",
            "jsonlite\"); system(\"id\"); (\"",
            "jsonlite'",
            "a\\b",
            "a,b",
            "c(\"a\")",
            "a+b",
            "--configure-args=x",
            "-x",
            "https://cran.r-project.org/src/contrib/x.tar.gz",
            "./pkg",
            "/tmp/pkg.tar.gz",
            "pkg_1.0.tar.gz",
            "dplyr@1.1.0",
            "dplyr==1.1.0",
            "dplyr>=1",
            "user/repo",
            "x",
            "1x",
            ".hidden",
            "trailing.",
            "under_score",
            "naïve",
            "",
            "a\nb",
        ] {
            assert!(check(bad).is_err(), "{bad:?} should be refused");
        }
    }
}
