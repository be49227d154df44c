//! ImportedModule detection for Python that ignores comments and string literals.
//!
//! Works on the masked source (see `llm_sandbox_sdk::source`), tokenised into
//! identifiers and punctuation with logical-line handling (brackets and
//! backslash continuations), so `import a, \` + newline + `b` and
//! `if x: import os` are found, while `# import os` and `"import os"` are not.

use llm_sandbox_sdk::ImportedModule;
use llm_sandbox_sdk::source::{Syntax, is_ident_char, literal_calls, mask};

#[derive(Debug, PartialEq)]
enum Tok {
    Ident(String),
    Punct(char),
    /// End of a statement: a logical newline, `;`, or `:` outside brackets.
    End,
}

struct Token {
    tok: Tok,
    line: u32,
    /// 1-based character column.
    col: u32,
}

fn tokenize(masked: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut depth = 0u32;
    let (mut line, mut col) = (1u32, 0u32);
    let mut chars = masked.chars().peekable();
    let mut ident = String::new();
    let mut ident_pos = (0, 0);
    while let Some(c) = chars.next() {
        col += 1;
        if is_ident_char(c) {
            if ident.is_empty() {
                ident_pos = (line, col);
            }
            ident.push(c);
            continue;
        }
        if !ident.is_empty() {
            out.push(Token {
                tok: Tok::Ident(std::mem::take(&mut ident)),
                line: ident_pos.0,
                col: ident_pos.1,
            });
        }
        let tok = match c {
            '\n' => {
                line += 1;
                col = 0;
                (depth == 0).then_some(Tok::End)
            }
            '\\' if chars.peek() == Some(&'\n') => {
                chars.next();
                line += 1;
                col = 0;
                None
            }
            '(' | '[' | '{' => {
                depth += 1;
                Some(Tok::Punct(c))
            }
            ')' | ']' | '}' => {
                depth = depth.saturating_sub(1);
                Some(Tok::Punct(c))
            }
            ';' => Some(Tok::End),
            ':' if depth == 0 => Some(Tok::End),
            c if c.is_whitespace() => None,
            c => Some(Tok::Punct(c)),
        };
        if let Some(tok) = tok {
            out.push(Token { tok, line, col });
        }
    }
    if !ident.is_empty() {
        out.push(Token {
            tok: Tok::Ident(ident),
            line: ident_pos.0,
            col: ident_pos.1,
        });
    }
    out
}

fn ident(t: Option<&Token>) -> Option<&str> {
    match t.map(|t| &t.tok) {
        Some(Tok::Ident(s)) => Some(s),
        _ => None,
    }
}

/// Parse `a.b.c` starting at `i`; returns the name and the index after it.
fn dotted(toks: &[Token], mut i: usize) -> Option<(String, usize)> {
    let mut name = ident(toks.get(i))?.to_string();
    i += 1;
    while toks.get(i).map(|t| &t.tok) == Some(&Tok::Punct('.')) {
        let Some(part) = ident(toks.get(i + 1)) else {
            break;
        };
        name.push('.');
        name.push_str(part);
        i += 2;
    }
    Some((name, i))
}

