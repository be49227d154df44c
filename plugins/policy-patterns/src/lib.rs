//! The built-in pattern policy of the llm-sandbox host (`patterns`).
//!
//! It is the security model of the Python llm-sandbox: regular expressions
//! searched in the code, modules the code must not import and packages the
//! caller must not install, each rule with a severity; the host blocks a run
//! when a finding reaches the configured threshold.
//!
//! # Configuration
//!
//! A TOML document (the host writes its own policy settings in exactly this
//! form). Every key is optional; an empty document is an empty policy with
//! threshold `medium`. Any other key is refused, and the error lists the
//! valid ones.
//!
//! ```toml
//! severity_threshold = "medium"      # safe | low | medium | high (default medium)
//!
//! [[patterns]]
//! pattern = 'os\.system\s*\('        # a regular expression (Rust `regex` syntax)
//! description = "System command execution"
//! severity = "high"
//! languages = ["python"]             # optional; missing or empty: every language
//! id = "os-system"                   # optional rule id; default `pattern:<pattern>`
//!
//! [[restricted_modules]]
//! name = "subprocess"
//! description = "Process execution"
//! severity = "high"
//! languages = ["python"]             # optional, as above
//!
//! [[restricted_packages]]
//! name = "paramiko"
//! description = "SSH client"
//! severity = "medium"
//! languages = ["python"]             # optional, as above
//! ```
//!
//! `pattern`/`name`, `description` and `severity` are required in every
//! entry. Severities are case-insensitive. Language names are the language
//! plugins' canonical names (`python`, `javascript`, `cpp`), written in lower
//! case with letters, digits and `+-_.#`.
//!
//! `configure` refuses, with a one-line message naming the entry (entries
//! are numbered from 0, as in `patterns[2]`):
//! - TOML errors, unknown keys and missing keys (with line and column);
//! - an unknown severity, an empty `pattern`, `name` or `id`, a language
//!   name that is not one;
//! - a pattern that is not a valid regular expression (with regex's reason),
//!   that matches the empty text (it would match any code), that is longer
//!   than [`config::MAX_PATTERN_CHARS`] characters or whose compiled form
//!   exceeds 1 MiB ([`config::REGEX_SIZE_LIMIT`]);
//! - more than [`config::MAX_RULES`] rules in all.
//!
//! # What is checked
//!
//! Only rules whose `languages` is empty or names the request's language
//! apply. Every finding is returned whatever its severity (the host applies
//! the threshold), ordered by line then column, package findings last.
//!
//! - **Patterns** are searched in the code *without its comments* (as the
//!   language plugin blanked them, lines and columns unchanged), so a
//!   pattern never fires on commented-out code; string literals are still
//!   searched. (If that text is empty, the code itself is searched.)
//!   A finding is reported at the start of every match (non-overlapping,
//!   left to right) with a 1-based line and a 1-based column counted in
//!   characters; at most [`scan::MAX_FINDINGS_PER_RULE`] (20) per rule: the
//!   search stops there for that rule. Its rule id is `id`, or
//!   `pattern:<pattern>`; its description is the rule's.
//!
//!   Patterns are in multi-line mode: `^` and `$` match at the start and end
//!   of every line (write `(?-m)` to change that); `.` does not match a
//!   newline unless the pattern says `(?s)`. `\w`, `\d`, `\s`, classes and
//!   `(?i)` are Unicode-aware as usual, but in a pattern written in ASCII the
//!   word boundaries (`\b`, `\B`, `\b{start}` and the like, `\<`, `\>`) are
//!   ASCII ones, as if written `(?-u:\b)`: a word character is
//!   `[0-9A-Za-z_]`. In ASCII code that changes nothing; next to a non-ASCII
//!   letter it sees a boundary (`\bos\.system` matches in `éos.system(`), so
//!   a boundary next to an ASCII word character of the pattern only finds
//!   more. A pattern with non-ASCII text, in verbose mode (`x`) or asking for
//!   Unicode explicitly (`(?u)` anywhere) keeps Unicode word boundaries, at
//!   a cost in speed on non-ASCII code (see below).
//! - **Restricted modules** are compared with the imports the language
//!   plugin found (never in comments or strings). A module restricts itself
//!   and everything inside it: `os` matches the imports `os`, `os.path`,
//!   `os/exec` and `os::fs`, never `osmnx`; a `node:` scheme and the angle
//!   brackets of a C/C++ header are ignored on both sides (`child_process`
//!   matches `node:child_process`, `sys/socket.h` matches `<sys/socket.h>`).
//!   The finding is at the import's position, with rule id `module:<name>`
//!   and description `` <description> (imports `<module as written>`) ``; at
//!   most 20 per rule.
//! - **Restricted packages** are compared with the packages the caller asks
//!   to install. The name is the specification without its version, extras,
//!   markers or tag: `requests==2.0`, `requests[socks]>=1`, `lodash@4`,
//!   `rake:13.0` and `repo@v1` give `requests`, `requests`, `lodash`, `rake`
//!   and `repo`; an npm scope stays (`@scope/pkg@1.0` is `@scope/pkg`).
//!   Names compare case-insensitively with `-`, `_` and `.` all equal (PyPI's
//!   rule: `Python_Dateutil` is `python-dateutil`), and a name also falls
//!   under a restricted name it is inside as a path (`golang.org/x/crypto/ssh`
//!   under `golang.org/x/crypto`). The finding has no position, rule id
//!   `package:<name>` and description
//!   `` <description> (installs `<specification>`) ``; at most 20 per rule.
//!
//! # Performance
//!
//! The policy is stateless (the host calls every function in a fresh
//! instance), so `check` parses the configuration again and compiles the
//! patterns that apply (about 3 ms for 40 patterns, natively). Each pattern
//! is then searched on its own: one with literal text skips from candidate
//! to candidate, one without is a single pass of a lazy DFA (about 2 ms per
//! MiB); lines and columns of all matches are computed in one more pass.
//! Everything is linear in the size of the code: about 5-10 ms for 40
//! patterns over 1 MiB of Python, natively (see the `timing_*` tests).
//!
//! A [`regex::RegexSet`] pass to find which patterns match at all is not
//! used: a set gets no literal prefilter. Measured on 1 MiB with 40
//! patterns, it was as fast as the patterns one by one on typical code,
//! three times slower on crafted code (pieces of the patterns shuffled), and
//! a thousand times slower (3 s) when Unicode word boundaries met non-ASCII
//! text.
//!
//! Word boundaries are the reason for the one liberty taken with regex
//! syntax (see [`config::ascii_word_boundaries`]): the regex crate's fast
//! engines cannot evaluate a Unicode `\b` next to a non-ASCII character, and
//! its slow engine takes 100 to 300 ms per MiB of code with a few `é` in its
//! strings.

