//! Import detection for Go that ignores comments and string literals.
//!
//! The source is read as a stream of tokens over the spans of [`crate::lexer`]:
//! identifiers and punctuation from code, string literals (their contents as
//! written), nothing from comments. So `// import "os"` and
//! `"import \"os\""` are not imports, while `import "fmt"`, `import f "fmt"`,
//! `import _ "x"`, `import . "x"` and `import ( … )` blocks are. Tokens
//! borrow their text from the source and go straight into a small state
//! machine: the host scans before every run, and a 1 MiB program takes
//! milliseconds.

use llm_sandbox_sdk::ImportedModule;
use llm_sandbox_sdk::source::{CodeToken, Position, code_tokens, is_ident_char};

use crate::lexer::{Kind, normalize, spans};

#[derive(Debug, Clone, Copy, PartialEq)]
enum Tok<'a> {
    Ident(&'a str),
    Punct(char),
    /// A string literal: its contents, or `None` if it is not closed.
    Str(Option<&'a str>),
}

#[derive(Debug, Clone, Copy)]
struct Token<'a> {
    tok: Tok<'a>,
    line: u32,
    /// 1-based character column (for a string, of its first character after the quote).
    col: u32,
}

/// Whether `c` can be part of a name: `is_ident_char`, with ASCII first.
#[inline]
fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || (!c.is_ascii() && is_ident_char(c))
}

/// Give the tokens of `code` to `sink`, with 1-based lines and character
/// columns.
fn for_each_token<'a>(code: &'a str, mut sink: impl FnMut(Token<'a>)) {
    let bytes = code.as_bytes();
    let mut at = Position::START;
    for (kind, range) in spans(code) {
        match kind {
            Kind::Comment => at.advance(&bytes[range]),
            Kind::Literal { closed } => {
                let value = closed.then(|| &code[range.start + 1..range.end - 1]);
                sink(Token {
                    tok: Tok::Str(value),
                    line: at.line,
                    col: at.col.saturating_add(1),
                });
                at.advance(&bytes[range]);
            }
            Kind::Code => code_tokens(code, range, &mut at, is_name_char, |t, p| {
                let tok = match t {
                    CodeToken::Word(w) => Tok::Ident(w),
                    CodeToken::Punct(c) => Tok::Punct(c),
                };
                sink(Token {
                    tok,
                    line: p.line,
                    col: p.col,
                });
            }),
        }
    }
}

/// Where the reader of import declarations is.
#[derive(Clone, Copy, PartialEq)]
enum State {
    /// Not in an import declaration.
    Code,
    /// After `import`: a `(` opens a block of specs, else one spec comes.
    Import,
    /// Where an import spec starts (`"p"`, `name "p"`, `_ "p"`, `. "p"`):
    /// `named` after its name; `block` in a parenthesised block.
    Spec { named: bool, block: bool },
    /// In a parenthesised block, between specs.
    Block,
}

/// The packages `code` imports, in source order.
pub fn scan(code: &str) -> Vec<ImportedModule> {
    // A byte-order mark is not code; Windows line endings are newlines.
    let code = normalize(code);
    let mut found = Vec::new();
    let mut state = State::Code;
    for_each_token(&code, |t| {
        // Each token is read in one state, or handed on to the next.
        loop {
            state = match (state, t.tok) {
                (State::Code, Tok::Ident("import")) => State::Import,
                (State::Code, _) => State::Code,
                (State::Import, Tok::Punct('(')) => State::Block,
                (State::Import, _) => {
                    state = State::Spec {
                        named: false,
                        block: false,
                    };
                    continue;
                }
                (State::Spec { named, block }, tok) => {
                    let after = if block { State::Block } else { State::Code };
                    match tok {
                        Tok::Str(Some(path)) => {
                            if !path.is_empty() {
                                found.push(ImportedModule::new(path, t.line, t.col));
                            }
                            after
                        }
                        Tok::Ident(_) | Tok::Punct('.') if !named => {
                            State::Spec { named: true, block }
                        }
                        // Anything unexpected at the start of a spec in a
                        // block is skipped rather than stalled on.
                        _ if block && !named => State::Block,
                        _ => {
                            state = after;
                            continue;
                        }
                    }
                }
                (State::Block, Tok::Punct(')')) => State::Code,
                (State::Block, Tok::Punct(';')) => State::Block,
                (State::Block, _) => {
                    state = State::Spec {
                        named: false,
                        block: true,
                    };
                    continue;
                }
            };
            break;
        }
    });
    found
}

#[cfg(test)]
mod tests {
    use super::scan;

    fn modules(code: &str) -> Vec<String> {
        scan(code).into_iter().map(|i| i.module).collect()
    }

