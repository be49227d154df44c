//! Import detection for JavaScript, and whether code is an ES module.
//!
//! Works on the tokens of [`crate::lexer`]: comments, regular expression
//! literals and the text of template literals never produce tokens (code
//! inside `${…}` does), so `// require('x')`, `"import x from 'y'"` and
//! `/require('x')/` are not imports.

use llm_sandbox_sdk::ImportedModule;

use crate::lexer::{Tok, Token, lex, normalize};

/// How many tokens an `import … from` or `export … from` clause may span.
const MAX_CLAUSE: usize = 10_000;

/// Names only CommonJS code uses.
const COMMONJS_NAMES: [&str; 5] = ["require", "module", "exports", "__dirname", "__filename"];

/// What the scanner found in a program.
#[derive(Debug, Default)]
pub struct Analysis {
    /// Imported modules, in source order.
    pub imports: Vec<ImportedModule>,
    /// Whether the code must run as an ES module: it has static `import` or
    /// `export` declarations or `import.meta`, or it awaits at the top level
    /// and uses none of CommonJS's names (`require`, `module`, `exports`,
    /// `__dirname`, `__filename`).
    pub es_module: bool,
}

fn ident<'a>(t: Option<&Token<'a>>) -> Option<&'a str> {
    match t.map(|t| t.tok) {
        Some(Tok::Ident(s)) => Some(s),
        _ => None,
    }
}

fn punct(t: Option<&Token<'_>>, c: char) -> bool {
    t.is_some_and(|t| t.tok == Tok::Punct(c))
}

/// A string token: its text and position.
fn string<'a>(t: Option<&Token<'a>>) -> Option<(&'a str, u32, u32)> {
    match t {
        Some(Token {
            tok: Tok::Str(s),
            line,
            col,
        }) => Some((s, *line, *col)),
        _ => None,
    }
}

