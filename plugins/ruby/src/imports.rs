//! Import detection for Ruby: `require`, `require_relative` and `load` of a
//! string literal.
//!
//! A small lexer turns the source into identifiers, punctuation, string
//! literals and opaque values. Comments (`#` and `=begin`/`=end`), heredoc
//! bodies, percent literals (`%w[…]`, `%q(…)`), regular expressions, symbols
//! and the data after `__END__` never produce identifiers, so
//! `# require 'x'`, `"require 'x'"` and `<<~RUBY` bodies are not imports.
//! Code inside `#{…}` is lexed as code. Where Ruby itself decides between a
//! literal and an operator by what came before (`/`, `%`, `<<`, `?`), the
//! lexer does the same from the previous token.

use llm_sandbox_sdk::ImportedModule;
use llm_sandbox_sdk::source::is_ident_char;

/// How deeply `#{…}` interpolations may nest before the rest of a literal
/// is skipped as text: bounds the recursion on hostile input.
const MAX_NESTING: u32 = 32;

/// The methods that load code.
const LOADERS: [&str; 3] = ["require", "require_relative", "load"];

/// Keywords after which an expression starts (so `/` starts a regular
/// expression, `%` a literal, `<<` a heredoc).
const KEYWORDS_BEFORE_EXPRESSION: [&str; 21] = [
    "and", "begin", "break", "case", "do", "else", "elsif", "ensure", "if", "in", "next", "not",
    "or", "rescue", "return", "then", "unless", "until", "when", "while", "yield",
];

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Ident(String),
    /// Punctuation; `::` is lexed as `.` (both put a receiver before a name).
    Punct(char),
    /// A string literal (`'…'`, `"…"`, `%q(…)`, `%Q(…)`, `%(…)`): its text as
    /// written, and whether it interpolates code (then it is not a fixed name).
    Str {
        text: String,
        interpolated: bool,
    },
    /// A hash key or keyword argument (`require:`).
    Label,
    /// Any other operand: numbers, symbols, variables, regular expressions,
    /// heredocs, word lists, commands.
    Value,
}

struct Token {
    tok: Tok,
    line: u32,
    /// 1-based character column (for `Str`, of the first character inside the delimiters).
    col: u32,
}

/// A heredoc whose body starts on the next line.
struct Heredoc {
    terminator: String,
    /// `<<~` and `<<-`: the terminator may be indented.
    indented: bool,
}

struct Lexer {
    chars: Vec<char>,
    pos: usize,
    line: u32,
    col: u32,
    toks: Vec<Token>,
    heredocs: Vec<Heredoc>,
}

/// What the previous token allows here.
#[derive(PartialEq)]
enum Before {
    /// An expression starts here: a literal is a literal.
    Expression,
    /// A method name followed by a space, with no space after: Ruby reads
    /// `puts /x/`, `p %w[a]` and `puts <<~EOS` as literal arguments.
    Argument,
    /// An operand: `/`, `%`, `<<` and `?` are operators.
    Operand,
}

