//! `no-network`: a security policy for the llm-sandbox host that refuses
//! network libraries in every language, written against the sdk alone.
//!
//! It reads what the language plugin found (the modules the code imports,
//! never counting comments or strings) and the packages the caller asked to
//! install, and reports every one that is a network library of the language
//! (see [`networks`]): `import requests`, `require('node:http')`,
//! `#include <sys/socket.h>`, `pip install httpx`…
//!
//! Build: `cargo build --release --target wasm32-wasip2`, then
//! `host check --policy-plugin target/wasm32-wasip2/release/no_network_policy.wasm script.py`.
//!
//! It is a second line of defence: code can reach the network without
//! importing anything this table knows. The boundary is a container started
//! with `network_mode = "none"` (`host run --network none`, or the
//! `production` and `strict` presets).

pub mod config;
pub mod networks;

use config::Config;
use llm_sandbox_sdk::policy::{
    CheckRequest, Finding, PolicyInfo, PolicyPlugin, PolicySettings, Severity, module_matches,
};

/// The no-network policy.
pub struct NoNetwork;

impl PolicyPlugin for NoNetwork {
    fn describe() -> PolicyInfo {
        PolicyInfo {
            name: "no-network".into(),
            version: env!("CARGO_PKG_VERSION").into(),
            description: "no network libraries in any language (example policy, built outside \
                          the host)"
                .into(),
        }
    }

    fn configure(config: String) -> Result<PolicySettings, String> {
        let config = Config::parse(&config)?;
        Ok(PolicySettings {
            severity_threshold: config.severity_threshold,
        })
    }

    fn check(config: String, request: CheckRequest) -> Result<Vec<Finding>, String> {
        let config = Config::parse(&config)?;
        let language = request.language.as_str();
        let table = networks::for_language(language);
        let mut findings = Vec::new();
        for import in &request.imports {
            if config.allows(&import.module) {
                continue;
            }
            if let Some(entry) = table.module_entry(&import.module) {
                let module = import.module.as_str();
                let bare = module.trim().trim_matches(['<', '>', '"']);
                let what = if bare.strip_prefix("node:").unwrap_or(bare) == entry {
                    format!("`{module}` is a network library in {language}")
                } else if module_matches(module, entry) {
                    format!("`{module}` is a network library in {language} (listed as `{entry}`)")
                } else {
                    // A wildcard import of the package of a listed class.
                    format!("`{module}` imports the network class `{entry}` in {language}")
                };
                findings.push(
                    Finding::new(
                        format!("no-network:{entry}"),
                        format!("{what}; code run here may not use the network"),
                        Severity::High,
                    )
                    .at(import.line, import.column),
                );
            }
        }
        for package in &request.packages {
            let name = networks::package_name(language, package);
            if config.allows(&name) {
                continue;
            }
            if let Some(entry) = table.package_entry(&name) {
                findings.push(Finding::new(
                    format!("no-network:package:{entry}"),
                    format!(
                        "package `{package}` is a network library for {language}; code run here \
                         may not use the network"
                    ),
                    Severity::High,
                ));
            }
        }
        Ok(findings)
    }
}

llm_sandbox_sdk::export_policy!(NoNetwork);

#[cfg(test)]
mod tests {
    use super::*;
    use llm_sandbox_sdk::ImportedModule;

    fn request(language: &str, imports: &[(&str, u32, u32)], packages: &[&str]) -> CheckRequest {
        CheckRequest {
            language: language.into(),
            code: String::new(),
            code_without_comments: String::new(),
            imports: imports
                .iter()
                .map(|&(m, line, column)| ImportedModule::new(m, line, column))
                .collect(),
            packages: packages.iter().map(|p| p.to_string()).collect(),
        }
    }

    fn rules(config: &str, request: CheckRequest) -> Vec<String> {
        NoNetwork::check(config.into(), request)
            .unwrap()
            .into_iter()
            .map(|f| f.rule)
            .collect()
    }

    #[test]
    fn describes_itself_as_no_network() {
        assert_eq!(NoNetwork::describe().name, "no-network");
    }

    #[test]
    fn configure_returns_the_threshold_and_refuses_unknown_keys() {
        let settings = NoNetwork::configure(String::new()).unwrap();
        assert_eq!(settings.severity_threshold, Severity::High);
        let settings = NoNetwork::configure("severity_threshold = \"low\"".into()).unwrap();
        assert_eq!(settings.severity_threshold, Severity::Low);
        let err = NoNetwork::configure("block = [\"ftp\"]".into()).unwrap_err();
        assert!(err.contains("unknown field `block`"), "{err}");
    }

