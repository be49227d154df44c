//! C and C++ comments and literals: the one lexer that `#include`
//! detection and comment stripping both use, so they never disagree about
//! what a comment is.
//!
//! The sdk's `source::mask` cannot express three pieces of C++ lexical
//! syntax that matter here, so this is a small scanner of its own:
//!
//! - raw strings with a delimiter, `R"x(…)x"`, which may span lines and hold
//!   quotes, comment markers and `#include` lines;
//! - digit separators, `1'000'000`, which are not character literals;
//! - line splices: a `//` comment ending in `\` continues on the next line.
//!
//! Besides, `/* */` comments; `"…"` strings and `'…'` character literals,
//! which a backslash escapes into and an unescaped newline ends. An
//! unterminated comment or literal runs to the end of the input (or, for a
//! string or character, of its line). It works on bytes (every delimiter is
//! ASCII, and UTF-8 never repeats an ASCII byte inside a multi-byte
//! character), so it is linear and fast.

use std::borrow::Cow;
use std::ops::Range;

use llm_sandbox_sdk::source::{self, LoneCr, find_any, is_ident_char};

/// A lone `\r` ends a line, as it does for C and C++.
const LONE_CR: LoneCr = LoneCr::LineBreak;

/// Prefixes that may precede a raw string's quote (`R"(…)"`, `u8R"(…)"`).
const RAW_PREFIXES: [&str; 5] = ["R", "u8R", "uR", "UR", "LR"];

/// The longest raw-string delimiter the standard allows.
const MAX_RAW_DELIMITER: usize = 16;

/// What a span of source is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Code (no comment or literal starts inside it).
    Code,
    /// A comment: `//` up to (not including) the newline that ends it, or
    /// `/* … */`.
    Comment,
    /// A string, raw string or character literal, delimiters included.
    Literal,
}

/// The spans of `code`, in order; together they cover it exactly.
pub fn spans(code: &str) -> Spans<'_> {
    Spans {
        code,
        pos: 0,
        number: None,
    }
}

/// The iterator of [`spans`].
pub struct Spans<'a> {
    code: &'a str,
    pos: usize,
    /// Whether the run of letters, digits, `_` and `.` just before `pos`
    /// started as a number (`None`: not in such a run). In a number, `'`
    /// separates digits (`1'000`, `0xFF'FF`); after a letter (`u8'a'`) it
    /// opens a literal.
    number: Option<bool>,
}

impl Iterator for Spans<'_> {
    type Item = (Kind, Range<usize>);

    fn next(&mut self) -> Option<Self::Item> {
        let (bytes, start) = (self.code.as_bytes(), self.pos);
        let (kind, end) = match (*bytes.get(start)?, bytes.get(start + 1)) {
            (b'/', Some(b'/')) => (Kind::Comment, line_comment_end(bytes, start)),
            (b'/', Some(b'*')) => (Kind::Comment, block_comment_end(bytes, start)),
            (b'"', _) => (
                Kind::Literal,
                raw_string_end(self.code, start).unwrap_or_else(|| literal_end(bytes, start)),
            ),
            (b'\'', _) if !self.separates_digits(start) => {
                (Kind::Literal, literal_end(bytes, start))
            }
            _ => (Kind::Code, self.code_end(start)),
        };
        if kind != Kind::Code {
            self.number = None;
        }
        self.pos = end;
        Some((kind, start..end))
    }
}

impl Spans<'_> {
    /// Whether the `'` at `i` is a digit separator.
    fn separates_digits(&self, i: usize) -> bool {
        let bytes = self.code.as_bytes();
        self.number == Some(true) && bytes.get(i + 1).is_some_and(u8::is_ascii_alphanumeric)
    }

    /// The end of the code starting at `start`, keeping track of numbers.
    fn code_end(&mut self, start: usize) -> usize {
        let bytes = self.code.as_bytes();
        // `number` is the state just before `p`.
        let (mut p, mut number) = (start, self.number);
        loop {
            let q = p + find_any(&bytes[p..], [b'/', b'"', b'\'']);
            number = run_before(self.code, p, q, number);
            self.number = number;
            match bytes.get(q) {
                // A `/` alone is a division, which ends any run.
                Some(b'/') if !matches!(bytes.get(q + 1), Some(b'/' | b'*')) => {
                    (p, number) = (q + 1, None);
                }
                // A digit separator leaves the number as it is.
                Some(b'\'') if self.separates_digits(q) => p = q + 1,
                _ => return q,
            }
        }
    }
}

