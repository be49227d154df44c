//! The TOML configuration: parsing, validation and regex compilation.
//!
//! Every error is one line (the host shows it verbatim, with control
//! characters turned into spaces) that names the offending entry.

use std::cell::RefCell;
use std::collections::HashMap;

use llm_sandbox_sdk::policy::Severity;
use regex::{Regex, RegexBuilder};
use serde::Deserialize;

/// Most rules (patterns, restricted modules and restricted packages together).
pub const MAX_RULES: usize = 1000;
/// Longest pattern, in characters.
pub const MAX_PATTERN_CHARS: usize = 1000;
/// Longest module or package name, in characters.
pub const MAX_NAME_CHARS: usize = 1000;
/// Largest compiled form of one pattern, in bytes.
pub const REGEX_SIZE_LIMIT: usize = 1 << 20;
/// Lazy DFA cache of one pattern, in bytes.
pub const DFA_SIZE_LIMIT: usize = 2 << 20;

/// Longest piece of user text quoted in an error message, in characters.
const QUOTE_CHARS: usize = 120;

/// The configuration as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(default)]
    severity_threshold: Option<String>,
    #[serde(default)]
    patterns: Vec<RawPattern>,
    #[serde(default)]
    restricted_modules: Vec<RawName>,
    #[serde(default)]
    restricted_packages: Vec<RawName>,
}

/// A `[[patterns]]` entry as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPattern {
    pattern: String,
    description: String,
    severity: String,
    #[serde(default)]
    languages: Vec<String>,
    #[serde(default)]
    id: Option<String>,
}

/// A `[[restricted_modules]]` or `[[restricted_packages]]` entry as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawName {
    name: String,
    description: String,
    severity: String,
    #[serde(default)]
    languages: Vec<String>,
}

/// A validated configuration. Patterns are not compiled yet: see [`compile`].
pub struct Config {
    /// Findings at or above this severity block a run.
    pub threshold: Severity,
    /// `[[patterns]]`, in order.
    pub patterns: Vec<PatternRule>,
    /// `[[restricted_modules]]`, in order.
    pub modules: Vec<NameRule>,
    /// `[[restricted_packages]]`, in order.
    pub packages: Vec<NameRule>,
}

/// One `[[patterns]]` entry.
pub struct PatternRule {
    /// Position in `patterns` (0-based), for messages.
    pub index: usize,
    /// The regular expression as written.
    pub pattern: String,
    /// The rule id of its findings.
    pub rule: String,
    /// The description of its findings.
    pub description: String,
    /// The severity of its findings.
    pub severity: Severity,
    /// Languages it applies to; empty means all.
    pub languages: Vec<String>,
}

/// One `[[restricted_modules]]` or `[[restricted_packages]]` entry.
pub struct NameRule {
    /// The module or package name as written, trimmed.
    pub name: String,
    /// The rule id of its findings.
    pub rule: String,
    /// The description of its findings.
    pub description: String,
    /// The severity of its findings.
    pub severity: Severity,
    /// Languages it applies to; empty means all.
    pub languages: Vec<String>,
}

impl PatternRule {
    /// Whether the rule applies to code in `language`.
    pub fn applies_to(&self, language: &str) -> bool {
        applies(&self.languages, language)
    }
}

impl NameRule {
    /// Whether the rule applies to code in `language`.
    pub fn applies_to(&self, language: &str) -> bool {
        applies(&self.languages, language)
    }
}

fn applies(languages: &[String], language: &str) -> bool {
    languages.is_empty()
        || languages
            .iter()
            .any(|l| l.eq_ignore_ascii_case(language.trim()))
}

