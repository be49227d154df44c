//! `#include` detection for C and C++ that ignores comments and string
//! literals.
//!
//! The source is masked by [`crate::lexer`] (every byte inside a comment or
//! literal becomes a space, newlines stay): raw strings (`R"x(…)x"`), digit
//! separators (`1'000`) and line splices (a `//` comment ending in `\`) are
//! understood.
//!
//! A directive is `#` (or its digraph `%:`) as the first non-blank character
//! of a line (spaces allowed: `# include`), then `include`, then `<name>` or
//! `"name"`; the module is `name` as written (`iostream`, `sys/socket.h`), at
//! the column of its first character.

use llm_sandbox_sdk::ImportedModule;
use llm_sandbox_sdk::source::{find_any, is_ident_char};

use crate::lexer::{mask, normalize};

/// The character starting at byte `i` of `text`.
fn char_at(text: &str, i: usize) -> Option<char> {
    match *text.as_bytes().get(i)? {
        b if b.is_ascii() => Some(char::from(b)),
        _ => text.get(i..)?.chars().next(),
    }
}

/// The header named after `#include` in `tail` (the rest of the line after
/// the word `include`): its text and its byte offset in `tail`.
fn header_name(tail: &str) -> Option<(&str, usize)> {
    let mut i = 0;
    loop {
        while let Some(c) = char_at(tail, i).filter(|c| c.is_whitespace()) {
            i += c.len_utf8();
        }
        if tail[i..].starts_with("/*") {
            let close = tail[i + 2..].find("*/")?;
            i += 2 + close + 2;
        } else {
            break;
        }
    }
    let close = match tail.as_bytes().get(i)? {
        b'<' => '>',
        b'"' => '"',
        _ => return None,
    };
    let start = i + 1;
    let len = tail[start..].find(close)?;
    let name = &tail[start..start + len];
    (!name.trim().is_empty()).then_some((name, start))
}

/// How many characters `text` holds before byte `i`.
fn column(text: &str, i: usize) -> u32 {
    let n = text.as_bytes()[..i]
        .iter()
        .filter(|b| (**b & 0xC0) != 0x80)
        .count();
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The headers `code` includes, in source order.
pub fn scan(code: &str) -> Vec<ImportedModule> {
    let code = normalize(code);
    let masked = mask(&code, true);
    let mut found = Vec::new();
    let mut continued = false;
    let (mut start, mut line) = (0, 0u32);
    while start <= code.len() {
        let end = start + find_any(&masked[start..], [b'\n']);
        let (original, m) = (&code[start..end], &masked[start..end]);
        (start, line) = (end + 1, line.saturating_add(1));
        // A line after one ending in `\` continues it: not a new directive.
        let is_continuation = continued;
        continued = m.last() == Some(&b'\\');
        if is_continuation {
            continue;
        }
        // The masked line holds the original's bytes or spaces, at the same
        // offsets; a masked character may be several spaces.
        let blank_from = |mut k: usize| {
            loop {
                let len = match m.get(k) {
                    Some(b' ') => 1,
                    Some(_) => match char_at(original, k) {
                        Some(c) if c.is_whitespace() => c.len_utf8(),
                        _ => return k,
                    },
                    None => return k,
                };
                k += len;
            }
        };
        let k = blank_from(0);
        // `#`, or its digraph `%:`.
        let hash = match m.get(k..) {
            Some([b'#', ..]) => 1,
            Some([b'%', b':', ..]) => 2,
            _ => continue,
        };
        let k = blank_from(k + hash);
        let mut word_end = k;
        while m.get(word_end).is_some_and(|b| *b != b' ')
            && let Some(c) = char_at(original, word_end).filter(|c| is_ident_char(*c))
        {
            word_end += c.len_utf8();
        }
        if &original[k..word_end] != "include" {
            continue;
        }
        let Some((name, offset)) = header_name(&original[word_end..]) else {
            continue;
        };
        let column = column(original, word_end + offset).saturating_add(1);
        found.push(ImportedModule::new(name, line, column));
    }
    found
}

#[cfg(test)]
mod tests {
    use super::scan;

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
    }

    #[test]
    fn the_digraph_of_the_hash_starts_a_directive_too() {
        assert_eq!(
            modules("%:include <sys/socket.h>\n  %: include \"a.h\""),
            ["sys/socket.h", "a.h"]
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
