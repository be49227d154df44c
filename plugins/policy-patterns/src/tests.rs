//! The policy through its trait functions, as the host calls it.

use llm_sandbox_sdk::policy::*;

use crate::Patterns;

fn configure(config: &str) -> Result<Severity, String> {
    Patterns::configure(config.to_string()).map(|s| s.severity_threshold)
}

fn refusal(config: &str) -> String {
    match configure(config) {
        Ok(_) => panic!("accepted:\n{config}"),
        Err(e) => {
            assert!(!e.contains('\n'), "errors are one line: {e}");
            e
        }
    }
}

struct Request {
    language: &'static str,
    code: String,
    masked: Option<String>,
    imports: Vec<(&'static str, u32, u32)>,
    packages: Vec<&'static str>,
}

fn code(language: &'static str, code: &str) -> Request {
    Request {
        language,
        code: code.to_string(),
        masked: None,
        imports: Vec::new(),
        packages: Vec::new(),
    }
}

impl Request {
    fn masked(mut self, masked: &str) -> Self {
        assert_eq!(masked.len(), self.code.len(), "masking keeps positions");
        self.masked = Some(masked.to_string());
        self
    }
    fn import(mut self, module: &'static str, line: u32, column: u32) -> Self {
        self.imports.push((module, line, column));
        self
    }
    fn package(mut self, spec: &'static str) -> Self {
        self.packages.push(spec);
        self
    }
    fn check(self, config: &str) -> Vec<Finding> {
        configure(config).expect("configuration accepted");
        let request = CheckRequest {
            language: self.language.into(),
            code_without_comments: self.masked.unwrap_or_else(|| self.code.clone()),
            code: self.code,
            imports: self
                .imports
                .into_iter()
                .map(|(module, line, column)| ImportedModule {
                    module: module.into(),
                    line,
                    column,
                })
                .collect(),
            packages: self.packages.into_iter().map(String::from).collect(),
        };
        Patterns::check(config.to_string(), request).expect("check succeeds")
    }
}

/// `(rule, line, column)` of each finding.
fn places(findings: &[Finding]) -> Vec<(String, Option<u32>, Option<u32>)> {
    findings
        .iter()
        .map(|f| (f.rule.clone(), f.line, f.column))
        .collect()
}

fn at(rule: &str, line: u32, column: u32) -> (String, Option<u32>, Option<u32>) {
    (rule.to_string(), Some(line), Some(column))
}

fn nowhere(rule: &str) -> (String, Option<u32>, Option<u32>) {
    (rule.to_string(), None, None)
}

const OS_SYSTEM: &str = r#"
[[patterns]]
pattern = 'os\.system\s*\('
description = "System command execution"
severity = "high"
"#;

// ---------------------------------------------------------------- configure

#[test]
fn an_empty_configuration_is_refused_not_an_empty_policy() {
    // Fail closed: a host that lost its policy must not get "no rules".
    for empty in ["", "\n  # nothing\n"] {
        let e = refusal(empty);
        assert!(e.contains("the configuration is empty"), "{e}");
    }
    assert_eq!(
        configure("severity_threshold = \"medium\""),
        Ok(Severity::Medium)
    );
    let found = code("python", "import os\nos.system('x')\n")
        .import("os", 1, 8)
        .package("requests")
        .check("severity_threshold = \"medium\"");
    assert!(found.is_empty());
}

#[test]
fn the_threshold_is_returned() {
    assert_eq!(
        configure("severity_threshold = \"high\""),
        Ok(Severity::High)
    );
    assert_eq!(configure("severity_threshold = \"Low\""), Ok(Severity::Low));
    assert_eq!(
        configure("severity_threshold = \"safe\""),
        Ok(Severity::Safe)
    );
    assert_eq!(
        configure(&format!("severity_threshold = \"medium\"\n{OS_SYSTEM}")),
        Ok(Severity::Medium)
    );
}

#[test]
fn an_invalid_regex_is_refused_naming_the_pattern_and_the_reason() {
    let config = r#"
[[patterns]]
pattern = 'eval\('
description = "eval"
severity = "medium"

[[patterns]]
pattern = 'exec\('
description = "exec"
severity = "medium"

[[patterns]]
pattern = 'os\.system('
description = "System command execution"
severity = "high"
"#;
    let e = refusal(config);
    assert!(
        e.starts_with("patterns[2] (`os\\.system(`) is not a valid regular expression: "),
        "{e}"
    );
    assert!(e.contains("unclosed group"), "{e}");
    assert!(e.contains("at character 11"), "{e}");
}

#[test]
fn unknown_keys_are_refused_naming_them_and_the_valid_ones() {
    let e = refusal("severity_treshold = \"high\"");
    assert!(e.contains("severity_treshold"), "{e}");
    for valid in [
        "severity_threshold",
        "patterns",
        "restricted_modules",
        "restricted_packages",
    ] {
        assert!(e.contains(valid), "{valid} missing: {e}");
    }
    assert!(e.contains("line 1"), "{e}");

    let e =
        refusal("[[patterns]]\npattern = 'x'\ndescription = 'x'\nseverity = 'low'\nregex = 'y'\n");
    assert!(
        e.contains("regex") && e.contains("languages") && e.contains("line 5"),
        "{e}"
    );

    let e = refusal(
        "[[restricted_modules]]\nname = 'os'\ndescription = 'x'\nseverity = 'low'\nid = 'y'\n",
    );
    assert!(e.contains("`id`") && e.contains("`name`"), "{e}");
}

#[test]
fn missing_keys_and_wrong_types_are_refused() {
    let e = refusal("[[patterns]]\npattern = 'x'\nseverity = 'low'\n");
    assert!(e.contains("description"), "{e}");
    let e = refusal("severity_threshold = 3");
    assert!(e.contains("line 1"), "{e}");
    let e = refusal("patterns = 'x'");
    assert!(e.contains("line 1"), "{e}");
    let e = refusal("[[patterns]\n");
    assert!(e.starts_with("invalid configuration at line 1"), "{e}");
}

#[test]
fn unknown_severities_are_refused_with_the_valid_ones() {
    let e = refusal("severity_threshold = \"critical\"");
    assert_eq!(
        e,
        "severity_threshold is \"critical\", which is not a severity; use one of \"safe\", \
         \"low\", \"medium\", \"high\""
    );
    let e = refusal(&OS_SYSTEM.replace("\"high\"", "\"severe\""));
    assert!(e.starts_with("patterns[0].severity is \"severe\""), "{e}");
    let e = refusal(
        "[[restricted_packages]]\nname = 'x'\ndescription = 'x'\nseverity = ''\n\
         [[restricted_packages]]\nname = 'y'\ndescription = 'y'\nseverity = 'low'\n",
    );
    assert!(
        e.starts_with("restricted_packages[0].severity is \"\""),
        "{e}"
    );
}

#[test]
fn empty_patterns_names_and_ids_are_refused() {
    let e = refusal("[[patterns]]\npattern = ''\ndescription = 'x'\nseverity = 'low'\n");
    assert!(e.starts_with("patterns[0]: `pattern` is empty"), "{e}");
    let e = refusal("[[restricted_modules]]\nname = '  '\ndescription = 'x'\nseverity = 'low'\n");
    assert!(
        e.starts_with("restricted_modules[0]: `name` is empty"),
        "{e}"
    );
    let e = refusal("[[restricted_packages]]\nname = ''\ndescription = 'x'\nseverity = 'low'\n");
    assert!(
        e.starts_with("restricted_packages[0]: `name` is empty"),
        "{e}"
    );
    let e = refusal(&format!("{OS_SYSTEM}id = ''\n"));
    assert!(e.contains("`id` is empty"), "{e}");
}

#[test]
fn patterns_matching_the_empty_text_are_refused() {
    for pattern in ["x*", "^", "(?m)$", "a|"] {
        let e = refusal(&format!(
            "[[patterns]]\npattern = '{pattern}'\ndescription = 'x'\nseverity = 'low'\n"
        ));
        assert!(e.contains("matches the empty text"), "{pattern}: {e}");
    }
}

#[test]
fn language_names_must_be_lower_case_names() {
    for bad in ["Python", "", "py thon", "c/c++", "é"] {
        let e = refusal(&format!("{OS_SYSTEM}languages = ['python', '{bad}']\n"));
        assert!(e.starts_with("patterns[0].languages[1] is "), "{bad}: {e}");
        assert!(e.contains("not a language name"), "{e}");
    }
    for good in [
        "python",
        "c++",
        "c#",
        "objective-c",
        "r",
        "node_js",
        "es.2020",
    ] {
        assert!(
            configure(&format!("{OS_SYSTEM}languages = ['{good}']\n")).is_ok(),
            "{good}"
        );
    }
    let e = refusal(
        "[[restricted_modules]]\nname = 'os'\ndescription = 'x'\nseverity = 'low'\nlanguages = ['Go']\n",
    );
    assert!(
        e.starts_with("restricted_modules[0].languages[0] is \"Go\""),
        "{e}"
    );
}

#[test]
fn pathological_configurations_are_refused_with_the_limit() {
    let long = "a".repeat(1001);
    let e = refusal(&format!(
        "[[patterns]]\npattern = '{long}'\ndescription = 'x'\nseverity = 'low'\n"
    ));
    assert!(
        e.contains("1001 characters long") && e.contains("at most 1000"),
        "{e}"
    );
    assert!(
        e.len() < 400,
        "long patterns are shortened in messages: {e}"
    );

    let e = refusal(
        r"[[patterns]]
pattern = '\w{100}\w{100}\w{100}'
description = 'x'
severity = 'low'
",
    );
    assert!(e.starts_with("patterns[0] (`\\w{100}"), "{e}");
    assert!(e.contains("too complex") && e.contains("1 MiB"), "{e}");

    let many =
        "[[restricted_modules]]\nname = 'os'\ndescription = 'x'\nseverity = 'low'\n".repeat(1001);
    let e = refusal(&many);
    assert!(
        e.contains("1001 rules") && e.contains("at most 1000"),
        "{e}"
    );
    assert!(configure(&many[..many.len() / 1001 * 1000]).is_ok());
}

// ---------------------------------------------------------------- patterns

#[test]
fn patterns_report_every_match_with_the_rule_id_and_description() {
    let config = format!(
        "{OS_SYSTEM}\n[[patterns]]\npattern = '\\beval\\('\ndescription = 'Dynamic code'\n\
         severity = 'medium'\nid = 'eval'\n"
    );
    let found = code(
        "python",
        "import os\nos.system('ls'); eval('1')\n  os.system ('x')\n",
    )
    .check(&config);
    assert_eq!(
        places(&found),
        vec![
            at("pattern:os\\.system\\s*\\(", 2, 1),
            at("eval", 2, 18),
            at("pattern:os\\.system\\s*\\(", 3, 3),
        ]
    );
    assert_eq!(found[0].description, "System command execution");
    assert_eq!(found[0].severity, Severity::High);
    assert_eq!(found[1].description, "Dynamic code");
    assert_eq!(found[1].severity, Severity::Medium);
}

#[test]
fn comments_do_not_trigger_patterns() {
    let source = "x = 1  # os.system('rm -rf /')\nos.system('ls')\n";
    let comment = source.find('#').unwrap()..source.find('\n').unwrap();
    let masked = source.replace(&source[comment.clone()], &" ".repeat(comment.len()));
    let found = code("python", source).masked(&masked).check(OS_SYSTEM);
    assert_eq!(places(&found), vec![at("pattern:os\\.system\\s*\\(", 2, 1)]);
}

#[test]
fn patterns_apply_to_their_languages_only() {
    let config = format!(
        "{OS_SYSTEM}languages = ['python']\n\n[[patterns]]\npattern = 'child_process'\n\
         description = 'x'\nseverity = 'high'\nlanguages = ['javascript', 'typescript']\n\n\
         [[patterns]]\npattern = 'secret'\ndescription = 'x'\nseverity = 'low'\nlanguages = []\n"
    );
    let source = "os.system(1) child_process secret";
    let rules = |language| -> Vec<String> {
        code(language, source)
            .check(&config)
            .into_iter()
            .map(|f| f.rule)
            .collect()
    };
    assert_eq!(
        rules("python"),
        ["pattern:os\\.system\\s*\\(", "pattern:secret"]
    );
    assert_eq!(
        rules("javascript"),
        ["pattern:child_process", "pattern:secret"]
    );
    assert_eq!(rules("ruby"), ["pattern:secret"]);
}

#[test]
fn columns_count_characters_not_bytes() {
    let found = code(
        "python",
        "s = 'héllo → wörld'; os.system('x')\n😀😀 os.system(1)",
    )
    .check(OS_SYSTEM);
    assert_eq!(
        places(&found),
        vec![
            at("pattern:os\\.system\\s*\\(", 1, 22),
            at("pattern:os\\.system\\s*\\(", 2, 4),
        ]
    );
}

#[test]
fn at_most_twenty_findings_per_rule() {
    let config = format!(
        "{OS_SYSTEM}\n[[patterns]]\npattern = 'eval'\ndescription = 'x'\nseverity = 'low'\n"
    );
    let source = "os.system(1)\n".repeat(50) + "eval\n";
    let found = code("python", &source).check(&config);
    let system: Vec<_> = found
        .iter()
        .filter(|f| f.rule.starts_with("pattern:os"))
        .collect();
    assert_eq!(system.len(), 20);
    assert_eq!(system[0].line, Some(1));
    assert_eq!(system[19].line, Some(20), "the first twenty are kept");
    assert!(
        found.iter().any(|f| f.rule == "pattern:eval"),
        "other rules go on"
    );
}

#[test]
fn patterns_are_multi_line() {
    let config =
        "[[patterns]]\npattern = '^import\\s+ctypes$'\ndescription = 'x'\nseverity = 'high'\n";
    let found = code("python", "x = 1\nimport ctypes\ny = 'import ctypes'\n").check(config);
    assert_eq!(places(&found), vec![at("pattern:^import\\s+ctypes$", 2, 1)]);
}

#[test]
fn word_boundaries_are_ascii_unless_unicode_is_asked_for() {
    let config = |pattern: &str| {
        format!("[[patterns]]\npattern = '{pattern}'\ndescription = 'x'\nseverity = 'low'\n")
    };
    let source = "s = 'é' ; éos.system(1); _os.system(2); os.system(3)";
    let columns = |pattern: &str| -> Vec<Option<u32>> {
        code("python", source)
            .check(&config(pattern))
            .iter()
            .map(|f| f.column)
            .collect()
    };
    // `é` is not an ASCII word character: a boundary before `os`.
    assert_eq!(columns(r"\bos\.system\("), [Some(12), Some(41)]);
    assert_eq!(columns(r"(?u)\bos\.system\("), [Some(41)]);
    // A pattern with non-ASCII text keeps Unicode boundaries.
    assert_eq!(columns(r"\bé\b"), [Some(6)]);
}

// ---------------------------------------------------------------- modules

const MODULES: &str = r#"
[[restricted_modules]]
name = "os"
description = "Operating system access"
severity = "high"

[[restricted_modules]]
name = "child_process"
description = "Process execution"
severity = "high"
languages = ["javascript"]

[[restricted_modules]]
name = "sys/socket.h"
description = "Sockets"
severity = "medium"
"#;

#[test]
fn modules_match_themselves_and_what_is_inside_them() {
    let found = code("python", "import os.path as p\nimport osmnx\nimport os\n")
        .import("os.path", 1, 8)
        .import("osmnx", 2, 8)
        .import("os", 3, 8)
        .check(MODULES);
    assert_eq!(
        places(&found),
        vec![at("module:os", 1, 8), at("module:os", 3, 8)]
    );
    assert_eq!(
        found[0].description,
        "Operating system access (imports `os.path`)"
    );
    assert_eq!(found[0].severity, Severity::High);
}

#[test]
fn node_schemes_and_header_brackets_are_ignored() {
    let found = code("javascript", "const cp = require('node:child_process');")
        .import("node:child_process", 1, 21)
        .check(MODULES);
    assert_eq!(places(&found), vec![at("module:child_process", 1, 21)]);
    assert!(
        found[0]
            .description
            .ends_with("(imports `node:child_process`)")
    );

    let found = code("cpp", "#include <sys/socket.h>\n#include <sys/socket.hpp>")
        .import("sys/socket.h", 1, 11)
        .import("sys/socket.hpp", 2, 11)
        .check(MODULES);
    assert_eq!(places(&found), vec![at("module:sys/socket.h", 1, 11)]);

    // child_process is restricted for JavaScript only.
    let found = code("python", "")
        .import("child_process", 1, 1)
        .check(MODULES);
    assert!(found.is_empty());
}

#[test]
fn at_most_twenty_module_findings_per_rule() {
    let mut request = code("python", "");
    for line in 1..=30 {
        request = request.import("os", line, 1);
    }
    assert_eq!(request.check(MODULES).len(), 20);
}

// ---------------------------------------------------------------- packages

const PACKAGES: &str = r#"
[[restricted_packages]]
name = "python-dateutil"
description = "Dates"
severity = "low"

[[restricted_packages]]
name = "requests"
description = "HTTP client"
severity = "medium"

[[restricted_packages]]
name = "@evil/pkg"
description = "Known bad"
severity = "high"

[[restricted_packages]]
name = "lodash"
description = "Utilities"
severity = "low"
languages = ["javascript"]
"#;

fn package_rules(language: &'static str, specs: &[&'static str]) -> Vec<String> {
    let mut request = code(language, "");
    for spec in specs {
        request = request.package(spec);
    }
    request
        .check(PACKAGES)
        .into_iter()
        .map(|f| f.rule)
        .collect()
}

