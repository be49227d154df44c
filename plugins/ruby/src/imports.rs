//! Import detection for Ruby: `require`, `require_relative` and `load` of a
//! string literal.
//!
//! Works on the tokens of [`crate::lexer`]: comments (`#` and
//! `=begin`/`=end`), heredoc bodies, percent literals (`%w[…]`, `%q(…)`),
//! regular expressions, symbols and the data after `__END__` never produce
//! identifiers, so `# require 'x'`, `"require 'x'"` and `<<~RUBY` bodies are
//! not imports. Code inside `#{…}` is lexed as code.

use llm_sandbox_sdk::ImportedModule;

use crate::lexer::{Tok, Token, lex, normalize};

/// The methods that load code.
const LOADERS: [&str; 3] = ["require", "require_relative", "load"];

/// A string token that names a fixed file: its text and position.
fn fixed_string<'a>(t: Option<&Token<'a>>) -> Option<(&'a str, u32, u32)> {
    match t {
        Some(Token {
            tok: Tok::Str {
                text,
                interpolated: false,
            },
            line,
            col,
        }) if !text.is_empty() => Some((text, *line, *col)),
        _ => None,
    }
}

fn punct(t: Option<&Token<'_>>, c: char) -> bool {
    t.is_some_and(|t| t.tok == Tok::Punct(c))
}

/// The files `code` requires or loads, in source order.
pub fn scan(code: &str) -> Vec<ImportedModule> {
    // A byte-order mark is not code; Windows line endings are newlines.
    let code = normalize(code);
    let toks = lex(&code, true).tokens;
    let mut found = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        let Tok::Ident(word) = t.tok else {
            continue;
        };
        if !LOADERS.contains(&word) {
            continue;
        }
        // `YAML.load "…"` is not an import, `Kernel.require "x"` is.
        let previous = i.checked_sub(1).and_then(|p| toks.get(p));
        if punct(previous, '.') {
            let receiver = i.checked_sub(2).and_then(|p| toks.get(p));
            if !matches!(receiver.map(|t| t.tok), Some(Tok::Ident("Kernel"))) {
                continue;
            }
        }
        if matches!(previous.map(|t| t.tok), Some(Tok::Ident("def"))) {
            continue;
        }
        let next = toks.get(i + 1);
        let module = if punct(next, '(') {
            // require("x"), require ( "x" )
            fixed_string(toks.get(i + 2)).filter(|_| punct(toks.get(i + 3), ')'))
        } else {
            // require "x": on the same line, and not the start of an expression.
            let after = toks
                .get(i + 2)
                .filter(|a| a.line == next.map_or(0, |n| n.line));
            fixed_string(next)
                .filter(|(_, line, _)| *line == t.line)
                .filter(|_| {
                    !matches!(
                        after.map(|a| a.tok),
                        Some(Tok::Punct('+' | '.' | '%' | '*'))
                    )
                })
        };
        if let Some((module, line, col)) = module {
            found.push(ImportedModule::new(module, line, col));
        }
    }
    found.sort_by_key(|m| (m.line, m.column));
    found
}

#[cfg(test)]
mod tests {
    use super::scan;

    fn modules(code: &str) -> Vec<String> {
        scan(code).into_iter().map(|i| i.module).collect()
    }

    #[test]
    fn finds_require_in_every_quoting_and_calling_style() {
        assert_eq!(
            modules(
                "require 'json'\nrequire \"net/http\"\nrequire('set')\nrequire ( 'csv' )\nrequire %q(yaml)"
            ),
            ["json", "net/http", "set", "csv", "yaml"]
        );
    }

    #[test]
    fn reports_require_relative_and_load_as_written() {
        assert_eq!(
            modules(
                "require_relative 'lib/helper'\nrequire_relative \"../x\"\nload 'tasks.rb'\nKernel.require 'kern'"
            ),
            ["lib/helper", "../x", "tasks.rb", "kern"]
        );
    }

    #[test]
    fn ignores_comments_and_embedded_documents() {
        let code = "# require 'a'\nx = 1 # require 'b'\n=begin\nrequire 'c'\n=end\n  =begin\nrequire 'd'\n";
        assert_eq!(modules(code), ["d"]);
    }

    #[test]
    fn ignores_strings_heredocs_and_percent_literals() {
        let code = "s = \"require 'a'\"\nt = 'require \"b\"'\nu = <<~RUBY\n  require 'c'\nRUBY\nv = %q(require 'd')\nw = %w[require e]\nputs <<-EOS, <<'X'\n  require 'f'\n  EOS\nrequire 'g'\nX\nrequire 'h'";
        assert_eq!(modules(code), ["h"]);
    }

    #[test]
    fn ignores_regular_expressions_and_symbols_but_not_divisions() {
        let code = "r = /require 'a'/\ns = :require\nt = { require: 'b' }\nn = total / 2; require 'c'\nok = line =~ /\"/ ; require 'd'";
        assert_eq!(modules(code), ["c", "d"]);
    }

