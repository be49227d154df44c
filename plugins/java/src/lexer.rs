//! Java tokens on the masked source: comments, string literals, text blocks
//! and character literals are blanked first (see `llm_sandbox_sdk::source`),
//! so nothing inside them can look like a class, a `main` or an `import`.

use llm_sandbox_sdk::source::{Quote, Syntax, mask};

/// Java's lexical syntax: `//` and `/* */` comments (Javadoc included),
/// `"""` text blocks, `"` strings and `'` character literals.
pub const JAVA: Syntax = Syntax {
    line_comments: &["//"],
    block_comments: &[("/*", "*/")],
    quotes: &[
        Quote::multiline("\"\"\""),
        Quote::simple("\""),
        Quote::simple("'"),
    ],
    string_prefixes: "",
};

/// One token of the masked source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Tok {
    /// An identifier, keyword or number (`$` and `_` count as letters).
    Word(String),
    /// Any other non-blank character.
    Punct(char),
}

/// A token and where it starts.
#[derive(Debug, Clone)]
pub struct Token {
    /// The token.
    pub tok: Tok,
    /// 1-based line.
    pub line: u32,
    /// 1-based character column.
    pub col: u32,
}

impl Token {
    /// The word, if this token is one.
    pub fn word(&self) -> Option<&str> {
        match &self.tok {
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
    c == '_' || c == '$' || c.is_alphanumeric()
}

/// The tokens of `code` outside comments and literals, in source order.
///
/// A byte-order mark is dropped and `\r\n` / `\r` count as newlines, so
/// lines and columns match what an editor shows.
pub fn tokenize(code: &str) -> Vec<Token> {
    let code = code.strip_prefix('\u{feff}').unwrap_or(code);
    let normalized;
    let code = if code.contains('\r') {
        normalized = code.replace("\r\n", "\n").replace('\r', "\n");
        normalized.as_str()
    } else {
        code
    };
    let masked = mask(code, &JAVA);
    let mut out = Vec::new();
    for (line, _, text) in masked.lines() {
        let mut word = String::new();
        let mut start = 0u32;
        for (index, c) in text.chars().enumerate() {
            let col = u32::try_from(index + 1).unwrap_or(u32::MAX);
            if is_java_ident_char(c) {
                if word.is_empty() {
                    start = col;
                }
                word.push(c);
                continue;
            }
            if !word.is_empty() {
                out.push(Token {
                    tok: Tok::Word(std::mem::take(&mut word)),
                    line,
                    col: start,
                });
            }
            if !c.is_whitespace() {
                out.push(Token {
                    tok: Tok::Punct(c),
                    line,
                    col,
                });
            }
        }
        if !word.is_empty() {
            out.push(Token {
                tok: Tok::Word(word),
                line,
                col: start,
            });
        }
    }
    out
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
        let toks = tokenize("é = 1;\r\n  class X");
        let x = toks.last().unwrap();
        assert_eq!((x.line, x.col), (2, 9));
        assert_eq!((toks[0].line, toks[0].col), (1, 1));
    }

    #[test]
    fn unterminated_literals_and_comments_do_not_panic() {
        for code in ["\"abc", "'", "\"\"\"", "/* x", "\\", "\"\\", "é'ü"] {
            let _ = tokenize(code);
        }
    }
}
