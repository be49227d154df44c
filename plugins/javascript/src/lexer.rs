//! A small JavaScript lexer: the one that import detection and comment
//! stripping both use, so they never disagree about what a comment is.
//!
//! It turns the source into identifiers, punctuation, string literals and
//! opaque values, and notes where the comments are. Comments, regular
//! expression literals and the text of template literals never produce
//! tokens (code inside `${…}` does), so `// require('x')`,
//! `"import x from 'y'"` and `/require('x')/` are not imports, and `//` in
//! `"//"` or in `/\/\//` is not a comment. A regular expression is told from
//! a division by the token before the `/`, as JavaScript parsers do.
//!
//! It works on bytes (every delimiter is ASCII, and UTF-8 never repeats an
//! ASCII byte inside a multi-byte character), and tokens borrow their text
//! from the source, so it is linear and fast.

use std::borrow::Cow;
use std::ops::Range;

use llm_sandbox_sdk::source::{self, LoneCr, find_any, is_ident_char};

/// A lone `\r` ends a line: it is a line terminator in JavaScript.
const LONE_CR: LoneCr = LoneCr::LineBreak;

/// How deeply template substitutions (`${ `…` }`) may nest before the rest
/// is skipped as text: bounds the recursion on hostile input.
const MAX_NESTING: u32 = 32;

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

/// A token.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Tok<'a> {
    Ident(&'a str),
    Punct(char),
    /// A string literal, or a template literal without substitutions: the
    /// text between the quotes, as written.
    Str(&'a str),
    /// A number, a regular expression or a template with substitutions: an
    /// operand whose contents never matter.
    Value,
}

/// A token and where it starts.
#[derive(Debug, Clone, Copy)]
pub struct Token<'a> {
    pub tok: Tok<'a>,
    pub line: u32,
    /// 1-based character column (for `Str`, of the first character inside the quotes).
    pub col: u32,
}

/// What the lexer found: the tokens (if asked for) and the comments.
pub struct Lexed<'a> {
    pub tokens: Vec<Token<'a>>,
    /// Byte ranges of the comments, in order (a hashbang line is one).
    pub comments: Vec<Range<usize>>,
}

/// Whether `c` can be part of a name: `is_ident_char` or `$`, with ASCII first.
#[inline]
fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '$' || (!c.is_ascii() && is_ident_char(c))
}

struct Lexer<'a> {
    code: &'a str,
    bytes: &'a [u8],
    pos: usize,
    line: u32,
    col: u32,
    /// The tokens; only the last one when they are not kept.
    toks: Vec<Token<'a>>,
    keep_tokens: bool,
    comments: Vec<Range<usize>>,
}

impl<'a> Lexer<'a> {
    fn peek(&self, ahead: usize) -> Option<u8> {
        self.bytes.get(self.pos + ahead).copied()
    }

    /// The character at the current position.
    #[inline]
    fn peek_char(&self) -> Option<char> {
        match *self.bytes.get(self.pos)? {
            b if b.is_ascii() => Some(char::from(b)),
            _ => self.code[self.pos..].chars().next(),
        }
    }

    /// Move one byte forward, keeping the line and the character column.
    #[inline]
    fn bump(&mut self) {
        let Some(&b) = self.bytes.get(self.pos) else {
            return;
        };
        self.pos += 1;
        if b == b'\n' {
            self.line = self.line.saturating_add(1);
            self.col = 1;
        } else if b & 0xC0 != 0x80 {
            self.col = self.col.saturating_add(1);
        }
    }

    /// Move one character forward.
    fn bump_char(&mut self) {
        self.bump();
        while self.peek(0).is_some_and(|b| b & 0xC0 == 0x80) {
            self.pos += 1;
        }
    }

    /// Move forward to byte `end`.
    fn advance_to(&mut self, end: usize) {
        let end = end.min(self.bytes.len());
        let text = &self.bytes[self.pos..end];
        let chars = |bytes: &[u8]| {
            let n = bytes.iter().filter(|b| (**b & 0xC0) != 0x80).count();
            u32::try_from(n).unwrap_or(u32::MAX)
        };
        match text.iter().rposition(|b| *b == b'\n') {
            Some(last) => {
                let newlines = text.iter().filter(|b| **b == b'\n').count();
                self.line = self
                    .line
                    .saturating_add(u32::try_from(newlines).unwrap_or(u32::MAX));
                self.col = 1u32.saturating_add(chars(&text[last + 1..]));
            }
            None => self.col = self.col.saturating_add(chars(text)),
        }
        self.pos = end;
    }

    /// Move forward to the next of `targets` (or the end).
    fn advance_to_next<const N: usize>(&mut self, targets: [u8; N]) {
        let end = self.pos + find_any(&self.bytes[self.pos..], targets);
        self.advance_to(end);
    }

    fn push(&mut self, tok: Tok<'a>, line: u32, col: u32) {
        if !self.keep_tokens {
            self.toks.clear();
        }
        self.toks.push(Token { tok, line, col });
    }