#[test]
fn package_names_are_normalised_before_comparing() {
    assert_eq!(
        package_rules(
            "python",
            &["Python_Dateutil==2.8", "python.dateutil", "dateutil"]
        ),
        ["package:python-dateutil", "package:python-dateutil"]
    );
    assert_eq!(
        package_rules(
            "python",
            &[
                "requests[socks]>=1",
                "REQUESTS",
                "requests-oauthlib",
                "requestsx==1"
            ]
        ),
        ["package:requests", "package:requests"]
    );
    assert_eq!(
        package_rules(
            "javascript",
            &["@evil/pkg@1.0", "@evil/pkg", "@evil/pkgs", "lodash@4"]
        ),
        ["package:@evil/pkg", "package:@evil/pkg", "package:lodash"]
    );
    assert_eq!(package_rules("python", &["lodash@4"]), Vec::<String>::new());
    let found = code("python", "").package("requests==2.0").check(PACKAGES);
    assert_eq!(places(&found), vec![nowhere("package:requests")]);
    assert_eq!(
        found[0].description,
        "HTTP client (installs `requests==2.0`)"
    );
}

// ---------------------------------------------------------------- together

#[test]
fn findings_come_in_source_order_with_packages_last() {
    let config = format!("{OS_SYSTEM}{MODULES}{PACKAGES}");
    let found = code("python", "import os\nos.system('x')\n")
        .import("os", 1, 8)
        .package("requests")
        .check(&config);
    assert_eq!(
        places(&found),
        vec![
            at("module:os", 1, 8),
            at("pattern:os\\.system\\s*\\(", 2, 1),
            nowhere("package:requests"),
        ]
    );
}

