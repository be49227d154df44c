//! Source scanning that ignores comments and string literals.
//!
//! Import detection must not be fooled by `# import os` or `"import os"`.
//! [`mask`] replaces every character inside comments and string literals with
//! a space (newlines are kept), so the masked text has exactly the same lines
//! and the same character columns as the original. Scan the masked text for
//! syntax, and read the original at the same position when the contents of a
//! literal matter (for example `__import__("os")`).
//!
//! A plugin with a lexer of its own can still share the rules around it:
//! [`blank_comments`] is a whole `strip_comments` given the comment ranges
//! the lexer finds, built on [`normalize_line_breaks`], [`blank_into`] and
//! [`restore_line_breaks`]; [`find_any`] is a fast scan for delimiters.

use std::borrow::Cow;
use std::ops::Range;

/// A kind of string literal.
#[derive(Debug, Clone, Copy)]
pub struct Quote {
    /// Opening delimiter, e.g. `"`, `'''` or `` ` ``.
    pub open: &'static str,
    /// Closing delimiter.
    pub close: &'static str,
    /// Whether a backslash escapes the next character.
    pub escapes: bool,
    /// Whether the literal may span lines; if not, a newline ends it.
    pub multiline: bool,
}

impl Quote {
    /// A single-line literal delimited by `q` on both sides, with backslash escapes.
    pub const fn simple(q: &'static str) -> Self {
        Quote {
            open: q,
            close: q,
            escapes: true,
            multiline: false,
        }
    }

    /// A literal delimited by `q` on both sides that may span lines, with backslash escapes.
    pub const fn multiline(q: &'static str) -> Self {
        Quote {
            open: q,
            close: q,
            escapes: true,
            multiline: true,
        }
    }
}

/// The lexical syntax of comments and strings in a language.
///
/// Delimiters are tried in order (block comments, then quotes, then line
/// comments), so list longer delimiters first (`"""` before `"`).
#[derive(Debug, Clone, Copy)]
pub struct Syntax {
    /// Markers that start a comment running to the end of the line.
    pub line_comments: &'static [&'static str],
    /// Start and end markers of block comments.
    pub block_comments: &'static [(&'static str, &'static str)],
    /// String literal kinds.
    pub quotes: &'static [Quote],
    /// Letters that may prefix a literal without changing where it starts
    /// and ends (Python's `r"…"`, `b'…'`).
    pub string_prefixes: &'static str,
}

impl Syntax {
    /// Python: `#` comments; `"""`, `'''`, `"` and `'` strings.
    pub const PYTHON: Syntax = Syntax {
        line_comments: &["#"],
        block_comments: &[],
        quotes: &[
            Quote::multiline("\"\"\""),
            Quote::multiline("'''"),
            Quote::simple("\""),
            Quote::simple("'"),
        ],
        string_prefixes: "rRuUbBfF",
    };

    /// C, C++, Java, Go, JavaScript: `//` and `/* */` comments; `"`, `'` and
    /// backtick strings (Go raw strings, JavaScript templates).
    pub const C_LIKE: Syntax = Syntax {
        line_comments: &["//"],
        block_comments: &[("/*", "*/")],
        quotes: &[
            Quote::simple("\""),
            Quote::simple("'"),
            Quote::multiline("`"),
        ],
        string_prefixes: "",
    };

    /// Shell-like languages (Ruby, R): `#` comments; `"` and `'` strings that may span lines.
    pub const HASH_COMMENTS: Syntax = Syntax {
        line_comments: &["#"],
        block_comments: &[],
        quotes: &[Quote::multiline("\""), Quote::multiline("'")],
        string_prefixes: "",
    };
}

/// Source text with comments and string literals blanked out.
#[derive(Debug, Clone)]
pub struct Masked<'a> {
    original: &'a str,
    masked: String,
}

impl<'a> Masked<'a> {
    /// The masked text: same lines and columns as the original.
    pub fn text(&self) -> &str {
        &self.masked
    }

