//! Import detection for Java that ignores comments and string literals.
//!
//! Finds `import a.b.C;`, `import static a.b.C.m;` and `import a.b.*;` at the
//! top level of the file. The module is the imported name as written, without
//! `static` and `;` (`a.b.C`, `a.b.C.m`, `a.b.*`), at the position of its
//! first character.

use llm_sandbox_sdk::ImportedModule;

use crate::lexer::{Token, tokenize};

/// The name after `import [static]` starting at `i`: dotted words, optionally
/// ending in `.*`. Returns the name and the index after it.
fn imported_name(toks: &[Token], mut i: usize) -> Option<(String, usize)> {
    let mut name = toks.get(i)?.word()?.to_string();
    i += 1;
    while toks.get(i).is_some_and(|t| t.is('.')) {
        match toks.get(i + 1) {
            Some(t) if t.is('*') => {
                name.push_str(".*");
                return Some((name, i + 2));
            }
            Some(t) => {
                let Some(part) = t.word() else { break };
                name.push('.');
                name.push_str(part);
                i += 2;
            }
            None => break,
        }
    }
    Some((name, i))
}

/// The modules `code` imports, in source order.
pub fn scan(code: &str) -> Vec<ImportedModule> {
    let toks = tokenize(code);
    let mut found = Vec::new();
    let mut depth = 0usize;
    for (i, t) in toks.iter().enumerate() {
        if t.is('{') || t.is('(') {
            depth += 1;
        } else if t.is('}') || t.is(')') {
            depth = depth.saturating_sub(1);
        }
        // An import declaration starts a top-level statement.
        let starts_statement = i == 0 || toks[i - 1].is(';');
        if depth != 0 || !starts_statement || t.word() != Some("import") {
            continue;
        }
        let mut j = i + 1;
        if toks.get(j).and_then(Token::word) == Some("static") {
            j += 1;
        }
        if let Some((name, _)) = imported_name(&toks, j) {
            found.push(ImportedModule::new(name, toks[j].line, toks[j].col));
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
