//! A token stream that ignores comments and keeps string literals.
//!
//! Import scanners often need more than blanked-out text: `import "fmt"` in
//! Go or `library("x")` in R carry the module in a string. [`tokens`] walks
//! the original and the masked text (see [`crate::source::mask`]) side by
//! side: names and punctuation come from the code the mask kept; where the
//! mask blanked out something that starts with a quote, the token is that
//! literal, read from the original; comments are skipped.

use crate::source::{Quote, Syntax, mask};

/// What a [`Token`] is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TokenKind {
    /// A run of name characters (as decided by the caller) in code.
    Name(String),
    /// Any other character of code (whitespace is skipped).
    Punct(char),
    /// A literal: the delimiter it opened with, and its contents as written
    /// (escapes kept), or `None` when it is not closed.
    Literal {
        /// The opening delimiter (one of the syntax's quotes).
        open: &'static str,
        /// The contents, if the literal is closed.
        value: Option<String>,
    },
}

/// A token and where it starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// What it is.
    pub kind: TokenKind,
    /// 1-based line.
    pub line: u32,
    /// 1-based character column (for a literal, of its first character after the quote).
    pub column: u32,
}

/// The tokens of `code`, with `is_name` deciding which characters make up names.
pub fn tokens(code: &str, syntax: &Syntax, is_name: fn(char) -> bool) -> Vec<Token> {
    let masked = mask(code, syntax);
    let mut walker = Walker {
        orig: code.chars().collect(),
        masked: masked.text().chars().collect(),
        syntax,
        is_name,
        pos: 0,
        line: 1,
        col: 0,
    };
    std::iter::from_fn(|| walker.next_token()).collect()
}

/// Walks the original and the masked text side by side, character by character.
struct Walker<'a> {
    orig: Vec<char>,
    masked: Vec<char>,
    syntax: &'a Syntax,
    is_name: fn(char) -> bool,
    pos: usize,
    line: u32,
    col: u32,
}

impl Walker<'_> {
    fn starts_with(&self, at: usize, text: &str) -> bool {
        (at..)
            .zip(text.chars())
            .all(|(i, c)| self.orig.get(i) == Some(&c))
    }

    /// Move one character forward, keeping line and column.
    fn bump(&mut self) {
        if self.orig.get(self.pos) == Some(&'\n') {
            self.line = self.line.saturating_add(1);
            self.col = 0;
        } else {
            self.col = self.col.saturating_add(1);
        }
        self.pos += 1;
    }

    fn bump_n(&mut self, n: usize) {
        for _ in 0..n {
            self.bump();
        }
    }

    /// Whether the character at `pos` is code (the mask kept it).
    fn is_code(&self, c: char) -> bool {
        self.masked.get(self.pos) == Some(&c)
    }

    /// Read the literal of kind `q` at the current position.
    fn literal(&mut self, q: &Quote) -> Token {
        self.bump_n(q.open.chars().count());
        let (line, column) = (self.line, self.col.saturating_add(1));
        let mut value = String::new();
        let closed = loop {
            match self.orig.get(self.pos) {
                None => break false,
                Some('\n') if !q.multiline => break false,
                Some(_) if self.starts_with(self.pos, q.close) => {
                    self.bump_n(q.close.chars().count());
                    break true;
                }
                Some(&c) => {
                    value.push(c);
                    self.bump();
                    if c == '\\' && q.escapes {
                        if let Some(&next) = self.orig.get(self.pos) {
                            value.push(next);
                        }
                        self.bump();
                    }
                }
            }
        };
        let kind = TokenKind::Literal {
            open: q.open,
            value: closed.then_some(value),
        };
        Token { kind, line, column }
    }

    fn next_token(&mut self) -> Option<Token> {
        while let Some(&c) = self.orig.get(self.pos) {
            let code = self.is_code(c);
            if c.is_whitespace() {
                self.bump();
            } else if code && (self.is_name)(c) {
                let (line, column) = (self.line, self.col.saturating_add(1));
                let mut name = String::new();
                while let Some(&c) = self.orig.get(self.pos) {
                    if !(self.is_code(c) && (self.is_name)(c)) {
                        break;
                    }
                    name.push(c);
                    self.bump();
                }
                let kind = TokenKind::Name(name);
                return Some(Token { kind, line, column });
            } else if code {
                let token = Token {
                    kind: TokenKind::Punct(c),
                    line: self.line,
                    column: self.col.saturating_add(1),
                };
                self.bump();
                return Some(token);
            } else if let Some((open, close)) = self
                .syntax
                .block_comments
                .iter()
                .find(|(open, _)| self.starts_with(self.pos, open))
            {
                // Masked out: a comment or a literal starts here, in the order
                // `mask` tries them.
                self.bump_n(open.chars().count());
                while self.pos < self.orig.len() && !self.starts_with(self.pos, close) {
                    self.bump();
                }
                self.bump_n(close.chars().count());
            } else if let Some(q) = self
                .syntax
                .quotes
                .iter()
                .find(|q| self.starts_with(self.pos, q.open))
            {
                return Some(self.literal(q));
            } else {
                // A line comment (or anything else the mask hid): skip to the newline.
                while self.orig.get(self.pos).is_some_and(|c| *c != '\n') {
                    self.bump();
                }
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::is_ident_char;

    fn kinds(code: &str) -> Vec<TokenKind> {
        tokens(code, &Syntax::C_LIKE, is_ident_char)
            .into_iter()
            .map(|t| t.kind)
            .collect()
    }

    #[test]
    fn names_punctuation_and_literals_come_out_and_comments_do_not() {
        let lit = |v: &str| TokenKind::Literal {
            open: "\"",
            value: Some(v.into()),
        };
        assert_eq!(
            kinds("import \"fmt\" // import \"os\"\n/* \"net\" */ x;"),
            [
                TokenKind::Name("import".into()),
                lit("fmt"),
                TokenKind::Name("x".into()),
                TokenKind::Punct(';'),
            ]
        );
    }

    #[test]
    fn literal_columns_point_after_the_quote_and_unclosed_literals_have_no_value() {
        let toks = tokens("é \"ab\"\n'x", &Syntax::C_LIKE, is_ident_char);
        assert_eq!((toks[1].line, toks[1].column), (1, 4));
        assert_eq!(
            toks[2].kind,
            TokenKind::Literal {
                open: "'",
                value: None
            }
        );
    }
}
