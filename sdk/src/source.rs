//! Source scanning that ignores comments and string literals.
//!
//! Import detection must not be fooled by `# import os` or `"import os"`.
//! [`mask`] replaces every character inside comments and string literals with
//! a space (newlines are kept), so the masked text has exactly the same lines
//! and the same character columns as the original. Scan the masked text for
//! syntax, and read the original at the same position when the contents of a
//! literal matter (for example `__import__("os")`).

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
    };

    /// Shell-like languages (Ruby, R): `#` comments; `"` and `'` strings that may span lines.
    pub const HASH_COMMENTS: Syntax = Syntax {
        line_comments: &["#"],
        block_comments: &[],
        quotes: &[Quote::multiline("\""), Quote::multiline("'")],
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
            blank(&rest[..end], &mut out);
            rest = &rest[end..];
        } else if let Some(q) = syntax.quotes.iter().find(|q| rest.starts_with(q.open)) {
            let end = literal_end(rest, q);
            blank(&rest[..end], &mut out);
            rest = &rest[end..];
        } else if syntax.line_comments.iter().any(|m| rest.starts_with(m)) {
            let end = rest.find('\n').unwrap_or(rest.len());
            blank(&rest[..end], &mut out);
            rest = &rest[end..];
        } else {
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    Masked {
        original: code,
        masked: out,
    }
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

fn blank(text: &str, out: &mut String) {
    out.extend(text.chars().map(|c| if c == '\n' { '\n' } else { ' ' }));
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

/// Whether `c` can appear in an identifier (ASCII letters, digits, `_`, or any non-ASCII letter).
pub fn is_ident_char(c: char) -> bool {
    c == '_' || c.is_alphanumeric()
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
    fn literal_at_reads_the_original_text() {
        assert_eq!(
            literal_at("x = require('fs')", 12, &Syntax::C_LIKE).as_deref(),
            Some("fs")
        );
        assert_eq!(literal_at("x = 1", 2, &Syntax::C_LIKE), None);
        assert_eq!(literal_at("x", 10, &Syntax::C_LIKE), None);
    }
}
