//! A language plugin that misbehaves on request, to test the host's limits.
//! Every function that reads code reads it (trimmed) as an instruction:
//!
//! - `run`: `loop` spins forever, `alloc` allocates without bound, `trap`
//!   panics, `recurse` overflows the stack, `escape` returns a plan writing
//!   outside the work dir; anything else runs `echo` with the code.
//! - `imports`: `imports-loop` spins forever, `imports-alloc` allocates
//!   without bound, `imports-trap` panics; otherwise every
//!   whitespace-separated word `mod:NAME` is an import of `NAME`, at the
//!   line and column (1-based, in characters) where `NAME` starts, so tests
//!   can feed chosen imports to security policies (`mod:os mod:socket`).
//! - `strip_comments` (keyed on the first line): `strip-loop` spins forever,
//!   `strip-lines` returns text with more lines than the code (the host must
//!   notice and fall back); otherwise the code unchanged.

use llm_sandbox_sdk::{
    Capabilities, Context, File, ImportedModule, LanguageInfo, LanguagePlugin, Plan, PluginError,
    RunRequest, Step, StepKind, export_language,
};

/// The hostile plugin.
pub struct Hostile;

#[allow(unconditional_recursion, clippy::only_used_in_recursion)]
fn recurse(n: u64) -> u64 {
    std::hint::black_box(recurse(n + 1)) + 1
}

/// Spin forever.
fn spin() -> ! {
    let mut x = 0u64;
    loop {
        x = std::hint::black_box(x.wrapping_add(1));
    }
}

/// Allocate a mebibyte at a time until the memory limit stops it.
fn hoard() -> ! {
    let mut hoard: Vec<Vec<u8>> = Vec::new();
    loop {
        hoard.push(vec![1u8; 1 << 20]);
        std::hint::black_box(&hoard);
    }
}

/// Every whitespace-separated word `mod:NAME` (with a non-empty `NAME`) as an
/// import of `NAME` at the place where `NAME` starts.
fn mod_words(code: &str) -> Vec<ImportedModule> {
    let mut found = Vec::new();
    for (index, line) in code.lines().enumerate() {
        let line_no = u32::try_from(index + 1).unwrap_or(u32::MAX);
        let mut word_start: Option<(usize, usize)> = None; // (byte, char column)
        let mut column = 0usize;
        for (byte, c) in line.char_indices().chain([(line.len(), ' ')]) {
            column += 1;
            if c.is_whitespace() {
                if let Some((start, start_column)) = word_start.take()
                    && let Some(name) = line[start..byte].strip_prefix("mod:")
                    && !name.is_empty()
                {
                    let name_column = u32::try_from(start_column + 4).unwrap_or(u32::MAX);
                    found.push(ImportedModule::new(name, line_no, name_column));
                }
            } else if word_start.is_none() {
                word_start = Some((byte, column));
            }
        }
    }
    found
}

impl LanguagePlugin for Hostile {
    fn describe() -> LanguageInfo {
        LanguageInfo {
            name: "hostile".into(),
            aliases: vec![],
            extensions: vec!["hostile".into()],
            default_image: "llm-sandbox-test/hostile:none".into(),
            debian_packages: vec![],
            image_flavors: vec![],
            version: "0.0.1".into(),
            description: "misbehaves on purpose".into(),
            capabilities: Capabilities {
                install_packages: false,
                environment_setup: false,
                interactive: false,
                plots: false,
            },
        }
    }

    fn run(_ctx: Context, request: RunRequest) -> Result<Plan, PluginError> {
        match request.code.trim() {
            "loop" => spin(),
            "alloc" => hoard(),
            "trap" => panic!("deliberate trap"),
            "recurse" => {
                let n = recurse(0);
                Err(PluginError::InvalidInput(n.to_string()))
            }
            "escape" => Ok(Plan {
                files: vec![File::text("../../etc/cron.d/x", "boom")],
                steps: vec![Step::new(StepKind::Run, ["true"])],
            }),
            other => Ok(Plan {
                files: vec![],
                steps: vec![Step::new(StepKind::Run, ["echo", other])],
            }),
        }
    }

    fn imports(code: String) -> Vec<ImportedModule> {
        match code.trim() {
            "imports-loop" => spin(),
            "imports-alloc" => hoard(),
            "imports-trap" => panic!("deliberate trap in imports"),
            _ => mod_words(&code),
        }
    }

    fn strip_comments(code: String) -> String {
        // Keyed on the first line, so tests can add imports (`mod:x`) below.
        match code.lines().next().unwrap_or("").trim() {
            "strip-loop" => spin(),
            "strip-lines" => format!("{code}\n\n"),
            _ => code,
        }
    }
}

export_language!(Hostile);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mod_words_are_imports_at_the_place_of_their_name() {
        let found = Hostile::imports("mod:os x mod:\n  mod:socket\tmod:net/http notmod:x".into());
        let found: Vec<_> = found
            .iter()
            .map(|i| (i.module.as_str(), i.line, i.column))
            .collect();
        assert_eq!(found, [("os", 1, 5), ("socket", 2, 7), ("net/http", 2, 18)]);
        assert!(Hostile::imports("loop".into()).is_empty());
    }

    #[test]
    fn columns_count_characters() {
        let found = Hostile::imports("é mod:x".into());
        assert_eq!((found[0].line, found[0].column), (1, 7));
    }

    #[test]
    #[should_panic(expected = "deliberate trap in imports")]
    fn imports_traps_on_request() {
        Hostile::imports(" imports-trap\n".into());
    }

    #[test]
    fn strip_comments_keeps_the_code_or_changes_its_line_count() {
        assert_eq!(Hostile::strip_comments("a\nb".into()), "a\nb");
        let stripped = Hostile::strip_comments("strip-lines".into());
        assert_ne!(stripped.lines().count(), "strip-lines".lines().count());
    }
}
