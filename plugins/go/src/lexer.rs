//! Go's comments and literals: the one lexer that import detection and
//! comment stripping both use, so they never disagree about what a comment is.
//!
//! It splits the source into spans of code, comments and literals: `//`
//! comments to the end of the line and `/* */` comments; interpreted
//! `"…"` strings and `'…'` runes, which a backslash escapes into and a
//! newline ends; raw `` `…` `` strings, which may span lines and have no
//! escapes. An unterminated comment or literal runs to the end of the input
//! (or, for a string or rune, of its line). It works on bytes (every
//! delimiter is ASCII, and UTF-8 never repeats an ASCII byte inside a
//! multi-byte character), so it is linear and fast.

use std::borrow::Cow;
use std::ops::Range;

use llm_sandbox_sdk::source::{self, LoneCr, find_any};

/// A lone `\r` is no line break for Go (see [`normalize`]).
const LONE_CR: LoneCr = LoneCr::Kept;

/// What a span of source is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Code (no comment or literal starts inside it).
    Code,
    /// A comment: `//` up to (not including) the newline, or `/* … */`.
    Comment,
    /// A string or rune literal, delimiters included; `closed` unless it
    /// ran into the end of its line or of the input.
    Literal { closed: bool },
}

/// The spans of `code`, in order; together they cover it exactly.
pub fn spans(code: &str) -> Spans<'_> {
    Spans {
        bytes: code.as_bytes(),
        pos: 0,
    }
}

/// The iterator of [`spans`].
pub struct Spans<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl Iterator for Spans<'_> {
    type Item = (Kind, Range<usize>);

    fn next(&mut self) -> Option<Self::Item> {
        let (bytes, start) = (self.bytes, self.pos);
        let (kind, end) = match (*bytes.get(start)?, bytes.get(start + 1)) {
            (b'/', Some(b'*')) => (Kind::Comment, block_comment_end(bytes, start)),
            (b'/', Some(b'/')) => (Kind::Comment, start + find_any(&bytes[start..], [b'\n'])),
            (q @ (b'"' | b'\''), _) => quoted(bytes, start, q),
            (b'`', _) => {
                let close = start + 1 + find_any(&bytes[start + 1..], [b'`']);
                let closed = close < bytes.len();
                (Kind::Literal { closed }, (close + 1).min(bytes.len()))
            }
            _ => (Kind::Code, code_end(bytes, start)),
        };
        self.pos = end;
        Some((kind, start..end))
    }
}

/// The end of the code starting at `start`: the next comment or literal.
fn code_end(bytes: &[u8], start: usize) -> usize {
    let mut i = start;
    loop {
        i += find_any(&bytes[i..], [b'/', b'"', b'\'', b'`']);
        // A `/` alone is a division.
        if bytes.get(i) == Some(&b'/') && !matches!(bytes.get(i + 1), Some(b'/' | b'*')) {
            i += 1;
        } else {
            return i;
        }
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

/// The string or rune opening with the quote `q` at `start`.
fn quoted(bytes: &[u8], start: usize, q: u8) -> (Kind, usize) {
    let mut i = start + 1;
    loop {
        i += find_any(&bytes[i.min(bytes.len())..], [q, b'\\', b'\n']);
        match bytes.get(i) {
            None => return (Kind::Literal { closed: false }, bytes.len()),
            Some(b'\n') => return (Kind::Literal { closed: false }, i),
            // Skipping one byte after a backslash is enough: the rest of a
            // multi-byte character is never a delimiter.
            Some(b'\\') => i += 2,
            Some(_) => return (Kind::Literal { closed: true }, i + 1),
        }
    }
}

/// `code` as the lexer reads it: without a byte-order mark, with `\r\n`
/// read as one newline. A lone `\r` is no line break for Go (it is
/// blank in code, a character in a literal), so it stays: read as a newline,
/// it would end a string early and hide the rest of the line as a comment.
pub fn normalize(code: &str) -> Cow<'_, str> {
    source::normalize_line_breaks(code, LONE_CR)
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

    fn kinds(code: &str) -> Vec<(Kind, &str)> {
        spans(code).map(|(k, r)| (k, &code[r])).collect()
    }

    #[test]
    fn spans_cover_code_comments_and_literals() {
        let closed = Kind::Literal { closed: true };
        assert_eq!(
            kinds("a / b // c\n/* d\n*/ \"e//\" '\\'' `f\n/*`"),
            [
                (Kind::Code, "a / b "),
                (Kind::Comment, "// c"),
                (Kind::Code, "\n"),
                (Kind::Comment, "/* d\n*/"),
                (Kind::Code, " "),
                (closed, "\"e//\""),
                (Kind::Code, " "),
                (closed, "'\\''"),
                (Kind::Code, " "),
                (closed, "`f\n/*`"),
            ]
        );
    }

    #[test]
    fn unterminated_literals_and_comments_run_to_their_end() {
        let open = Kind::Literal { closed: false };
        assert_eq!(kinds("\"a\nb"), [(open, "\"a"), (Kind::Code, "\nb")]);
        assert_eq!(kinds("\"a\\"), [(open, "\"a\\")]);
        assert_eq!(kinds("`a\n"), [(open, "`a\n")]);
        assert_eq!(kinds("/* a\n*"), [(Kind::Comment, "/* a\n*")]);
        assert_eq!(kinds("/*/"), [(Kind::Comment, "/*/")]);
    }

    #[test]
    fn comments_become_spaces_and_everything_else_stays() {
        let code = "import \"fmt\" // import \"os\"\n/* é\n ü */ s := \"// not\" + `/* raw */`";
        assert_eq!(
            strip_comments(code),
            "import \"fmt\"               \n    \n      s := \"// not\" + `/* raw */`"
        );
    }

    #[test]
    fn a_byte_order_mark_and_carriage_returns_are_kept() {
        assert_eq!(
            strip_comments("\u{feff}a // b\r\n/* c\r\nd */ e\r// f"),
            "\u{feff}a     \r\n    \r\n     e\r    "
        );
        // A lone `\r` is a character of the string, not a line break.
        assert_eq!(
            strip_comments("s := \"x\r// y\" // z"),
            "s := \"x\r// y\"     "
        );
    }

    #[test]
    fn reads_comments_and_literals_as_the_sdk_syntax_did() {
        use llm_sandbox_sdk::source::{Quote, Syntax, mask_comments};
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
        for code in [
            "a // b\n\"c // d\" /* e */ f",
            "'\\'' // g\n`h\\` // i",
            "\"unterminated // j\nk // l",
            "/* never closed\n// m",
            "x := 1 /*/ n */ y",
            "é := \"ü\\\n// o\" // p",
        ] {
            assert_eq!(strip_comments(code), mask_comments(code, &GO), "{code:?}");
        }
    }

    #[test]
    fn large_hostile_inputs_are_stripped_in_linear_time() {
        let started = std::time::Instant::now();
        for unit in ["/*", "//", "/", "\"", "\"\\", "`", "'", "*", "\r", "é/"] {
            let code = unit.repeat((2 << 20) / unit.len());
            let stripped = strip_comments(&code);
            assert_eq!(stripped.chars().count(), code.chars().count(), "{unit:?}");
        }
        // Generous for a debug build on a busy machine; quadratic time would take hours.
        assert!(started.elapsed().as_secs() < 60, "{:?}", started.elapsed());
    }
}
