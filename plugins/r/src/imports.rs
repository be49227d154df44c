//! Package detection for R that ignores comments and string literals.
//!
//! The source is read as a stream of tokens (`llm_sandbox_sdk::tokens`):
//! names and punctuation come from the code the mask kept, and
//! where the mask blanked out something that starts with a quote, the token
//! is that string literal (or `` `backtick` `` name), read from the original
//! text. Comments are skipped. Found: `library(x)`, `library("x")`,
//! `require(x)`, `requireNamespace("x")`, `loadNamespace("x")` and the
//! namespace operators `pkg::fun` and `pkg:::fun`; not found: a variable
//! given with `character.only = TRUE`, `# library(x)` or `"library(x)"`.

use llm_sandbox_sdk::ImportedModule;
use llm_sandbox_sdk::source::{Quote, Syntax, is_ident_char};
use llm_sandbox_sdk::tokens::{TokenKind, tokens};

/// A raw string `r"(…)"`: no escapes, may span lines.
macro_rules! raw {
    ($p:literal, $q:literal, $o:literal, $c:literal, $d:literal) => {
        Quote {
            open: concat!($p, $q, $d, $o),
            close: concat!($c, $d, $q),
            escapes: false,
            multiline: true,
        }
    };
}

/// Every raw string form with up to two dashes, then the ordinary literals.
macro_rules! quotes {
    ($(($p:literal, $q:literal)),*) => {
        [
            $(
                raw!($p, $q, "(", ")", ""),
                raw!($p, $q, "[", "]", ""),
                raw!($p, $q, "{", "}", ""),
                raw!($p, $q, "(", ")", "-"),
                raw!($p, $q, "[", "]", "-"),
                raw!($p, $q, "{", "}", "-"),
                raw!($p, $q, "(", ")", "--"),
                raw!($p, $q, "[", "]", "--"),
                raw!($p, $q, "{", "}", "--"),
            )*
            Quote::multiline("\""),
            Quote::multiline("'"),
            Quote::simple("`"),
        ]
    };
}

const QUOTES: [Quote; 39] = quotes!(("r", "\""), ("r", "'"), ("R", "\""), ("R", "'"));

/// R: `#` comments; `"…"` and `'…'` strings that may span lines; raw strings
/// `r"(…)"`, `R'[…]'`, `r"-{…}-"`; `` `non-syntactic names` ``.
const R: Syntax = Syntax {
    line_comments: &["#"],
    block_comments: &[],
    quotes: &QUOTES,
    string_prefixes: "",
};

/// Functions that load a package named by their first argument, and whether
/// a bare name (`library(x)`) names the package rather than a variable.
const LOADERS: [(&str, bool); 4] = [
    ("library", true),
    ("require", true),
    ("requireNamespace", false),
    ("loadNamespace", false),
];

fn is_name_char(c: char) -> bool {
    is_ident_char(c) || c == '.'
}

#[derive(Debug, PartialEq)]
enum Tok {
    /// A name, bare or in backticks.
    Name(String),
    Punct(char),
    /// A string literal: its contents, or `None` if it is not closed.
    Str(Option<String>),
}

struct Token {
    tok: Tok,
    line: u32,
    /// 1-based character column (for a quoted token, of its first character after the quote).
    col: u32,
}

fn tokenize(code: &str) -> Vec<Token> {
    tokens(code, &R, is_name_char)
        .into_iter()
        .map(|t| Token {
            tok: match t.kind {
                TokenKind::Name(name) => Tok::Name(name),
                TokenKind::Punct(c) => Tok::Punct(c),
                // `` `a name` `` is a name, not a string.
                TokenKind::Literal {
                    open: "`",
                    value: Some(name),
                } => Tok::Name(name),
                TokenKind::Literal { value, .. } => Tok::Str(value),
            },
            line: t.line,
            col: t.column,
        })
        .collect()
}

/// Whether `name` could be a package name: it starts with a letter and has
/// only letters, digits and dots.
fn package_like(name: &str) -> bool {
    name.chars().next().is_some_and(char::is_alphabetic)
        && name.chars().all(|c| c.is_alphanumeric() || c == '.')
}

fn tok(toks: &[Token], i: usize) -> Option<&Tok> {
    toks.get(i).map(|t| &t.tok)
}