/// Parse and validate `text` (everything but compiling the patterns).
pub fn parse(text: &str) -> Result<Config, String> {
    let raw: RawConfig = toml::from_str(text).map_err(|e| toml_error(text, &e))?;
    // A configuration that sets nothing is what a host that failed to write
    // its policy would send: refuse it rather than run with no rules.
    if raw.severity_threshold.is_none()
        && raw.patterns.is_empty()
        && raw.restricted_modules.is_empty()
        && raw.restricted_packages.is_empty()
    {
        return Err(
            "the configuration is empty; a policy without rules is written \
             `severity_threshold = \"medium\"`"
                .into(),
        );
    }
    let rules = raw.patterns.len() + raw.restricted_modules.len() + raw.restricted_packages.len();
    if rules > MAX_RULES {
        return Err(format!(
            "the configuration has {rules} rules (patterns, restricted_modules and \
             restricted_packages together); at most {MAX_RULES} are accepted"
        ));
    }
    let threshold = match &raw.severity_threshold {
        None => Severity::Medium,
        Some(s) => severity("severity_threshold", s)?,
    };
    let patterns = raw
        .patterns
        .into_iter()
        .enumerate()
        .map(|(index, p)| pattern_rule(index, p))
        .collect::<Result<_, _>>()?;
    let modules = raw
        .restricted_modules
        .into_iter()
        .enumerate()
        .map(|(index, m)| name_rule("restricted_modules", "module", index, m))
        .collect::<Result<_, _>>()?;
    let packages = raw
        .restricted_packages
        .into_iter()
        .enumerate()
        .map(|(index, p)| name_rule("restricted_packages", "package", index, p))
        .collect::<Result<_, _>>()?;
    Ok(Config {
        threshold,
        patterns,
        modules,
        packages,
    })
}

fn pattern_rule(index: usize, raw: RawPattern) -> Result<PatternRule, String> {
    let at = format!("patterns[{index}]");
    if raw.pattern.is_empty() {
        return Err(format!(
            "{at}: `pattern` is empty (it would match everywhere); give a regular expression"
        ));
    }
    let chars = raw.pattern.chars().count();
    if chars > MAX_PATTERN_CHARS {
        return Err(format!(
            "{at} ({}) is {chars} characters long; patterns have at most {MAX_PATTERN_CHARS} \
             characters",
            quote(&raw.pattern)
        ));
    }
    let severity = severity(&format!("{at}.severity"), &raw.severity)?;
    let languages = languages(&at, raw.languages)?;
    let rule = match raw.id {
        None => format!("pattern:{}", raw.pattern),
        Some(id) if id.trim().is_empty() => {
            return Err(format!(
                "{at} ({}): `id` is empty; give a rule id such as \"os-system\" or leave `id` out",
                quote(&raw.pattern)
            ));
        }
        Some(id) => id.trim().to_string(),
    };
    Ok(PatternRule {
        index,
        pattern: raw.pattern,
        rule,
        description: raw.description,
        severity,
        languages,
    })
}

fn name_rule(key: &str, kind: &str, index: usize, raw: RawName) -> Result<NameRule, String> {
    let at = format!("{key}[{index}]");
    let name = raw.name.trim();
    if name.is_empty() {
        return Err(format!("{at}: `name` is empty; give a {kind} name"));
    }
    let chars = name.chars().count();
    if chars > MAX_NAME_CHARS {
        return Err(format!(
            "{at} ({}) is {chars} characters long; names have at most {MAX_NAME_CHARS} characters",
            quote(name)
        ));
    }
    let severity = severity(&format!("{at}.severity"), &raw.severity)?;
    let languages = languages(&at, raw.languages)?;
    Ok(NameRule {
        rule: format!("{kind}:{name}"),
        name: name.to_string(),
        description: raw.description,
        severity,
        languages,
    })
}

fn severity(key: &str, text: &str) -> Result<Severity, String> {
    Severity::parse(text).ok_or_else(|| {
        format!(
            "{key} is {}, which is not a severity; use one of \"safe\", \"low\", \"medium\", \
             \"high\"",
            quote_str(text)
        )
    })
}