#[test]
fn findings_of_every_severity_are_returned() {
    let config = "severity_threshold = 'high'\n[[patterns]]\npattern = 'x'\ndescription = 'x'\n\
                  severity = 'safe'\n";
    let found = code("python", "x").check(config);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].severity, Severity::Safe);
}

#[test]
fn check_refuses_an_invalid_configuration_too() {
    let request = CheckRequest {
        language: "python".into(),
        code: String::new(),
        code_without_comments: String::new(),
        imports: Vec::new(),
        packages: Vec::new(),
    };
    assert!(Patterns::check("bogus = 1".into(), request).is_err());
}

#[test]
fn hostile_inputs_do_not_panic() {
    let config = format!(
        "{OS_SYSTEM}{MODULES}{PACKAGES}\n[[patterns]]\npattern = '(?s).'\ndescription = 'x'\n\
         severity = 'low'\n[[patterns]]\npattern = '\\b\\w+\\b'\ndescription = 'x'\n\
         severity = 'low'\n"
    );
    let weird = "\u{0}\u{feff}\r\n\r\u{2028}é\u{301}😀\u{10ffff}os.system(\n\n\n".repeat(3);
    for language in ["", "PYTHON", "python", "é"] {
        for text in ["", "\n", "é", weird.as_str()] {
            let mut request =
                code(language, text)
                    .import("", 0, 0)
                    .import("<>", u32::MAX, u32::MAX);
            for spec in ["", "@", "@@", "==", "[", "é@é", "@/", "/", "a/"] {
                request = request.package(spec);
            }
            request.check(&config);
        }
    }
    // Masked text shorter or longer than the code: positions stay in the masked text.
    let request = CheckRequest {
        language: "python".into(),
        code: "x".into(),
        code_without_comments: "é os.system(".into(),
        imports: Vec::new(),
        packages: Vec::new(),
    };
    let found = Patterns::check(OS_SYSTEM.into(), request).unwrap();
    assert_eq!(places(&found), vec![at("pattern:os\\.system\\s*\\(", 1, 3)]);
    for config in [
        "\u{0}",
        "[[",
        "patterns = [[[[[[[[[[",
        "a = \"\\u{0}\"",
        "é",
    ] {
        assert!(configure(config).is_err(), "{config:?}");
    }
}

