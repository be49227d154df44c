//! Finding where patterns match, with lines and columns in characters.

use regex::Regex;

/// Most findings reported for one rule; further matches are not searched for.
pub const MAX_FINDINGS_PER_RULE: usize = 20;

/// A match of pattern `rule` (an index chosen by the caller) at byte `offset`.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Hit {
    /// Byte offset of the start of the match.
    pub offset: usize,
    /// Which pattern matched.
    pub rule: usize,
}

/// The first [`MAX_FINDINGS_PER_RULE`] matches of `regex` in `text`, as hits of `rule`.
pub fn hits(regex: &Regex, rule: usize, text: &str, out: &mut Vec<Hit>) {
    out.extend(
        regex
            .find_iter(text)
            .take(MAX_FINDINGS_PER_RULE)
            .map(|m| Hit {
                offset: m.start(),
                rule,
            }),
    );
}

/// Line and column (both 1-based, the column in characters) of byte offsets
/// in one text, computed with one pass over the text for all offsets.
pub struct Positions<'a> {
    bytes: &'a [u8],
    /// Byte offset of the start of every line.
    line_starts: Vec<usize>,
}

impl<'a> Positions<'a> {
    /// Index the lines of `text` (lines end at `\n`).
    pub fn new(text: &'a str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Positions {
            bytes: text.as_bytes(),
            line_starts,
        }
    }

    /// `(line, column)` of each offset in `sorted` (ascending byte offsets),
    /// in the same order. Counting characters resumes from the previous
    /// offset on the same line, so the total work is linear in the text.
    pub fn locate(&self, sorted: impl IntoIterator<Item = usize>) -> Vec<(u32, u32)> {
        let mut out = Vec::new();
        // (line index, byte offset, 0-based character column of that offset)
        let mut cursor: Option<(usize, usize, usize)> = None;
        for offset in sorted {
            let offset = offset.min(self.bytes.len());
            let line = self.line_starts.partition_point(|&s| s <= offset) - 1;
            let (from, column) = match cursor {
                Some((l, at, column)) if l == line && at <= offset => (at, column),
                _ => (self.line_starts[line], 0),
            };
            let column = column + count_chars(&self.bytes[from..offset]);
            cursor = Some((line, offset, column));
            out.push((saturate(line + 1), saturate(column + 1)));
        }
        out
    }
}

/// Characters in UTF-8 `bytes`: the bytes that do not continue a character.
fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

fn saturate(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters_within_lines() {
        let text = "ab\néé x y\n\nz";
        let p = Positions::new(text);
        let offsets = [0, 1, 3, 8, 10, 12, 13, text.len()];
        assert_eq!(
            p.locate(offsets),
            vec![
                (1, 1),
                (1, 2),
                (2, 1),
                (2, 4),
                (2, 6),
                (3, 1),
                (4, 1),
                (4, 2)
            ]
        );
    }

    #[test]
    fn positions_of_an_empty_text() {
        assert_eq!(Positions::new("").locate([0, 5]), vec![(1, 1), (1, 1)]);
    }
}