    /// The original text.
    pub fn original(&self) -> &'a str {
        self.original
    }

    /// Lines as `(line_number, original_line, masked_line)`, numbered from 1.
    pub fn lines(&self) -> impl Iterator<Item = (u32, &'a str, &str)> {
        self.original
            .split('\n')
            .zip(self.masked.split('\n'))
            .enumerate()
            .map(|(i, (o, m))| (u32::try_from(i + 1).unwrap_or(u32::MAX), o, m))
    }
}

/// Blank out comments and string literals of `code` according to `syntax`.
///
/// Every masked character becomes one space; newlines stay. An unterminated
/// literal or comment runs to the end of the input (never a panic).
pub fn mask<'a>(code: &'a str, syntax: &Syntax) -> Masked<'a> {
    Masked {
        original: code,
        masked: blank_out(code, syntax, true),
    }
}

/// `code` with its comments (only) replaced by spaces, newlines kept: what
/// [`crate::LanguagePlugin::strip_comments`] returns. String literals are
/// copied as they are, and a comment marker inside one is not a comment.
pub fn mask_comments(code: &str, syntax: &Syntax) -> String {
    blank_out(code, syntax, false)
}

fn blank_out(code: &str, syntax: &Syntax, strings_too: bool) -> String {
    let mut out = String::with_capacity(code.len());
    let mut rest = code;
    while let Some(c) = rest.chars().next() {
        if let Some((open, close)) = syntax
            .block_comments
            .iter()
            .find(|(open, _)| rest.starts_with(open))
        {
            let end = rest[open.len()..]
                .find(close)
                .map_or(rest.len(), |i| open.len() + i + close.len());
            blank_into(&rest[..end], &mut out);
            rest = &rest[end..];
        } else if let Some(q) = syntax.quotes.iter().find(|q| rest.starts_with(q.open)) {
            let end = literal_end(rest, q);
            if strings_too {
                blank_into(&rest[..end], &mut out);
            } else {
                out.push_str(&rest[..end]);
            }
            rest = &rest[end..];
        } else if syntax.line_comments.iter().any(|m| rest.starts_with(m)) {
            let end = rest.find('\n').unwrap_or(rest.len());
            blank_into(&rest[..end], &mut out);
            rest = &rest[end..];
        } else {
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    out
}

/// Byte length of the literal at the start of `text` (delimiters included).
fn literal_end(text: &str, q: &Quote) -> usize {
    let mut i = q.open.len();
    while i < text.len() {
        let rest = &text[i..];
        if rest.starts_with(q.close) {
            return i + q.close.len();
        }
        let mut chars = rest.chars();
        let c = chars.next().unwrap_or('\0');
        if c == '\n' && !q.multiline {
            return i;
        }
        i += c.len_utf8();
        if c == '\\' && q.escapes {
            i += chars.next().map_or(0, char::len_utf8);
        }
    }
    text.len()
}

/// The string literal starting at character column `col` (0-based) of `line`,
/// if there is one, unquoted (escapes are not interpreted). Handy to read the
/// argument of `require("x")` once the masked text showed where it starts.
pub fn literal_at(line: &str, col: usize, syntax: &Syntax) -> Option<String> {
    let start = line.char_indices().nth(col).map(|(i, _)| i)?;
    let rest = &line[start..];
    let q = syntax.quotes.iter().find(|q| rest.starts_with(q.open))?;
    let end = literal_end(rest, q);
    let inner = rest.get(q.open.len()..end.checked_sub(q.close.len())?)?;
    Some(inner.to_string())
}

/// A call whose first argument is a string literal, such as `require("fs")`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiteralCall {
    /// The called name as matched (`require`).
    pub name: String,
    /// The literal's contents, unquoted.
    pub argument: String,
    /// 1-based line of the argument.
    pub line: u32,
    /// 1-based character column of the argument's first character (after the quote).
    pub column: u32,
}

/// Calls of any of `names` whose first argument is a string literal, in
/// source order: `require('fs')`, `__import__("os")`, `importlib.import_module(\n "x")`.
///
/// A name matches only as a whole word (a `.` before it is fine, so methods
/// match too); the literal may start on a later line. Calls inside comments
/// and strings are ignored.
pub fn literal_calls(masked: &Masked<'_>, names: &[&str], syntax: &Syntax) -> Vec<LiteralCall> {
    let original: Vec<&str> = masked.original().split('\n').collect();
    let mut found = Vec::new();
    for (index, line) in masked.text().split('\n').enumerate() {
        let chars: Vec<char> = line.chars().collect();
        // Decoded once per line, so many calls on one line stay linear.
        let mut decoded: Option<Decoded<'_>> = None;
        for name in names {
            let pattern: Vec<char> = name.chars().collect();
            let mut col = 0;
            while col + pattern.len() <= chars.len() {
                let whole_word = chars[col..col + pattern.len()] == pattern[..]
                    && (col == 0 || !is_ident_char(chars[col - 1]))
                    && chars
                        .get(col + pattern.len())
                        .is_none_or(|c| !is_ident_char(*c));
                if whole_word {
                    let mut after = col + pattern.len();
                    while chars.get(after).is_some_and(|c| c.is_whitespace()) {
                        after += 1;
                    }
                    if chars.get(after) == Some(&'(') {
                        let here = decoded.get_or_insert_with(|| {
                            Decoded::new(original.get(index).copied().unwrap_or(""))
                        });
                        if let Some(call) =
                            argument_after(&original, here, index, after + 1, syntax)
                        {
                            found.push(LiteralCall {
                                name: (*name).to_string(),
                                ..call
                            });
                        }
                    }
                }
                col += 1;
            }
        }
    }
    found.sort_by_key(|c| (c.line, c.column));
    found
}

/// A line with its characters and their byte offsets.
struct Decoded<'a> {
    text: &'a str,
    chars: Vec<char>,
    bytes: Vec<usize>,
}