#[test]
fn a_megabyte_on_one_line_is_linear() {
    // Many findings on one very long line: columns must not be recounted
    // from the start of the line for each.
    let config =
        format!("{OS_SYSTEM}\n[[patterns]]\npattern = 'é'\ndescription = 'x'\nseverity = 'low'\n");
    let line = "é os.system(1) ".repeat(70_000);
    let found = code("python", &line).check(&config);
    assert_eq!(found.len(), 40);
    assert_eq!(found[1].column, Some(3));
}

// ---------------------------------------------------------------- timing

/// Forty patterns typical of a Python policy (the llm-sandbox defaults and
/// more), two of them without literal text and with word boundaries.
const PYTHON_PATTERNS: [(&str, &str); 40] = [
    (r"\bos\.system\s*\(", "high"),
    (r"\bos\.popen\s*\(", "high"),
    (r"\bos\.exec[lv]p?e?\s*\(", "high"),
    (r"\bos\.spawn[lv]p?e?\s*\(", "high"),
    (r"\bos\.fork\s*\(", "high"),
    (r"\bos\.kill\s*\(", "high"),
    (
        r"\bsubprocess\.(run|call|Popen|check_output|check_call)\s*\(",
        "high",
    ),
    (r"\beval\s*\(", "medium"),
    (r"\bexec\s*\(", "medium"),
    (r"\bcompile\s*\(", "medium"),
    (r"\b__import__\s*\(", "medium"),
    (r"\bimportlib\.import_module\s*\(", "medium"),
    (r"\bgetattr\s*\([^)]*['\x22]__", "medium"),
    (r"\bglobals\s*\(\s*\)", "low"),
    (r"\blocals\s*\(\s*\)", "low"),
    (r"\bopen\s*\([^)]*['\x22][wa]\+?b?['\x22]", "low"),
    (r"\bshutil\.rmtree\s*\(", "high"),
    (r"\bos\.remove\s*\(", "medium"),
    (r"\bos\.unlink\s*\(", "medium"),
    (r"\bos\.rmdir\s*\(", "medium"),
    (r"\bos\.chmod\s*\(", "medium"),
    (r"\bos\.chown\s*\(", "medium"),
    (r"\bos\.environ\b", "low"),
    (r"\bos\.getenv\s*\(", "low"),
    (r"\bsocket\.socket\s*\(", "medium"),
    (r"\bsocket\.create_connection\s*\(", "medium"),
    (
        r"\brequests\.(get|post|put|delete|patch|head)\s*\(",
        "medium",
    ),
    (r"\burllib\.request\.urlopen\s*\(", "medium"),
    (r"\bhttp\.client\.HTTPS?Connection\s*\(", "medium"),
    (r"\bftplib\.FTP\s*\(", "medium"),
    (r"\bsmtplib\.SMTP\s*\(", "medium"),
    (r"\bpickle\.loads?\s*\(", "medium"),
    (r"\bmarshal\.loads?\s*\(", "medium"),
    (r"\byaml\.load\s*\(", "medium"),
    (r"\bctypes\.(CDLL|cdll|windll|WinDLL)\b", "high"),
    (r"\bsys\.modules\b", "low"),
    (
        r"(^|[^.\w])(eval|instance_eval|class_eval)\b|\bbinding\s*\.\s*eval\b",
        "medium",
    ),
    (r"\b[A-Z]{3}\d{3}\b", "low"),
    (r"\bbase64\.b64decode\s*\(", "low"),
    (
        r"(?i)\b(password|secret|api_key|token)\s*=\s*['\x22][^'\x22]{8,}['\x22]",
        "low",
    ),
];