    #[test]
    fn python_network_imports_are_high_findings_at_their_place() {
        let found = NoNetwork::check(
            String::new(),
            request(
                "python",
                &[
                    ("os", 1, 8),
                    ("urllib.request", 2, 6),
                    ("json", 3, 8),
                    ("socket", 4, 8),
                ],
                &[],
            ),
        )
        .unwrap();
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].rule, "no-network:urllib");
        assert_eq!(found[0].severity, Severity::High);
        assert_eq!((found[0].line, found[0].column), (Some(2), Some(6)));
        assert!(found[0].description.contains("`urllib.request`"));
        assert!(
            found[0]
                .description
                .contains("in python (listed as `urllib`)")
        );
        assert!(!found[1].description.contains("listed as"));
        assert_eq!(found[1].rule, "no-network:socket");
        assert_eq!((found[1].line, found[1].column), (Some(4), Some(8)));
    }

    #[test]
    fn each_language_uses_its_own_table() {
        assert_eq!(
            rules(
                "",
                request("javascript", &[("node:https", 1, 1), ("fs", 2, 1)], &[])
            ),
            ["no-network:https"]
        );
        // `net` is Node's socket module, but Python has none of that name.
        assert!(rules("", request("python", &[("net", 1, 1)], &[])).is_empty());
        assert_eq!(
            rules(
                "",
                request("go", &[("net/http", 1, 1), ("net/url", 2, 1)], &[])
            ),
            ["no-network:net"]
        );
        assert_eq!(
            rules(
                "",
                request("java", &[("java.net.http.HttpClient", 1, 1)], &[])
            ),
            ["no-network:java.net"]
        );
        assert_eq!(
            rules(
                "",
                request("cpp", &[("arpa/inet.h", 1, 1), ("vector", 2, 1)], &[])
            ),
            ["no-network:arpa"]
        );
        assert_eq!(
            rules(
                "",
                request("ruby", &[("net/http", 1, 1), ("json", 2, 1)], &[])
            ),
            ["no-network:net"]
        );
        assert_eq!(
            rules("", request("r", &[("httr", 1, 1)], &[])),
            ["no-network:httr"]
        );
        // Anything else gets the generic list only.
        assert_eq!(
            rules(
                "",
                request("lua", &[("socket.http", 1, 1), ("net", 2, 1)], &[])
            ),
            ["no-network:socket"]
        );
    }

    #[test]
    fn network_packages_are_findings_without_a_place() {
        let found = NoNetwork::check(
            String::new(),
            request("python", &[], &["numpy==1.26.4", "Requests[socks]>=2.31"]),
        )
        .unwrap();
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].rule, "no-network:package:requests");
        assert_eq!((found[0].line, found[0].column), (None, None));
        assert!(found[0].description.contains("Requests[socks]>=2.31"));
        assert_eq!(
            rules(
                "",
                request(
                    "javascript",
                    &[],
                    &["lodash", "axios@1.6.0", "@grpc/grpc-js"]
                )
            ),
            ["no-network:package:axios", "no-network:package:@grpc"]
        );
    }

    #[test]
    fn allowed_modules_and_packages_are_not_reported() {
        let config = "allow = [\"http\", \"requests\"]";
        assert_eq!(
            rules(
                config,
                request(
                    "python",
                    &[("http.client", 1, 1), ("http", 2, 1), ("ssl", 3, 1)],
                    &["requests"]
                ),
            ),
            ["no-network:ssl"]
        );
        let found = NoNetwork::check(
            String::new(),
            request("java", &[("java.nio.channels.*", 1, 8)], &[]),
        )
        .unwrap();
        assert!(
            found[0]
                .description
                .starts_with("`java.nio.channels.*` imports the network class"),
            "{}",
            found[0].description
        );
        // Allowing a child leaves its siblings reported.
        assert_eq!(
            rules(
                "allow = [\"java.net.InetAddress\"]",
                request(
                    "java",
                    &[("java.net.InetAddress", 1, 1), ("java.net.Socket", 2, 1)],
                    &[]
                ),
            ),
            ["no-network:java.net"]
        );
    }

    #[test]
    fn a_bad_configuration_fails_the_check_too() {
        assert!(NoNetwork::check("allow = 1".into(), request("python", &[], &[])).is_err());
    }
}
