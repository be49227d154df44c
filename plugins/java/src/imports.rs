//! Import detection for Java that ignores comments and string literals.
//!
//! Finds `import a.b.C;`, `import static a.b.C.m;` and `import a.b.*;` at the
//! top level of the file. The module is the imported name as written, without
//! `static` and `;` (`a.b.C`, `a.b.C.m`, `a.b.*`), at the position of its
//! first character. The tokens are read as they come (see [`crate::lexer`]):
//! the host scans before every run, and a 1 MiB program takes milliseconds.

use llm_sandbox_sdk::ImportedModule;

use crate::lexer::{Token, for_each_token, normalize, translate_unicode_escapes};

/// Where the reader of import declarations is.
enum State {
    /// Not in an import declaration.
    Code,
    /// After `import` (`static` may come).
    Import,
    /// After `import` or `import static`: the name comes.
    Name,
    /// In the name; `dot`: after a `.`, which belongs to it only if a word
    /// or `*` follows.
    Dotted { module: ImportedModule, dot: bool },
}

/// The modules `code` imports, in source order.
pub fn scan(code: &str) -> Vec<ImportedModule> {
    // javac reads the code with its Unicode escapes translated, so that
    // `/* \u002a/ import a.B; /* */` imports `a.B`. (Positions are then
    // those of the translated text.)
    let translated = translate_unicode_escapes(code);
    let code = normalize(translated.as_ref().map_or(code, |(t, _)| t.as_str()));
    let mut found = Vec::new();
    let mut state = State::Code;
    let mut depth = 0usize;
    // An import declaration starts a top-level statement.
    let mut starts_statement = true;
    for_each_token(&code, |t: Token<'_>| {
        state = match (std::mem::replace(&mut state, State::Code), t.word()) {
            (State::Import, Some("static")) => return state = State::Name,
            (State::Import | State::Name, Some(first)) => {
                let module = ImportedModule::new(first, t.line, t.col);
                return state = State::Dotted { module, dot: false };
            }
            (State::Dotted { module, dot: false }, _) if t.is('.') => {
                return state = State::Dotted { module, dot: true };
            }
            (
                State::Dotted {
                    mut module,
                    dot: true,
                },
                Some(part),
            ) => {
                module.module.push('.');
                module.module.push_str(part);
                return state = State::Dotted { module, dot: false };
            }
            (
                State::Dotted {
                    mut module,
                    dot: true,
                },
                None,
            ) if t.is('*') => {
                module.module.push_str(".*");
                found.push(module);
                return;
            }
            (State::Dotted { module, .. }, _) => {
                found.push(module);
                State::Code
            }
            (_, _) => State::Code,
        };
        // The token is not part of an import's name.
        if t.is('{') || t.is('(') {
            depth += 1;
        } else if t.is('}') || t.is(')') {
            depth = depth.saturating_sub(1);
        }
        if depth == 0 && starts_statement && t.word() == Some("import") {
            state = State::Import;
        }
        starts_statement = t.is(';');
    });
    if let State::Dotted { module, .. } = state {
        found.push(module);
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
    fn finds_single_type_static_and_wildcard_imports() {
        assert_eq!(
            modules(
                "package a.b;\n\nimport java.util.List;\nimport static java.lang.Math.max;\nimport java.io.*;\nimport static org.junit.Assert.*;\n\nclass X { }"
            ),
            [
                "java.util.List",
                "java.lang.Math.max",
                "java.io.*",
                "org.junit.Assert.*"
            ]
        );
    }

    #[test]
    fn ignores_comments_strings_and_text_blocks() {
        let code = "// import java.net.Socket;\n/* import java.io.File; */\n/**\n * import a.b;\n */\nclass X {\n  String s = \"import java.lang.Runtime;\";\n  String t = \"\"\"\n    ; import java.nio.file.Files;\n    \"\"\";\n}";
        assert!(modules(code).is_empty(), "{:?}", modules(code));
    }

    #[test]
    fn similarly_named_things_are_not_imports() {
        let code = "import java.util.Map;\nclass X {\n  int important = 1;\n  void imports() { }\n  Object importer;\n}";
        assert_eq!(modules(code), ["java.util.Map"]);
    }

    #[test]
    fn reports_line_and_column_of_the_name() {
        let found =
            scan("package p;\n  import   java.util.List;\nimport static java.lang.Math.abs;");
        assert_eq!((found[0].line, found[0].column), (2, 12));
        assert_eq!((found[1].line, found[1].column), (3, 15));
    }

    #[test]
    fn several_imports_on_one_line_and_names_split_by_spaces() {
        assert_eq!(modules("import a.B; import c . D ;"), ["a.B", "c.D"]);
    }

    #[test]
    fn byte_order_mark_and_windows_line_endings_do_not_hide_imports() {
        let found = scan("\u{feff}import a.B;\r\nimport c.D;\r\n");
        assert_eq!(found.len(), 2);
        assert_eq!(
            (found[1].module.as_str(), found[1].line, found[1].column),
            ("c.D", 2, 8)
        );
    }

    #[test]
    fn imports_hidden_by_unicode_escapes_are_found() {
        assert_eq!(
            modules(
                "/* \\u002a/ import java.net.Socket; /* */\n// \\u000aimport java.io.File;\nclass A {}"
            ),
            ["java.net.Socket", "java.io.File"]
        );
    }

    #[test]
    fn hostile_input_does_not_panic() {
        for code in [
            "import",
            "import static",
            "import a.",
            "import a.*.b;",
            "import ;",
            "\"import a.b;",
            "/* import a.b;",
            "import é.ü;",
            "'",
        ] {
            let _ = scan(code);
        }
        assert_eq!(modules("import é.ü;"), ["é.ü"]);
    }
}