pub mod config;
pub mod names;
pub mod scan;
#[cfg(test)]
mod tests;

use std::cell::RefCell;
use std::rc::Rc;

use llm_sandbox_sdk::policy::*;

use config::{Config, PatternRule};
use names::{ModuleIndex, PackageIndex};
use scan::{Hit, MAX_FINDINGS_PER_RULE, Positions};

/// The pattern policy.
pub struct Patterns;

impl PolicyPlugin for Patterns {
    fn describe() -> PolicyInfo {
        PolicyInfo {
            name: "patterns".into(),
            version: env!("CARGO_PKG_VERSION").into(),
            description: "regular expressions, restricted modules and restricted packages \
                          (the llm-sandbox security policy model)"
                .into(),
        }
    }

    fn configure(config: String) -> Result<PolicySettings, String> {
        let config = config::parse(&config)?;
        for rule in &config.patterns {
            config::compile(rule)?;
        }
        Ok(PolicySettings {
            severity_threshold: config.threshold,
        })
    }

    fn check(config: String, request: CheckRequest) -> Result<Vec<Finding>, String> {
        let config = parsed(config)?;
        check(&config, &request)
    }
}

thread_local! {
    /// The last configuration parsed, by its text. The host may keep one
    /// instance for many checks of the same configuration; then it is parsed
    /// (and its patterns compiled, see [`config::compile`]) once.
    static PARSED: RefCell<Option<(String, Rc<Config>)>> = const { RefCell::new(None) };
}

