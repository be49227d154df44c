//! A small Ruby lexer: the one that import detection and comment stripping
//! both use, so they never disagree about what a comment is.
//!
//! It turns the source into identifiers, punctuation, string literals and
//! opaque values, and notes where the comments are (`#` and
//! `=begin`/`=end`). Heredoc bodies, percent literals (`%w[…]`, `%q(…)`),
//! regular expressions, symbols and the data after `__END__` never produce
//! identifiers, so `# require 'x'`, `"require 'x'"` and `<<~RUBY` bodies are
//! not imports, and a `#` in them is not a comment. Code inside `#{…}` is
//! lexed as code. Where Ruby itself decides between a literal and an
//! operator by what came before (`/`, `%`, `<<`, `?`), the lexer does the
//! same from the previous token.
//!
//! It works on bytes (the delimiters that matter are ASCII, and UTF-8 never
//! repeats an ASCII byte inside a multi-byte character), and tokens borrow
//! their text from the source, so it is linear and fast.

use std::borrow::Cow;
use std::ops::Range;

use llm_sandbox_sdk::source::{self, LoneCr, find_any, is_ident_char};

/// A lone `\r` is no line break for Ruby (see [`normalize`]).
const LONE_CR: LoneCr = LoneCr::Kept;

/// How deeply `#{…}` interpolations may nest before the rest of a literal
/// is skipped as text: bounds the recursion on hostile input.
const MAX_NESTING: u32 = 32;

/// Keywords after which an expression starts (so `/` starts a regular
/// expression, `%` a literal, `<<` a heredoc).
const KEYWORDS_BEFORE_EXPRESSION: [&str; 21] = [
    "and", "begin", "break", "case", "do", "else", "elsif", "ensure", "if", "in", "next", "not",
    "or", "rescue", "return", "then", "unless", "until", "when", "while", "yield",
];

/// A token.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Tok<'a> {
    Ident(&'a str),
    /// Punctuation; `::` is lexed as `.` (both put a receiver before a name).
    Punct(char),
    /// A string literal (`'…'`, `"…"`, `%q(…)`, `%Q(…)`, `%(…)`): its text as
    /// written, and whether it interpolates code (then it is not a fixed name).
    Str {
        text: &'a str,
        interpolated: bool,
    },
    /// A hash key or keyword argument (`require:`).
    Label,
    /// Any other operand: numbers, symbols, variables, regular expressions,
    /// heredocs, word lists, commands.
    Value,
}

/// A token and where it starts.
#[derive(Debug, Clone, Copy)]
pub struct Token<'a> {
    pub tok: Tok<'a>,
    pub line: u32,
    /// 1-based character column (for `Str`, of the first character inside the delimiters).
    pub col: u32,
}

/// What the lexer found: the tokens (if asked for) and the comments.
pub struct Lexed<'a> {
    pub tokens: Vec<Token<'a>>,
    /// Byte ranges of the comments, in order.
    pub comments: Vec<Range<usize>>,
}

/// A heredoc whose body starts on the next line.
struct Heredoc<'a> {
    terminator: &'a str,
    /// `<<~` and `<<-`: the terminator may be indented.
    indented: bool,
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
    heredocs: Vec<Heredoc<'a>>,
    comments: Vec<Range<usize>>,
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

/// Whether `c` can be part of a name: `is_ident_char`, with ASCII first.
#[inline]
fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || (!c.is_ascii() && is_ident_char(c))
}

impl<'a> Lexer<'a> {
    /// The byte `ahead` bytes on.
    fn peek(&self, ahead: usize) -> Option<u8> {
        self.bytes.get(self.pos + ahead).copied()
    }