    /// Whether a `/` here starts a regular expression.
    fn regex_allowed(&self) -> bool {
        match self.toks.last().map(|t| t.tok) {
            None => true,
            Some(Tok::Punct(c)) => !matches!(c, ')' | ']'),
            Some(Tok::Ident(word)) => KEYWORDS_BEFORE_EXPRESSION.contains(&word),
            Some(Tok::Str(_) | Tok::Value) => false,
        }
    }

    /// Lex code until the end, or (inside a template substitution, `depth > 0`)
    /// until the `}` that closes it, which is consumed.
    fn code(&mut self, depth: u32) {
        let mut braces = 0u32;
        while let Some(b) = self.peek(0) {
            let (line, col) = (self.line, self.col);
            match b {
                b'/' if self.peek(1) == Some(b'/') => self.line_comment(),
                b'/' if self.peek(1) == Some(b'*') => self.block_comment(),
                b'/' if self.regex_allowed() => {
                    self.skip_regex();
                    self.push(Tok::Value, line, col);
                }
                b'"' | b'\'' => {
                    let text = self.string(b);
                    self.push(Tok::Str(text), line, col.saturating_add(1));
                }
                b'`' => self.template(depth, line, col),
                b'{' => {
                    self.bump();
                    braces += 1;
                    self.push(Tok::Punct('{'), line, col);
                }
                b'}' => {
                    self.bump();
                    if braces == 0 && depth > 0 {
                        return;
                    }
                    braces = braces.saturating_sub(1);
                    self.push(Tok::Punct('}'), line, col);
                }
                b' ' | b'\t' | b'\n' => self.bump(),
                b if b.is_ascii_digit()
                    || (b == b'.' && self.peek(1).is_some_and(|d| d.is_ascii_digit())) =>
                {
                    while self
                        .peek(0)
                        .is_some_and(|d| d.is_ascii_alphanumeric() || d == b'_' || d == b'.')
                    {
                        self.bump();
                    }
                    self.push(Tok::Value, line, col);
                }
                _ => {
                    let c = self.peek_char().unwrap_or(' ');
                    if is_name_char(c) {
                        let start = self.pos;
                        self.bump_char();
                        loop {
                            match self.peek(0) {
                                Some(b) if b.is_ascii_alphanumeric() || b == b'_' || b == b'$' => {
                                    self.pos += 1;
                                    self.col = self.col.saturating_add(1);
                                }
                                Some(b)
                                    if !b.is_ascii()
                                        && self.peek_char().is_some_and(is_name_char) =>
                                {
                                    self.bump_char();
                                }
                                _ => break,
                            }
                        }
                        let word = &self.code[start..self.pos];
                        self.push(Tok::Ident(word), line, col);
                    } else if c.is_whitespace() {
                        self.bump_char();
                    } else {
                        self.bump_char();
                        self.push(Tok::Punct(c), line, col);
                    }
                }
            }
        }
    }

    /// A comment to the end of the line (the newline stays).
    fn line_comment(&mut self) {
        let start = self.pos;
        self.advance_to_next([b'\n']);
        self.comments.push(start..self.pos);
    }

    fn block_comment(&mut self) {
        let start = self.pos;
        let mut i = start + 2;
        let end = loop {
            i += find_any(&self.bytes[i..], [b'*']);
            match self.bytes.get(i + 1) {
                None => break self.bytes.len(),
                Some(b'/') => break i + 2,
                Some(_) => i += 1,
            }
        };
        self.advance_to(end);
        self.comments.push(start..end);
    }