    #[test]
    fn code_inside_interpolation_counts() {
        assert_eq!(modules("x = \"#{require 'a'} require 'b'\""), ["a"]);
    }

    #[test]
    fn dynamic_and_similarly_named_calls_are_not_imports() {
        let code = "require name\nrequire \"lib/#{name}\"\nrequire 'a' + suffix\nYAML.load 'x: 1'\nJSON.load('{}')\nrequires 'b'\nmy_require 'c'\nrequire_all 'd'\nreload 'e'\ndef load(path) end\nrequire\n'f'";
        assert!(modules(code).is_empty(), "{:?}", modules(code));
    }

    #[test]
    fn global_variables_that_look_like_quotes_do_not_start_strings() {
        assert_eq!(modules("puts $'\nputs $\"\nrequire 'a'"), ["a"]);
        assert_eq!(modules("c = ?'\nrequire 'b'"), ["b"]);
    }

    #[test]
    fn finds_requires_in_blocks_conditions_and_after_semicolons() {
        let code = "begin\n  require 'a'\nrescue LoadError\nend\nrequire 'b' if x\nx = 1; require 'c'\n[1].each { require 'd' }";
        assert_eq!(modules(code), ["a", "b", "c", "d"]);
    }

    #[test]
    fn data_after_end_is_not_code() {
        assert_eq!(modules("require 'a'\n__END__\nrequire 'b'"), ["a"]);
    }

    #[test]
    fn reports_line_and_column_of_the_name() {
        let found = scan("x = 1\n  require   'json'\nrequire(\n  \"set\")\nrequire %q(yaml)");
        assert_eq!(
            found
                .iter()
                .map(|m| (m.module.as_str(), m.line, m.column))
                .collect::<Vec<_>>(),
            [("json", 2, 14), ("set", 4, 4), ("yaml", 5, 12)]
        );
    }

    #[test]
    fn unicode_before_a_require_counts_in_characters() {
        let found = scan("s = '世界'; require 'é'");
        assert_eq!((found[0].module.as_str(), found[0].column), ("é", 20));
    }

    #[test]
    fn a_byte_order_mark_and_windows_line_endings_do_not_hide_requires() {
        assert_eq!(
            modules("\u{feff}require 'a'\r\n=begin\r\nrequire 'x'\r\n=end\r\nrequire 'b'\r\n"),
            ["a", "b"]
        );
    }

    #[test]
    fn class_self_is_not_a_heredoc() {
        assert_eq!(
            modules("class << self\n  require 'a'\nend\narr <<x\nrequire 'b'"),
            ["a", "b"]
        );
    }

    #[test]
    fn a_typical_program_reports_its_requires_only() {
        let code = "# frozen_string_literal: true\nrequire 'json'\nrequire_relative 'lib/util'\n\nclass Report\n  def initialize(rows) = @rows = rows\n\n  def to_s\n    <<~TEXT\n      require 'not_an_import'\n      rows=#{@rows.size} pct=#{format('%.1f%%', 12.3)}\n    TEXT\n  end\nend\n\nputs Report.new([1, 2]).to_s if __FILE__ == $0\nwords = %w[require load]\nputs words.size / 2\n";
        let found = scan(code);
        assert_eq!(
            found
                .iter()
                .map(|m| (m.module.as_str(), m.line, m.column))
                .collect::<Vec<_>>(),
            [("json", 2, 10), ("lib/util", 3, 19)]
        );
    }

    #[test]
    fn large_hostile_inputs_are_scanned_in_linear_time() {
        let started = std::time::Instant::now();
        for unit in [
            "x /x ",
            "<<'",
            "<<A ",
            "%q(",
            "require '",
            "\"#{",
            "?",
            "=begin\n",
            ":\"",
            "a ? b :c\n",
        ] {
            let code = unit.repeat((2 << 20) / unit.len());
            let _ = scan(&code);
        }
        // Generous for a debug build on a busy machine; quadratic time would take hours.
        assert!(started.elapsed().as_secs() < 60, "{:?}", started.elapsed());
    }

    #[test]
    fn hostile_input_does_not_panic() {
        let deep = "\"#{".repeat(10_000);
        for code in [
            "",
            "require",
            "require(",
            "require '",
            "require \"#{",
            "=begin",
            "=begin\nnever closed",
            "<<~",
            "x = <<~'",
            "x = <<~EOS",
            "%",
            "%q",
            "%q(",
            "%w[",
            "?",
            "?\\",
            ":",
            ":\"",
            "$",
            "$-",
            "@",
            "/",
            "x = /unterminated",
            "}}}}",
            "\\",
            "é require ü",
            "\r\r\n\r",
            "__END__",
            deep.as_str(),
        ] {
            let _ = scan(code);
        }
    }
}