impl<'a> Decoded<'a> {
    fn new(text: &'a str) -> Self {
        let (bytes, chars) = text.char_indices().unzip();
        Decoded { text, chars, bytes }
    }
}

/// How many following lines a call's argument may start on.
const ARGUMENT_LINES: usize = 16;

/// The literal starting at the first non-blank character at or after
/// (`index`, `col`), looking across a few lines.
fn argument_after(
    lines: &[&str],
    first: &Decoded<'_>,
    index: usize,
    col: usize,
    syntax: &Syntax,
) -> Option<LiteralCall> {
    let mut later;
    let mut line = first;
    let mut at = (index, col);
    let start = loop {
        let blank = line.chars[at.1.min(line.chars.len())..]
            .iter()
            .take_while(|c| c.is_whitespace())
            .count();
        if at.1 + blank < line.chars.len() {
            break at.1 + blank;
        }
        if at.0 >= index + ARGUMENT_LINES {
            return None;
        }
        later = Decoded::new(lines.get(at.0 + 1)?);
        line = &later;
        at = (at.0 + 1, 0);
    };
    let start = if syntax.string_prefixes.contains(line.chars[start]) {
        start + 1
    } else {
        start
    };
    let byte = *line.bytes.get(start)?;
    let rest = &line.text[byte..];
    let q = syntax.quotes.iter().find(|q| rest.starts_with(q.open))?;
    let end = literal_end(rest, q);
    let argument = rest
        .get(q.open.len()..end.checked_sub(q.close.len())?)?
        .to_string();
    Some(LiteralCall {
        name: String::new(),
        argument,
        line: u32::try_from(at.0 + 1).ok()?,
        column: u32::try_from(start + 2).ok()?,
    })
}

/// Whether `c` can appear in an identifier (ASCII letters, digits, `_`, or any non-ASCII letter).
pub fn is_ident_char(c: char) -> bool {
    c == '_' || c.is_alphanumeric()
}

/// Whether a lone `\r` (one not followed by `\n`) ends a line. `\r\n` is
/// always one line break.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoneCr {
    /// A lone `\r` ends a line (Python, Java, JavaScript, C, C++, R):
    /// [`normalize_line_breaks`] turns it into `\n`.
    LineBreak,
    /// A lone `\r` is no line break (Go, Ruby: blank in code, a character in
    /// a literal): [`normalize_line_breaks`] keeps it. Read as a newline, it
    /// would end a string early and hide the rest of the line as a comment.
    Kept,
}

/// The byte-order mark a source may start with.
const BOM: char = '\u{feff}';

