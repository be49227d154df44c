//! ImportedModule detection for Python that ignores comments and string literals.
//!
//! The code spans of the source (see [`crate::lexer`]: comments and string
//! literals are not code) are tokenised into identifiers and punctuation with
//! logical-line handling (brackets and backslash continuations), so
//! `import a, \` + newline + `b` and `if x: import os` are found, while
//! `# import os` and `"import os"` are not.
//!
//! The host scans before every run, so this is one pass over the bytes: the
//! tokens borrow their text from the source and go straight into a small
//! state machine that reads `import` and `from` statements; they are never
//! collected.

use llm_sandbox_sdk::ImportedModule;
use llm_sandbox_sdk::source::{Syntax, is_ident_char};

use crate::lexer::{Kind, normalize, spans};

/// Calls whose first argument, a string literal, names a module.
const DYNAMIC_IMPORTS: [&str; 2] = ["__import__", "import_module"];

/// How many lines after its call a dynamic import's argument may start on.
const ARGUMENT_LINES: u32 = 16;

#[derive(Debug, Clone, Copy, PartialEq)]
enum Tok<'a> {
    Ident(&'a str),
    Punct(char),
    /// End of a statement: a logical newline, `;`, or `:` outside brackets.
    End,
}

#[derive(Debug, Clone, Copy)]
struct Token<'a> {
    tok: Tok<'a>,
    line: u32,
    /// 1-based character column.
    col: u32,
    /// Byte offset in the (normalized) source.
    at: usize,
}

/// The character starting at byte `i`, which is not ASCII.
fn char_at(code: &str, i: usize) -> char {
    code[i..].chars().next().unwrap_or(' ')
}

/// Whether `c` can be part of a name: `is_ident_char`, with ASCII first.
#[inline]
fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || (!c.is_ascii() && is_ident_char(c))
}

