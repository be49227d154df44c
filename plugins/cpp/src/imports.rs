//! `#include` detection for C and C++ that ignores comments and string
//! literals.
//!
//! The sdk's `source::mask` cannot express two pieces of C++ lexical syntax
//! that matter here, so this module masks with its own small scanner (same
//! contract: every character inside a comment or literal becomes a space,
//! newlines stay, so lines and columns are kept):
//!
//! - raw strings with a delimiter, `R"x(…)x"`, which may span lines and hold
//!   quotes and `#include` lines;
//! - digit separators, `1'000'000`, which are not character literals;
//!
//! plus line splices (a `//` comment ending in `\` continues on the next line).
//!
//! A directive is `#` as the first non-blank character of a line (spaces
//! allowed: `# include`), then `include`, then `<name>` or `"name"`; the
//! module is `name` as written (`iostream`, `sys/socket.h`), at the column of
//! its first character.

use llm_sandbox_sdk::ImportedModule;
use llm_sandbox_sdk::source::is_ident_char;

/// Prefixes that may precede a raw string's quote (`R"(…)"`, `u8R"(…)"`).
const RAW_PREFIXES: [&str; 5] = ["R", "u8R", "uR", "UR", "LR"];

/// The longest raw-string delimiter the standard allows.
const MAX_RAW_DELIMITER: usize = 16;

/// If a raw string starts at the quote `chars[quote]`, the index just past
/// its end (or the end of the input if it is never closed).
fn raw_string_end(chars: &[char], quote: usize) -> Option<usize> {
    // The identifier characters before the quote, at most one more than the
    // longest prefix (enough to tell `u8R` from `xu8R`).
    let longest = RAW_PREFIXES.iter().map(|p| p.len()).max().unwrap_or(0);
    let prefix: String = chars[..quote]
        .iter()
        .rev()
        .take(longest + 1)
        .take_while(|c| is_ident_char(**c))
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    if !RAW_PREFIXES.contains(&prefix.as_str()) {
        return None;
    }
    let open = chars
        .iter()
        .skip(quote + 1)
        .take(MAX_RAW_DELIMITER + 1)
        .position(|c| *c == '(')
        .map(|i| quote + 1 + i)?;
    let delimiter = &chars[quote + 1..open];
    if delimiter
        .iter()
        .any(|c| c.is_whitespace() || matches!(c, ')' | '\\' | '"'))
    {
        return None;
    }
    let mut closing = vec![')'];
    closing.extend_from_slice(delimiter);
    closing.push('"');
    let end = chars[open + 1..]
        .windows(closing.len())
        .position(|w| w == closing.as_slice())
        .map_or(chars.len(), |i| open + 1 + i + closing.len());
    Some(end)
}

/// The index just past a `"…"` or `'…'` literal opening at `chars[i]`: the
/// closing quote, or the end of the line (an unterminated literal).
fn literal_end(chars: &[char], i: usize) -> usize {
    let quote = chars[i];
    let mut j = i + 1;
    while let Some(&c) = chars.get(j) {
        match c {
            '\\' => j += 2,
            '\n' => return j,
            c if c == quote => return j + 1,
            _ => j += 1,
        }
    }
    chars.len()
}

