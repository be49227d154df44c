//! Lua for the llm-sandbox host, written against the sdk alone.
//!
//! Build: `cargo build --release --target wasm32-wasip2`, then
//! `host run --plugin target/wasm32-wasip2/release/lua_plugin.wasm script.lua`.

use std::ops::Range;

use llm_sandbox_sdk::source::is_ident_char;
use llm_sandbox_sdk::{
    Capabilities, Context, File, ImportedModule, LanguageInfo, LanguagePlugin, Plan, PluginError,
    RunRequest, Step, StepKind, export_language,
};

/// The Lua plugin.
pub struct Lua;

impl LanguagePlugin for Lua {
    fn describe() -> LanguageInfo {
        LanguageInfo {
            name: "lua".into(),
            aliases: vec!["lua5.4".into()],
            extensions: vec!["lua".into()],
            default_image: "llm-sandbox-example/lua:5.4".into(),
            debian_packages: vec!["lua5.4".into(), "ca-certificates".into()],
            image_flavors: vec![],
            version: env!("CARGO_PKG_VERSION").into(),
            description: "Lua 5.4 (example plugin, built outside the host)".into(),
            capabilities: Capabilities {
                install_packages: false,
                environment_setup: false,
                interactive: false,
                plots: false,
            },
        }
    }

    fn run(_ctx: Context, request: RunRequest) -> Result<Plan, PluginError> {
        let script = format!("{}/main.lua", request.run_dir()?);
        let mut argv = vec!["lua5.4".to_string(), script.clone()];
        argv.extend(request.args);
        Ok(Plan {
            files: vec![File::text(script, request.code)],
            steps: vec![Step::new(StepKind::Run, argv)],
        })
    }

    fn imports(code: String) -> Vec<ImportedModule> {
        // `require("x")`, and `require "x"` or `require [[x]]` without
        // parentheses (a call with one string argument).
        let tokens = tokens(&code);
        let mut found = Vec::new();
        for (i, t) in tokens.iter().enumerate() {
            if t.kind != Token::Name("require") {
                continue;
            }
            let argument = match tokens.get(i + 1).map(|t| t.kind) {
                Some(Token::Punct('(')) => tokens.get(i + 2),
                _ => tokens.get(i + 1),
            };
            if let Some(&Positioned {
                kind: Token::Str(module),
                line,
                column,
            }) = argument
                && !module.is_empty()
            {
                found.push(ImportedModule::new(module, line, column));
            }
        }
        found
    }

    fn strip_comments(code: String) -> String {
        // The same lexer as `imports`: a `--` in a string is not a comment.
        let mut out = String::with_capacity(code.len());
        for (kind, range) in spans(&code) {
            let text = &code[range];
            if kind == Kind::Comment {
                let blank = |c| if matches!(c, '\n' | '\r') { c } else { ' ' };
                out.extend(text.chars().map(blank));
            } else {
                out.push_str(text);
            }
        }
        out
    }
}

/// What a span of Lua source is. (`\n`, `\r` and `\r\n` all end a line.)
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Code,
    /// `-- …` to the end of the line, or `--[[ … ]]` / `--[==[ … ]==]`.
    Comment,
    /// `"…"` or `'…'` (a newline ends it), or `[[ … ]]` / `[==[ … ]==]`;
    /// `open` is the length of its opening delimiter.
    Literal {
        open: usize,
        closed: bool,
    },
}