/// About 1 MiB of ordinary Python: classes, comprehensions, strings with
/// non-ASCII text, and a few calls the patterns look for.
fn megabyte_of_python() -> String {
    let block = r#"
class Inventory:
    """Keeps track of items — prices in €, names in any language."""

    def __init__(self, items=None):
        self.items = dict(items or {})
        self.log = []

    def add(self, name: str, price: float, quantity: int = 1) -> None:
        if price < 0:
            raise ValueError(f"negative price for {name!r}: {price}")
        current = self.items.get(name, (0.0, 0))
        self.items[name] = (price, current[1] + quantity)
        self.log.append(("add", name, quantity))

    def total(self) -> float:
        return sum(price * quantity for price, quantity in self.items.values())

    def report(self):
        lines = [f"{name:<20} {price:>8.2f} × {quantity}" for name, (price, quantity) in sorted(self.items.items())]
        return "\n".join(lines) + f"\nTotal: {self.total():.2f} €"


def fibonacci(n):
    a, b = 0, 1
    result = []
    while len(result) < n:
        result.append(a)
        a, b = b, a + b
    return result


inventory = Inventory({"café": (2.5, 10), "naïve tea": (3.0, 4)})
inventory.add("crème brûlée", 4.75, 2)
print(inventory.report())
print(sum(x * x for x in fibonacci(30) if x % 2 == 0))
data = {k: v for k, v in zip("abcdef", range(6))}
"#;
    let mut text = String::with_capacity(1 << 20);
    let mut n = 0;
    while text.len() < (1 << 20) {
        text.push_str(block);
        n += 1;
        if n % 50 == 0 {
            text.push_str("os.system('echo hello')\nvalue = eval('1 + 2')\n");
        }
    }
    text
}