    #[test]
    fn finds_single_aliased_blank_and_dot_imports() {
        assert_eq!(
            modules(
                "package main\nimport \"fmt\"\nimport str \"strings\"\nimport _ \"embed\"\nimport . \"math\"\n"
            ),
            ["fmt", "strings", "embed", "math"]
        );
    }

    #[test]
    fn finds_every_spec_of_a_parenthesised_block() {
        let code = "package main\n\nimport (\n\t\"fmt\"\n\tstr \"strings\"\n\t_ \"github.com/lib/pq\"\n\t. \"math\"\n\t\"golang.org/x/text/language\"\n)\n";
        assert_eq!(
            modules(code),
            [
                "fmt",
                "strings",
                "github.com/lib/pq",
                "math",
                "golang.org/x/text/language"
            ]
        );
    }

    #[test]
    fn finds_blocks_on_one_line_and_raw_string_paths() {
        assert_eq!(
            modules("import (\"fmt\"; \"os\")\nimport `net/http`"),
            ["fmt", "os", "net/http"]
        );
    }

    #[test]
    fn ignores_comments_and_strings() {
        let code = "package main\n// import \"os\"\n/* import \"net\"\nimport \"syscall\" */\nimport (\n\t// \"os/exec\"\n\t\"fmt\" // \"unsafe\"\n)\nvar s = \"import \\\"os\\\"\"\nvar r = `\nimport \"plugin\"\n`\nfunc main() { fmt.Println(s, r) }\n";
        assert_eq!(modules(code), ["fmt"]);
    }

    #[test]
    fn comments_between_the_keyword_and_the_path_are_skipped() {
        assert_eq!(
            modules("import /* the */ f /* formatter */ \"fmt\"\nimport (/*a*/\"os\"/*b*/)"),
            ["fmt", "os"]
        );
    }

    #[test]
    fn names_that_merely_contain_import_are_not_imports() {
        assert!(modules("var important = \"fmt\"\nfunc reimport(x string) {}\nvar imports = []string{\"os\"}\nx.imported(\"y\")").is_empty());
    }

    #[test]
    fn reports_line_and_column_of_the_path() {
        let found =
            scan("package main\n\nimport (\n\t\"fmt\"\n\tstr \"strings\"\n)\nimport \"os\"");
        let at: Vec<(u32, u32)> = found.iter().map(|i| (i.line, i.column)).collect();
        assert_eq!(at, [(4, 3), (5, 7), (7, 9)]);
    }

    #[test]
    fn unicode_before_an_import_keeps_character_columns() {
        let found = scan("/* é ✓ 世界 */ import \"fmt\"");
        assert_eq!((found[0].line, found[0].column), (1, 22));
    }

    #[test]
    fn a_byte_order_mark_and_windows_line_endings_do_not_hide_imports() {
        assert_eq!(
            modules("\u{feff}package main\r\nimport (\r\n\t\"fmt\"\r\n\t\"os\"\r\n)\r\n"),
            ["fmt", "os"]
        );
    }

    #[test]
    fn unterminated_or_empty_paths_are_not_imports() {
        assert!(modules("import \"fmt").is_empty());
        assert!(modules("import \"\"").is_empty());
        assert!(modules("import \"fmt\nimport \"os\"").contains(&"os".to_string()));
    }

    #[test]
    fn large_hostile_input_is_scanned_in_linear_time() {
        let code = "import (\"a\" ".repeat(50_000) + &"/*".repeat(50_000);
        assert_eq!(scan(&code).len(), 50_000);
        let _ = scan(&"`\\".repeat(50_000));
        let _ = scan(&"import import import".repeat(50_000));
        let started = std::time::Instant::now();
        for unit in [
            "import ",
            "import (",
            "\"",
            "`",
            "/*",
            "//\n",
            "import x ",
            "é",
        ] {
            let _ = scan(&unit.repeat((2 << 20) / unit.len()));
        }
        // Generous for a debug build on a busy machine; quadratic time would take hours.
        assert!(started.elapsed().as_secs() < 60, "{:?}", started.elapsed());
    }

    #[test]
    fn hostile_input_does_not_panic() {
        for code in [
            "import",
            "import (",
            "import (\"fmt\"",
            "import _",
            "import .",
            "import \"",
            "import `",
            "import '",
            "import /*",
            "import //",
            "/",
            "\"\\",
            "`\\",
            "é import ü",
            "import ( ) ) (",
            "import ( x y z . _ ; \"a\" )",
            "\u{feff}",
            "\r\r\n",
        ] {
            let _ = scan(code);
        }
    }
}