/// `code` with every character of comments and string and character
/// literals replaced by a space (newlines kept).
pub fn mask(code: &str) -> String {
    let chars: Vec<char> = code.chars().collect();
    let mut out = chars.clone();
    let mut i = 0;
    // Whether the run of letters, digits, `_` and `.` just before `i` started
    // as a number (`None`: not in such a run). In a number, `'` separates
    // digits (`1'000`, `0xFF'FF`); after a letter (`u8'a'`) it opens a literal.
    let mut run: Option<bool> = None;
    while let Some(&c) = chars.get(i) {
        let next = chars.get(i + 1).copied();
        let end = match (c, next) {
            ('/', Some('/')) => {
                // A line comment runs to a newline that is not spliced by `\`.
                let mut j = i + 2;
                while let Some(&c) = chars.get(j) {
                    if c == '\n' && chars[j - 1] != '\\' {
                        break;
                    }
                    j += 1;
                }
                j
            }
            ('/', Some('*')) => chars[i + 2..]
                .windows(2)
                .position(|w| w == ['*', '/'])
                .map_or(chars.len(), |p| i + 2 + p + 2),
            ('"', _) => raw_string_end(&chars, i).unwrap_or_else(|| literal_end(&chars, i)),
            ('\'', Some(n)) if run == Some(true) && n.is_ascii_alphanumeric() => {
                i += 1;
                continue;
            }
            ('\'', _) => literal_end(&chars, i),
            _ => {
                run = if c.is_alphanumeric() || c == '_' || c == '.' {
                    Some(run.unwrap_or_else(|| {
                        c.is_ascii_digit() || (c == '.' && next.is_some_and(|n| n.is_ascii_digit()))
                    }))
                } else {
                    None
                };
                i += 1;
                continue;
            }
        };
        run = None;
        let end = end.min(chars.len());
        for c in &mut out[i..end] {
            if *c != '\n' {
                *c = ' ';
            }
        }
        i = end;
    }
    out.into_iter().collect()
}

/// The header named after `#include` in `tail` (the rest of the line after
/// the word `include`): its text and its character offset in `tail`.
fn header_name(tail: &[char]) -> Option<(String, usize)> {
    let mut i = 0;
    loop {
        while tail.get(i).is_some_and(|c| c.is_whitespace()) {
            i += 1;
        }
        if tail.get(i) == Some(&'/') && tail.get(i + 1) == Some(&'*') {
            let close = tail[i + 2..].windows(2).position(|w| w == ['*', '/'])?;
            i += 2 + close + 2;
        } else {
            break;
        }
    }
    let close = match tail.get(i)? {
        '<' => '>',
        '"' => '"',
        _ => return None,
    };
    let start = i + 1;
    let len = tail.get(start..)?.iter().position(|c| *c == close)?;
    let name: String = tail[start..start + len].iter().collect();
    (!name.trim().is_empty()).then_some((name, start))
}

/// The headers `code` includes, in source order.
pub fn scan(code: &str) -> Vec<ImportedModule> {
    let code = code.strip_prefix('\u{feff}').unwrap_or(code);
    let normalized;
    let code = if code.contains('\r') {
        normalized = code.replace("\r\n", "\n").replace('\r', "\n");
        normalized.as_str()
    } else {
        code
    };
    let masked = mask(code);
    let mut found = Vec::new();
    let mut continued = false;
    for (index, (original, masked)) in code.split('\n').zip(masked.split('\n')).enumerate() {
        // A line after one ending in `\` continues it: not a new directive.
        let is_continuation = continued;
        continued = masked.ends_with('\\');
        if is_continuation {
            continue;
        }
        let m: Vec<char> = masked.chars().collect();
        let mut k = m.iter().take_while(|c| c.is_whitespace()).count();
        if m.get(k) != Some(&'#') {
            continue;
        }
        k += 1;
        k += m[k..].iter().take_while(|c| c.is_whitespace()).count();
        let word_len = m[k..].iter().take_while(|c| is_ident_char(**c)).count();
        let word: String = m[k..k + word_len].iter().collect();
        if word != "include" {
            continue;
        }
        let o: Vec<char> = original.chars().collect();
        let after = k + word_len;
        let Some((name, offset)) = o.get(after..).and_then(header_name) else {
            continue;
        };
        let line = u32::try_from(index + 1).unwrap_or(u32::MAX);
        let column = u32::try_from(after + offset + 1).unwrap_or(u32::MAX);
        found.push(ImportedModule::new(name, line, column));
    }
    found
}

#[cfg(test)]
mod tests {
    use super::{mask, scan};

    fn modules(code: &str) -> Vec<String> {
        scan(code).into_iter().map(|i| i.module).collect()
    }

    #[test]
    fn finds_angle_and_quoted_includes_as_written() {
        assert_eq!(
            modules(
                "#include <iostream>\n#include <sys/socket.h>\n#include \"my/util.hpp\"\n#include<vector>\nint main() {}"
            ),
            ["iostream", "sys/socket.h", "my/util.hpp", "vector"]
        );
    }