/// `code` as a lexer wants to read it: without a byte-order mark, every
/// `\r\n` as one `\n`, and a lone `\r` as `\n` too if `lone_cr` says it is
/// a line break. Borrowed when nothing changes.
#[inline]
pub fn normalize_line_breaks(code: &str, lone_cr: LoneCr) -> Cow<'_, str> {
    let code = code.strip_prefix(BOM).unwrap_or(code);
    match lone_cr {
        LoneCr::LineBreak if code.contains('\r') => {
            Cow::Owned(code.replace("\r\n", "\n").replace('\r', "\n"))
        }
        LoneCr::Kept if code.contains("\r\n") => Cow::Owned(code.replace("\r\n", "\n")),
        _ => Cow::Borrowed(code),
    }
}

/// Undo [`normalize_line_breaks`] on `stripped`: the normalized `original`
/// with some characters replaced one for one (comments blanked) and every
/// newline where it was. The byte-order mark and every `\r` of `original`
/// come back where they were, whichever [`LoneCr`] normalized it.
/// `stripped` is returned as it is when `original` has neither.
pub fn restore_line_breaks(original: &str, stripped: String) -> String {
    if !original.starts_with(BOM) && !original.contains('\r') {
        return stripped;
    }
    let mut out = String::with_capacity(original.len());
    let body = match original.strip_prefix(BOM) {
        Some(body) => {
            out.push(BOM);
            body
        }
        None => original,
    };
    let mut normalized = stripped.chars();
    let mut chars = body.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' {
            out.push('\r');
            // A lone `\r` stands for one character (itself, a blank or a
            // `\n`); in `\r\n` the `\n` stands for both.
            if chars.peek() != Some(&'\n') {
                normalized.next();
            }
        } else {
            out.push(normalized.next().unwrap_or(c));
        }
    }
    out
}

/// Push `text` onto `out` with every character but a newline as a space:
/// the same lines, the same character columns.
#[inline]
pub fn blank_into(text: &str, out: &mut String) {
    const SPACES: &str = "                                                                ";
    for line in text.split_inclusive('\n') {
        let newline = line.ends_with('\n');
        let mut n = line.chars().count() - usize::from(newline);
        while n > 0 {
            let k = n.min(SPACES.len());
            out.push_str(&SPACES[..k]);
            n -= k;
        }
        if newline {
            out.push('\n');
        }
    }
}

/// `code` with every character of every comment replaced by a space; all
/// else (line breaks, literals, a byte-order mark) as it was: what
/// [`crate::LanguagePlugin::strip_comments`] returns, for a plugin with a
/// lexer of its own.
///
/// `for_each_comment` lexes the code it gets, `code` as
/// [`normalize_line_breaks`] with `lone_cr` leaves it, and calls `blank`
/// with the byte range of each comment, in order. Those ranges are blanked
/// ([`blank_into`]), the rest is copied, and the byte-order mark and the
/// `\r`s are put back ([`restore_line_breaks`]).
///
/// # Panics
///
/// If a range is out of order, out of bounds or not on character boundaries.
#[inline]
pub fn blank_comments(
    code: &str,
    lone_cr: LoneCr,
    for_each_comment: impl FnOnce(&str, &mut dyn FnMut(Range<usize>)),
) -> String {
    let normalized = normalize_line_breaks(code, lone_cr);
    let mut out = String::with_capacity(code.len());
    let mut copied = 0;
    for_each_comment(&normalized, &mut |comment| {
        out.push_str(&normalized[copied..comment.start]);
        blank_into(&normalized[comment.clone()], &mut out);
        copied = comment.end;
    });
    out.push_str(&normalized[copied..]);
    restore_line_breaks(code, out)
}