/// The spans of `code`: comments, string literals and the code between.
///
/// Lua's long brackets have levels (`[==[ … ]==]` closes only at `]==]`),
/// which `source::Syntax` cannot express, so this is a small lexer of its
/// own. Unterminated comments and strings run to the end of the input.
fn spans(code: &str) -> impl Iterator<Item = (Kind, Range<usize>)> + '_ {
    let bytes = code.as_bytes();
    let mut pos = 0;
    std::iter::from_fn(move || {
        let start = pos;
        let rest = bytes.get(start..).filter(|r| !r.is_empty())?;
        let (kind, end) = if rest.starts_with(b"--") {
            match long_bracket(&rest[2..]) {
                Some(level) => (Kind::Comment, start + 2 + long_end(&rest[2..], level).1),
                None => {
                    let line = rest
                        .iter()
                        .position(|b| matches!(b, b'\n' | b'\r'))
                        .unwrap_or(rest.len());
                    (Kind::Comment, start + line)
                }
            }
        } else if let Some(level) = long_bracket(rest) {
            let (closed, len) = long_end(rest, level);
            let open = level + 2;
            (Kind::Literal { open, closed }, start + len)
        } else if let q @ (b'"' | b'\'') = rest[0] {
            let mut i = 1;
            let closed = loop {
                match rest.get(i) {
                    None | Some(b'\n' | b'\r') => break false,
                    // An escaped line break (`\r\n` is one) continues the string.
                    Some(b'\\') if matches!(rest.get(i + 1..i + 3), Some(b"\r\n" | b"\n\r")) => {
                        i += 3;
                    }
                    Some(b'\\') => i += 2,
                    Some(b) if *b == q => break true,
                    Some(_) => i += 1,
                }
            };
            let len = if closed { i + 1 } else { i.min(rest.len()) };
            (Kind::Literal { open: 1, closed }, start + len)
        } else {
            // Code, up to the next thing that may start a comment or a string.
            let len = 1 + rest[1..]
                .iter()
                .position(|b| matches!(b, b'-' | b'[' | b'"' | b'\''))
                .unwrap_or(rest.len() - 1);
            (Kind::Code, start + len)
        };
        pos = end;
        Some((kind, start..end))
    })
}

/// The level of the long bracket `[==[` at the start of `text`, if one is there.
fn long_bracket(text: &[u8]) -> Option<usize> {
    let level = text.get(1..)?.iter().take_while(|b| **b == b'=').count();
    (text[0] == b'[' && text.get(level + 1) == Some(&b'[')).then_some(level)
}

/// Whether the long bracket of `level` opening `text` is closed, and the
/// length up to and including its closing bracket (or all of `text`).
fn long_end(text: &[u8], level: usize) -> (bool, usize) {
    let mut i = level + 2;
    while let Some(close) = text[i..].iter().position(|b| *b == b']') {
        let after = i + close + 1;
        let equals = text[after..]
            .iter()
            .take(level)
            .take_while(|b| **b == b'=')
            .count();
        if equals == level && text.get(after + level) == Some(&b']') {
            return (true, after + level + 1);
        }
        i = after;
    }
    (false, text.len())
}

/// A token of code: a name, a punctuation character or a string literal
/// (its contents, empty when it is not closed).
#[derive(Debug, Clone, Copy, PartialEq)]
enum Token<'a> {
    Name(&'a str),
    Punct(char),
    Str(&'a str),
}

/// A token and where it starts: 1-based line and character column (of a
/// string's first character after its opening delimiter).
#[derive(Debug, Clone, Copy)]
struct Positioned<'a> {
    kind: Token<'a>,
    line: u32,
    column: u32,
}

/// The tokens of `code` outside comments.
fn tokens(code: &str) -> Vec<Positioned<'_>> {
    let mut out = Vec::new();
    let (mut line, mut column) = (1u32, 1u32);
    for (kind, range) in spans(code) {
        let text = &code[range.clone()];
        if let Kind::Literal { open, closed } = kind {
            let contents = if closed {
                // A long string closes with as many bytes as it opened with.
                &text[open..text.len() - open]
            } else {
                ""
            };
            let column = column + u32::try_from(open).unwrap_or(0);
            out.push(Positioned {
                kind: Token::Str(contents),
                line,
                column,
            });
        }
        let mut chars = text.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            let at = column;
            // `\n`, `\r` and `\r\n` each end a line.
            if c == '\n' || (c == '\r' && chars.peek().is_none_or(|(_, d)| *d != '\n')) {
                (line, column) = (line + 1, 1);
                continue;
            }
            column += 1;
            if kind != Kind::Code || c.is_whitespace() {
                continue;
            }
            let token = if is_ident_char(c) {
                let mut end = i + c.len_utf8();
                while let Some((j, d)) = chars.next_if(|(_, d)| is_ident_char(*d)) {
                    end = j + d.len_utf8();
                    column += 1;
                }
                Token::Name(&text[i..end])
            } else {
                Token::Punct(c)
            };
            out.push(Positioned {
                kind: token,
                line,
                column: at,
            });
        }
    }
    out
}

