//! A language plugin that misbehaves on request, to test the host's limits.
//! Its `run` reads the code as an instruction: `loop` spins forever, `alloc`
//! allocates without bound, `trap` panics, `recurse` overflows the stack,
//! `escape` returns a plan writing outside the work dir; anything else runs
//! `echo` with the code.

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

impl LanguagePlugin for Hostile {
    fn describe() -> LanguageInfo {
        LanguageInfo {
            name: "hostile".into(),
            aliases: vec![],
            extensions: vec!["hostile".into()],
            default_image: "llm-sandbox-test/hostile:none".into(),
            debian_packages: vec![],
            version: "0.0.1".into(),
            description: "misbehaves on purpose".into(),
            capabilities: Capabilities {
                install_packages: false,
                environment_setup: false,
            },
        }
    }

    fn run(_ctx: Context, request: RunRequest) -> Result<Plan, PluginError> {
        match request.code.trim() {
            "loop" => {
                let mut x = 0u64;
                loop {
                    x = std::hint::black_box(x.wrapping_add(1));
                }
            }
            "alloc" => {
                let mut hoard: Vec<Vec<u8>> = Vec::new();
                loop {
                    hoard.push(vec![1u8; 1 << 20]);
                    std::hint::black_box(&hoard);
                }
            }
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

    fn imports(_code: String) -> Vec<ImportedModule> {
        Vec::new()
    }
}

export_language!(Hostile);
