//! Lua for the llm-sandbox host, written against the sdk alone.
//!
//! Build: `cargo build --release --target wasm32-wasip2`, then
//! `host run --plugin target/wasm32-wasip2/release/lua_plugin.wasm script.lua`.

use llm_sandbox_sdk::source::{Quote, Syntax, literal_calls, mask};
use llm_sandbox_sdk::{
    Capabilities, Context, File, ImportedModule, LanguageInfo, LanguagePlugin, Plan, PluginError,
    RunRequest, Step, StepKind, export_language,
};

/// Lua's comments (`--`, `--[[ ]]`) and strings (`'…'`, `"…"`, `[[…]]`).
const LUA: Syntax = Syntax {
    line_comments: &["--"],
    block_comments: &[("--[[", "]]"), ("[[", "]]")],
    quotes: &[Quote::simple("\""), Quote::simple("'")],
    string_prefixes: "",
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
            version: env!("CARGO_PKG_VERSION").into(),
            description: "Lua 5.4 (example plugin, built outside the host)".into(),
            capabilities: Capabilities {
                install_packages: false,
                environment_setup: false,
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
        // `require "x"` and `require 'x'` (no parentheses) are calls too.
        let masked = mask(&code, &LUA);
        let mut found: Vec<ImportedModule> = literal_calls(&masked, &["require"], &LUA)
            .into_iter()
            .map(|c| ImportedModule::new(c.argument, c.line, c.column))
            .collect();
        for (line, original, masked_line) in masked.lines() {
            let chars: Vec<char> = masked_line.chars().collect();
            let text: Vec<char> = original.chars().collect();
            let mut col = 0;
            while let Some(pos) = find(&chars, col, "require") {
                let mut after = pos + "require".len();
                while text.get(after).is_some_and(|c| *c == ' ' || *c == '\t') {
                    after += 1;
                }
                if let Some(quote @ ('"' | '\'')) = text.get(after).copied() {
                    let name: String = text[after + 1..]
                        .iter()
                        .take_while(|c| **c != quote)
                        .collect();
                    let column = u32::try_from(after + 2).unwrap_or(u32::MAX);
                    if !name.is_empty()
                        && !found.iter().any(|i| i.line == line && i.column == column)
                    {
                        found.push(ImportedModule::new(name, line, column));
                    }
                }
                col = pos + 1;
            }
        }
        found.sort_by_key(|i| (i.line, i.column));
        found
    }
}

/// The next whole-word occurrence of `word` in `chars` at or after `from`.
fn find(chars: &[char], from: usize, word: &str) -> Option<usize> {
    let w: Vec<char> = word.chars().collect();
    (from..chars.len().saturating_sub(w.len() - 1)).find(|&i| {
        chars[i..i + w.len()] == w[..]
            && (i == 0 || !llm_sandbox_sdk::source::is_ident_char(chars[i - 1]))
            && chars
                .get(i + w.len())
                .is_none_or(|c| !llm_sandbox_sdk::source::is_ident_char(*c))
    })
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
    fn runs_the_script_with_lua() {
        let plan = Lua::run(
            Context {
                workdir: "/sandbox".into(),
                setup_done: true,
            },
            RunRequest {
                code: "print(1)".into(),
                run_id: "r1".into(),
                args: vec![],
            },
        )
        .unwrap();
        assert_eq!(plan.steps[0].argv, ["lua5.4", ".runs/r1/main.lua"]);
    }
}