/// Whether the run of letters, digits, `_` and `.` that goes on at byte `q`
/// started as a number, given `before`, the state at byte `p` (at or before
/// `q`; between them only run characters and other code, no `'`).
fn run_before(code: &str, p: usize, q: usize, before: Option<bool>) -> Option<bool> {
    let is_run = |c: char| c.is_alphanumeric() || c == '_' || c == '.';
    // Walk back from `q` over run characters, down to `p` at the most.
    let mut r = q;
    while let Some(c) = code[p..r].chars().next_back().filter(|c| is_run(*c)) {
        r -= c.len_utf8();
    }
    let starts_number = |i: usize| {
        let bytes = code.as_bytes();
        bytes[i].is_ascii_digit()
            || (bytes[i] == b'.' && bytes.get(i + 1).is_some_and(u8::is_ascii_digit))
    };
    if q == p {
        before
    } else if r == q {
        None
    } else if r > p {
        Some(starts_number(r))
    } else {
        Some(before.unwrap_or_else(|| starts_number(p)))
    }
}

/// The end of the `//` comment at `start`: the first newline that is not
/// spliced by a `\` before it.
fn line_comment_end(bytes: &[u8], start: usize) -> usize {
    let mut i = start + 2;
    loop {
        i += find_any(&bytes[i..], [b'\n']);
        if i >= bytes.len() || bytes[i - 1] != b'\\' {
            return i;
        }
        i += 1;
    }
}

/// The index just past the `*/` closing the comment opened at `start`.
fn block_comment_end(bytes: &[u8], start: usize) -> usize {
    let mut i = start + 2;
    loop {
        i += find_any(&bytes[i..], [b'*']);
        match bytes.get(i + 1) {
            None => return bytes.len(),
            Some(b'/') => return i + 2,
            Some(_) => i += 1,
        }
    }
}

/// If a raw string starts at the quote at byte `quote`, the index just past
/// its end (or the end of the input if it is never closed).
fn raw_string_end(code: &str, quote: usize) -> Option<usize> {
    // The identifier characters before the quote, read back at most one
    // more than the longest prefix (enough to tell `u8R` from `xu8R`).
    let longest = RAW_PREFIXES.iter().map(|p| p.len()).max().unwrap_or(0);
    let mut prefix = [' '; 4];
    let mut n = 0;
    for c in code[..quote].chars().rev().take(longest + 1) {
        if !is_ident_char(c) {
            break;
        }
        prefix[n] = c;
        n += 1;
    }
    let prefix = prefix[..n].iter().rev();
    if !RAW_PREFIXES
        .iter()
        .any(|p| p.chars().eq(prefix.clone().copied()))
    {
        return None;
    }
    let after = quote + 1;
    let (open, _) = code[after..]
        .char_indices()
        .take(MAX_RAW_DELIMITER + 1)
        .find(|(_, c)| *c == '(')?;
    let delimiter = &code[after..after + open];
    if delimiter
        .chars()
        .any(|c| c.is_whitespace() || matches!(c, ')' | '\\' | '"'))
    {
        return None;
    }
    let bytes = code.as_bytes();
    let mut i = after + open + 1;
    loop {
        i += find_any(&bytes[i..], [b')']);
        if i >= bytes.len() {
            return Some(bytes.len());
        }
        let rest = &bytes[i + 1..];
        if rest.starts_with(delimiter.as_bytes()) && rest.get(delimiter.len()) == Some(&b'"') {
            return Some(i + 1 + delimiter.len() + 1);
        }
        i += 1;
    }
}

/// The index just past a `"…"` or `'…'` literal opening at `start`: the
/// closing quote, or the end of the line (an unterminated literal).
fn literal_end(bytes: &[u8], start: usize) -> usize {
    let quote = bytes[start];
    let mut i = start + 1;
    loop {
        i += find_any(&bytes[i.min(bytes.len())..], [quote, b'\\', b'\n']);
        match bytes.get(i) {
            None => return bytes.len(),
            // Skipping one byte after a backslash is enough: the rest of a
            // multi-byte character is never a delimiter.
            Some(b'\\') => i += 2,
            Some(b'\n') => return i,
            Some(_) => return i + 1,
        }
    }
}