export_language!(Lua);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_require_with_and_without_parentheses_but_not_in_comments() {
        let code = "local json = require('cjson')\nlocal s = require \"socket\"\n-- require 'os'\n--[[ require('io') ]]\nprint(\"require 'x'\")";
        let modules: Vec<String> = Lua::imports(code.into())
            .into_iter()
            .map(|i| i.module)
            .collect();
        assert_eq!(modules, ["cjson", "socket"]);
    }

    #[test]
    fn long_strings_and_comments_have_levels() {
        let code = "local a = require [[lpeg]]\n--[==[ require 'x' ]] still a comment ]==] local b = require 'b'\nlocal s = [=[ ]] -- ]=] local c = require(\n  \"c\")";
        let found: Vec<(String, u32, u32)> = Lua::imports(code.into())
            .into_iter()
            .map(|i| (i.module, i.line, i.column))
            .collect();
        assert_eq!(
            found,
            [
                ("lpeg".to_string(), 1, 21),
                ("b".to_string(), 2, 63),
                ("c".to_string(), 4, 4)
            ]
        );
    }

    #[test]
    fn strip_comments_blanks_comments_and_keeps_strings_lines_and_columns() {
        let code = "print('-- not a comment') -- os.exit()\n--[==[\nos.execute('ls')\n]==] s = [=[ -- ]=] x = \"--\"\n";
        let expected = code.replace("-- os.exit()", &" ".repeat(12)).replace(
            "--[==[\nos.execute('ls')\n]==]",
            "      \n                \n    ",
        );
        assert_eq!(Lua::strip_comments(code.into()), expected);
    }

    #[test]
    fn carriage_returns_end_lines_as_lua_reads_them() {
        let code = "-- a\rlocal x = require 'x' -- b\r\nlocal s = 'c\\\r\n-- d'";
        assert_eq!(
            Lua::strip_comments(code.into()),
            "    \rlocal x = require 'x'     \r\nlocal s = 'c\\\r\n-- d'"
        );
        let found = Lua::imports(code.into());
        assert_eq!(
            (found[0].module.as_str(), found[0].line, found[0].column),
            ("x", 2, 20)
        );
    }

    #[test]
    fn unterminated_and_large_hostile_inputs_stay_linear() {
        for code in ["--[[", "[==[", "'", "\"\\", "--[=", "é--ü"] {
            let stripped = Lua::strip_comments(code.into());
            assert_eq!(stripped.chars().count(), code.chars().count(), "{code:?}");
        }
        let started = std::time::Instant::now();
        for unit in ["--[[", "[[", "]", "--", "[=", "require ", "'", "-"] {
            let code = unit.repeat((2 << 20) / unit.len());
            let _ = Lua::imports(code.clone());
            let _ = Lua::strip_comments(code);
        }
        // Generous for a debug build on a busy machine; quadratic time would take hours.
        assert!(started.elapsed().as_secs() < 60, "{:?}", started.elapsed());
    }

    #[test]
    fn runs_the_script_with_lua() {
        let plan = Lua::run(
            Context {
                workdir: "/sandbox".into(),
                setup_done: true,
                managed_environment: false,
            },
            RunRequest {
                code: "print(1)".into(),
                run_id: "r1".into(),
                args: vec![],
                plots: None,
            },
        )
        .unwrap();
        assert_eq!(plan.steps[0].argv, ["lua5.4", ".runs/r1/main.lua"]);
    }
}
