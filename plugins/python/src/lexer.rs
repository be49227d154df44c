//! Python's comments and string literals: the one lexer that both import
//! detection and comment stripping use, so they never disagree about what a
//! comment is.
//!
//! It splits the source into spans of code, string literals and comments,
//! exactly as `llm_sandbox_sdk::source::Syntax::PYTHON` describes them:
//! `#` comments to the end of the line; `"""` and `'''` strings that may
//! span lines, `"` and `'` strings that a newline ends; a backslash escapes
//! the next character. An unterminated literal runs to the end of the input.
//! It works on bytes (every delimiter is ASCII, and UTF-8 never repeats an
//! ASCII byte inside a multi-byte character), so it is linear and fast.

use std::borrow::Cow;
use std::ops::Range;

use llm_sandbox_sdk::source::{self, LoneCr, find_any};

/// A lone `\r` ends a line, as it does for Python.
const LONE_CR: LoneCr = LoneCr::LineBreak;

/// What a span of source is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Code (no comment or literal starts inside it).
    Code,
    /// A string literal, quotes included.
    Literal,
    /// A `#` comment, up to (not including) the newline.
    Comment,
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
            b'#' => (Kind::Comment, line_end(bytes, start)),
            q @ (b'"' | b'\'') => (Kind::Literal, literal_end(bytes, start, q)),
            _ => (Kind::Code, start + code_len(&bytes[start..])),
        };
        self.pos = end;
        Some((kind, start..end))
    }
}

/// How many bytes at the start of `bytes` are code: up to the first `#`,
/// `"` or `'`.
fn code_len(bytes: &[u8]) -> usize {
    find_any(bytes, [b'#', b'"', b'\''])
}

/// The index of the newline that ends the line `from` is on (or the end).
fn line_end(bytes: &[u8], from: usize) -> usize {
    from + find_any(&bytes[from..], [b'\n'])
}

/// The index just past the literal opening with the quote `q` at `start`.
fn literal_end(bytes: &[u8], start: usize, q: u8) -> usize {
    let triple = bytes.get(start + 1) == Some(&q) && bytes.get(start + 2) == Some(&q);
    // A newline matters only to a single-quoted literal: it ends it.
    let (mut i, targets) = if triple {
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
            Some(_) if !triple => return i + 1,
            Some(_) if bytes.get(i + 1) == Some(&q) && bytes.get(i + 2) == Some(&q) => {
                return i + 3;
            }
            Some(_) => i += 1,
        }
    }
}

/// `code` as the lexer reads it: without a byte-order mark, with `\r\n`
/// and a lone `\r` read as one newline (as Python does).
pub fn normalize(code: &str) -> Cow<'_, str> {
    source::normalize_line_breaks(code, LONE_CR)
}

/// The encoding named by a coding declaration (PEP 263) on one of the first
/// two lines (`# -*- coding: latin-1 -*-`), as written.
fn declared_encoding(code: &str) -> Option<&str> {
    code.split('\n').take(2).find_map(|line| {
        let comment = line.trim_start_matches([' ', '\t', '\x0c', '\u{feff}']);
        let comment = comment.strip_prefix('#')?;
        let at = comment
            .match_indices("coding")
            .map(|(i, _)| i + "coding".len())
            .find(|i| matches!(comment.as_bytes().get(*i), Some(b':' | b'=')))?;
        let name = comment[at + 1..].trim_start_matches([' ', '\t']);
        let len = name
            .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')))
            .unwrap_or(name.len());
        (len > 0).then(|| &name[..len])
    })
}

/// Whether Python would read `code` with an encoding that can turn text in
/// a comment into code: `# coding: utf-7` makes `#+AAo-import os` a comment,
/// then `import os`. Encodings that read every ASCII byte as itself (UTF-8,
/// ASCII, Latin-1 and the other single-byte code pages) are safe.
pub fn unusual_encoding(code: &str) -> bool {
    let Some(name) = declared_encoding(code) else {
        return false;
    };
    let name = name.to_ascii_lowercase().replace('_', "-");
    let safe = [
        "utf-8", "utf8", "ascii", "us-ascii", "latin", "l1", "iso-8859", "iso8859",
    ]
    .iter()
    .chain(&["cp125", "windows-125", "koi8", "mac-", "iso-latin"])
    .any(|prefix| name.starts_with(prefix));
    !safe
}