    #[test]
    fn spaces_around_the_hash_and_comments_before_the_name_are_allowed() {
        assert_eq!(
            modules(
                "  #  include <a.h>\n#\tinclude\t\"b.h\"\n/* x */ #include <c.h>\n#include /* why */ <d.h> // e"
            ),
            ["a.h", "b.h", "c.h", "d.h"]
        );
    }

    #[test]
    fn ignores_comments_and_string_literals() {
        let code = "// #include <a.h>\n/*\n#include <b.h>\n*/\nconst char* s = \"#include <c.h>\";\nauto r = R\"(\n#include <d.h>\n)\";\nauto q = u8R\"x(\n)\"\n#include <e.h>\n)x\";\n// spliced comment \\\n#include <f.h>\nint main() {}";
        assert!(modules(code).is_empty(), "{:?}", modules(code));
    }

    #[test]
    fn similar_directives_and_macros_are_not_includes() {
        let code = "#define include_it 1\n#includes <x>\n#include_next <y>\n#pragma once\n#include MACRO_HEADER\n#define X \\\n#include <z>\n#include <real>";
        assert_eq!(modules(code), ["real"]);
    }

    #[test]
    fn digit_separators_are_not_character_literals() {
        let code = "int n = 1'000'000; /* '\n#include <hidden.h>\n*/\n#include <shown.h>";
        assert_eq!(modules(code), ["shown.h"]);
        assert_eq!(
            mask("char c = 'x'; auto u = u8'y'; long h = 0xFF'FF; double d = .5'0; c = L'z';"),
            "char c =    ; auto u = u8   ; long h = 0xFF'FF; double d = .5'0; c = L   ;"
        );
    }

    #[test]
    fn escaped_quotes_do_not_end_literals() {
        let code = "const char* s = \"\\\" #include <a.h>\";\nchar q = '\\'';\n#include <b.h>";
        assert_eq!(modules(code), ["b.h"]);
    }

    #[test]
    fn reports_line_and_column_of_the_name() {
        let found = scan("int x;\n  # include  <sys/socket.h>\n#include \"a.h\"");
        assert_eq!((found[0].line, found[0].column), (2, 15));
        assert_eq!((found[1].line, found[1].column), (3, 11));
    }

    #[test]
    fn byte_order_mark_and_windows_line_endings_do_not_hide_includes() {
        let found = scan("\u{feff}#include <a>\r\n#include <b>\r\n");
        assert_eq!(
            modules("\u{feff}#include <a>\r\n#include <b>\r\n"),
            ["a", "b"]
        );
        assert_eq!((found[1].line, found[1].column), (2, 11));
    }

    #[test]
    fn masking_keeps_lines_and_columns() {
        for code in [
            "a /* b */ c \"d\" 'e' R\"(f\ng)\" h",
            "é 'ü' \"ö\" // ä",
            "R\"delim(never closed",
        ] {
            let masked = mask(code);
            assert_eq!(masked.chars().count(), code.chars().count(), "{code}");
            assert_eq!(masked.matches('\n').count(), code.matches('\n').count());
        }
    }

    #[test]
    fn hostile_input_stays_fast() {
        let started = std::time::Instant::now();
        for unit in [
            "1'",
            "aaaa\"",
            "R\"x(",
            "/*",
            "'\\",
            "#include <",
            "# include /* */",
        ] {
            let _ = scan(&unit.repeat(200_000));
        }
        assert!(started.elapsed().as_secs() < 10, "{:?}", started.elapsed());
    }

    #[test]
    fn hostile_input_does_not_panic() {
        for code in [
            "#",
            "#include",
            "#include <",
            "#include \"",
            "#include <>",
            "#include /*",
            "\"unterminated",
            "'",
            "'\\",
            "/* unterminated",
            "R\"",
            "R\"(",
            "R\"abcdefghijklmnopqrstuvwxyz(x)",
            "u8R\"x(\n",
            "1'",
            "é#include <ü>",
            "# include <é/ü.h>",
            "\\",
            "//\\",
        ] {
            let _ = scan(code);
        }
        assert_eq!(modules("# include <é/ü.h>"), ["é/ü.h"]);
    }
}