    /// The character starting `ahead` bytes on.
    #[inline]
    fn char_at(&self, ahead: usize) -> Option<char> {
        match *self.bytes.get(self.pos + ahead)? {
            b if b.is_ascii() => Some(char::from(b)),
            _ => self.code.get(self.pos + ahead..)?.chars().next(),
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

    /// Move forward to the end of the line (the newline stays).
    fn skip_line(&mut self) {
        let end = self.pos + find_any(&self.bytes[self.pos..], [b'\n']);
        let n = self.bytes[self.pos..end]
            .iter()
            .filter(|b| (**b & 0xC0) != 0x80)
            .count();
        self.col = self
            .col
            .saturating_add(u32::try_from(n).unwrap_or(u32::MAX));
        self.pos = end;
    }

    fn push(&mut self, tok: Tok<'a>, line: u32, col: u32) {
        if !self.keep_tokens {
            self.toks.clear();
        }
        self.toks.push(Token { tok, line, col });
    }

    fn last(&self) -> Option<Tok<'a>> {
        self.toks.last().map(|t| t.tok)
    }

    /// Whether the line starting here is `word` followed by a blank or the end of the line.
    fn line_is_marker(&self, word: &str) -> bool {
        self.col == 1
            && self.bytes[self.pos..].starts_with(word.as_bytes())
            && self.char_at(word.len()).is_none_or(char::is_whitespace)
    }

    fn before(&self) -> Before {
        let space_before = self.code[..self.pos]
            .chars()
            .next_back()
            .is_some_and(char::is_whitespace);
        // The current character is ASCII (`/`, `%`, `<`, `?`).
        let space_after = self.char_at(1).is_none_or(char::is_whitespace);
        match self.last() {
            None | Some(Tok::Label) => Before::Expression,
            Some(Tok::Punct(c)) if !matches!(c, ')' | ']' | '}') => Before::Expression,
            Some(Tok::Ident(word)) if KEYWORDS_BEFORE_EXPRESSION.contains(&word) => {
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
        while let Some(b) = self.peek(0) {
            if self.col == 1 && depth == 0 && matches!(b, b'=' | b'_') {
                if self.line_is_marker("=begin") {
                    self.skip_embedded_document();
                    continue;
                }
                if self.line_is_marker("__END__") {
                    // Everything after it is data (`DATA`), not code.
                    self.pos = self.bytes.len();
                    return;
                }
            }
            let (line, col) = (self.line, self.col);
            match b {
                b'#' => {
                    let start = self.pos;
                    self.skip_line();
                    self.comments.push(start..self.pos);
                }
                b'\n' => {
                    self.bump();
                    self.skip_heredoc_bodies();
                }
                b' ' | b'\t' => self.bump(),
                b'"' | b'`' => {
                    self.bump();
                    let c = char::from(b);
                    let (text, interpolated) = self.literal(c, c, true, depth);
                    let tok = if b == b'"' {
                        Tok::Str { text, interpolated }
                    } else {
                        Tok::Value
                    };
                    self.push(tok, line, col.saturating_add(1));
                }
                b'\'' => {
                    self.bump();
                    let (text, _) = self.literal('\'', '\'', false, depth);
                    let interpolated = false;
                    self.push(Tok::Str { text, interpolated }, line, col.saturating_add(1));
                }
                b'%' if self.percent_literal(depth) => {}
                b'/' if self.regex(depth) => {}
                b'<' if self.heredoc() => {}
                b'?' if self.character_literal() => {}
                b':' => self.colon(depth),
                b'$' => {
                    // Globals, including `$'`, `$"` and `$:` which are not quotes or symbols.
                    self.bump();
                    if self.char_at(0).is_some_and(is_name_char) {
                        self.skip_word();
                    } else {
                        if self.peek(0) == Some(b'-') {
                            self.bump();
                        }
                        if self.char_at(0).is_some_and(|c| !c.is_whitespace()) {
                            self.bump_char();
                        }
                    }
                    self.push(Tok::Value, line, col);
                }
                b'@' => {
                    while self.peek(0) == Some(b'@') {
                        self.bump();
                    }
                    self.skip_word();
                    self.push(Tok::Value, line, col);
                }
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
                b if b.is_ascii_digit() => {
                    while let Some(d) = self.peek(0) {
                        let decimal_point =
                            d == b'.' && self.peek(1).is_some_and(|e| e.is_ascii_digit());
                        if !(d.is_ascii_alphanumeric() || d == b'_' || decimal_point) {
                            break;
                        }
                        self.bump();
                    }
                    self.push(Tok::Value, line, col);
                }
                _ => {
                    let c = self.char_at(0).unwrap_or(' ');
                    if is_name_char(c) {
                        self.identifier(line, col);
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

    fn skip_word(&mut self) {
        loop {
            match self.peek(0) {
                Some(b) if b.is_ascii_alphanumeric() || b == b'_' => self.bump(),
                Some(b) if !b.is_ascii() && self.char_at(0).is_some_and(is_name_char) => {
                    self.bump_char();
                }
                _ => return,
            }
        }
    }

    /// An identifier, a method name ending in `?` or `!`, or a label (`key:`).
    fn identifier(&mut self, line: u32, col: u32) {
        let start = self.pos;
        self.skip_word();
        if matches!(self.peek(0), Some(b'?' | b'!')) && self.peek(1) != Some(b'=') {
            // `empty?`, `save!`; but `a ?b :c` and `a != b` are operators.
            if self.peek(0) == Some(b'!')
                || !self
                    .char_at(1)
                    .is_some_and(|d| is_name_char(d) || d == '\'' || d == '"')
            {
                self.bump();
            }
        }
        if self.peek(0) == Some(b':') && self.peek(1) != Some(b':') {
            self.bump();
            self.push(Tok::Label, line, col);
        } else {
            let word = &self.code[start..self.pos];
            self.push(Tok::Ident(word), line, col);
        }
    }

    /// `::` (a receiver, lexed as `.`), a symbol (`:name`, `:"name"`), or a plain `:`.
    fn colon(&mut self, depth: u32) {
        let (line, col) = (self.line, self.col);
        self.bump();
        match self.char_at(0) {
            Some(':') => {
                self.bump();
                self.push(Tok::Punct('.'), line, col);
            }
            Some(q @ ('"' | '\'')) => {
                self.bump();
                self.literal(q, q, q == '"', depth);
                self.push(Tok::Value, line, col);
            }
            Some(c) if is_name_char(c) => {
                self.skip_word();
                if matches!(self.peek(0), Some(b'?' | b'!' | b'=')) {
                    self.bump();
                }
                self.push(Tok::Value, line, col);
            }
            _ => self.push(Tok::Punct(':'), line, col),
        }
    }

    /// Skip an `=begin` … `=end` comment, both lines included.
    fn skip_embedded_document(&mut self) {
        let start = self.pos;
        loop {
            self.skip_line();
            if self.peek(0).is_none() {
                break;
            }
            self.bump();
            if self.line_is_marker("=end") {
                self.skip_line();
                break;
            }
        }
        self.comments.push(start..self.pos);
    }

    /// After a newline: skip the bodies of the heredocs started on the line before.
    fn skip_heredoc_bodies(&mut self) {
        for heredoc in std::mem::take(&mut self.heredocs) {
            while self.peek(0).is_some() {
                let start = self.pos;
                self.skip_line();
                let line = &self.code[start..self.pos];
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
    /// `#{…}` is lexed as code. Returns the text (meaningful only when not
    /// interpolated) and whether it interpolated.
    fn literal(
        &mut self,
        open: char,
        close: char,
        interpolates: bool,
        depth: u32,
    ) -> (&'a str, bool) {
        let start = self.pos;
        let mut end = self.bytes.len();
        let mut interpolated = false;
        let mut nesting = 0u32;
        while let Some(c) = self.char_at(0) {
            if c == '\\' {
                self.bump();
                self.bump_char();
                continue;
            }
            if c == close && nesting == 0 {
                end = self.pos;
                self.bump_char();
                break;
            }
            if interpolates && c == '#' && self.peek(1) == Some(b'{') && depth < MAX_NESTING {
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
            self.bump_char();
        }
        (&self.code[start..end.max(start)], interpolated)
    }

    /// `%q(…)`, `%Q[…]`, `%(…)`, `%w[…]`, `%i{…}`, `%r{…}`, `%x(…)`, `%s(…)`
    /// where a literal can start; returns whether one was lexed.
    fn percent_literal(&mut self, depth: u32) -> bool {
        let before = self.before();
        if before == Before::Operand {
            return false;
        }
        let (kind, delimiter_at) = match self.char_at(1) {
            Some(k) if "qQwWiIrsx".contains(k) => (Some(k), 2),
            _ => (None, 1),
        };
        let Some(open) = self.char_at(delimiter_at) else {
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
            self.bump_char();
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
            let rest = &self.bytes[self.pos + 1..];
            let closed = rest.get(find_any(rest, [b'/', b'\n'])) == Some(&b'/');
            if self.peek(1) == Some(b'=') || !closed {
                return false;
            }
        }
        let (line, col) = (self.line, self.col);
        self.bump();
        self.literal('/', '/', true, depth);
        while self.peek(0).is_some_and(|b| b.is_ascii_alphabetic()) {
            self.bump();
        }
        self.push(Tok::Value, line, col);
        true
    }

    /// A heredoc start (`<<~EOS`, `<<-'EOS'`, `<<EOS`) where one can start;
    /// its body is skipped after the end of the line. Returns whether one was lexed.
    fn heredoc(&mut self) -> bool {
        if self.peek(1) != Some(b'<') {
            return false;
        }
        let before = self.before();
        let after_class = matches!(self.last(), Some(Tok::Ident("class")));
        if before == Before::Operand || after_class {
            return false;
        }
        // `i`: bytes from the first `<`.
        let mut i = 2;
        let indented = matches!(self.peek(i), Some(b'~' | b'-'));
        if indented {
            i += 1;
        }
        let terminator = match self.char_at(i) {
            Some(q @ ('\'' | '"' | '`')) => {
                let from = self.pos + i + 1;
                let rest = &self.bytes[from..];
                let len = find_any(rest, [q as u8, b'\n']);
                if rest.get(len) != Some(&(q as u8)) {
                    return false;
                }
                i += len + 2;
                &self.code[from..from + len]
            }
            Some(c) if is_name_char(c) && !c.is_ascii_digit() => {
                // `x <<y` pushes a variable; a bare heredoc after a method
                // name needs an upper-case terminator (`puts <<EOS`).
                if before == Before::Argument && !indented && !c.is_uppercase() {
                    return false;
                }
                let from = self.pos + i;
                let len: usize = self.code[from..]
                    .chars()
                    .take_while(|c| is_name_char(*c))
                    .map(char::len_utf8)
                    .sum();
                i += len;
                &self.code[from..from + len]
            }
            _ => return false,
        };
        let (line, col) = (self.line, self.col);
        while self.pos < self.bytes.len() && i > 0 {
            let before = self.pos;
            self.bump_char();
            i -= self.pos - before;
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
        let Some(c) = self.char_at(1).filter(|c| !c.is_whitespace()) else {
            return false;
        };
        // `?`, the character, and after a backslash the escaped one.
        let mut len = 1 + c.len_utf8();
        let mut chars = 2;
        if c == '\\' {
            len += self.char_at(len).map_or(0, char::len_utf8);
            chars = 3;
        }
        if self.char_at(len).is_some_and(is_name_char) {
            return false;
        }
        let (line, col) = (self.line, self.col);
        for _ in 0..chars {
            self.bump_char();
        }
        self.push(Tok::Value, line, col);
        true
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
        heredocs: Vec::new(),
        comments: Vec::new(),
    };
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
/// read as one newline. A lone `\r` is no line break for Ruby (it is
/// blank in code, a character in a literal), so it stays: read as a newline,
/// it would end a string early and hide the rest of the line as a comment.
pub fn normalize(code: &str) -> Cow<'_, str> {
    source::normalize_line_breaks(code, LONE_CR)
}

/// `code` with every character of every comment replaced by a space, line
/// breaks kept; all else (literals, heredocs, the data after `__END__`, a
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
        let code = "require 'a' # é require 'b'\n=begin\nsystem('x')\n=end\ns = \"#{x} # not\" + '# nor' + %q(# nor) + /#/.source\nt = <<~EOS\n  # heredoc\nEOS\nc = ?# # c\n__END__\n# data\n";
        assert_eq!(
            strip_comments(code),
            blanked(
                code,
                &["# é require 'b'", "=begin\nsystem('x')\n=end", "# c"]
            )
        );
    }

    #[test]
    fn a_byte_order_mark_and_carriage_returns_are_kept() {
        assert_eq!(
            strip_comments("\u{feff}a # b\r\n=begin\r\nc\r\n=end\r\nd\r# e"),
            "\u{feff}a    \r\n      \r\n \r\n    \r\nd\r   "
        );
        // A lone `\r` is no line break: `a\rEOS` does not end the heredoc.
        let code = "s = <<~EOS\n  a\rEOS\n  # b\nEOS\n# c";
        assert_eq!(strip_comments(code), code.replace("# c", "   "));
    }

    #[test]
    fn unterminated_comments_and_literals_do_not_panic() {
        for code in [
            "=begin\nnever closed",
            "'never closed # x",
            "\"#{ # x",
            "x = <<~EOS\n# x",
            "%q(",
            "/",
            "?",
            "é # ü",
            "\"#{\"#{\"#{",
        ] {
            let stripped = strip_comments(code);
            assert_eq!(stripped.chars().count(), code.chars().count(), "{code:?}");
        }
    }

    #[test]
    fn large_hostile_inputs_are_stripped_in_linear_time() {
        let started = std::time::Instant::now();
        for unit in [
            "#", "=begin\n", "\"#{", "<<A ", "%q(", "x /x ", "?", "é#\n", "\r", "'",
        ] {
            let code = unit.repeat((2 << 20) / unit.len());
            let stripped = strip_comments(&code);
            assert_eq!(stripped.chars().count(), code.chars().count(), "{unit:?}");
        }
        // Generous for a debug build on a busy machine; quadratic time would take hours.
        assert!(started.elapsed().as_secs() < 60, "{:?}", started.elapsed());
    }
}