/// The module of the `from "m"` that ends an import or export clause
/// starting at `start`, if the clause is one.
fn from_clause(toks: &[Token<'_>], start: usize) -> Option<ImportedModule> {
    for (j, t) in toks.iter().enumerate().skip(start).take(MAX_CLAUSE) {
        match t.tok {
            Tok::Ident("from") => {
                if let Some((module, line, col)) = string(toks.get(j + 1)) {
                    return Some(ImportedModule::new(module, line, col));
                }
            }
            Tok::Ident(word) if word == "import" || word == "export" => return None,
            Tok::Ident(_) | Tok::Str(_) => {}
            Tok::Punct(',' | '{' | '}' | '*') => {}
            _ => return None,
        }
    }
    None
}

/// The imports of `code` and whether it is an ES module.
pub fn analyze(code: &str) -> Analysis {
    // A byte-order mark is not code; Windows line endings are newlines.
    let code = normalize(code);
    let toks = lex(&code, true).tokens;
    let mut found = Vec::new();
    let (mut static_syntax, mut top_level_await, mut commonjs) = (false, false, false);
    let mut depth = 0u32;
    for (i, t) in toks.iter().enumerate() {
        let after_dot = i > 0 && punct(toks.get(i - 1), '.');
        let next = toks.get(i + 1);
        match t.tok {
            Tok::Punct('{') => depth += 1,
            Tok::Punct('}') => depth = depth.saturating_sub(1),
            Tok::Ident(word) if word == "import" && !after_dot => {
                if punct(next, '(') {
                    // import("m") or import("m", { with: … })
                    if let Some((module, line, col)) = string(toks.get(i + 2))
                        && (punct(toks.get(i + 3), ')') || punct(toks.get(i + 3), ','))
                    {
                        found.push(ImportedModule::new(module, line, col));
                    }
                } else if punct(next, '.') {
                    static_syntax |= ident(toks.get(i + 2)) == Some("meta");
                } else if let Some((module, line, col)) = string(next) {
                    static_syntax = true;
                    found.push(ImportedModule::new(module, line, col));
                } else if ident(next).is_some() || punct(next, '{') || punct(next, '*') {
                    static_syntax = true;
                    found.extend(from_clause(&toks, i + 1));
                }
            }
            Tok::Ident(word) if word == "export" && !after_dot => {
                if punct(next, '{') || punct(next, '*') {
                    static_syntax = true;
                    found.extend(from_clause(&toks, i + 1));
                } else if ident(next).is_some() {
                    static_syntax = true;
                }
            }
            Tok::Ident("require") => {
                let method_of_module =
                    after_dot && i >= 2 && ident(toks.get(i - 2)) == Some("module");
                if (!after_dot || method_of_module)
                    && punct(next, '(')
                    && let Some((module, line, col)) = string(toks.get(i + 2))
                    && (punct(toks.get(i + 3), ')') || punct(toks.get(i + 3), ','))
                {
                    found.push(ImportedModule::new(module, line, col));
                }
                commonjs |= !after_dot;
            }
            Tok::Ident(word) if word == "await" && !after_dot => {
                top_level_await |= depth == 0;
            }
            Tok::Ident(word) if !after_dot && COMMONJS_NAMES.contains(&word) => {
                commonjs = true;
            }
            _ => {}
        }
    }
    found.retain(|m| !m.module.is_empty());
    found.sort_by_key(|m| (m.line, m.column));
    Analysis {
        imports: found,
        es_module: static_syntax || (top_level_await && !commonjs),
    }
}

#[cfg(test)]
mod tests {
    use super::analyze;

    fn modules(code: &str) -> Vec<String> {
        analyze(code)
            .imports
            .into_iter()
            .map(|i| i.module)
            .collect()
    }

    fn is_module(code: &str) -> bool {
        analyze(code).es_module
    }

    #[test]
    fn finds_require_calls_with_the_module_as_written() {
        assert_eq!(
            modules(
                "const fs = require('fs');\nconst { join } = require(\"node:path\");\nconst fp = require('lodash/fp');"
            ),
            ["fs", "node:path", "lodash/fp"]
        );
    }

    #[test]
    fn finds_every_form_of_static_import() {
        let code = "import x from 'a';\nimport {b, c as d} from \"b\";\nimport * as m from 'c';\nimport 'd';\nimport e, { f } from 'e';\nimport {\n  g,\n  h,\n} from 'f';";
        assert_eq!(modules(code), ["a", "b", "c", "d", "e", "f"]);
    }

    #[test]
    fn finds_re_exports_but_not_plain_exports() {
        let code = "export * from 'a';\nexport * as ns from 'b';\nexport { x, y as z } from 'c';\nexport const from = 'd';\nexport { w };\nexport default 'e';";
        assert_eq!(modules(code), ["a", "b", "c"]);
    }

    #[test]
    fn finds_dynamic_imports_of_literal_names_only() {
        let code = "const m = await import('a');\nimport(`b`).then(f);\nimport(name);\nimport('c' + x);\nimport(`d${x}`);\nimport('e', { with: { type: 'json' } });";
        assert_eq!(modules(code), ["a", "b", "e"]);
    }

    #[test]
    fn ignores_comments_strings_templates_and_regular_expressions() {
        let code = "// require('a')\n/* import b from 'b' */\nconst s = \"require('c')\";\nconst t = `import d from 'd'`;\nconst r = /require\\('e'\\)/g;\nconst q = 'import(\"f\")';";
        assert!(modules(code).is_empty(), "{:?}", modules(code));
    }

    #[test]
    fn a_quote_inside_a_regular_expression_does_not_start_a_string() {
        let code = "const r = /\"/; const s = \"require('x')\";\nconst fs = require('fs');";
        assert_eq!(modules(code), ["fs"]);
        let code = "x = a.replace(/'/g, ''); const p = require('path');";
        assert_eq!(modules(code), ["path"]);
    }

    #[test]
    fn a_division_is_not_a_regular_expression() {
        let code =
            "const half = total / 2; const q = require('q'); const r = (a) / b / require('r');";
        assert_eq!(modules(code), ["q", "r"]);
    }

    #[test]
    fn code_inside_template_substitutions_counts() {
        let code =
            "const s = `${require('a')} and ${`${require(\"b\")}`} ${ {k: 1}.k } require('c')`;";
        assert_eq!(modules(code), ["a", "b"]);
    }

    #[test]
    fn similarly_named_things_are_not_imports() {
        let code = "requireAll('a');\nobj.require('b');\nmy_import('c');\nconst o = { import: 'd', require: 'e' };\nx.import('f');\nrequire.resolve('g');\nimporter('h');";
        assert!(modules(code).is_empty(), "{:?}", modules(code));
    }

    #[test]
    fn module_require_counts_as_require() {
        assert_eq!(modules("module.require('a')"), ["a"]);
    }

    #[test]
    fn reports_line_and_column_of_the_module_name() {
        let found =
            analyze("// header\n  const fs = require( 'fs' );\nimport x from\n   \"y\";").imports;
        assert_eq!(
            found
                .iter()
                .map(|m| (m.module.as_str(), m.line, m.column))
                .collect::<Vec<_>>(),
            [("fs", 2, 24), ("y", 4, 5)]
        );
    }

    #[test]
    fn unicode_before_an_import_counts_in_characters() {
        let found = analyze("const é = '世界'; const m = require('m');").imports;
        assert_eq!((found[0].line, found[0].column), (1, 36));
    }

    #[test]
    fn a_hashbang_a_byte_order_mark_and_windows_line_endings_are_handled() {
        let code = "\u{feff}#!/usr/bin/env node\r\nconst a = require('a');\r\nimport('b');\r\n";
        assert_eq!(modules(code), ["a", "b"]);
        assert_eq!(analyze(code).imports[1].line, 3);
    }

    #[test]
    fn static_imports_exports_and_import_meta_make_an_es_module() {
        assert!(is_module("import fs from 'fs';"));
        assert!(is_module("import 'side-effect';"));
        assert!(is_module("import { a } from 'a';"));
        assert!(is_module("export default function main() {}"));
        assert!(is_module("export const x = 1;"));
        assert!(is_module("export { x };"));
        assert!(is_module("console.log(import.meta.url);"));
    }

    #[test]
    fn commonjs_and_plain_scripts_are_not_es_modules() {
        assert!(!is_module(
            "const fs = require('fs');\nmodule.exports = {};"
        ));
        assert!(!is_module("console.log('hello');"));
        assert!(!is_module("const m = import('x');"));
        assert!(!is_module("// import x from 'x'\nconsole.log(1);"));
        assert!(!is_module("const s = 'export default 1';"));
        assert!(!is_module("const o = { import: 1, export: 2 };\no.import;"));
        assert!(!is_module("async function f() { await g(); }\nf();"));
        assert!(!is_module("class A { import() {} export() {} }"));
    }

    #[test]
    fn top_level_await_makes_an_es_module_unless_the_code_is_commonjs() {
        assert!(is_module(
            "const r = await fetch('https://x');\nconsole.log(r.status);"
        ));
        assert!(is_module("for await (const x of gen()) console.log(x);"));
        assert!(!is_module("const fs = require('fs');\nawait 1;"));
        assert!(!is_module(
            "async function main() {\n  await run();\n}\nmain();"
        ));
        assert!(!is_module("x.await;"));
    }

    #[test]
    fn a_typical_program_reports_its_imports_only() {
        let code = "#!/usr/bin/env node\n'use strict';\nconst fs = require('node:fs');\nconst { program } = require('commander');\n\n/**\n * Reads the input. Usage: require('x')\n */\nfunction parse(text) {\n  return text.split(/\\r?\\n/).filter((l) => l && !l.startsWith('#'));\n}\n\nconst render = (rows) => `rows: ${rows.length} ${rows.map((r) => `<${r}>`).join('')}`;\nconsole.log(render(parse(fs.readFileSync(0, 'utf8'))) + ' // import x from \"y\"');\n";
        let found = analyze(code);
        assert!(!found.es_module);
        assert_eq!(
            found
                .imports
                .iter()
                .map(|m| (m.module.as_str(), m.line, m.column))
                .collect::<Vec<_>>(),
            [("node:fs", 3, 21), ("commander", 4, 30)]
        );
    }

    #[test]
    fn large_hostile_inputs_are_scanned_in_linear_time() {
        let started = std::time::Instant::now();
        for unit in [
            "import ",
            "import a ",
            "export {a,",
            "`${",
            "/",
            "a / b ",
            "require(",
            "'",
            "{",
            "}",
        ] {
            let code = unit.repeat((2 << 20) / unit.len());
            let _ = analyze(&code);
        }
        // Generous for a debug build on a busy machine; quadratic time would take hours.
        assert!(started.elapsed().as_secs() < 60, "{:?}", started.elapsed());
    }

    #[test]
    fn hostile_input_does_not_panic() {
        let deep = "`${".repeat(10_000);
        let many = "import ".repeat(10_000);
        for code in [
            "",
            "require(",
            "require('",
            "import",
            "import(",
            "import x from",
            "export",
            "export {",
            "export * from",
            "'unterminated",
            "\"unterminated\\",
            "`unterminated ${",
            "`${`${`${",
            "/* never closed",
            "/unterminated regex",
            "/[/",
            "}}}}",
            "\\",
            "é import ü",
            "#!",
            "\r\r\n\r",
            deep.as_str(),
            many.as_str(),
        ] {
            let _ = analyze(code);
        }
    }
}
