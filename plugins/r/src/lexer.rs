//! R's comments and literals: the one lexer that package detection and
//! comment stripping both use, so they never disagree about what a comment is.
//!
//! It splits the source into spans of code, comments and literals: `#`
//! comments to the end of the line; `"…"` and `'…'` strings, which may span
//! lines and have backslash escapes; raw strings `r"(…)"`, `R'[…]'`,
//! `r"---{…}---"` (any number of dashes), which may span lines and have no
//! escapes; and `` `non-syntactic names` ``, which a newline ends. An
//! unterminated comment or literal runs to the end of the input (a name in
//! backticks, to the end of its line). It works on bytes (every delimiter is
//! ASCII, and UTF-8 never repeats an ASCII byte inside a multi-byte
//! character), so it is linear and fast.

use std::borrow::Cow;
use std::ops::Range;

use llm_sandbox_sdk::source::{self, LoneCr, find_any};

/// A lone `\r` ends a line, as it does for R.
const LONE_CR: LoneCr = LoneCr::LineBreak;

/// What a span of source is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Code (no comment or literal starts inside it).
    Code,
    /// A `#` comment, up to (not including) the newline.
    Comment,
    /// A literal, delimiters included: its opening delimiter is `open`
    /// bytes long (`"`, `` ` ``, `r"-(`), and it is `closed` unless it ran
    /// into the end of the input (or of its line, for a name in backticks).
    Literal { open: usize, closed: bool },
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
        let (kind, end) = match *bytes.get(start)? {
            b'#' => (Kind::Comment, start + find_any(&bytes[start..], [b'\n'])),
            b'r' | b'R' if raw_open(bytes, start).is_some() => raw(bytes, start),
            q @ (b'"' | b'\'' | b'`') => quoted(bytes, start, q),
            _ => (Kind::Code, code_end(bytes, start)),
        };
        self.pos = end;
        Some((kind, start..end))
    }
}

/// The end of the code starting at `start`: the next comment or literal.
fn code_end(bytes: &[u8], start: usize) -> usize {
    let i = start + 1 + find_any(&bytes[start + 1..], [b'#', b'"', b'\'', b'`']);
    // A raw string starts at the `r` before its quote.
    if i > start + 1 && matches!(bytes[i - 1], b'r' | b'R') && raw_open(bytes, i - 1).is_some() {
        i - 1
    } else {
        i.min(bytes.len())
    }
}

/// The opening delimiter of a raw string (`r"--(`).
struct RawOpen {
    /// Its length in bytes.
    len: usize,
    /// The bytes that close the string: `)`, the dashes, the quote.
    closer: u8,
    dashes: usize,
    quote: u8,
}

impl RawOpen {
    fn closes_at(&self, bytes: &[u8], i: usize) -> bool {
        bytes.get(i) == Some(&self.closer)
            && bytes.len() > i + self.dashes + 1
            && bytes[i + 1..=i + self.dashes].iter().all(|b| *b == b'-')
            && bytes[i + self.dashes + 1] == self.quote
    }
}

/// The opening delimiter of the raw string at `start`, if one is there.
fn raw_open(bytes: &[u8], start: usize) -> Option<RawOpen> {
    let quote = *bytes.get(start + 1).filter(|q| matches!(q, b'"' | b'\''))?;
    let dashes = bytes[start + 2..]
        .iter()
        .take_while(|b| **b == b'-')
        .count();
    let closer = match bytes.get(start + 2 + dashes)? {
        b'(' => b')',
        b'[' => b']',
        b'{' => b'}',
        _ => return None,
    };
    Some(RawOpen {
        len: dashes + 3,
        closer,
        dashes,
        quote,
    })
}

/// The raw string opening at `start`.
fn raw(bytes: &[u8], start: usize) -> (Kind, usize) {
    let Some(delimiter) = raw_open(bytes, start) else {
        return (Kind::Code, start + 1);
    };
    let open = delimiter.len;
    let mut i = start + open;
    loop {
        i += find_any(&bytes[i..], [delimiter.closer]);
        if i >= bytes.len() {
            return (
                Kind::Literal {
                    open,
                    closed: false,
                },
                bytes.len(),
            );
        }
        if delimiter.closes_at(bytes, i) {
            let closed = true;
            return (Kind::Literal { open, closed }, i + delimiter.dashes + 2);
        }
        i += 1;
    }
}

/// The string or name opening with the quote `q` at `start`.
fn quoted(bytes: &[u8], start: usize, q: u8) -> (Kind, usize) {
    // Only a name in backticks ends at a newline.
    let newline = if q == b'`' { b'\n' } else { q };
    let mut i = start + 1;
    loop {
        i += find_any(&bytes[i.min(bytes.len())..], [q, b'\\', newline]);
        let (closed, end) = match bytes.get(i) {
            None => (false, bytes.len()),
            Some(b'\n') if q == b'`' => (false, i),
            // Skipping one byte after a backslash is enough: the rest of a
            // multi-byte character is never a delimiter.
            Some(b'\\') => {
                i += 2;
                continue;
            }
            Some(_) => (true, i + 1),
        };
        return (Kind::Literal { open: 1, closed }, end);
    }
}

