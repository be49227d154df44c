//! Package detection for R that ignores comments and string literals.
//!
//! The source is read as tokens over the spans of [`crate::lexer`]: names
//! and punctuation from code, string literals (or `` `backtick` `` names)
//! with their contents as written, nothing from comments. Found:
//! `library(x)`, `library("x")`, `require(x)`, `requireNamespace("x")`,
//! `loadNamespace("x")` and the namespace operators `pkg::fun` and
//! `pkg:::fun`; not found: a variable given with `character.only = TRUE`,
//! `# library(x)` or `"library(x)"`. Tokens borrow their text from the
//! source: the host scans before every run, and a 1 MiB program takes
//! milliseconds.

use llm_sandbox_sdk::ImportedModule;
use llm_sandbox_sdk::source::{CodeToken, Position, code_tokens, is_ident_char};

use crate::lexer::{Kind, normalize, spans};

/// Functions that load a package named by their first argument, and whether
/// a bare name (`library(x)`) names the package rather than a variable.
const LOADERS: [(&str, bool); 4] = [
    ("library", true),
    ("require", true),
    ("requireNamespace", false),
    ("loadNamespace", false),
];

/// Whether `c` can be part of a name (letters, digits, `_` and `.`), with ASCII first.
#[inline]
fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '.' || (!c.is_ascii() && is_ident_char(c))
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Tok<'a> {
    /// A name, bare or in backticks.
    Name(&'a str),
    Punct(char),
    /// A string literal: its contents, or `None` if it is not closed.
    Str(Option<&'a str>),
}

#[derive(Debug, Clone, Copy)]
struct Token<'a> {
    tok: Tok<'a>,
    line: u32,
    /// 1-based character column (for a quoted token, of its first character after the quote).
    col: u32,
}

/// The tokens of `code` outside comments, with 1-based lines and character
/// columns; they borrow their text from `code`.
fn tokenize(code: &str) -> Vec<Token<'_>> {
    let bytes = code.as_bytes();
    let mut out = Vec::new();
    let mut at = Position::START;
    for (kind, range) in spans(code) {
        match kind {
            Kind::Comment => at.advance(&bytes[range]),
            Kind::Literal { open, closed } => {
                let (line, col) = (
                    at.line,
                    at.col.saturating_add(u32::try_from(open).unwrap_or(0)),
                );
                at.advance(&bytes[range.clone()]);
                // A raw string closes with one byte less than it opens
                // (`r"-(` … `)-"`); a quote closes with a quote.
                let close = open.saturating_sub(1).max(1);
                let value = closed.then(|| &code[range.start + open..range.end - close]);
                let tok = match (bytes[range.start], value) {
                    // `` `a name` `` is a name, not a string.
                    (b'`', Some(name)) => Tok::Name(name),
                    _ => Tok::Str(value),
                };
                out.push(Token { tok, line, col });
            }
            Kind::Code => code_tokens(code, range, &mut at, is_name_char, |t, p| {
                let tok = match t {
                    CodeToken::Word(w) => Tok::Name(w),
                    CodeToken::Punct(c) => Tok::Punct(c),
                };
                out.push(Token {
                    tok,
                    line: p.line,
                    col: p.col,
                });
            }),
        }
    }
    out
}

/// Whether `name` could be a package name: it starts with a letter and has
/// only letters, digits and dots.
fn package_like(name: &str) -> bool {
    name.chars().next().is_some_and(char::is_alphabetic)
        && name.chars().all(|c| c.is_alphanumeric() || c == '.')
}

fn tok<'a>(toks: &[Token<'a>], i: usize) -> Option<Tok<'a>> {
    toks.get(i).map(|t| t.tok)
}

/// Whether `toks[i]` and `toks[i + 1]` are two colons written together.
fn double_colon(toks: &[Token<'_>], i: usize) -> bool {
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
fn namespace_operator(toks: &[Token<'_>], i: usize) -> Option<ImportedModule> {
    if !double_colon(toks, i) || (i > 0 && double_colon(toks, i - 1)) {
        return None;
    }
    let before = toks.get(i.checked_sub(1)?)?;
    match before.tok {
        Tok::Name(name) | Tok::Str(Some(name)) if package_like(name) => {
            Some(ImportedModule::new(name, before.line, before.col))
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
fn character_only(toks: &[Token<'_>], mut i: usize) -> bool {
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
                    && tok(toks, i + 1) == Some(Tok::Punct('='))
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
fn loader_call(toks: &[Token<'_>], i: usize) -> Option<ImportedModule> {
    let Some(Tok::Name(function)) = tok(toks, i) else {
        return None;
    };
    let (_, bare_is_package) = LOADERS.iter().find(|(f, _)| *f == function)?;
    // `obj$library(x)` is not the base function.
    if i > 0 && matches!(tok(toks, i - 1), Some(Tok::Punct('$' | '@'))) {
        return None;
    }
    if tok(toks, i + 1) != Some(Tok::Punct('(')) {
        return None;
    }
    let args = i + 2;
    let mut arg = args;
    if matches!(tok(toks, arg), Some(Tok::Name(n)) if n == "package")
        && tok(toks, arg + 1) == Some(Tok::Punct('='))
    {
        arg += 2;
    }
    if !matches!(tok(toks, arg + 1), Some(Tok::Punct(',' | ')'))) {
        return None;
    }
    let t = toks.get(arg)?;
    let name = match t.tok {
        Tok::Str(Some(name)) => name,
        Tok::Name(name) if *bare_is_package && !character_only(toks, args) => name,
        _ => return None,
    };
    package_like(name).then(|| ImportedModule::new(name, t.line, t.col))
}

/// The packages `code` uses, in source order.
pub fn scan(code: &str) -> Vec<ImportedModule> {
    // A byte-order mark is not code; Windows line endings are newlines.
    let code = normalize(code);
    let toks = tokenize(&code);
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
        let started = std::time::Instant::now();
        for unit in [
            "library(",
            "library(a, ",
            "r\"---",
            "r\"-(",
            "`",
            "#",
            "x::",
            "é",
            "r\"",
        ] {
            let _ = scan(&unit.repeat((2 << 20) / unit.len()));
        }
        // Generous for a debug build on a busy machine; quadratic time would take hours.
        assert!(started.elapsed().as_secs() < 60, "{:?}", started.elapsed());
    }

    #[test]
    fn raw_strings_with_any_number_of_dashes_hide_nothing() {
        // R reads `r"---(" # )---"` as one string: the `#` is in it, so the
        // call after it is code.
        assert_eq!(
            modules("x <- r\"---(\" # )---\"; library(evil)\ny <- r\"---[library(no)]---\""),
            ["evil"]
        );
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
