//! Import detection for Go that ignores comments and string literals.
//!
//! The source is read as a stream of tokens (`llm_sandbox_sdk::tokens`):
//! identifiers and punctuation come from the code the mask kept,
//! and where the mask blanked out something that starts with a quote, the
//! token is that string literal, read from the original text. Comments are
//! skipped, so `// import "os"` and `"import \"os\""` are not imports, while
//! `import "fmt"`, `import f "fmt"`, `import _ "x"`, `import . "x"` and
//! `import ( … )` blocks are.

use llm_sandbox_sdk::ImportedModule;
use llm_sandbox_sdk::source::{Quote, Syntax, is_ident_char};
use llm_sandbox_sdk::tokens::{TokenKind, tokens};

/// Go: `//` and `/* */` comments; interpreted `"…"` strings and `'…'` runes
/// with escapes; raw `` `…` `` strings that span lines and have no escapes.
const GO: Syntax = Syntax {
    line_comments: &["//"],
    block_comments: &[("/*", "*/")],
    quotes: &[
        Quote::simple("\""),
        Quote::simple("'"),
        Quote {
            open: "`",
            close: "`",
            escapes: false,
            multiline: true,
        },
    ],
    string_prefixes: "",
};

#[derive(Debug, PartialEq)]
enum Tok {
    Ident(String),
    Punct(char),
    /// A string literal: its contents, or `None` if it is not closed.
    Str(Option<String>),
}

struct Token {
    tok: Tok,
    line: u32,
    /// 1-based character column (for a string, of its first character after the quote).
    col: u32,
}

fn tokenize(code: &str, syntax: &Syntax) -> Vec<Token> {
    tokens(code, syntax, is_ident_char)
        .into_iter()
        .map(|t| Token {
            tok: match t.kind {
                TokenKind::Name(name) => Tok::Ident(name),
                TokenKind::Punct(c) => Tok::Punct(c),
                TokenKind::Literal { value, .. } => Tok::Str(value),
            },
            line: t.line,
            col: t.column,
        })
        .collect()
}

/// The import spec starting at `toks[i]` (`"p"`, `name "p"`, `_ "p"`, `. "p"`):
/// the import found, if any, and the index after the spec.
fn spec(toks: &[Token], mut i: usize) -> (Option<ImportedModule>, usize) {
    if matches!(
        toks.get(i).map(|t| &t.tok),
        Some(Tok::Ident(_) | Tok::Punct('.'))
    ) {
        i += 1;
    }
    match toks.get(i) {
        Some(Token {
            tok: Tok::Str(Some(path)),
            line,
            col,
        }) => {
            let found = (!path.is_empty()).then(|| ImportedModule::new(path.clone(), *line, *col));
            (found, i + 1)
        }
        _ => (None, i),
    }
}

/// The packages `code` imports, in source order.
pub fn scan(code: &str) -> Vec<ImportedModule> {
    let code = code.strip_prefix('\u{feff}').unwrap_or(code);
    let normalized;
    let code = if code.contains('\r') {
        normalized = code.replace("\r\n", "\n").replace('\r', "\n");
        normalized.as_str()
    } else {
        code
    };
    let toks = tokenize(code, &GO);
    let mut found = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if toks[i].tok != Tok::Ident("import".into()) {
            i += 1;
            continue;
        }
        i += 1;
        if toks.get(i).map(|t| &t.tok) == Some(&Tok::Punct('(')) {
            i += 1;
            while let Some(t) = toks.get(i) {
                match t.tok {
                    Tok::Punct(')') => break,
                    Tok::Punct(';') => i += 1,
                    _ => {
                        let (import, next) = spec(&toks, i);
                        found.extend(import);
                        // Skip anything unexpected rather than stall.
                        i = next.max(i + 1);
                    }
                }
            }
        } else {
            let (import, next) = spec(&toks, i);
            found.extend(import);
            i = next;
        }
    }
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