/// The index of the first byte of `bytes` that is one of `targets`, or the
/// length of `bytes`. Looks at eight bytes at a time: code, comments and
/// literals are mostly long runs of bytes that are none of their delimiters.
///
/// Lexers that work on the bytes of UTF-8 text can look for ASCII
/// delimiters with it: UTF-8 never repeats an ASCII byte inside a
/// multi-byte character.
#[inline]
pub fn find_any<const N: usize>(bytes: &[u8], targets: [u8; N]) -> usize {
    const ONES: u64 = u64::from_ne_bytes([1; 8]);
    const HIGH: u64 = u64::from_ne_bytes([0x80; 8]);
    // Non-zero when a byte of `x` is `b` (may be wrong above the first such
    // byte, which does not matter: that chunk is then read byte by byte).
    let has = |x: u64, b: u8| {
        let y = x ^ (ONES * u64::from(b));
        y.wrapping_sub(ONES) & !y & HIGH
    };
    let mut i = 0;
    for chunk in bytes.chunks_exact(8) {
        let x = u64::from_ne_bytes(chunk.try_into().unwrap_or([0; 8]));
        if targets.iter().fold(0, |found, t| found | has(x, *t)) != 0 {
            break;
        }
        i += 8;
    }
    bytes[i..]
        .iter()
        .position(|b| targets.contains(b))
        .map_or(bytes.len(), |n| i + n)
}

/// A place in source text: 1-based line and 1-based column in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    /// 1-based line.
    pub line: u32,
    /// 1-based column, in characters.
    pub col: u32,
}

impl Position {
    /// The start of a text: line 1, column 1.
    pub const START: Position = Position { line: 1, col: 1 };

    /// Move past `text` (whole UTF-8 characters).
    #[inline]
    pub fn advance(&mut self, text: &[u8]) {
        match text.iter().rposition(|b| *b == b'\n') {
            Some(last) => {
                let newlines = text.iter().filter(|b| **b == b'\n').count();
                self.line = self
                    .line
                    .saturating_add(u32::try_from(newlines).unwrap_or(u32::MAX));
                self.col = 1u32.saturating_add(char_count(&text[last + 1..]));
            }
            None => self.col = self.col.saturating_add(char_count(text)),
        }
    }
}