/// `text` parsed, from the cache when it is the configuration seen last.
fn parsed(text: String) -> Result<Rc<Config>, String> {
    if let Some(config) = PARSED.with_borrow(|p| {
        p.as_ref()
            .filter(|(seen, _)| *seen == text)
            .map(|(_, c)| c.clone())
    }) {
        return Ok(config);
    }
    let config = Rc::new(config::parse(&text)?);
    PARSED.set(Some((text, config.clone())));
    Ok(config)
}

llm_sandbox_sdk::export_policy!(Patterns);

/// Every finding of `config` in `request`.
fn check(config: &Config, request: &CheckRequest) -> Result<Vec<Finding>, String> {
    let language = request.language.as_str();
    // A language plugin that blanked nothing may leave the masked text empty:
    // search the code itself rather than nothing.
    let text = if request.code_without_comments.is_empty() {
        &request.code
    } else {
        &request.code_without_comments
    };
    let mut located = pattern_findings(config, language, text)?;
    located.extend(module_findings(config, language, &request.imports));
    // Stable: at one place, patterns (in order) before modules (in order).
    located.sort_by_key(|f| (f.line, f.column));
    located.extend(package_findings(config, language, &request.packages));
    Ok(located)
}

fn pattern_findings(config: &Config, language: &str, text: &str) -> Result<Vec<Finding>, String> {
    let rules: Vec<&PatternRule> = config
        .patterns
        .iter()
        .filter(|p| p.applies_to(language))
        .collect();
    if rules.is_empty() || text.is_empty() {
        return Ok(Vec::new());
    }
    // One search per pattern, not one `RegexSet` pass first: a set gets no
    // literal prefilter (see the crate docs, Performance).
    let mut hits: Vec<Hit> = Vec::new();
    for (i, rule) in rules.iter().enumerate() {
        let regex = config::compile(rule)?;
        scan::hits(&regex, i, text, &mut hits);
    }
    if hits.is_empty() {
        return Ok(Vec::new());
    }
    hits.sort_unstable();
    let positions = Positions::new(text).locate(hits.iter().map(|h| h.offset));
    Ok(hits
        .iter()
        .zip(positions)
        .map(|(hit, (line, column))| {
            let rule = rules[hit.rule];
            Finding::new(&rule.rule, &rule.description, rule.severity).at(line, column)
        })
        .collect())
}

fn module_findings(config: &Config, language: &str, imports: &[ImportedModule]) -> Vec<Finding> {
    let rules: Vec<_> = config
        .modules
        .iter()
        .filter(|m| m.applies_to(language))
        .collect();
    if rules.is_empty() {
        return Vec::new();
    }
    let index = ModuleIndex::new(rules.iter().map(|r| r.name.as_str()));
    let mut count = vec![0; rules.len()];
    let mut ordered: Vec<&ImportedModule> = imports.iter().collect();
    ordered.sort_by_key(|i| (i.line, i.column));
    let mut found = Vec::new();
    for import in ordered {
        for r in index.matching(&import.module) {
            if count[r] >= MAX_FINDINGS_PER_RULE {
                continue;
            }
            count[r] += 1;
            let rule = rules[r];
            found.push(
                Finding::new(
                    &rule.rule,
                    format!("{} (imports `{}`)", rule.description, import.module),
                    rule.severity,
                )
                .at(import.line, import.column),
            );
        }
    }
    found
}

fn package_findings(config: &Config, language: &str, packages: &[String]) -> Vec<Finding> {
    let rules: Vec<_> = config
        .packages
        .iter()
        .filter(|p| p.applies_to(language))
        .collect();
    if rules.is_empty() {
        return Vec::new();
    }
    let index = PackageIndex::new(rules.iter().map(|r| r.name.as_str()));
    let mut count = vec![0; rules.len()];
    let mut found = Vec::new();
    for spec in packages {
        for r in index.matching(spec) {
            if count[r] >= MAX_FINDINGS_PER_RULE {
                continue;
            }
            count[r] += 1;
            let rule = rules[r];
            found.push(Finding::new(
                &rule.rule,
                format!("{} (installs `{}`)", rule.description, spec),
                rule.severity,
            ));
        }
    }
    found
}
