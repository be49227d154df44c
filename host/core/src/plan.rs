//! What a language plugin asks the host to do: files to write and steps to run.
//!
//! These are the host's own types (not the generated bindings), checked by
//! [`RunPlan::validate`] before anything touches the sandbox: a plugin is
//! untrusted too, so a plan with an empty argv, a file outside the work dir
//! or a setuid/setgid/sticky mode is refused.

use serde::Serialize;

/// What a step is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum StepKind {
    /// Prepares the environment once per session.
    Setup,
    /// Installs packages.
    Install,
    /// Builds the program.
    Compile,
    /// Runs the program; receives the caller's standard input.
    Run,
}

/// One process to start in the sandbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Step {
    /// What the step is for.
    pub kind: StepKind,
    /// Program and arguments (never a shell string).
    pub argv: Vec<String>,
    /// Working directory; `None` means the session's work dir.
    pub workdir: Option<String>,
    /// Extra environment variables.
    pub env: Vec<(String, String)>,
}

/// A file to write into the sandbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SandboxFile {
    /// Absolute path inside the sandbox (relative plugin paths are resolved
    /// against the work dir by [`RunPlan::validate`]).
    pub path: String,
    /// Contents.
    pub contents: Vec<u8>,
    /// Unix permission bits.
    pub mode: u32,
}

/// Files to write, then steps to run in order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RunPlan {
    /// Files written before the first step.
    pub files: Vec<SandboxFile>,
    /// Steps executed in order; the first non-zero exit stops the plan.
    pub steps: Vec<Step>,
}

impl RunPlan {
    /// Check the plan and resolve relative file paths against `workdir`.
    /// Returns a description of the first problem found.
    pub fn validate(mut self, workdir: &str) -> Result<Self, String> {
        for file in &mut self.files {
            file.path = resolve(workdir, &file.path)?;
            if file.mode & !0o777 != 0 {
                return Err(format!(
                    "file `{}` has mode {:o}; only permission bits (0o777) are allowed",
                    file.path, file.mode
                ));
            }
        }
        for step in &self.steps {
            validate_step(step)?;
        }
        Ok(self)
    }
}

/// Check one step: a non-empty argv without NUL bytes, sane env names.
pub fn validate_step(step: &Step) -> Result<(), String> {
    if step.argv.first().is_none_or(|a| a.is_empty()) {
        return Err(format!("a {:?} step has an empty command", step.kind));
    }
    if step.argv.iter().any(|a| a.contains('\0')) {
        return Err("a command argument contains a NUL byte".into());
    }
    for (key, value) in &step.env {
        if key.is_empty() || key.contains('=') || key.contains('\0') || value.contains('\0') {
            return Err(format!("invalid environment variable name `{key}`"));
        }
    }
    Ok(())
}

/// Resolve `path` against `workdir`; refuse `..`, empty and NUL-containing
/// paths, absolute paths outside the work dir, and paths that name the work
/// dir itself (`.`, `./`, `/sandbox/.`). `.` and empty components are
/// dropped, so the result is normalised.
fn resolve(workdir: &str, path: &str) -> Result<String, String> {
    if path.is_empty() || path.contains('\0') {
        return Err(format!("file path {path:?} is empty or contains NUL"));
    }
    if path.split('/').any(|c| c == "..") {
        return Err(format!("file path `{path}` contains `..`"));
    }
    let names = |p: &'_ str| -> Vec<String> {
        p.split('/')
            .filter(|c| !c.is_empty() && *c != ".")
            .map(str::to_string)
            .collect()
    };
    let base = names(workdir);
    let mut parts = names(path);
    if path.starts_with('/') {
        if !parts.starts_with(&base) {
            return Err(format!(
                "file path `{path}` is outside the work dir `{workdir}`"
            ));
        }
        parts.drain(..base.len());
    }
    if parts.is_empty() {
        return Err(format!(
            "file path `{path}` names the work dir `{workdir}` itself, not a file in it"
        ));
    }
    Ok(format!("/{}", [base, parts].concat().join("/")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str) -> SandboxFile {
        SandboxFile {
            path: path.into(),
            contents: vec![],
            mode: 0o644,
        }
    }

    #[test]
    fn relative_paths_are_resolved_against_the_workdir() {
        let plan = RunPlan {
            files: vec![
                file("a/main.py"),
                file("/sandbox/b.txt"),
                file("./c//d.py"),
                file("/sandbox/./e"),
            ],
            steps: vec![],
        };
        let plan = plan.validate("/sandbox/").unwrap();
        let paths: Vec<&str> = plan.files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "/sandbox/a/main.py",
                "/sandbox/b.txt",
                "/sandbox/c/d.py",
                "/sandbox/e"
            ]
        );
    }

    #[test]
    fn files_outside_the_workdir_and_special_modes_are_refused() {
        for path in [
            "/tmp/x",
            "/etc/passwd",
            "/sandboxx/y",
            "/sandbox",
            "/sandbox/",
            "/sandbox/.",
            ".",
            "./",
            "//",
        ] {
            let plan = RunPlan {
                files: vec![file(path)],
                steps: vec![],
            };
            assert!(plan.validate("/sandbox").is_err(), "{path}");
        }
        let setuid = RunPlan {
            files: vec![SandboxFile {
                mode: 0o4755,
                ..file("x")
            }],
            steps: vec![],
        };
        assert!(setuid.validate("/sandbox").unwrap_err().contains("4755"));
    }

    #[test]
    fn escaping_paths_and_empty_commands_are_refused() {
        let bad = RunPlan {
            files: vec![file("../etc/passwd")],
            steps: vec![],
        };
        assert!(bad.validate("/sandbox").unwrap_err().contains(".."));
        let bad = RunPlan {
            files: vec![],
            steps: vec![Step {
                kind: StepKind::Run,
                argv: vec![],
                workdir: None,
                env: vec![],
            }],
        };
        assert!(
            bad.validate("/sandbox")
                .unwrap_err()
                .contains("empty command")
        );
    }
}
