//! Java's comments and literals, and its tokens: the one lexer that import
//! detection, the class layout and comment stripping all use, so they never
//! disagree about what a comment is.
//!
//! The source splits into spans of code, comments and literals: `//`
//! comments to the end of the line and `/* */` comments (Javadoc
//! included); `"""` text blocks, which may span lines; `"` strings and `'`
//! character literals, which a newline ends; a backslash escapes the next
//! character. An unterminated comment or literal runs to the end of the
//! input (or, for a string or character, of its line). Tokens come from the
//! code only, so nothing inside a comment or literal can look like a class,
//! a `main` or an `import`. It works on bytes (every delimiter is ASCII, and
//! UTF-8 never repeats an ASCII byte inside a multi-byte character), so it
//! is linear and fast.

use std::borrow::Cow;
use std::ops::Range;

use llm_sandbox_sdk::source::{self, CodeToken, LoneCr, Position, code_tokens, find_any};

/// A lone `\r` ends a line, as it does for Java.
const LONE_CR: LoneCr = LoneCr::LineBreak;

/// What a span of source is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Code (no comment or literal starts inside it).
    Code,
    /// A comment: `//` up to (not including) the newline, or `/* … */`.
    Comment,
    /// A text block, string or character literal, delimiters included.
    Literal,
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
            (q @ (b'"' | b'\''), _) => (Kind::Literal, literal_end(bytes, start, q)),
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
        i += find_any(&bytes[i..], [b'/', b'"', b'\'']);
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

/// The index just past the literal opening with the quote `q` at `start`:
/// a text block (`"""`), a string or a character literal.
fn literal_end(bytes: &[u8], start: usize, q: u8) -> usize {
    let block = q == b'"' && bytes.get(start + 1) == Some(&q) && bytes.get(start + 2) == Some(&q);
    // A newline matters only to a string or character: it ends it.
    let (mut i, targets) = if block {
        (start + 3, [q, b'\\', b'\\'])
    } else {
        (start + 1, [q, b'\\', b'\n'])
    };
    loop {
        i += find_any(&bytes[i.min(bytes.len())..], targets);
        match bytes.get(i) {
            None => return bytes.len(),
            // Skipping one byte after a backslash is enough: the rest of a
            // multi-byte character is never a delimiter.
            Some(b'\\') => i += 2,
            Some(b'\n') => return i,
            Some(_) if !block => return i + 1,
            Some(_) if bytes.get(i + 1) == Some(&q) && bytes.get(i + 2) == Some(&q) => {
                return i + 3;
            }
            Some(_) => i += 1,
        }
    }
}

/// `code` as the lexer reads it: without a byte-order mark, with `\r\n`
/// and a lone `\r` read as one newline (as Java does), so lines and columns
/// match what an editor shows.
pub fn normalize(code: &str) -> Cow<'_, str> {
    source::normalize_line_breaks(code, LONE_CR)
}

/// `code` with its Unicode escapes (`\u0041`, `\uuu000a`) translated, as
/// javac does before anything else, if it has any; and whether one of them
/// is a character that matters to the lexer (a line break, `/`, `*`, a
/// quote or a backslash), so that the text reads differently once
/// translated: `// \u000a code` is a comment, then code.
pub fn translate_unicode_escapes(code: &str) -> Option<(String, bool)> {
    if !code.contains("\\u") {
        return None;
    }
    let bytes = code.as_bytes();
    let mut out = String::with_capacity(code.len());
    let (mut copied, mut i, mut significant) = (0, 0, false);
    while i < bytes.len() {
        if bytes[i] != b'\\' {
            i += 1;
            continue;
        }
        // Only a backslash after an even number of backslashes starts an
        // escape (`\\u0041` is a backslash, then `u0041`).
        let run = bytes[i..].iter().take_while(|b| **b == b'\\').count();
        i += run;
        let us = bytes[i..].iter().take_while(|b| **b == b'u').count();
        if run % 2 == 0 || us == 0 {
            continue;
        }
        let hex = code
            .get(i + us..i + us + 4)
            .filter(|h| h.bytes().all(|b| b.is_ascii_hexdigit()));
        let Some(c) = hex
            .and_then(|h| u32::from_str_radix(h, 16).ok())
            .and_then(char::from_u32)
        else {
            continue;
        };
        out.push_str(&code[copied..i - 1]);
        out.push(c);
        significant |= matches!(c, '\n' | '\r' | '/' | '*' | '"' | '\'' | '\\');
        i += us + 4;
        copied = i;
    }
    (copied > 0).then(|| {
        out.push_str(&code[copied..]);
        (out, significant)
    })
}

/// `code` with every character of every comment replaced by a space, line
/// breaks kept; all else (literals, a byte-order mark) as it was.
///
/// Code whose Unicode escapes make comments or literals read differently
/// once translated (see [`translate_unicode_escapes`]) is returned as it
/// is: blanking what looks like a comment could hide code from a policy.
pub fn strip_comments(code: &str) -> String {
    if translate_unicode_escapes(code).is_some_and(|(_, significant)| significant) {
        return code.to_string();
    }
    source::blank_comments(code, LONE_CR, |code, blank| {
        for (kind, range) in spans(code) {
            if kind == Kind::Comment {
                blank(range);
            }
        }
    })
}

