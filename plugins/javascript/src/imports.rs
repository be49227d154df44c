//! Import detection for JavaScript, and whether code is an ES module.
//!
//! A small lexer turns the source into identifiers, punctuation, string
//! literals and opaque values. Comments, regular expression literals and the
//! text of template literals never produce tokens (code inside `${…}` does),
//! so `// require('x')`, `"import x from 'y'"` and `/require('x')/` are not
//! imports. A regular expression is told from a division by the token before
//! the `/`, as JavaScript parsers do.

use llm_sandbox_sdk::ImportedModule;
use llm_sandbox_sdk::source::is_ident_char;

/// How deeply template substitutions (`${ `…` }`) may nest before the rest
/// is skipped as text: bounds the recursion on hostile input.
const MAX_NESTING: u32 = 32;

/// How many tokens an `import … from` or `export … from` clause may span.
const MAX_CLAUSE: usize = 10_000;

/// Keywords after which a `/` starts a regular expression, not a division.
const KEYWORDS_BEFORE_EXPRESSION: [&str; 15] = [
    "return",
    "typeof",
    "instanceof",
    "in",
    "of",
    "new",
    "delete",
    "void",
    "throw",
    "case",
    "do",
    "else",
    "yield",
    "await",
    "extends",
];

/// Names only CommonJS code uses.
const COMMONJS_NAMES: [&str; 5] = ["require", "module", "exports", "__dirname", "__filename"];

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Ident(String),
    Punct(char),
    /// A string literal, or a template literal without substitutions: the
    /// text between the quotes, as written.
    Str(String),
    /// A number, a regular expression or a template with substitutions: an
    /// operand whose contents never matter.
    Value,
}

struct Token {
    tok: Tok,
    line: u32,
    /// 1-based character column (for `Str`, of the first character inside the quotes).
    col: u32,
}

struct Lexer {
    chars: Vec<char>,
    pos: usize,
    line: u32,
    col: u32,
    toks: Vec<Token>,
}

impl Lexer {
    fn peek(&self, ahead: usize) -> Option<char> {
        self.chars.get(self.pos + ahead).copied()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek(0)?;
        self.pos += 1;
        if c == '\n' {
            self.line = self.line.saturating_add(1);
            self.col = 1;
        } else {
            self.col = self.col.saturating_add(1);
        }
        Some(c)
    }

    fn push(&mut self, tok: Tok, line: u32, col: u32) {
        self.toks.push(Token { tok, line, col });
    }

    /// Whether a `/` here starts a regular expression.
    fn regex_allowed(&self) -> bool {
        match self.toks.last().map(|t| &t.tok) {
            None => true,
            Some(Tok::Punct(c)) => !matches!(c, ')' | ']'),
            Some(Tok::Ident(word)) => KEYWORDS_BEFORE_EXPRESSION.contains(&word.as_str()),
            Some(Tok::Str(_) | Tok::Value) => false,
        }
    }

    /// Lex code until the end, or (inside a template substitution, `depth > 0`)
    /// until the `}` that closes it, which is consumed.
    fn code(&mut self, depth: u32) {
        let mut braces = 0u32;
        while let Some(c) = self.peek(0) {
            let (line, col) = (self.line, self.col);
            match c {
                '/' if self.peek(1) == Some('/') => self.skip_line(),
                '/' if self.peek(1) == Some('*') => self.skip_block_comment(),
                '/' if self.regex_allowed() => {
                    self.skip_regex();
                    self.push(Tok::Value, line, col);
                }
                '"' | '\'' => {
                    let text = self.string(c);
                    self.push(Tok::Str(text), line, col.saturating_add(1));
                }
                '`' => self.template(depth, line, col),
                '{' => {
                    self.bump();
                    braces += 1;
                    self.push(Tok::Punct('{'), line, col);
                }
                '}' => {
                    self.bump();
                    if braces == 0 && depth > 0 {
                        return;
                    }
                    braces = braces.saturating_sub(1);
                    self.push(Tok::Punct('}'), line, col);
                }
                c if c.is_ascii_digit()
                    || (c == '.' && self.peek(1).is_some_and(|d| d.is_ascii_digit())) =>
                {
                    while self
                        .peek(0)
                        .is_some_and(|d| d.is_ascii_alphanumeric() || d == '_' || d == '.')
                    {
                        self.bump();
                    }
                    self.push(Tok::Value, line, col);
                }
                c if is_ident_char(c) || c == '$' => {
                    let mut word = String::new();
                    while let Some(d) = self.peek(0).filter(|d| is_ident_char(*d) || *d == '$') {
                        word.push(d);
                        self.bump();
                    }
                    self.push(Tok::Ident(word), line, col);
                }
                c if c.is_whitespace() => {
                    self.bump();
                }
                c => {
                    self.bump();
                    self.push(Tok::Punct(c), line, col);
                }
            }
        }
    }