fn closing(open: char) -> char {
    match open {
        '(' => ')',
        '[' => ']',
        '{' => '}',
        '<' => '>',
        other => other,
    }
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

    fn starts_with(&self, text: &str) -> bool {
        text.chars()
            .enumerate()
            .all(|(i, c)| self.peek(i) == Some(c))
    }

    /// Whether the line starting here is `word` followed by a blank or the end of the line.
    fn line_is_marker(&self, word: &str) -> bool {
        let n = word.chars().count();
        self.col == 1 && self.starts_with(word) && self.peek(n).is_none_or(|c| c.is_whitespace())
    }

    fn before(&self) -> Before {
        let space_before = self
            .pos
            .checked_sub(1)
            .and_then(|i| self.chars.get(i))
            .is_some_and(|c| c.is_whitespace());
        let space_after = self.peek(1).is_none_or(char::is_whitespace);
        match self.toks.last().map(|t| &t.tok) {
            None | Some(Tok::Label) => Before::Expression,
            Some(Tok::Punct(c)) if !matches!(c, ')' | ']' | '}') => Before::Expression,
            Some(Tok::Ident(word)) if KEYWORDS_BEFORE_EXPRESSION.contains(&word.as_str()) => {
                Before::Expression
            }
            Some(Tok::Ident(_)) if space_before && !space_after => Before::Argument,
            _ => Before::Operand,
        }
    }

    /// Lex code until the end, or (inside an interpolation, `depth > 0`)
    /// until the `}` that closes it, which is consumed.
    fn code(&mut self, depth: u32) {
        let mut braces = 0u32;
        while let Some(c) = self.peek(0) {
            if self.col == 1 && depth == 0 {
                if self.line_is_marker("=begin") {
                    self.skip_embedded_document();
                    continue;
                }
                if self.line_is_marker("__END__") {
                    // Everything after it is data (`DATA`), not code.
                    self.pos = self.chars.len();
                    return;
                }
            }
            let (line, col) = (self.line, self.col);
            match c {
                '#' => self.skip_line(),
                '\n' => {
                    self.bump();
                    self.skip_heredoc_bodies();
                }
                '"' | '`' => {
                    self.bump();
                    let (text, interpolated) = self.literal(c, c, true, depth);
                    let tok = if c == '"' {
                        Tok::Str { text, interpolated }
                    } else {
                        Tok::Value
                    };
                    self.push(tok, line, col.saturating_add(1));
                }
                '\'' => {
                    self.bump();
                    let (text, _) = self.literal('\'', '\'', false, depth);
                    self.push(
                        Tok::Str {
                            text,
                            interpolated: false,
                        },
                        line,
                        col.saturating_add(1),
                    );
                }
                '%' if self.percent_literal(depth) => {}
                '/' if self.regex(depth) => {}
                '<' if self.heredoc() => {}
                '?' if self.character_literal() => {}
                ':' => self.colon(depth),
                '$' => {
                    // Globals, including `$'`, `$"` and `$:` which are not quotes or symbols.
                    self.bump();
                    if self.peek(0).is_some_and(is_ident_char) {
                        self.skip_word();
                    } else {
                        if self.peek(0) == Some('-') {
                            self.bump();
                        }
                        if self.peek(0).is_some_and(|c| !c.is_whitespace()) {
                            self.bump();
                        }
                    }
                    self.push(Tok::Value, line, col);
                }
                '@' => {
                    while self.peek(0) == Some('@') {
                        self.bump();
                    }
                    self.skip_word();
                    self.push(Tok::Value, line, col);
                }
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
                c if c.is_ascii_digit() => {
                    while let Some(d) = self.peek(0) {
                        let decimal_point =
                            d == '.' && self.peek(1).is_some_and(|e| e.is_ascii_digit());
                        if !(d.is_ascii_alphanumeric() || d == '_' || decimal_point) {
                            break;
                        }
                        self.bump();
                    }
                    self.push(Tok::Value, line, col);
                }
                c if is_ident_char(c) => self.identifier(line, col),
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

    fn skip_word(&mut self) {
        while self.peek(0).is_some_and(is_ident_char) {
            self.bump();
        }
    }

    /// An identifier, a method name ending in `?` or `!`, or a label (`key:`).
    fn identifier(&mut self, line: u32, col: u32) {
        let mut word = String::new();
        while let Some(c) = self.peek(0).filter(|c| is_ident_char(*c)) {
            word.push(c);
            self.bump();
        }
        if matches!(self.peek(0), Some('?' | '!')) && self.peek(1) != Some('=') {
            // `empty?`, `save!`; but `a ?b :c` and `a != b` are operators.
            let c = self.peek(0).unwrap_or('?');
            if c == '!'
                || !self
                    .peek(1)
                    .is_some_and(|d| is_ident_char(d) || d == '\'' || d == '"')
            {
                self.bump();
                word.push(c);
            }
        }
        if self.peek(0) == Some(':') && self.peek(1) != Some(':') {
            self.bump();
            self.push(Tok::Label, line, col);
        } else {
            self.push(Tok::Ident(word), line, col);
        }
    }

    /// `::` (a receiver, lexed as `.`), a symbol (`:name`, `:"name"`), or a plain `:`.
    fn colon(&mut self, depth: u32) {
        let (line, col) = (self.line, self.col);
        self.bump();
        match self.peek(0) {
            Some(':') => {
                self.bump();
                self.push(Tok::Punct('.'), line, col);
            }
            Some(q @ ('"' | '\'')) => {
                self.bump();
                self.literal(q, q, q == '"', depth);
                self.push(Tok::Value, line, col);
            }
            Some(c) if is_ident_char(c) => {
                self.skip_word();
                if matches!(self.peek(0), Some('?' | '!' | '=')) {
                    self.bump();
                }
                self.push(Tok::Value, line, col);
            }
            _ => self.push(Tok::Punct(':'), line, col),
        }
    }

    /// Skip to the end of the line (the newline stays).
    fn skip_line(&mut self) {
        while self.peek(0).is_some_and(|c| c != '\n') {
            self.bump();
        }
    }

    /// Skip an `=begin` … `=end` comment, both lines included.
    fn skip_embedded_document(&mut self) {
        loop {
            self.skip_line();
            if self.bump().is_none() {
                return;
            }
            if self.line_is_marker("=end") {
                self.skip_line();
                return;
            }
        }
    }

    /// After a newline: skip the bodies of the heredocs started on the line before.
    fn skip_heredoc_bodies(&mut self) {
        for heredoc in std::mem::take(&mut self.heredocs) {
            while self.peek(0).is_some() {
                let mut line = String::new();
                while let Some(c) = self.peek(0).filter(|c| *c != '\n') {
                    line.push(c);
                    self.bump();
                }
                self.bump();
                let line = if heredoc.indented {
                    line.trim()
                } else {
                    line.trim_end()
                };
                if line == heredoc.terminator {
                    break;
                }
            }
        }
    }

    /// The body of a literal up to its closing delimiter (consumed), as
    /// written. Brackets nest (`%q(a (b) c)`); with `interpolates`, code in
    /// `#{…}` is lexed as code. Returns the text and whether it interpolated.
    fn literal(
        &mut self,
        open: char,
        close: char,
        interpolates: bool,
        depth: u32,
    ) -> (String, bool) {
        let mut text = String::new();
        let mut interpolated = false;
        let mut nesting = 0u32;
        while let Some(c) = self.peek(0) {
            if c == '\\' {
                text.push(c);
                self.bump();
                if let Some(d) = self.bump() {
                    text.push(d);
                }
                continue;
            }
            if c == close && nesting == 0 {
                self.bump();
                break;
            }
            if interpolates && c == '#' && self.peek(1) == Some('{') && depth < MAX_NESTING {
                self.bump();
                self.bump();
                interpolated = true;
                self.code(depth + 1);
                continue;
            }
            if open != close {
                if c == open {
                    nesting += 1;
                } else if c == close {
                    nesting -= 1;
                }
            }
            text.push(c);
            self.bump();
        }
        (text, interpolated)
    }

    /// `%q(…)`, `%Q[…]`, `%(…)`, `%w[…]`, `%i{…}`, `%r{…}`, `%x(…)`, `%s(…)`
    /// where a literal can start; returns whether one was lexed.
    fn percent_literal(&mut self, depth: u32) -> bool {
        let before = self.before();
        if before == Before::Operand {
            return false;
        }
        let (kind, delimiter_at) = match self.peek(1) {
            Some(k) if "qQwWiIrsx".contains(k) => (Some(k), 2),
            _ => (None, 1),
        };
        let Some(open) = self.peek(delimiter_at) else {
            return false;
        };
        if open.is_ascii_alphanumeric()
            || open.is_whitespace()
            || (before == Before::Argument && open == '=')
        {
            return false;
        }
        let (line, col) = (self.line, self.col);
        for _ in 0..=delimiter_at {
            self.bump();
        }
        let interpolates = !matches!(kind, Some('q' | 'w' | 'i' | 's'));
        let (text, interpolated) = self.literal(open, closing(open), interpolates, depth);
        let tok = match kind {
            None | Some('q' | 'Q') => Tok::Str { text, interpolated },
            _ => Tok::Value,
        };
        let content_col = col.saturating_add(u32::try_from(delimiter_at + 1).unwrap_or(0));
        self.push(tok, line, content_col);
        true
    }

    /// A regular expression where one can start; returns whether one was lexed.
    fn regex(&mut self, depth: u32) -> bool {
        let before = self.before();
        if before == Before::Operand {
            return false;
        }
        if before == Before::Argument {
            // `x /2` may be a division by a local variable: only a `/` closed
            // on the same line makes a regular expression here.
            let rest = self.chars.get(self.pos + 1..).unwrap_or_default();
            let closed = rest.iter().find(|c| matches!(c, '/' | '\n')) == Some(&'/');
            if self.peek(1) == Some('=') || !closed {
                return false;
            }
        }
        let (line, col) = (self.line, self.col);
        self.bump();
        self.literal('/', '/', true, depth);
        while self.peek(0).is_some_and(|c| c.is_ascii_alphabetic()) {
            self.bump();
        }
        self.push(Tok::Value, line, col);
        true
    }

    /// A heredoc start (`<<~EOS`, `<<-'EOS'`, `<<EOS`) where one can start;
    /// its body is skipped after the end of the line. Returns whether one was lexed.
    fn heredoc(&mut self) -> bool {
        if self.peek(1) != Some('<') {
            return false;
        }
        let before = self.before();
        let after_class =
            matches!(self.toks.last().map(|t| &t.tok), Some(Tok::Ident(w)) if w == "class");
        if before == Before::Operand || after_class {
            return false;
        }
        let mut i = 2;
        let indented = matches!(self.peek(i), Some('~' | '-'));
        if indented {
            i += 1;
        }
        let terminator: String = match self.peek(i) {
            Some(q @ ('\'' | '"' | '`')) => {
                let word: String = self
                    .chars
                    .iter()
                    .skip(self.pos + i + 1)
                    .take_while(|c| **c != q && **c != '\n')
                    .collect();
                if self.peek(i + 1 + word.chars().count()) != Some(q) {
                    return false;
                }
                i += word.chars().count() + 2;
                word
            }
            Some(c) if is_ident_char(c) && !c.is_ascii_digit() => {
                // `x <<y` pushes a variable; a bare heredoc after a method
                // name needs an upper-case terminator (`puts <<EOS`).
                if before == Before::Argument && !indented && !c.is_uppercase() {
                    return false;
                }
                let word: String = self
                    .chars
                    .iter()
                    .skip(self.pos + i)
                    .take_while(|c| is_ident_char(**c))
                    .collect();
                i += word.chars().count();
                word
            }
            _ => return false,
        };
        let (line, col) = (self.line, self.col);
        for _ in 0..i {
            self.bump();
        }
        self.heredocs.push(Heredoc {
            terminator,
            indented,
        });
        self.push(Tok::Value, line, col);
        true
    }

    /// A character literal (`?a`, `?\n`, `?'`) where one can start; returns whether one was lexed.
    fn character_literal(&mut self) -> bool {
        if self.before() == Before::Operand {
            return false;
        }
        let Some(c) = self.peek(1).filter(|c| !c.is_whitespace()) else {
            return false;
        };
        let len = if c == '\\' { 3 } else { 2 };
        if self.peek(len).is_some_and(is_ident_char) {
            return false;
        }
        let (line, col) = (self.line, self.col);
        for _ in 0..len {
            self.bump();
        }
        self.push(Tok::Value, line, col);
        true
    }
}

fn lex(code: &str) -> Vec<Token> {
    let mut lexer = Lexer {
        chars: code.chars().collect(),
        pos: 0,
        line: 1,
        col: 1,
        toks: Vec::new(),
        heredocs: Vec::new(),
    };
    lexer.code(0);
    lexer.toks
}

/// A string token that names a fixed file: its text and position.
fn fixed_string(t: Option<&Token>) -> Option<(&str, u32, u32)> {
    match t {
        Some(Token {
            tok: Tok::Str {
                text,
                interpolated: false,
            },
            line,
            col,
        }) if !text.is_empty() => Some((text, *line, *col)),
        _ => None,
    }
}

fn punct(t: Option<&Token>, c: char) -> bool {
    matches!(t.map(|t| &t.tok), Some(Tok::Punct(p)) if *p == c)
}

/// The files `code` requires or loads, in source order.
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
    let toks = lex(code);
    let mut found = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        let Tok::Ident(word) = &t.tok else {
            continue;
        };
        if !LOADERS.contains(&word.as_str()) {
            continue;
        }
        // `YAML.load "…"` is not an import, `Kernel.require "x"` is.
        let previous = i.checked_sub(1).and_then(|p| toks.get(p));
        if punct(previous, '.') {
            let receiver = i.checked_sub(2).and_then(|p| toks.get(p));
            if !matches!(receiver.map(|t| &t.tok), Some(Tok::Ident(r)) if r == "Kernel") {
                continue;
            }
        }
        if matches!(previous.map(|t| &t.tok), Some(Tok::Ident(d)) if d == "def") {
            continue;
        }
        let next = toks.get(i + 1);
        let module = if punct(next, '(') {
            // require("x"), require ( "x" )
            fixed_string(toks.get(i + 2)).filter(|_| punct(toks.get(i + 3), ')'))
        } else {
            // require "x": on the same line, and not the start of an expression.
            let after = toks
                .get(i + 2)
                .filter(|a| a.line == next.map_or(0, |n| n.line));
            fixed_string(next)
                .filter(|(_, line, _)| *line == t.line)
                .filter(|_| {
                    !matches!(
                        after.map(|a| &a.tok),
                        Some(Tok::Punct('+' | '.' | '%' | '*'))
                    )
                })
        };
        if let Some((module, line, col)) = module {
            found.push(ImportedModule::new(module, line, col));
        }
    }
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
    fn finds_require_in_every_quoting_and_calling_style() {
        assert_eq!(
            modules(
                "require 'json'\nrequire \"net/http\"\nrequire('set')\nrequire ( 'csv' )\nrequire %q(yaml)"
            ),
            ["json", "net/http", "set", "csv", "yaml"]
        );
    }

    #[test]
    fn reports_require_relative_and_load_as_written() {
        assert_eq!(
            modules(
                "require_relative 'lib/helper'\nrequire_relative \"../x\"\nload 'tasks.rb'\nKernel.require 'kern'"
            ),
            ["lib/helper", "../x", "tasks.rb", "kern"]
        );
    }

    #[test]
    fn ignores_comments_and_embedded_documents() {
        let code = "# require 'a'\nx = 1 # require 'b'\n=begin\nrequire 'c'\n=end\n  =begin\nrequire 'd'\n";
        assert_eq!(modules(code), ["d"]);
    }

    #[test]
    fn ignores_strings_heredocs_and_percent_literals() {
        let code = "s = \"require 'a'\"\nt = 'require \"b\"'\nu = <<~RUBY\n  require 'c'\nRUBY\nv = %q(require 'd')\nw = %w[require e]\nputs <<-EOS, <<'X'\n  require 'f'\n  EOS\nrequire 'g'\nX\nrequire 'h'";
        assert_eq!(modules(code), ["h"]);
    }

    #[test]
    fn ignores_regular_expressions_and_symbols_but_not_divisions() {
        let code = "r = /require 'a'/\ns = :require\nt = { require: 'b' }\nn = total / 2; require 'c'\nok = line =~ /\"/ ; require 'd'";
        assert_eq!(modules(code), ["c", "d"]);
    }

    #[test]
    fn code_inside_interpolation_counts() {
        assert_eq!(modules("x = \"#{require 'a'} require 'b'\""), ["a"]);
    }

    #[test]
    fn dynamic_and_similarly_named_calls_are_not_imports() {
        let code = "require name\nrequire \"lib/#{name}\"\nrequire 'a' + suffix\nYAML.load 'x: 1'\nJSON.load('{}')\nrequires 'b'\nmy_require 'c'\nrequire_all 'd'\nreload 'e'\ndef load(path) end\nrequire\n'f'";
        assert!(modules(code).is_empty(), "{:?}", modules(code));
    }

    #[test]
    fn global_variables_that_look_like_quotes_do_not_start_strings() {
        assert_eq!(modules("puts $'\nputs $\"\nrequire 'a'"), ["a"]);
        assert_eq!(modules("c = ?'\nrequire 'b'"), ["b"]);
    }

    #[test]
    fn finds_requires_in_blocks_conditions_and_after_semicolons() {
        let code = "begin\n  require 'a'\nrescue LoadError\nend\nrequire 'b' if x\nx = 1; require 'c'\n[1].each { require 'd' }";
        assert_eq!(modules(code), ["a", "b", "c", "d"]);
    }

    #[test]
    fn data_after_end_is_not_code() {
        assert_eq!(modules("require 'a'\n__END__\nrequire 'b'"), ["a"]);
    }

    #[test]
    fn reports_line_and_column_of_the_name() {
        let found = scan("x = 1\n  require   'json'\nrequire(\n  \"set\")\nrequire %q(yaml)");
        assert_eq!(
            found
                .iter()
                .map(|m| (m.module.as_str(), m.line, m.column))
                .collect::<Vec<_>>(),
            [("json", 2, 14), ("set", 4, 4), ("yaml", 5, 12)]
        );
    }

    #[test]
    fn unicode_before_a_require_counts_in_characters() {
        let found = scan("s = '世界'; require 'é'");
        assert_eq!((found[0].module.as_str(), found[0].column), ("é", 20));
    }

    #[test]
    fn a_byte_order_mark_and_windows_line_endings_do_not_hide_requires() {
        assert_eq!(
            modules("\u{feff}require 'a'\r\n=begin\r\nrequire 'x'\r\n=end\r\nrequire 'b'\r\n"),
            ["a", "b"]
        );
    }

    #[test]
    fn class_self_is_not_a_heredoc() {
        assert_eq!(
            modules("class << self\n  require 'a'\nend\narr <<x\nrequire 'b'"),
            ["a", "b"]
        );
    }

    #[test]
    fn a_typical_program_reports_its_requires_only() {
        let code = "# frozen_string_literal: true\nrequire 'json'\nrequire_relative 'lib/util'\n\nclass Report\n  def initialize(rows) = @rows = rows\n\n  def to_s\n    <<~TEXT\n      require 'not_an_import'\n      rows=#{@rows.size} pct=#{format('%.1f%%', 12.3)}\n    TEXT\n  end\nend\n\nputs Report.new([1, 2]).to_s if __FILE__ == $0\nwords = %w[require load]\nputs words.size / 2\n";
        let found = scan(code);
        assert_eq!(
            found
                .iter()
                .map(|m| (m.module.as_str(), m.line, m.column))
                .collect::<Vec<_>>(),
            [("json", 2, 10), ("lib/util", 3, 19)]
        );
    }

    #[test]
    fn large_hostile_inputs_are_scanned_in_linear_time() {
        for unit in [
            "x /x ",
            "<<'",
            "<<A ",
            "%q(",
            "require '",
            "\"#{",
            "?",
            "=begin\n",
            ":\"",
            "a ? b :c\n",
        ] {
            let code = unit.repeat(200_000 / unit.len());
            let _ = scan(&code);
        }
    }

    #[test]
    fn hostile_input_does_not_panic() {
        let deep = "\"#{".repeat(10_000);
        for code in [
            "",
            "require",
            "require(",
            "require '",
            "require \"#{",
            "=begin",
            "=begin\nnever closed",
            "<<~",
            "x = <<~'",
            "x = <<~EOS",
            "%",
            "%q",
            "%q(",
            "%w[",
            "?",
            "?\\",
            ":",
            ":\"",
            "$",
            "$-",
            "@",
            "/",
            "x = /unterminated",
            "}}}}",
            "\\",
            "é require ü",
            "\r\r\n\r",
            "__END__",
            deep.as_str(),
        ] {
            let _ = scan(code);
        }
    }
}