/// The modules `code` imports, in source order.
pub fn scan(code: &str) -> Vec<ImportedModule> {
    // A byte-order mark is not code; Windows line endings are newlines.
    let code = code.strip_prefix('\u{feff}').unwrap_or(code);
    let normalized;
    let code = if code.contains('\r') {
        normalized = code.replace("\r\n", "\n").replace('\r', "\n");
        normalized.as_str()
    } else {
        code
    };
    let masked = mask(code, &Syntax::PYTHON);
    let toks = tokenize(masked.text());
    let mut found = Vec::new();
    let mut at_start = true;
    let mut i = 0;
    while i < toks.len() {
        let t = &toks[i];
        let start = at_start;
        at_start = t.tok == Tok::End;
        match ident(Some(t)) {
            Some("import") if start => {
                i += 1;
                while let Some((name, next)) = dotted(&toks, i) {
                    found.push(ImportedModule::new(name, toks[i].line, toks[i].col));
                    i = next;
                    if ident(toks.get(i)) == Some("as") {
                        i += 2;
                    }
                    if toks.get(i).map(|t| &t.tok) != Some(&Tok::Punct(',')) {
                        break;
                    }
                    i += 1;
                }
                continue;
            }
            Some("from") if start => {
                let (line, col) = toks.get(i + 1).map_or((t.line, t.col), |t| (t.line, t.col));
                let mut j = i + 1;
                let mut name = String::new();
                while toks.get(j).map(|t| &t.tok) == Some(&Tok::Punct('.')) {
                    name.push('.');
                    j += 1;
                }
                if let Some((module, next)) = dotted(&toks, j).filter(|(m, _)| m != "import") {
                    name.push_str(&module);
                    j = next;
                }
                if ident(toks.get(j)) == Some("import") && !name.is_empty() {
                    found.push(ImportedModule::new(name, line, col));
                }
                i = j + 1;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    // Dynamic imports of literal names count too: `__import__("os")`.
    let dynamic = literal_calls(&masked, &["__import__", "import_module"], &Syntax::PYTHON);
    found.extend(
        dynamic
            .into_iter()
            .filter(|c| {
                !c.argument.is_empty()
                    && c.argument.chars().all(|ch| is_ident_char(ch) || ch == '.')
            })
            .map(|c| ImportedModule::new(c.argument, c.line, c.column)),
    );
    found.sort_by_key(|i| (i.line, i.column));
    found
}

#[cfg(test)]
mod tests {
    use super::scan;

    fn modules(code: &str) -> Vec<String> {
        scan(code).into_iter().map(|i| i.module).collect()
    }

    #[test]
    fn finds_plain_dotted_aliased_and_listed_imports() {
        assert_eq!(
            modules("import os\nimport os.path as p, sys\nimport numpy as np"),
            ["os", "os.path", "sys", "numpy"]
        );
    }

    #[test]
    fn finds_from_imports_including_relative_and_parenthesised() {
        assert_eq!(
            modules(
                "from os import system\nfrom . import x\nfrom ..pkg.mod import (\n a,\n b)\nfrom subprocess import run"
            ),
            ["os", ".", "..pkg.mod", "subprocess"]
        );
    }

    #[test]
    fn ignores_comments_and_strings() {
        let code = "# import os\nx = 'import subprocess'\ns = \"\"\"\nimport socket\n\"\"\"\nprint('from os import system')";
        assert!(modules(code).is_empty(), "{:?}", modules(code));
    }

    #[test]
    fn finds_imports_in_nested_blocks_and_one_liners() {
        assert_eq!(
            modules(
                "def f():\n    import json\nif True: import re; import csv\ntry:\n  import yaml\nexcept ImportError: pass"
            ),
            ["json", "re", "csv", "yaml"]
        );
    }

    #[test]
    fn follows_backslash_continuations() {
        assert_eq!(modules("import os, \\\n  sys"), ["os", "sys"]);
    }

    #[test]
    fn finds_dynamic_imports_of_literal_names() {
        assert_eq!(
            modules(
                "m = __import__('os')\nimport importlib\nimportlib.import_module(\"subprocess\")\n__import__(name)"
            ),
            ["os", "importlib", "subprocess"]
        );
    }

    #[test]
    fn names_that_merely_contain_import_are_not_imports() {
        assert!(modules("important = 1\nreimport(x)\nx.import_thing = 2\nfromage = 3").is_empty());
    }

    #[test]
    fn reports_line_and_column() {
        let found = scan("x = 1\n  import   os");
        assert_eq!((found[0].line, found[0].column), (2, 12));
        let found = scan("y = __import__('os')");
        assert_eq!((found[0].line, found[0].column), (1, 17));
    }

    #[test]
    fn a_byte_order_mark_and_windows_line_endings_do_not_hide_imports() {
        assert_eq!(
            modules("\u{feff}import os\r\nimport a, \\\r\n b\r\n"),
            ["os", "a", "b"]
        );
    }

    #[test]
    fn dynamic_import_argument_may_be_on_the_next_line() {
        let found = scan("importlib.import_module(\n    'subprocess')");
        assert_eq!(found[0].module, "subprocess");
        assert_eq!((found[0].line, found[0].column), (2, 6));
    }

    #[test]
    fn hostile_input_does_not_panic() {
        for code in [
            "from",
            "import",
            "from .",
            "import ,",
            "__import__(",
            "__import__('",
            "\\",
            "é import ü",
            "from . import",
        ] {
            let _ = scan(code);
        }
    }
}
