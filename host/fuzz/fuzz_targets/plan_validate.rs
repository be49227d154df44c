//! `RunPlan::validate` on any plan a hostile plugin could return: no panic,
//! and an accepted plan only writes strictly below the work dir, with
//! permission bits only, and runs non-empty commands without NULs.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use llm_sandbox_core::plan::{RunPlan, SandboxFile, Step, StepKind};

#[derive(Debug, Arbitrary)]
struct Input {
    workdir: bool,
    files: Vec<(String, u32)>,
    steps: Vec<StepInput>,
}

#[derive(Debug, Arbitrary)]
struct StepInput {
    argv: Vec<String>,
    workdir: Option<String>,
    env: Vec<(String, String)>,
}

fuzz_target!(|input: Input| {
    let workdir = if input.workdir {
        "/sandbox"
    } else {
        "/home/user/work/"
    };
    let plan = RunPlan {
        files: input
            .files
            .into_iter()
            .map(|(path, mode)| SandboxFile {
                path,
                contents: Vec::new(),
                mode,
            })
            .collect(),
        steps: input
            .steps
            .into_iter()
            .map(|step| Step {
                kind: StepKind::Run,
                argv: step.argv,
                workdir: step.workdir,
                env: step.env,
            })
            .collect(),
    };
    let Ok(plan) = plan.validate(workdir) else {
        return;
    };
    let base = format!("{}/", workdir.trim_end_matches('/'));
    for file in &plan.files {
        let rest = file
            .path
            .strip_prefix(&base)
            .unwrap_or_else(|| panic!("{:?} outside {base}", file.path));
        assert!(!rest.is_empty(), "{:?} is the work dir", file.path);
        for part in rest.split('/') {
            assert!(
                !part.is_empty() && part != "." && part != "..",
                "{:?}",
                file.path
            );
        }
        assert!(!file.path.contains('\0'));
        assert_eq!(file.mode & !0o777, 0);
    }
    for step in &plan.steps {
        assert!(!step.argv[0].is_empty());
        assert!(step.argv.iter().all(|a| !a.contains('\0')));
        assert!(step.env.iter().all(|(k, v)| !k.is_empty()
            && !k.contains('=')
            && !k.contains('\0')
            && !v.contains('\0')));
    }
});