fn patterns_config() -> String {
    let mut config = String::from("severity_threshold = 'medium'\n");
    for (i, (pattern, severity)) in PYTHON_PATTERNS.iter().enumerate() {
        config.push_str(&format!(
            "\n[[patterns]]\npattern = '''{pattern}'''\ndescription = 'rule {i}'\n\
             severity = '{severity}'\nlanguages = ['python']\n"
        ));
    }
    config.push_str(MODULES);
    config.push_str(PACKAGES);
    config
}

#[test]
#[ignore = "timing: cargo test --release -p policy-patterns -- --ignored --nocapture"]
fn timing_one_megabyte_of_python_with_forty_patterns() {
    use std::time::{Duration, Instant};

    let config = patterns_config();
    let text = megabyte_of_python();
    let request = CheckRequest {
        language: "python".into(),
        code: text.clone(),
        code_without_comments: text.clone(),
        imports: vec![ImportedModule {
            module: "os".into(),
            line: 1,
            column: 8,
        }],
        packages: vec!["requests==2.0".into()],
    };
    // The minimum is the best estimate on a machine busy with other work.
    let mut configure_times = Vec::new();
    for _ in 0..5 {
        let start = Instant::now();
        configure(&config).unwrap();
        configure_times.push(start.elapsed());
    }
    configure_times.sort();
    let mut wall: Vec<Duration> = Vec::new();
    let mut found = Vec::new();
    for _ in 0..20 {
        let (config, request) = (config.clone(), request.clone());
        let start = Instant::now();
        found = Patterns::check(config, request).unwrap();
        wall.push(start.elapsed());
    }
    wall.sort();
    println!(
        "{} bytes, {} lines, {} patterns, {} findings",
        text.len(),
        text.lines().count(),
        PYTHON_PATTERNS.len(),
        found.len()
    );
    println!("configure (5 runs): min {:?}", configure_times[0]);
    println!(
        "check (20 runs): min {:?} median {:?} max {:?}",
        wall[0],
        wall[wall.len() / 2],
        wall[wall.len() - 1]
    );
    assert!(found.len() > 20);
    assert!(wall[0].as_millis() < 30, "{wall:?}");
}