/// One token of the code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tok<'a> {
    /// An identifier, keyword or number (`$` and `_` count as letters).
    Word(&'a str),
    /// Any other non-blank character.
    Punct(char),
}

/// A token and where it starts.
#[derive(Debug, Clone, Copy)]
pub struct Token<'a> {
    /// The token.
    pub tok: Tok<'a>,
    /// 1-based line.
    pub line: u32,
    /// 1-based character column.
    pub col: u32,
}

impl<'a> Token<'a> {
    /// The word, if this token is one.
    pub fn word(&self) -> Option<&'a str> {
        match self.tok {
            Tok::Word(w) => Some(w),
            Tok::Punct(_) => None,
        }
    }

    /// Whether this token is the punctuation character `c`.
    pub fn is(&self, c: char) -> bool {
        self.tok == Tok::Punct(c)
    }
}

/// Whether `c` can be part of a Java identifier.
pub fn is_java_ident_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '$' || (!c.is_ascii() && c.is_alphanumeric())
}

/// Give the tokens of `code` (normalized: see [`normalize`]) outside
/// comments and literals to `sink`, in source order.
pub fn for_each_token<'a>(code: &'a str, mut sink: impl FnMut(Token<'a>)) {
    let mut at = Position::START;
    for (kind, range) in spans(code) {
        if kind != Kind::Code {
            // Not code: only where it ends matters.
            at.advance(&code.as_bytes()[range]);
            continue;
        }
        code_tokens(code, range, &mut at, is_java_ident_char, |t, p| {
            let tok = match t {
                CodeToken::Word(w) => Tok::Word(w),
                CodeToken::Punct(c) => Tok::Punct(c),
            };
            sink(Token {
                tok,
                line: p.line,
                col: p.col,
            });
        });
    }
}

/// The tokens of `code` (normalized: see [`normalize`]) outside comments
/// and literals, in source order.
pub fn tokenize(code: &str) -> Vec<Token<'_>> {
    let mut toks = Vec::new();
    for_each_token(code, |t| toks.push(t));
    toks
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(code: &str) -> Vec<String> {
        tokenize(code)
            .iter()
            .filter_map(|t| t.word().map(String::from))
            .collect()
    }

    #[test]
    fn comments_strings_text_blocks_and_chars_are_not_tokens() {
        let code = "a // b\n/* c */ d \"e\" '\"' f \"\"\"\ng\n\"\"\" h";
        assert_eq!(words(code), ["a", "d", "f", "h"]);
    }

    #[test]
    fn dollar_signs_and_unicode_letters_are_part_of_identifiers() {
        assert_eq!(words("$x.y_1 = héllo;"), ["$x", "y_1", "héllo"]);
    }

    #[test]
    fn positions_are_one_based_lines_and_character_columns() {
        let code = normalize("é = 1;\r\n  class X");
        let toks = tokenize(&code);
        let x = toks.last().unwrap();
        assert_eq!((x.line, x.col), (2, 9));
        assert_eq!((toks[0].line, toks[0].col), (1, 1));
    }

    #[test]
    fn unicode_escapes_are_translated_as_javac_does() {
        assert_eq!(
            translate_unicode_escapes("a\\u0041b"),
            Some(("aAb".into(), false))
        );
        assert_eq!(
            translate_unicode_escapes("// \\uu000a x \\\\u0041 \\u00e9"),
            Some(("// \n x \\\\u0041 é".into(), true))
        );
        assert_eq!(translate_unicode_escapes("\\\\u0041 \\u12 \\uD800"), None);
    }

    #[test]
    fn a_comment_that_unicode_escapes_end_is_not_stripped() {
        let code = "// \\u000a Runtime.getRuntime().exec(\"ls\");\nclass A {} // x";
        assert_eq!(strip_comments(code), code);
        let code = "String s = \"caf\\u00e9\"; // x";
        assert_eq!(strip_comments(code), code.replace("// x", "    "));
    }

    #[test]
    fn unterminated_literals_and_comments_do_not_panic() {
        for code in ["\"abc", "'", "\"\"\"", "/* x", "\\", "\"\\", "é'ü"] {
            let _ = tokenize(code);
            let stripped = strip_comments(code);
            assert_eq!(stripped.chars().count(), code.chars().count(), "{code:?}");
        }
    }

    #[test]
    fn comments_become_spaces_and_everything_else_stays() {
        let code = "import a.B; // é\n/** doc\n * x */ String s = \"// no\" + \"\"\"\n/* no */\"\"\" + '\"'; // y\r\nz";
        let expected = code
            .replace("// é", "    ")
            .replace("/** doc\n * x */", "       \n       ")
            .replace("// y", "    ");
        assert_eq!(strip_comments(code), expected);
    }

    #[test]
    fn large_hostile_inputs_are_stripped_and_scanned_in_linear_time() {
        let started = std::time::Instant::now();
        for unit in [
            "/*", "//\n", "\"", "\"\"\"", "'\\", "\\u", "\\uuuu", "\\u000a", "import ", "é/",
        ] {
            let code = unit.repeat((2 << 20) / unit.len());
            let stripped = strip_comments(&code);
            assert_eq!(stripped.chars().count(), code.chars().count(), "{unit:?}");
            let _ = crate::imports::scan(&code);
        }
        // Generous for a debug build on a busy machine; quadratic time would take hours.
        assert!(started.elapsed().as_secs() < 60, "{:?}", started.elapsed());
    }
}