    /// Skip a regular expression literal and its flags. It cannot span lines.
    fn skip_regex(&mut self) {
        self.bump();
        let mut in_class = false;
        while let Some(b) = self.peek(0) {
            match b {
                b'\n' => return,
                b'\\' => {
                    self.bump();
                    if self.peek(0).is_some_and(|d| d != b'\n') {
                        self.bump_char();
                    }
                    continue;
                }
                b'[' => in_class = true,
                b']' => in_class = false,
                b'/' if !in_class => {
                    self.bump();
                    while self
                        .peek_char()
                        .is_some_and(|c| c != '$' && is_name_char(c))
                    {
                        self.bump_char();
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
    fn string(&mut self, quote: u8) -> &'a str {
        self.bump();
        let start = self.pos;
        loop {
            self.advance_to_next([quote, b'\\', b'\n']);
            match self.peek(0) {
                Some(b'\\') => {
                    self.bump();
                    self.bump_char();
                }
                Some(b) if b == quote => {
                    let text = &self.code[start..self.pos];
                    self.bump();
                    return text;
                }
                _ => return &self.code[start..self.pos],
            }
        }
    }

    /// A template literal. Without substitutions it is a string; with them,
    /// an opaque value whose substitutions are lexed as code.
    fn template(&mut self, depth: u32, line: u32, col: u32) {
        self.bump();
        self.push(Tok::Value, line, col);
        let index = self.toks.len() - 1;
        let start = self.pos;
        let mut end = self.bytes.len();
        let mut substituted = false;
        loop {
            self.advance_to_next([b'\\', b'`', b'$']);
            match self.peek(0) {
                None => break,
                Some(b'\\') => {
                    self.bump();
                    self.bump_char();
                }
                Some(b'`') => {
                    end = self.pos;
                    self.bump();
                    break;
                }
                _ if self.peek(1) == Some(b'{') && depth < MAX_NESTING => {
                    self.bump();
                    self.bump();
                    substituted = true;
                    self.code(depth + 1);
                }
                _ => self.bump(),
            }
        }
        if substituted {
            // The template is one operand, whatever its substitutions ended with.
            let (line, col) = (self.line, self.col);
            self.push(Tok::Value, line, col);
        } else if let Some(token) = self.toks.get_mut(index) {
            token.tok = Tok::Str(&self.code[start..end]);
            token.col = col.saturating_add(1);
        }
    }
}

/// Lex `code` (normalized: see [`normalize`]); with `keep_tokens`, keep
/// all the tokens, else only the comments.
pub fn lex(code: &str, keep_tokens: bool) -> Lexed<'_> {
    let mut lexer = Lexer {
        code,
        bytes: code.as_bytes(),
        pos: 0,
        line: 1,
        col: 1,
        toks: Vec::new(),
        keep_tokens,
        comments: Vec::new(),
    };
    // A hashbang line (`#!/usr/bin/env node`) is not code.
    if code.starts_with("#!") {
        lexer.line_comment();
    }
    lexer.code(0);
    if !keep_tokens {
        lexer.toks.clear();
    }
    Lexed {
        tokens: lexer.toks,
        comments: lexer.comments,
    }
}

/// `code` as the lexer reads it: without a byte-order mark, with `\r\n`
/// and a lone `\r` read as one newline (both are line terminators).
pub fn normalize(code: &str) -> Cow<'_, str> {
    source::normalize_line_breaks(code, LONE_CR)
}

/// `code` with every character of every comment replaced by a space, line
/// breaks kept; all else (literals, regular expressions, templates, a
/// byte-order mark) as it was.
pub fn strip_comments(code: &str) -> String {
    source::blank_comments(code, LONE_CR, |code, blank| {
        lex(code, false).comments.into_iter().for_each(blank);
    })
}

#[cfg(test)]
mod tests {
    use super::strip_comments;

    /// `code` with each of `comments` (in it) blanked.
    fn blanked(code: &str, comments: &[&str]) -> String {
        comments.iter().fold(code.to_string(), |code, comment| {
            let spaces: String = comment
                .chars()
                .map(|c| if c == '\n' { '\n' } else { ' ' })
                .collect();
            code.replacen(comment, &spaces, 1)
        })
    }

    #[test]
    fn comments_become_spaces_and_everything_else_stays() {
        let code = "#!/usr/bin/env node\nconst a = require('a'); // é require('b')\n/* x\n * y */ const s = \"//\" + '/*';\nconst r = /\\/\\//.test(s) ? `// ${s /* c */} //` : x / 2 / 3; // d\n";
        assert_eq!(
            strip_comments(code),
            blanked(
                code,
                &[
                    "#!/usr/bin/env node",
                    "// é require('b')",
                    "/* x\n * y */",
                    "/* c */",
                    "// d"
                ]
            )
        );
    }

    #[test]
    fn a_byte_order_mark_and_carriage_returns_are_kept() {
        assert_eq!(
            strip_comments("\u{feff}a // b\r\n/* c\r\nd */ e\r// f"),
            "\u{feff}a     \r\n    \r\n     e\r    "
        );
    }

    #[test]
    fn unterminated_comments_literals_and_regular_expressions_do_not_panic() {
        for code in [
            "/* never closed",
            "'never closed // x",
            "`${ // x",
            "/regex // x",
            "/[/",
            "\\",
            "é /* ü",
            "#!",
            "`${`${`${",
        ] {
            let stripped = strip_comments(code);
            assert_eq!(stripped.chars().count(), code.chars().count(), "{code:?}");
        }
    }

    #[test]
    fn large_hostile_inputs_are_stripped_in_linear_time() {
        let started = std::time::Instant::now();
        for unit in [
            "/*", "//\n", "/", "a / b ", "`${", "'", "\"\\", "`", "/[", "é/", "\r",
        ] {
            let code = unit.repeat((2 << 20) / unit.len());
            let stripped = strip_comments(&code);
            assert_eq!(stripped.chars().count(), code.chars().count(), "{unit:?}");
        }
        // Generous for a debug build on a busy machine; quadratic time would take hours.
        assert!(started.elapsed().as_secs() < 60, "{:?}", started.elapsed());
    }
}