    /// Skip to the end of the line (the newline stays).
    fn skip_line(&mut self) {
        while self.peek(0).is_some_and(|c| c != '\n') {
            self.bump();
        }
    }

    fn skip_block_comment(&mut self) {
        self.bump();
        self.bump();
        while let Some(c) = self.bump() {
            if c == '*' && self.peek(0) == Some('/') {
                self.bump();
                return;
            }
        }
    }

    /// Skip a regular expression literal and its flags. It cannot span lines.
    fn skip_regex(&mut self) {
        self.bump();
        let mut in_class = false;
        while let Some(c) = self.peek(0) {
            match c {
                '\n' => return,
                '\\' => {
                    self.bump();
                    if self.peek(0).is_some_and(|d| d != '\n') {
                        self.bump();
                    }
                    continue;
                }
                '[' => in_class = true,
                ']' => in_class = false,
                '/' if !in_class => {
                    self.bump();
                    while self.peek(0).is_some_and(is_ident_char) {
                        self.bump();
                    }
                    return;
                }
                _ => {}
            }
            self.bump();
        }
    }

    /// A `'…'` or `"…"` literal: its text as written. An unescaped newline
    /// ends an unterminated literal.
    fn string(&mut self, quote: char) -> String {
        self.bump();
        let mut text = String::new();
        while let Some(c) = self.peek(0) {
            match c {
                '\n' => break,
                '\\' => {
                    text.push(c);
                    self.bump();
                    if let Some(d) = self.bump() {
                        text.push(d);
                    }
                }
                c if c == quote => {
                    self.bump();
                    break;
                }
                c => {
                    text.push(c);
                    self.bump();
                }
            }
        }
        text
    }

    /// A template literal. Without substitutions it is a string; with them,
    /// an opaque value whose substitutions are lexed as code.
    fn template(&mut self, depth: u32, line: u32, col: u32) {
        self.bump();
        let index = self.toks.len();
        self.push(Tok::Value, line, col);
        let mut text = String::new();
        let mut substituted = false;
        while let Some(c) = self.peek(0) {
            match c {
                '\\' => {
                    text.push(c);
                    self.bump();
                    if let Some(d) = self.bump() {
                        text.push(d);
                    }
                }
                '`' => {
                    self.bump();
                    break;
                }
                '$' if self.peek(1) == Some('{') && depth < MAX_NESTING => {
                    self.bump();
                    self.bump();
                    substituted = true;
                    self.code(depth + 1);
                }
                c => {
                    text.push(c);
                    self.bump();
                }
            }
        }
        if substituted {
            // The template is one operand, whatever its substitutions ended with.
            let (line, col) = (self.line, self.col);
            self.push(Tok::Value, line, col);
        } else if let Some(token) = self.toks.get_mut(index) {
            token.tok = Tok::Str(text);
            token.col = col.saturating_add(1);
        }
    }
}

fn lex(code: &str) -> Vec<Token> {
    let mut lexer = Lexer {
        chars: code.chars().collect(),
        pos: 0,
        line: 1,
        col: 1,
        toks: Vec::new(),
    };
    // A hashbang line (`#!/usr/bin/env node`) is not code.
    if code.starts_with("#!") {
        lexer.skip_line();
    }
    lexer.code(0);
    lexer.toks
}

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

fn ident(t: Option<&Token>) -> Option<&str> {
    match t.map(|t| &t.tok) {
        Some(Tok::Ident(s)) => Some(s),
        _ => None,
    }
}

fn punct(t: Option<&Token>, c: char) -> bool {
    matches!(t.map(|t| &t.tok), Some(Tok::Punct(p)) if *p == c)
}

/// A string token: its text and position.
fn string(t: Option<&Token>) -> Option<(&str, u32, u32)> {
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
fn from_clause(toks: &[Token], start: usize) -> Option<ImportedModule> {
    for (j, t) in toks.iter().enumerate().skip(start).take(MAX_CLAUSE) {
        match &t.tok {
            Tok::Ident(word) if word == "from" => {
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
    let code = code.strip_prefix('\u{feff}').unwrap_or(code);
    let normalized;
    let code = if code.contains('\r') {
        normalized = code.replace("\r\n", "\n").replace('\r', "\n");
        normalized.as_str()
    } else {
        code
    };
    let toks = lex(code);
    let mut found = Vec::new();
    let (mut static_syntax, mut top_level_await, mut commonjs) = (false, false, false);
    let mut depth = 0u32;
    for (i, t) in toks.iter().enumerate() {
        let after_dot = i > 0 && punct(toks.get(i - 1), '.');
        let next = toks.get(i + 1);
        match &t.tok {
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
            Tok::Ident(word) if word == "require" => {
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
            Tok::Ident(word) if !after_dot && COMMONJS_NAMES.contains(&word.as_str()) => {
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
            let code = unit.repeat(200_000 / unit.len());
            let _ = analyze(&code);
        }
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