/// How many characters `bytes` (whole UTF-8 characters) hold.
fn chars(bytes: &[u8]) -> u32 {
    let n = bytes.iter().filter(|b| (**b & 0xC0) != 0x80).count();
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Feed the tokens of the code spans of `code` to `sink`, with positions
/// counted over all of it.
fn tokenize<'a>(code: &'a str, mut sink: impl FnMut(Token<'a>)) {
    let bytes = code.as_bytes();
    let (mut line, mut col, mut depth) = (1u32, 0u32, 0u32);
    for (kind, range) in spans(code) {
        if kind != Kind::Code {
            // A comment or a literal is blank, but each newline in a literal
            // still ends a statement outside brackets (the scanner always
            // read it so).
            let mut from = range.start;
            while let Some(n) = bytes[from..range.end].iter().position(|b| *b == b'\n') {
                let at = from + n;
                col = col.saturating_add(chars(&bytes[from..at]) + 1);
                if depth == 0 {
                    let tok = Tok::End;
                    sink(Token { tok, line, col, at });
                }
                (line, col, from) = (line.saturating_add(1), 0, at + 1);
            }
            col = col.saturating_add(chars(&bytes[from..range.end]));
            continue;
        }
        let end = range.end;
        let mut i = range.start;
        while i < end {
            let (at, b) = (i, bytes[i]);
            col = col.saturating_add(1);
            let c = if b.is_ascii() {
                i += 1;
                char::from(b)
            } else {
                let c = char_at(code, i);
                i += c.len_utf8();
                c
            };
            let tok = match c {
                ' ' | '\t' => continue,
                c if is_name_char(c) => {
                    let start_col = col;
                    while i < end {
                        let c = match bytes[i] {
                            b if b.is_ascii() => char::from(b),
                            _ => char_at(code, i),
                        };
                        if !is_name_char(c) {
                            break;
                        }
                        i += c.len_utf8();
                        col = col.saturating_add(1);
                    }
                    let tok = Tok::Ident(&code[at..i]);
                    sink(Token {
                        tok,
                        line,
                        col: start_col,
                        at,
                    });
                    continue;
                }
                '\n' => {
                    if depth == 0 {
                        sink(Token {
                            tok: Tok::End,
                            line,
                            col,
                            at,
                        });
                    }
                    (line, col) = (line.saturating_add(1), 0);
                    continue;
                }
                '\\' if i < end && bytes[i] == b'\n' => {
                    i += 1;
                    (line, col) = (line.saturating_add(1), 0);
                    continue;
                }
                '(' | '[' | '{' => {
                    depth = depth.saturating_add(1);
                    Tok::Punct(c)
                }
                ')' | ']' | '}' => {
                    depth = depth.saturating_sub(1);
                    Tok::Punct(c)
                }
                ';' => Tok::End,
                ':' if depth == 0 => Tok::End,
                c if c.is_whitespace() => continue,
                c => Tok::Punct(c),
            };
            sink(Token { tok, line, col, at });
        }
    }
}

/// Where the statement reader is.
enum State {
    /// Anywhere else; `start`: the last token ended a statement.
    Normal { start: bool },
    /// After `import` or a `,` in an import statement: a dotted name may come.
    ImportName,
    /// In a dotted name of an import statement; `dot`: after a `.`.
    ImportDotted { module: ImportedModule, dot: bool },
    /// After `as` in an import statement: its name is skipped, whatever it is.
    ImportAlias,
    /// After an import's `as` name: a `,` continues the statement.
    ImportAliased,
    /// After `from` and any dots (`name`); `at`: where the module starts.
    FromDots {
        name: String,
        at: Option<(u32, u32)>,
    },
    /// After `from` [dots] `import`: the keyword, unless `.name` follows.
    FromKeyword { name: String, at: (u32, u32) },
    /// After `from` [dots] `import .`.
    FromKeywordDot { name: String, at: (u32, u32) },
    /// In the dotted module name of a `from` statement; `dot`: after a `.`.
    FromModule {
        name: String,
        at: (u32, u32),
        dot: bool,
    },
}

/// Reads `import a.b as c, d` and `from ..a.b import c` statements from the
/// tokens, one at a time, exactly as a parser with look-ahead would: a
/// statement starts after the end of another; `import` takes a list of dotted
/// names (each maybe `as` a name); `from` takes dots, then a dotted module
/// name, then the token `import`.
struct Statements {
    state: State,
    found: Vec<ImportedModule>,
}

impl Statements {
    fn new() -> Self {
        Statements {
            state: State::Normal { start: true },
            found: Vec::new(),
        }
    }

    /// The state after `t` where no statement is read any more.
    fn after(t: &Token<'_>) -> State {
        State::Normal {
            start: t.tok == Tok::End,
        }
    }

    fn push(&mut self, name: String, (line, col): (u32, u32)) {
        if !name.is_empty() {
            self.found.push(ImportedModule::new(name, line, col));
        }
    }

    fn feed(&mut self, t: Token<'_>) {
        let state = std::mem::replace(&mut self.state, State::Normal { start: false });
        self.state = match (state, t.tok) {
            (State::Normal { start: true }, Tok::Ident("import")) => State::ImportName,
            (State::Normal { start: true }, Tok::Ident("from")) => State::FromDots {
                name: String::new(),
                at: None,
            },
            (State::Normal { .. }, _) => Self::after(&t),

            (State::ImportName, Tok::Ident(first)) => State::ImportDotted {
                module: ImportedModule::new(first, t.line, t.col),
                dot: false,
            },
            (State::ImportName, _) => Self::after(&t),
            (State::ImportDotted { module, dot: false }, Tok::Punct('.')) => {
                State::ImportDotted { module, dot: true }
            }
            (
                State::ImportDotted {
                    mut module,
                    dot: true,
                },
                Tok::Ident(part),
            ) => {
                module.module.push('.');
                module.module.push_str(part);
                State::ImportDotted { module, dot: false }
            }
            (State::ImportDotted { module, dot }, tok) => {
                self.found.push(module);
                match tok {
                    // After `a.`, the `.` ended the statement's names.
                    _ if dot => Self::after(&t),
                    Tok::Ident("as") => State::ImportAlias,
                    Tok::Punct(',') => State::ImportName,
                    _ => Self::after(&t),
                }
            }
            (State::ImportAlias, _) => State::ImportAliased,
            (State::ImportAliased, Tok::Punct(',')) => State::ImportName,
            (State::ImportAliased, _) => Self::after(&t),

            (State::FromDots { mut name, at }, tok) => {
                let at = at.unwrap_or((t.line, t.col));
                match tok {
                    Tok::Punct('.') => {
                        name.push('.');
                        State::FromDots { name, at: Some(at) }
                    }
                    Tok::Ident("import") => State::FromKeyword { name, at },
                    Tok::Ident(first) => {
                        name.push_str(first);
                        State::FromModule {
                            name,
                            at,
                            dot: false,
                        }
                    }
                    // Whatever follows the dots is skipped.
                    _ => State::Normal { start: false },
                }
            }
            (State::FromKeyword { name, at }, Tok::Punct('.')) => {
                State::FromKeywordDot { name, at }
            }
            (State::FromKeyword { name, at }, _) => {
                self.push(name, at);
                Self::after(&t)
            }
            (State::FromKeywordDot { mut name, at }, Tok::Ident(part)) => {
                name.push_str("import.");
                name.push_str(part);
                State::FromModule {
                    name,
                    at,
                    dot: false,
                }
            }
            (State::FromKeywordDot { name, at }, _) => {
                // `from import.`: the module is not named `import`.
                self.push(name, at);
                Self::after(&t)
            }
            (
                State::FromModule {
                    name,
                    at,
                    dot: false,
                },
                Tok::Punct('.'),
            ) => State::FromModule {
                name,
                at,
                dot: true,
            },
            (
                State::FromModule {
                    mut name,
                    at,
                    dot: true,
                },
                Tok::Ident(part),
            ) => {
                name.push('.');
                name.push_str(part);
                State::FromModule {
                    name,
                    at,
                    dot: false,
                }
            }
            (State::FromModule { dot: true, .. }, _) => Self::after(&t),
            (State::FromModule { name, at, .. }, tok) => {
                // The token after the module is skipped: `import`, or the
                // statement is not one.
                if tok == Tok::Ident("import") {
                    self.push(name, at);
                }
                State::Normal { start: false }
            }
        };
    }

    /// The imports found, once the tokens ran out.
    fn finish(mut self) -> Vec<ImportedModule> {
        match std::mem::replace(&mut self.state, State::Normal { start: false }) {
            State::ImportDotted { module, .. } => self.found.push(module),
            State::FromKeyword { name, at } | State::FromKeywordDot { name, at } => {
                self.push(name, at)
            }
            _ => {}
        }
        self.found
    }
}

/// The module named by the string literal that is the first argument of the
/// call whose `(` is `open`: `__import__('os')`. The literal may start on
/// one of the [`ARGUMENT_LINES`] lines after the call's.
fn literal_argument(code: &str, open: &Token<'_>) -> Option<ImportedModule> {
    let (mut line, mut col) = (open.line, open.col);
    let after = open.at + 1;
    let mut rest = code[after..].char_indices();
    let (mut start, first) = loop {
        let (i, c) = rest.next()?;
        if c == '\n' {
            if line - open.line >= ARGUMENT_LINES {
                return None;
            }
            line = line.saturating_add(1);
            col = 0;
        } else if c.is_whitespace() {
            col = col.saturating_add(1);
        } else {
            break (after + i, c);
        }
    };
    col = col.saturating_add(1);
    // `r'os'`, `b"os"`: one prefix letter.
    if Syntax::PYTHON.string_prefixes.contains(first) {
        start += 1;
        col = col.saturating_add(1);
    }
    let module = literal_on_line(&code[start..])?;
    let name_like = !module.is_empty() && module.chars().all(|c| is_ident_char(c) || c == '.');
    name_like.then(|| ImportedModule::new(module, line, col.saturating_add(1)))
}

/// The contents of the string literal at the start of `text`, read as
/// `source::literal_at` reads one on a line: to its closing quote, or, not
/// closed on the line, to the end of the line less the length of a quote.
///
/// It stops at the end of the line without looking for it first: a call
/// may sit on a very long line, and the literal is short.
fn literal_on_line(text: &str) -> Option<&str> {
    let open = ["\"\"\"", "'''", "\"", "'"]
        .into_iter()
        .find(|q| text.starts_with(q))?;
    let (bytes, quote) = (text.as_bytes(), open.as_bytes());
    let mut i = open.len();
    let line_len = loop {
        match bytes.get(i) {
            None | Some(b'\n') => break i.min(bytes.len()),
            _ if bytes[i..].starts_with(quote) => return text.get(open.len()..i),
            Some(b'\\') if bytes.get(i + 1) == Some(&b'\n') => break i + 1,
            // The escaped byte is skipped; the rest of a multi-byte
            // character is never a quote or a newline.
            Some(b'\\') => i += 2,
            Some(_) => i += 1,
        }
    };
    text.get(open.len()..line_len.checked_sub(open.len())?)
}

/// The modules `code` imports, in source order.
pub fn scan(code: &str) -> Vec<ImportedModule> {
    // A byte-order mark is not code; Windows line endings are newlines.
    let code = normalize(code);
    let mut statements = Statements::new();
    // Dynamic imports of literal names count too: `__import__("os")`, the
    // `(` on the name's line.
    let mut dynamic = Vec::new();
    let mut call_line = None;
    tokenize(&code, |t| {
        match t.tok {
            Tok::Punct('(') if call_line == Some(t.line) => {
                dynamic.extend(literal_argument(&code, &t));
                call_line = None;
            }
            Tok::Ident(name) if DYNAMIC_IMPORTS.contains(&name) => call_line = Some(t.line),
            _ => call_line = None,
        }
        statements.feed(t);
    });
    let mut found = statements.finish();
    found.append(&mut dynamic);
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
            "from import.",
            "import a as",
            "import a.",
            "'''",
        ] {
            let _ = scan(code);
        }
    }

    #[test]
    fn the_module_after_from_may_start_with_the_word_import() {
        assert_eq!(
            modules("from import.x import y\nfrom . import z\nfrom .import_ import w"),
            ["import.x", ".", ".import_"]
        );
    }

    #[test]
    fn a_line_break_inside_a_string_ends_a_statement_as_it_always_did() {
        assert_eq!(modules("import \"\"\"\n\"\"\"os\nimport sys"), ["sys"]);
    }

    #[test]
    fn large_hostile_inputs_are_scanned_in_linear_time() {
        let started = std::time::Instant::now();
        for unit in [
            "import ",
            "import a.",
            "import a as ",
            "from . ",
            "from import.",
            "__import__(",
            "__import__(\n",
            "'",
            "\"\"\"",
            "#",
            "(",
            "\\\n",
            "é",
        ] {
            let code = unit.repeat((2 << 20) / unit.len());
            let _ = scan(&code);
        }
        // Generous for a debug build on a busy machine; quadratic time would take hours.
        assert!(started.elapsed().as_secs() < 60, "{:?}", started.elapsed());
    }
}