fn languages(at: &str, languages: Vec<String>) -> Result<Vec<String>, String> {
    for (i, language) in languages.iter().enumerate() {
        let valid = !language.is_empty()
            && language.len() <= 64
            && language
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "+-_.#".contains(c));
        if !valid {
            return Err(format!(
                "{at}.languages[{i}] is {}, which is not a language name; use the language \
                 plugin's lower-case name (letters, digits and `+-_.#`, for example \"python\")",
                quote_str(language)
            ));
        }
    }
    Ok(languages)
}

/// The regex builder every pattern is compiled with.
fn builder(pattern: &str) -> RegexBuilder {
    let mut b = RegexBuilder::new(pattern);
    b.multi_line(true)
        .size_limit(REGEX_SIZE_LIMIT)
        .dfa_size_limit(DFA_SIZE_LIMIT);
    b
}

/// Compile one pattern, with an error naming it.
///
/// Word boundaries are made ASCII first when [`ascii_word_boundaries`] says
/// so; the pattern as written is compiled when that fails (and for errors).
pub fn compile(rule: &PatternRule) -> Result<Regex, String> {
    thread_local! {
        /// Compiled patterns by their text, for instances the host reuses.
        static COMPILED: RefCell<HashMap<String, Regex>> = RefCell::new(HashMap::new());
    }
    if let Some(regex) = COMPILED.with_borrow(|c| c.get(&rule.pattern).cloned()) {
        return Ok(regex);
    }
    let regex = compile_uncached(rule)?;
    COMPILED.with_borrow_mut(|c| c.insert(rule.pattern.clone(), regex.clone()));
    Ok(regex)
}

fn compile_uncached(rule: &PatternRule) -> Result<Regex, String> {
    let fast = ascii_word_boundaries(&rule.pattern).and_then(|p| builder(&p).build().ok());
    let regex = match fast {
        Some(regex) => regex,
        None => builder(&rule.pattern)
            .build()
            .map_err(|e| regex_error(rule, &e))?,
    };
    if regex.is_match("") {
        return Err(format!(
            "patterns[{}] ({}) matches the empty text, so it would match any code; make it \
             require at least one character",
            rule.index,
            quote(&rule.pattern)
        ));
    }
    Ok(regex)
}

/// `pattern` with ASCII word boundaries: `\b`, `\B`, `\b{…}`, `\<` and `\>`
/// outside character classes become `(?-u:\b)` and so on. `None` when there
/// is nothing to change, or when the pattern is not ASCII, uses verbose mode
/// (`x`, where `#` starts a comment) or turns Unicode mode on explicitly
/// (`(?u)`): those keep their word boundaries as written.
///
/// Why: the regex crate's fast engines cannot evaluate a Unicode word
/// boundary next to a non-ASCII character; they give up and the slow engine
/// takes over (about 100 times slower: 100-300 ms for 1 MiB of code with a
/// few `é` in strings). In ASCII text the two kinds of boundary are the same.
pub fn ascii_word_boundaries(pattern: &str) -> Option<String> {
    if !pattern.is_ascii() {
        return None;
    }
    let bytes = pattern.as_bytes();
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut changed = false;
    // Depth of (nested) character classes.
    let mut class = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        match c {
            b'\\' => {
                let Some(&e) = bytes.get(i + 1) else {
                    out.push('\\');
                    break;
                };
                if class == 0 && matches!(e, b'b' | b'B' | b'<' | b'>') {
                    let mut end = i + 2;
                    // `\b{start}`, `\b{end}`, `\b{start-half}`, `\b{end-half}`
                    if e == b'b' && bytes.get(end) == Some(&b'{') {
                        match bytes[end..].iter().position(|&b| b == b'}') {
                            Some(close) => end += close + 1,
                            None => return None,
                        }
                    }
                    out.push_str("(?-u:");
                    out.push_str(&pattern[i..end]);
                    out.push(')');
                    changed = true;
                    i = end;
                } else {
                    out.push_str(&pattern[i..i + 2]);
                    i += 2;
                }
                continue;
            }
            b'[' => {
                class += 1;
                out.push('[');
                i += 1;
                // `]` first in a class (after an optional `^`) is a literal.
                if bytes.get(i) == Some(&b'^') {
                    out.push('^');
                    i += 1;
                }
                if bytes.get(i) == Some(&b']') {
                    out.push(']');
                    i += 1;
                }
                continue;
            }
            b']' if class > 0 => class -= 1,
            b'(' if class == 0 && bytes.get(i + 1) == Some(&b'?') => {
                // A flag group: `(?flags)` or `(?flags:…)`.
                let rest = &bytes[i + 2..];
                let flags_end = rest
                    .iter()
                    .position(|&b| !b"imsRUux-".contains(&b))
                    .unwrap_or(rest.len());
                if matches!(rest.get(flags_end), Some(b')' | b':')) {
                    let flags = &rest[..flags_end];
                    let enabled = flags.split(|&b| b == b'-').next().unwrap_or_default();
                    if flags.contains(&b'x') || enabled.contains(&b'u') {
                        return None;
                    }
                }
            }
            _ => {}
        }
        out.push(char::from(c));
        i += 1;
    }
    changed.then_some(out)
}