/// Whether `toks[i]` and `toks[i + 1]` are two colons written together.
fn double_colon(toks: &[Token], i: usize) -> bool {
    match (toks.get(i), toks.get(i + 1)) {
        (Some(a), Some(b)) => {
            a.tok == Tok::Punct(':')
                && b.tok == Tok::Punct(':')
                && a.line == b.line
                && a.col + 1 == b.col
        }
        _ => false,
    }
}

/// `pkg` of `pkg::fun` / `pkg:::fun` when `toks[i]` starts the operator.
fn namespace_operator(toks: &[Token], i: usize) -> Option<ImportedModule> {
    if !double_colon(toks, i) || (i > 0 && double_colon(toks, i - 1)) {
        return None;
    }
    let before = toks.get(i.checked_sub(1)?)?;
    match &before.tok {
        Tok::Name(name) | Tok::Str(Some(name)) if package_like(name) => {
            Some(ImportedModule::new(name.clone(), before.line, before.col))
        }
        _ => None,
    }
}

/// How many tokens of a call's arguments are searched for `character.only`:
/// enough for any real call, and it keeps hostile input
/// (`library(a, library(a, …`) from costing quadratic time.
const ARGUMENT_TOKENS: usize = 256;

/// Whether the call whose arguments start at `toks[i]` passes
/// `character.only = TRUE` (or `T`).
fn character_only(toks: &[Token], mut i: usize) -> bool {
    let mut depth = 0u32;
    let end = i.saturating_add(ARGUMENT_TOKENS);
    while let Some(t) = tok(toks, i).filter(|_| i < end) {
        match t {
            Tok::Punct('(' | '[' | '{') => depth += 1,
            Tok::Punct(')' | ']' | '}') => match depth.checked_sub(1) {
                Some(d) => depth = d,
                None => return false,
            },
            Tok::Name(n)
                if depth == 0
                    && n == "character.only"
                    && tok(toks, i + 1) == Some(&Tok::Punct('='))
                    && matches!(tok(toks, i + 2), Some(Tok::Name(v)) if v == "TRUE" || v == "T") =>
            {
                return true;
            }
            _ => {}
        }
        i += 1;
    }
    false
}

/// The package loaded by `library(…)`-like call when `toks[i]` names the function.
fn loader_call(toks: &[Token], i: usize) -> Option<ImportedModule> {
    let Some(Tok::Name(function)) = tok(toks, i) else {
        return None;
    };
    let (_, bare_is_package) = LOADERS.iter().find(|(f, _)| f == function)?;
    // `obj$library(x)` is not the base function.
    if i > 0 && matches!(tok(toks, i - 1), Some(Tok::Punct('$' | '@'))) {
        return None;
    }
    if tok(toks, i + 1) != Some(&Tok::Punct('(')) {
        return None;
    }
    let args = i + 2;
    let mut arg = args;
    if matches!(tok(toks, arg), Some(Tok::Name(n)) if n == "package")
        && tok(toks, arg + 1) == Some(&Tok::Punct('='))
    {
        arg += 2;
    }
    if !matches!(tok(toks, arg + 1), Some(Tok::Punct(',' | ')'))) {
        return None;
    }
    let t = toks.get(arg)?;
    let name = match &t.tok {
        Tok::Str(Some(name)) => name,
        Tok::Name(name) if *bare_is_package && !character_only(toks, args) => name,
        _ => return None,
    };
    package_like(name).then(|| ImportedModule::new(name.clone(), t.line, t.col))
}

/// The packages `code` uses, in source order.
pub fn scan(code: &str) -> Vec<ImportedModule> {
    let code = code.strip_prefix('\u{feff}').unwrap_or(code);
    let normalized;
    let code = if code.contains('\r') {
        normalized = code.replace("\r\n", "\n").replace('\r', "\n");
        normalized.as_str()
    } else {
        code
    };
    let toks = tokenize(code);
    let mut found: Vec<ImportedModule> = (0..toks.len())
        .filter_map(|i| loader_call(&toks, i).or_else(|| namespace_operator(&toks, i)))
        .collect();
    found.sort_by_key(|m| (m.line, m.column));
    found
}

#[cfg(test)]
mod tests {
    use super::scan;

    fn modules(code: &str) -> Vec<String> {
        scan(code).into_iter().map(|i| i.module).collect()
    }

    #[test]
    fn finds_library_and_require_with_bare_or_quoted_names() {
        assert_eq!(
            modules(
                "library(ggplot2)\nlibrary(\"dplyr\")\nrequire(data.table)\nrequire('R6', quietly = TRUE)\nlibrary(package = jsonlite)"
            ),
            ["ggplot2", "dplyr", "data.table", "R6", "jsonlite"]
        );
    }