/// `code` as the lexer reads it: without a byte-order mark, with `\r\n`
/// and a lone `\r` read as one newline.
pub fn normalize(code: &str) -> Cow<'_, str> {
    source::normalize_line_breaks(code, LONE_CR)
}

/// `code` with every character of every comment replaced by a space; all
/// else (line breaks, literals, a byte-order mark) as it was.
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
        let lit = |open| Kind::Literal { open, closed: true };
        assert_eq!(
            kinds("x <- \"a # b\n\" # c\ny <- r\"-(# )\" )-\" + `d e` + 'f\\'#'"),
            [
                (Kind::Code, "x <- "),
                (lit(1), "\"a # b\n\""),
                (Kind::Code, " "),
                (Kind::Comment, "# c"),
                (Kind::Code, "\ny <- "),
                (lit(4), "r\"-(# )\" )-\""),
                (Kind::Code, " + "),
                (lit(1), "`d e`"),
                (Kind::Code, " + "),
                (lit(1), "'f\\'#'"),
            ]
        );
    }

    #[test]
    fn raw_strings_take_any_number_of_dashes_and_need_a_bracket() {
        let lit = |open| Kind::Literal { open, closed: true };
        assert_eq!(
            kinds("r\"---[a]--\" # ]---\"#"),
            [(lit(6), "r\"---[a]--\" # ]---\""), (Kind::Comment, "#")]
        );
        assert_eq!(kinds("R'{x}'"), [(lit(3), "R'{x}'")]);
        assert_eq!(
            kinds("bar\"(x)\""),
            [(Kind::Code, "ba"), (lit(3), "r\"(x)\"")]
        );
        assert_eq!(
            kinds("r\"x\" r"),
            [(Kind::Code, "r"), (lit(1), "\"x\""), (Kind::Code, " r")]
        );
    }

    #[test]
    fn unterminated_literals_and_comments_run_to_their_end() {
        let open = |open| Kind::Literal {
            open,
            closed: false,
        };
        assert_eq!(kinds("\"a\nb"), [(open(1), "\"a\nb")]);
        assert_eq!(kinds("'a\\"), [(open(1), "'a\\")]);
        assert_eq!(kinds("`a\nb"), [(open(1), "`a"), (Kind::Code, "\nb")]);
        assert_eq!(kinds("r\"(a)'"), [(open(3), "r\"(a)'")]);
    }

    #[test]
    fn comments_become_spaces_and_everything_else_stays() {
        let code = "library(a) # library(b)\nx <- \"# é\" # ü\ny <- r\"(\n# raw\n)\"";
        assert_eq!(
            strip_comments(code),
            "library(a)             \nx <- \"# é\"    \ny <- r\"(\n# raw\n)\""
        );
        assert_eq!(
            strip_comments("\u{feff}a # b\r\nc\r# d"),
            "\u{feff}a    \r\nc\r   "
        );
    }

    #[test]
    fn reads_comments_and_literals_as_the_sdk_syntax_did() {
        use llm_sandbox_sdk::source::{Quote, Syntax, mask_comments};
        const R: Syntax = Syntax {
            line_comments: &["#"],
            block_comments: &[],
            quotes: &[
                Quote {
                    open: "r\"(",
                    close: ")\"",
                    escapes: false,
                    multiline: true,
                },
                Quote {
                    open: "r'--[",
                    close: "]--'",
                    escapes: false,
                    multiline: true,
                },
                Quote::multiline("\""),
                Quote::multiline("'"),
                Quote::simple("`"),
            ],
            string_prefixes: "",
        };
        for code in [
            "a # b\n\"c # d\" # e",
            "r\"(# f)\" # g\nr'--[# ]-' ]--' # h",
            "'\\' # i' # j\n`k # l` # m",
            "`unterminated # n\no # p",
            "\"never closed # q",
            "é <- \"ü\\\n# r\" # s",
        ] {
            assert_eq!(strip_comments(code), mask_comments(code, &R), "{code:?}");
        }
    }

    #[test]
    fn large_hostile_inputs_are_stripped_in_linear_time() {
        let started = std::time::Instant::now();
        for unit in [
            "#",
            "\"",
            "'\\",
            "`",
            "r\"(",
            "r\"-",
            "r\"--(x)-\"",
            "\r",
            "é#\n",
        ] {
            let code = unit.repeat((2 << 20) / unit.len());
            let stripped = strip_comments(&code);
            assert_eq!(stripped.chars().count(), code.chars().count(), "{unit:?}");
        }
        // Generous for a debug build on a busy machine; quadratic time would take hours.
        assert!(started.elapsed().as_secs() < 60, "{:?}", started.elapsed());
    }
}