/// About 1 MiB of pieces of the timing patterns, shuffled: many candidate
/// matches, and non-ASCII letters next to them (the regex engine's slow case).
fn megabyte_of_crafted_text() -> String {
    let pieces = [
        "getattr(",
        "open(",
        "'",
        "\"",
        "password",
        "token",
        "=",
        " ",
        "a",
        "é",
        "w",
        "__",
        "os.",
        "e",
        "system",
        "(",
        ")",
        "\n",
        "ab",
        "requests.",
        "ctypes.",
        "x",
        "CDLL",
        "Z",
        "9",
    ];
    let mut seed: u64 = 12345;
    let mut text = String::with_capacity(1 << 20);
    while text.len() < (1 << 20) {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        text.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
    }
    text
}

#[test]
#[ignore = "timing: cargo test --release -p policy-patterns -- --ignored --nocapture"]
fn timing_one_crafted_megabyte_with_forty_patterns() {
    use std::time::Instant;

    let config = patterns_config();
    let text = megabyte_of_crafted_text();
    let mut times = Vec::new();
    for _ in 0..5 {
        let request = code("python", &text);
        let start = Instant::now();
        let found = request.check(&config);
        times.push(start.elapsed());
        assert!(!found.is_empty());
    }
    times.sort();
    println!(
        "crafted 1 MiB: check (5 runs): min {:?} median {:?}",
        times[0], times[2]
    );
    assert!(times[0].as_millis() < 1000, "{times:?}");
}
