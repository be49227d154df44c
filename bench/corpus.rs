//! The benchmark program corpus, shared by `tests/bench_programs.rs` and
//! `examples/bench_batch.rs` (each includes this file with `#[path]`).
//!
//! Layout: `bench/programs/<lang>/<NN>_<snake_name>.<ext>`, and next to each
//! program `<NN>_<snake_name>.out`, its exact expected standard output.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use llm_sandbox_host::RunResult;

/// Each corpus directory (a language name) and its programs' file extension.
pub const LANGUAGES: &[(&str, &str)] = &[
    ("python", "py"),
    ("javascript", "js"),
    ("ruby", "rb"),
    ("r", "R"),
    ("java", "java"),
    ("cpp", "cpp"),
    ("go", "go"),
];

/// One program of the corpus.
#[derive(Debug, Clone)]
pub struct Program {
    /// Its file name, e.g. `01_hello_greeting.py`.
    pub name: String,
    /// Its source.
    pub code: String,
    /// Its expected standard output (the `.out` file).
    pub expected: String,
}

/// `bench/programs` of this checkout.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../bench/programs")
}

/// The file extension of `lang`'s programs.
pub fn extension(lang: &str) -> Option<&'static str> {
    LANGUAGES
        .iter()
        .find(|(name, _)| *name == lang)
        .map(|(_, ext)| *ext)
}

/// The programs of `dir` written in `lang`, sorted by file name; each must
/// have its `.out`.
pub fn load(dir: &Path, lang: &str) -> Result<Vec<Program>, String> {
    let ext = extension(lang).ok_or_else(|| format!("unknown corpus language `{lang}`"))?;
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut names: Vec<String> = entries
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter(|name| {
            Path::new(name)
                .extension()
                .is_some_and(|e| e == std::ffi::OsStr::new(ext))
        })
        .collect();
    names.sort();
    let read = |path: PathBuf| {
        std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))
    };
    names
        .into_iter()
        .map(|name| {
            let stem = &name[..name.len() - ext.len() - 1];
            Ok(Program {
                code: read(dir.join(&name))?,
                expected: read(dir.join(format!("{stem}.out")))?,
                name,
            })
        })
        .collect()
}

/// `take` programs starting at `offset`, wrapping around (all of them if
/// `take` is `None` or not smaller than the corpus).
pub fn select(programs: Vec<Program>, take: Option<usize>, offset: usize) -> Vec<Program> {
    match take {
        Some(take) if take < programs.len() => (0..take)
            .map(|i| programs[(offset + i) % programs.len()].clone())
            .collect(),
        _ => programs,
    }
}

/// `None` if `result` is what `program` should give (exit code 0, stdout
/// exactly its `.out`), else a description of the difference.
pub fn mismatch(program: &Program, result: &RunResult) -> Option<String> {
    if result.exit_code == 0 && result.stdout == program.expected {
        return None;
    }
    let first_diff = program
        .expected
        .lines()
        .zip(result.stdout.lines())
        .position(|(want, got)| want != got)
        .map_or_else(
            || {
                format!(
                    "{} lines expected, {} printed",
                    program.expected.lines().count(),
                    result.stdout.lines().count()
                )
            },
            |i| {
                format!(
                    "line {}: expected {:?}, got {:?}",
                    i + 1,
                    program.expected.lines().nth(i).unwrap_or_default(),
                    result.stdout.lines().nth(i).unwrap_or_default()
                )
            },
        );
    let stderr: String = result
        .stderr
        .lines()
        .rev()
        .take(5)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect::<Vec<_>>()
        .join("\n");
    Some(format!(
        "{}: exit code {}, {first_diff}{}",
        program.name,
        result.exit_code,
        if stderr.is_empty() {
            String::new()
        } else {
            format!("\n  stderr: {stderr}")
        }
    ))
}