/// How many characters `bytes` (whole UTF-8 characters) hold, saturating.
#[inline]
pub fn char_count(bytes: &[u8]) -> u32 {
    let n = bytes.iter().filter(|b| (**b & 0xC0) != 0x80).count();
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// A token of plain code (outside comments and literals).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeToken<'a> {
    /// A run of word characters (as the caller defines them).
    Word(&'a str),
    /// Any other character that is not white space.
    Punct(char),
}

/// Give `sink` the words and punctuation of `code[range]`, a span of plain
/// code, each with the position where it starts; `at` is the position of
/// the span's start and is left at its end. White space separates tokens.
#[inline]
pub fn code_tokens<'a>(
    code: &'a str,
    range: std::ops::Range<usize>,
    at: &mut Position,
    is_word_char: impl Fn(char) -> bool,
    mut sink: impl FnMut(CodeToken<'a>, Position),
) {
    let bytes = code.as_bytes();
    let char_at = |i: usize| match bytes[i] {
        b if b.is_ascii() => char::from(b),
        _ => code[i..].chars().next().unwrap_or(' '),
    };
    let mut i = range.start;
    while i < range.end {
        let c = char_at(i);
        let (start, here) = (i, *at);
        i += c.len_utf8();
        if c == '\n' {
            *at = Position {
                line: at.line.saturating_add(1),
                col: 1,
            };
            continue;
        }
        at.col = at.col.saturating_add(1);
        if c.is_whitespace() {
            continue;
        }
        if is_word_char(c) {
            while i < range.end {
                let c = char_at(i);
                if !is_word_char(c) {
                    break;
                }
                i += c.len_utf8();
                at.col = at.col.saturating_add(1);
            }
            sink(CodeToken::Word(&code[start..i]), here);
        } else {
            sink(CodeToken::Punct(c), here);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_and_strings_become_spaces_with_columns_kept() {
        let code = "import os # import sys\nx = 'import re'\n";
        let m = mask(code, &Syntax::PYTHON);
        assert_eq!(m.text(), "import os             \nx =            \n");
    }

    #[test]
    fn code_tokens_are_words_and_punctuation_with_character_positions() {
        let code = "é ab(c)\n  x.y";
        let mut at = Position::START;
        let mut seen = Vec::new();
        code_tokens(
            code,
            0..code.len(),
            &mut at,
            |c| c.is_alphanumeric(),
            |t, p| seen.push((t, p.line, p.col)),
        );
        use CodeToken::{Punct, Word};
        assert_eq!(
            seen,
            [
                (Word("é"), 1, 1),
                (Word("ab"), 1, 3),
                (Punct('('), 1, 5),
                (Word("c"), 1, 6),
                (Punct(')'), 1, 7),
                (Word("x"), 2, 3),
                (Punct('.'), 2, 4),
                (Word("y"), 2, 5),
            ]
        );
        assert_eq!(at, Position { line: 2, col: 6 });
        let mut at = Position::START;
        at.advance("a\nbé".as_bytes());
        assert_eq!(at, Position { line: 2, col: 3 });
    }

    #[test]
    fn mask_comments_keeps_strings_and_ignores_markers_inside_them() {
        let code = "s = '# not a comment' # comment\n/* x */ y = \"//\" // z\n";
        assert_eq!(
            mask_comments(code, &Syntax::PYTHON),
            "s = '# not a comment'          \n/* x */ y = \"//\" // z\n"
        );
        assert_eq!(
            mask_comments(code, &Syntax::C_LIKE),
            "s = '# not a comment' # comment\n        y = \"//\"     \n"
        );
    }

    #[test]
    fn triple_quoted_strings_span_lines() {
        let code = "s = \"\"\"\nimport os\n\"\"\"\nimport re";
        let m = mask(code, &Syntax::PYTHON);
        assert_eq!(m.text(), "s =    \n         \n   \nimport re");
    }

    #[test]
    fn escaped_quote_does_not_end_a_string() {
        let m = mask(r#"a = "x\"import os" + b"#, &Syntax::PYTHON);
        assert_eq!(m.text(), "a =                + b");
    }

    #[test]
    fn unterminated_literal_runs_to_end_without_panic() {
        for code in ["'abc", "\"\"\"abc", "/* never closed", "\"\\", "é'ü"] {
            let m = mask(code, &Syntax::C_LIKE);
            assert_eq!(m.text().chars().count(), code.chars().count());
        }
    }

    #[test]
    fn single_line_string_ends_at_newline() {
        let m = mask("x = 'oops\nimport os", &Syntax::PYTHON);
        assert_eq!(m.lines().nth(1).map(|l| l.2), Some("import os"));
    }

    #[test]
    fn block_comments_are_masked_in_c_like_code() {
        let m = mask("/* #include <x> */ #include <y> // z", &Syntax::C_LIKE);
        assert_eq!(m.text(), "                   #include <y>     ");
    }

    #[test]
    fn unicode_keeps_character_columns() {
        let code = "é = 'ü'; import os";
        let m = mask(code, &Syntax::PYTHON);
        assert_eq!(m.text().chars().count(), code.chars().count());
        assert!(m.text().ends_with("import os"));
    }

    #[test]
    fn literal_calls_find_string_arguments_but_not_comments_or_variables() {
        let code = "const fs = require('fs');\n// require('net')\nlet m = require(name);\nx.require(\n  \"http\")\nrequired('no')";
        let masked = mask(code, &Syntax::C_LIKE);
        let calls = literal_calls(&masked, &["require"], &Syntax::C_LIKE);
        let found: Vec<(&str, u32, u32)> = calls
            .iter()
            .map(|c| (c.argument.as_str(), c.line, c.column))
            .collect();
        assert_eq!(found, [("fs", 1, 21), ("http", 5, 4)]);
    }

    #[test]
    fn many_calls_on_one_long_line_are_all_found() {
        // Regression: each call used to re-walk its line from the start
        // (quadratic); the line is now decoded once.
        let code = "f('x')".repeat(200_000);
        let masked = mask(&code, &Syntax::C_LIKE);
        let calls = literal_calls(&masked, &["f"], &Syntax::C_LIKE);
        assert_eq!(calls.len(), 200_000);
        assert_eq!(calls[199_999].column, 6 * 199_999 + 4);
    }

    #[test]
    fn literal_calls_skip_python_string_prefixes() {
        let masked = mask("__import__(r'os')", &Syntax::PYTHON);
        let calls = literal_calls(&masked, &["__import__"], &Syntax::PYTHON);
        assert_eq!(calls[0].argument, "os");
    }

    #[test]
    fn literal_at_reads_the_original_text() {
        assert_eq!(
            literal_at("x = require('fs')", 12, &Syntax::C_LIKE).as_deref(),
            Some("fs")
        );
        assert_eq!(literal_at("x = 1", 2, &Syntax::C_LIKE), None);
        assert_eq!(literal_at("x", 10, &Syntax::C_LIKE), None);
    }

    #[test]
    fn find_any_gives_the_first_target_or_the_length() {
        let text = b"0123456789abcdefghij#klmnop\"";
        assert_eq!(find_any(text, [b'#', b'"']), 20);
        assert_eq!(find_any(text, [b'"']), text.len() - 1);
        assert_eq!(find_any(text, [b'@']), text.len());
        assert_eq!(find_any(b"", [b'@']), 0);
        // Every position, on both sides of an eight-byte chunk boundary.
        for at in 0..20 {
            let mut bytes = vec![b'x'; 20];
            bytes[at] = b'\n';
            assert_eq!(find_any(&bytes, [b'\n', b'\\', b'\'']), at);
        }
        // A multi-byte character never holds an ASCII byte.
        assert_eq!(find_any("éüö/".as_bytes(), [b'/']), 6);
    }

    #[test]
    fn line_breaks_become_newlines_and_a_lone_cr_as_asked() {
        let code = "\u{feff}a\r\nb\rc\n";
        assert_eq!(normalize_line_breaks(code, LoneCr::LineBreak), "a\nb\nc\n");
        assert_eq!(normalize_line_breaks(code, LoneCr::Kept), "a\nb\rc\n");
        assert_eq!(normalize_line_breaks("a\rb", LoneCr::Kept), "a\rb");
        for lone_cr in [LoneCr::LineBreak, LoneCr::Kept] {
            assert!(matches!(
                normalize_line_breaks("\u{feff}a\nb", lone_cr),
                Cow::Borrowed("a\nb")
            ));
        }
    }

    #[test]
    fn blank_into_keeps_newlines_and_character_columns() {
        let mut out = String::from(">");
        blank_into("é\r\nü\n\n", &mut out);
        assert_eq!(out, ">  \n \n\n");
        let long = "x".repeat(200);
        let mut out = String::new();
        blank_into(&long, &mut out);
        assert_eq!(out, " ".repeat(200));
    }

    #[test]
    fn restore_line_breaks_puts_back_the_bom_and_every_cr() {
        let code = "\u{feff}a\r\nb\rc\r";
        for lone_cr in [LoneCr::LineBreak, LoneCr::Kept] {
            let normalized = normalize_line_breaks(code, lone_cr).into_owned();
            assert_eq!(restore_line_breaks(code, normalized), code, "{lone_cr:?}");
        }
        // Blanked characters stay blank; a blanked lone `\r` is one again.
        assert_eq!(restore_line_breaks("ab\rc", "  \r ".into()), "  \r ");
        assert_eq!(restore_line_breaks("ab\rc", "   c".into()), "  \rc");
        assert_eq!(restore_line_breaks("abc", "xyz".into()), "xyz");
    }

    #[test]
    fn blank_comments_blanks_the_ranges_of_the_normalized_code() {
        // `#` comments up to a newline.
        let hash_comments = |text: &str, blank: &mut dyn FnMut(Range<usize>)| {
            let mut from = 0;
            while let Some(start) = text[from..].find('#').map(|i| from + i) {
                from = text[start..].find('\n').map_or(text.len(), |i| start + i);
                blank(start..from);
            }
        };
        let code = "\u{feff}a # é\r\nb # c\rd # e";
        assert_eq!(
            blank_comments(code, LoneCr::LineBreak, hash_comments),
            "\u{feff}a    \r\nb    \rd    "
        );
        // Kept, a lone `\r` is part of the comment: blanked, then put back.
        assert_eq!(
            blank_comments(code, LoneCr::Kept, hash_comments),
            "\u{feff}a    \r\nb    \r     "
        );
        assert_eq!(blank_comments("x", LoneCr::Kept, |_, _| {}), "x");
    }
}