/// `code` as the lexer reads it: without a byte-order mark, with `\r\n`
/// and a lone `\r` read as one newline.
pub fn normalize(code: &str) -> Cow<'_, str> {
    source::normalize_line_breaks(code, LONE_CR)
}

/// `code` (normalized) with every byte of every comment, and with
/// `literals_too` of every literal, replaced by a space, newlines kept: the
/// same bytes at the same offsets. (A multi-byte character becomes several
/// spaces; columns are counted on the original.)
pub fn mask(code: &str, literals_too: bool) -> Vec<u8> {
    let mut out = code.as_bytes().to_vec();
    for (kind, range) in spans(code) {
        if kind == Kind::Comment || (literals_too && kind == Kind::Literal) {
            for b in &mut out[range] {
                if *b != b'\n' {
                    *b = b' ';
                }
            }
        }
    }
    out
}

/// `code` with every character of every comment replaced by a space, line
/// breaks kept; all else (literals, a byte-order mark) as it was.
pub fn strip_comments(code: &str) -> String {
    source::blank_comments(code, LONE_CR, |code, blank| {
        for (kind, range) in spans(code) {
            if kind == Kind::Comment {
                blank(range);
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn masked(code: &str) -> String {
        String::from_utf8(mask(code, true)).unwrap()
    }

    #[test]
    fn digit_separators_are_not_character_literals() {
        assert_eq!(
            masked("char c = 'x'; auto u = u8'y'; long h = 0xFF'FF; double d = .5'0; c = L'z';"),
            "char c =    ; auto u = u8   ; long h = 0xFF'FF; double d = .5'0; c = L   ;"
        );
    }

    #[test]
    fn raw_strings_need_a_raw_prefix_and_end_at_their_delimiter() {
        assert_eq!(
            masked("a = R\"x(\")\"// )x\"; b = xR\"(// c)\" // d"),
            "a = R            ; b = xR             "
        );
        assert_eq!(masked("u8R\"(\n#x\n)\";"), "u8R  \n  \n  ;");
    }

    #[test]
    fn a_spliced_line_comment_goes_on() {
        assert_eq!(masked("// a \\\nb\nc"), "      \n \nc");
    }

    #[test]
    fn masking_keeps_offsets_and_newlines() {
        for code in [
            "a /* b */ c \"d\" 'e' R\"(f\ng)\" h",
            "é 'ü' \"ö\" // ä",
            "R\"delim(never closed",
        ] {
            let m = mask(code, true);
            assert_eq!(m.len(), code.len(), "{code}");
            assert_eq!(
                m.iter().filter(|b| **b == b'\n').count(),
                code.matches('\n').count()
            );
        }
    }

    #[test]
    fn comments_become_spaces_and_everything_else_stays() {
        let code = "#include <a> // é\nauto s = R\"(// raw)\" /* x\ny */ + \"/* str */\" + '\\'';";
        let expected = code
            .replace("// é", "    ")
            .replace("/* x\ny */", "    \n    ");
        assert_eq!(strip_comments(code), expected);
        assert_eq!(
            strip_comments("\u{feff}a // b\r\nc /* d\r\ne */ f\r// g"),
            "\u{feff}a     \r\nc     \r\n     f\r    "
        );
    }

    #[test]
    fn large_hostile_inputs_are_stripped_in_linear_time() {
        let started = std::time::Instant::now();
        for unit in [
            "1'", "/*", "//\\\n", "R\"x(", "\"", "'\\", "u8R\"", "é'", "\r",
        ] {
            let code = unit.repeat((2 << 20) / unit.len());
            let stripped = strip_comments(&code);
            assert_eq!(stripped.chars().count(), code.chars().count(), "{unit:?}");
        }
        // Generous for a debug build on a busy machine; quadratic time would take hours.
        assert!(started.elapsed().as_secs() < 60, "{:?}", started.elapsed());
    }
}