/// `code` with every character of every comment replaced by a space; all
/// else (line breaks, literals, a byte-order mark) as it was.
///
/// Code that declares an encoding that can hide code in comments (see
/// [`unusual_encoding`]) is returned as it is.
pub fn strip_comments(code: &str) -> String {
    if unusual_encoding(code) {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(code: &str) -> Vec<(Kind, &str)> {
        spans(code).map(|(k, r)| (k, &code[r])).collect()
    }

    #[test]
    fn spans_cover_code_literals_and_comments() {
        assert_eq!(
            kinds("x = 'a#b' # c\ns = \"\"\"\n#\"\"\"r'\\''"),
            [
                (Kind::Code, "x = "),
                (Kind::Literal, "'a#b'"),
                (Kind::Code, " "),
                (Kind::Comment, "# c"),
                (Kind::Code, "\ns = "),
                (Kind::Literal, "\"\"\"\n#\"\"\""),
                (Kind::Code, "r"),
                (Kind::Literal, "'\\''"),
            ]
        );
    }

    #[test]
    fn a_newline_ends_a_short_literal_unless_escaped() {
        assert_eq!(
            kinds("'a\n# c\n'b\\\n# d'"),
            [
                (Kind::Literal, "'a"),
                (Kind::Code, "\n"),
                (Kind::Comment, "# c"),
                (Kind::Code, "\n"),
                (Kind::Literal, "'b\\\n# d'"),
            ]
        );
    }

    #[test]
    fn comments_become_spaces_and_everything_else_stays() {
        let code = "import os  # import re\ns = '# not a comment'  # é ü\nt = \"\"\"\n# in a docstring\n\"\"\"\n#";
        assert_eq!(
            strip_comments(code),
            "import os             \ns = '# not a comment'       \nt = \"\"\"\n# in a docstring\n\"\"\"\n "
        );
    }

    #[test]
    fn a_byte_order_mark_and_carriage_returns_are_kept() {
        assert_eq!(
            strip_comments("\u{feff}a # b\r\nc # d\re\r# f"),
            "\u{feff}a    \r\nc    \re\r   "
        );
        // A lone `\r` ends a comment, as it does for Python.
        assert_eq!(strip_comments("# x\rimport os"), "   \rimport os");
    }

    #[test]
    fn unterminated_literals_and_comments_run_to_the_end() {
        for code in ["'abc", "\"\"\"abc\n# x", "#", "'\\", "é'ü", "\"\"", "'''"] {
            let stripped = strip_comments(code);
            assert_eq!(stripped.chars().count(), code.chars().count(), "{code:?}");
        }
        assert_eq!(strip_comments("\"\"\"\n# x"), "\"\"\"\n# x");
    }

    #[test]
    fn reads_comments_and_literals_as_the_sdk_python_syntax_does() {
        use llm_sandbox_sdk::source::{Syntax, mask_comments};
        for code in [
            "a = 'x' # c\nb = \"#\" # d",
            "s = '''#\n'# ''' # e",
            "t = \"\"\"a\\\"\"\"# \"\"\" # f",
            "u = 'unterminated # g\nv = 1 # h",
            "w = 'é\\\n#' # ü",
            "x = r'\\' # i",
            "'''never closed # j",
            "\u{feff}y = 1 # k",
        ] {
            assert_eq!(
                strip_comments(code),
                mask_comments(code, &Syntax::PYTHON),
                "{code:?}"
            );
        }
    }

    #[test]
    fn an_encoding_that_can_hide_code_in_comments_keeps_them() {
        for code in [
            "# -*- coding: utf-7 -*-\n#+AAo-import os\n",
            "#!/usr/bin/env python3\n# vim: set fileencoding=unicode_escape :\n#\\nimport os\n",
            "# coding=raw-unicode-escape\n",
        ] {
            assert!(unusual_encoding(code), "{code:?}");
            assert_eq!(strip_comments(code), code);
        }
        for code in [
            "# -*- coding: utf-8 -*-\n# x\n",
            "# coding: latin-1\n",
            "#!/usr/bin/python\n# -*- coding: ISO-8859-15 -*-\n",
            "x = 1\n\n# coding: utf-7\n",
            "# no coding here\n",
        ] {
            assert!(!unusual_encoding(code), "{code:?}");
        }
        assert_eq!(strip_comments("# coding: cp1252\n"), " ".repeat(16) + "\n");
    }

    #[test]
    fn large_hostile_inputs_are_stripped_in_linear_time() {
        let started = std::time::Instant::now();
        for unit in ["#", "# é\n", "'", "\"\"\"", "'\\", "\r", "\r\n#", "'''#\n"] {
            let code = unit.repeat((2 << 20) / unit.len());
            let stripped = strip_comments(&code);
            assert_eq!(stripped.chars().count(), code.chars().count(), "{unit:?}");
        }
        // Generous for a debug build on a busy machine; quadratic time would take hours.
        assert!(started.elapsed().as_secs() < 60, "{:?}", started.elapsed());
    }
}