    #[test]
    fn finds_namespace_loads_of_quoted_names() {
        assert_eq!(
            modules(
                "if (!requireNamespace(\"httr\", quietly = TRUE)) stop()\nloadNamespace('xml2')"
            ),
            ["httr", "xml2"]
        );
    }

    #[test]
    fn finds_double_and_triple_colon_namespace_operators() {
        assert_eq!(
            modules(
                "x <- dplyr::filter(df, a > 1)\ny <- stats:::print.lm\nz <- data.table :: fread(f)"
            ),
            ["dplyr", "stats", "data.table"]
        );
    }

    #[test]
    fn finds_calls_nested_in_other_calls_and_on_one_line() {
        assert_eq!(
            modules("suppressPackageStartupMessages(library(tidyr)); base::library(purrr)"),
            ["tidyr", "base", "purrr"]
        );
    }

    #[test]
    fn ignores_comments_and_strings() {
        let code = "# library(evil)\nx <- \"library(net)\"\ny <- 'sys::call()'\ncat(\"pkg::fun\\n\") # utils::head\nz <- r\"(library(\"raw\"))\"\nmsg <- \"multi\nlibrary(line)\"\nlibrary(real)";
        assert_eq!(modules(code), ["real"]);
    }

    #[test]
    fn a_variable_with_character_only_or_in_namespace_loads_is_not_a_package() {
        assert_eq!(
            modules(
                "for (p in pkgs) library(p, character.only = TRUE)\nrequireNamespace(p)\nlibrary(\"ok\", character.only = TRUE)\nrequire(x, character.only=T)"
            ),
            ["ok"]
        );
    }

    #[test]
    fn similarly_named_functions_and_methods_are_not_loaders() {
        assert!(modules(
            "my.library(x)\nlibrary_path(y)\nobj$library(z)\nrequired(w)\nlibrary <- 3\nlibrary(help = \"stats\")\nlibrary()\nlibrary(pkgs[1])"
        )
        .is_empty());
    }

    #[test]
    fn ranges_and_formulas_are_not_namespace_operators() {
        assert!(
            modules("x <- 1:10\ny <- a : b\nz <- x[2:3]\nf <- y ~ a:b\nw <- c(1: :2)").is_empty()
        );
    }

    #[test]
    fn backtick_names_count_as_names() {
        assert_eq!(
            modules("library(`ggplot2`)\n`my var` <- 1\n`dplyr`::`%>%`"),
            ["ggplot2", "dplyr"]
        );
    }

    #[test]
    fn reports_line_and_column_of_the_name() {
        let found = scan("x <- 1\n  library(  dplyr )\nrequire(\"R6\")\nutils::head(x)");
        let at: Vec<(u32, u32)> = found.iter().map(|i| (i.line, i.column)).collect();
        assert_eq!(at, [(2, 13), (3, 10), (4, 1)]);
    }

    #[test]
    fn unicode_and_windows_line_endings_keep_positions() {
        let found =
            scan("\u{feff}x <- \"é ✓ 世界\"; library(jsonlite)\r\ny <- \"ü\"; stringr::str_c()");
        let at: Vec<(&str, u32, u32)> = found
            .iter()
            .map(|i| (i.module.as_str(), i.line, i.column))
            .collect();
        assert_eq!(at, [("jsonlite", 1, 24), ("stringr", 2, 11)]);
    }

    #[test]
    fn large_hostile_input_is_scanned_in_linear_time() {
        let code = "library(a, ".repeat(50_000) + &"x::".repeat(50_000) + "\"";
        assert_eq!(scan(&code).len(), 100_000);
        let _ = scan(&"r\"(".repeat(50_000));
        let _ = scan(&"'\\".repeat(50_000));
    }

    #[test]
    fn hostile_input_does_not_panic() {
        for code in [
            "library",
            "library(",
            "library(\"",
            "library('x",
            "library(`x",
            "::",
            ":::",
            "x::",
            "::y",
            "r\"(",
            "r\"-(never closed",
            "R'[",
            "\"\\",
            "#",
            "é library ü",
            "library(package =",
            "library(x, character.only =",
            ")))(((",
            "\u{feff}",
            "\r\r\n",
        ] {
            let _ = scan(code);
        }
    }
}