fn regex_error(rule: &PatternRule, error: &regex::Error) -> String {
    let at = format!("patterns[{}] ({})", rule.index, quote(&rule.pattern));
    match error {
        regex::Error::CompiledTooBig(limit) => format!(
            "{at} is too complex: compiled, it exceeds the limit of {}; use smaller \
             repetition counts (`{{n,m}}`) or ASCII classes (`(?-u:\\w)`, `[0-9]`) instead of \
             Unicode ones",
            if limit % (1 << 20) == 0 {
                format!("{} MiB", limit >> 20)
            } else {
                format!("{limit} bytes")
            }
        ),
        regex::Error::Syntax(text) => {
            format!(
                "{at} is not a valid regular expression: {}",
                syntax_reason(text)
            )
        }
        other => format!(
            "{at} is not a valid regular expression: {}",
            one_line(&other.to_string())
        ),
    }
}

/// The reason of a regex syntax error, on one line.
///
/// regex formats them as `regex parse error:`, the pattern's lines, a line of
/// `^` under the offending part, then `error: <reason>`; keep the reason and
/// say where the carets point when the pattern is one line.
fn syntax_reason(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let reason = lines.iter().position(|l| l.starts_with("error:")).map(|i| {
        let first = lines[i].trim_start_matches("error:").trim();
        // A reason continues on the following lines, if any.
        std::iter::once(first)
            .chain(lines[i + 1..].iter().map(|l| l.trim()))
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    });
    let Some(reason) = reason else {
        return one_line(text);
    };
    // `regex parse error:`, `    <pattern>`, `    <spaces>^^^`, `error: …`
    if lines.len() >= 4
        && lines[0].starts_with("regex parse error")
        && lines[3].starts_with("error:")
        && let Some(carets) = lines[2].strip_prefix("    ")
        && let Some(start) = carets.find('^')
        && carets[start..].chars().all(|c| c == '^')
        && carets[..start].chars().all(|c| c == ' ')
    {
        return format!("{reason} (at character {})", start + 1);
    }
    reason
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A TOML error on one line: where, the offending line, and the reason.
fn toml_error(text: &str, error: &toml::de::Error) -> String {
    let message = one_line(error.message());
    let Some(span) = error.span() else {
        return format!("invalid configuration: {message}");
    };
    let start = span.start.min(text.len());
    let before = text.get(..start).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    let line_text = text[line_start..].lines().next().unwrap_or("").trim();
    if line_text.is_empty() {
        format!("invalid configuration at line {line}, column {column}: {message}")
    } else {
        format!(
            "invalid configuration at line {line}, column {column} ({}): {message}",
            quote(line_text)
        )
    }
}

/// `text` between backticks, shortened to `QUOTE_CHARS` characters, its
/// control characters escaped (`\n`) so that the message stays one line.
fn quote(text: &str) -> String {
    let shown: String = shorten(text)
        .chars()
        .flat_map(|c| {
            let escaped = c.is_control().then(|| c.escape_default());
            escaped
                .into_iter()
                .flatten()
                .chain((!c.is_control()).then_some(c))
        })
        .collect();
    format!("`{shown}`")
}

/// `text` between double quotes (Rust escapes), shortened.
fn quote_str(text: &str) -> String {
    format!("{:?}", shorten(text))
}

fn shorten(text: &str) -> String {
    let mut chars = text.chars();
    let mut out: String = chars.by_ref().take(QUOTE_CHARS).collect();
    if chars.next().is_some() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::ascii_word_boundaries as ascii;
    use super::*;

    fn error(pattern: &str) -> String {
        let rule = PatternRule {
            index: 4,
            pattern: pattern.into(),
            rule: String::new(),
            description: String::new(),
            severity: Severity::Low,
            languages: Vec::new(),
        };
        compile(&rule).expect_err("refused")
    }

    #[test]
    fn regex_errors_are_one_line_with_the_place() {
        assert_eq!(
            error("é(x"),
            "patterns[4] (`é(x`) is not a valid regular expression: unclosed group (at \
             character 2)"
        );
        let e = error("a\nb)\tc");
        assert!(
            e.starts_with("patterns[4] (`a\\nb)\\tc`) is not a valid"),
            "{e}"
        );
        assert!(e.contains("unopened group") && !e.contains('\n'), "{e}");
        let e = error("(?<n>a)(?<n>b)");
        assert!(
            e.contains("duplicate capture group name") && !e.contains('\n'),
            "{e}"
        );
        let e = error("\\p{Klingon}");
        assert!(
            e.contains("Unicode property not found") && !e.contains('\n'),
            "{e}"
        );
    }

    #[test]
    fn word_boundaries_outside_classes_become_ascii() {
        for (pattern, expected) in [
            (r"\bos\.system\b", r"(?-u:\b)os\.system(?-u:\b)"),
            (r"\Bx", r"(?-u:\B)x"),
            (r"\b{start}x\b{end}", r"(?-u:\b{start})x(?-u:\b{end})"),
            (r"\<x\>", r"(?-u:\<)x(?-u:\>)"),
            (r"[a\]b]\b", r"[a\]b](?-u:\b)"),
            (r"[]b]\b", r"[]b](?-u:\b)"),
            (r"[^]b]\b", r"[^]b](?-u:\b)"),
            (r"[[:alpha:]\d]\b", r"[[:alpha:]\d](?-u:\b)"),
            (r"[a[b]]\b", r"[a[b]](?-u:\b)"),
            (r"(?P<n>\b)(?i-u)\b", r"(?P<n>(?-u:\b))(?i-u)(?-u:\b)"),
            (r"\\\b", r"\\(?-u:\b)"),
        ] {
            assert_eq!(ascii(pattern).as_deref(), Some(expected), "{pattern}");
        }
    }

    #[test]
    fn patterns_that_keep_their_word_boundaries() {
        for pattern in [
            r"os\.system",      // none
            r"\\b",             // an escaped backslash, then `b`
            r"[\b]",            // in a class (invalid anyway)
            r"\bcafé\b",        // not ASCII
            r"(?x)\bfoo # bar", // verbose mode
            r"(?u)\bfoo",       // Unicode asked for
            r"(?iu:\bfoo)",     // Unicode asked for
            r"\b{start",        // unclosed
            "trailing\\",
        ] {
            assert_eq!(ascii(pattern), None, "{pattern}");
        }
    }
}
