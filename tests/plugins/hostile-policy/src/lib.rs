//! A security policy plugin that misbehaves on request, for the host's tests
//! of how it contains policy plugins (fuel and memory limits, traps, stack
//! overflow, oversized or malformed results). Never use it for anything else.
//!
//! The configuration string chooses the misbehaviour:
//!
//! - `configure=loop|alloc|trap|recurse`: `configure` spins forever,
//!   allocates without bound, panics, or overflows the stack. Any other
//!   configuration is accepted, with threshold `low`.
//! - `check=loop|alloc|trap|recurse`: `check` does the same.
//! - `check=flood`: `check` returns 100 000 findings, each with a 10 KiB
//!   description and a 1 KiB rule id: 1.1 GB once lifted into the host, made
//!   from a few megabytes of plugin memory because every string shares one
//!   buffer (see `SparingAllocator`). The host must cap what it accepts
//!   (wasmtime's per-call "hostcall fuel", 128 MiB by default, already stops
//!   this one as a trap).
//! - `check=flood:N`: the same with `N` findings, for a flood small enough to
//!   be lifted (`flood:5000` is 55 MB) so that the host's own caps on the
//!   number and length of findings are what trims it.
//! - `check=badloc`: `check` returns one finding at line 0, column
//!   `u32::MAX` (lines and columns are 1-based; the host must not trust them).
//! - otherwise `check` returns one `low` finding per import, rule
//!   `hostile:<module>`, at the import's place, so tests can see which
//!   imports reached the policy.

use llm_sandbox_sdk::policy::*;

/// The hostile policy.
pub struct HostilePolicy;

/// How many findings `check=flood` returns.
pub const FLOOD_FINDINGS: usize = 100_000;
/// The length in bytes of every description `check=flood` returns.
pub const FLOOD_DESCRIPTION_BYTES: usize = 10 * 1024;
/// The length in bytes of every rule id `check=flood` returns.
pub const FLOOD_RULE_BYTES: usize = 1024;

#[allow(unconditional_recursion, clippy::only_used_in_recursion)]
fn recurse(n: u64) -> u64 {
    std::hint::black_box(recurse(n + 1)) + 1
}

/// Misbehave as `what` says (`loop`, `alloc`, `trap`, `recurse`); `None`
/// when `what` is none of those. Only returns for `recurse` (never, in
/// practice: the stack overflows first).
fn misbehave(what: &str) -> Option<String> {
    match what {
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
        "recurse" => Some(recurse(0).to_string()),
        _ => None,
    }
}

/// The value of `key=` in the configuration, if it has that form.
fn instruction<'a>(config: &'a str, key: &str) -> Option<&'a str> {
    config
        .trim()
        .strip_prefix(key)
        .and_then(|rest| rest.strip_prefix('='))
        .map(str::trim)
}

impl PolicyPlugin for HostilePolicy {
    fn describe() -> PolicyInfo {
        PolicyInfo {
            name: "hostile-policy".into(),
            version: "0.0.1".into(),
            description: "misbehaves on purpose (for the host's tests)".into(),
        }
    }

    fn configure(config: String) -> Result<PolicySettings, String> {
        if let Some(result) = instruction(&config, "configure").and_then(misbehave) {
            return Err(result);
        }
        Ok(PolicySettings {
            severity_threshold: Severity::Low,
        })
    }

    fn check(config: String, request: CheckRequest) -> Result<Vec<Finding>, String> {
        match instruction(&config, "check") {
            Some("flood") => Ok(flood(FLOOD_FINDINGS)),
            Some(what) if what.starts_with("flood:") => {
                let count = what["flood:".len()..]
                    .parse()
                    .map_err(|_| format!("`{what}`: the count after `flood:` is not a number"))?;
                Ok(flood(count))
            }
            Some("badloc") => Ok(vec![
                Finding::new(
                    "hostile:badloc",
                    "a finding at an impossible place",
                    Severity::High,
                )
                .at(0, u32::MAX),
            ]),
            Some(what) => match misbehave(what) {
                Some(result) => Err(result),
                None => Ok(per_import(&request)),
            },
            None => Ok(per_import(&request)),
        }
    }
}

/// The text of every flood rule id: one buffer, shared by all of them.
static FLOOD_RULE: [u8; FLOOD_RULE_BYTES] = [b'r'; FLOOD_RULE_BYTES];
/// The text of every flood description: one buffer, shared by all of them.
static FLOOD_DESCRIPTION: [u8; FLOOD_DESCRIPTION_BYTES] = [b'd'; FLOOD_DESCRIPTION_BYTES];

/// A `String` over one of the static flood buffers, without copying it.
fn shared(text: &'static [u8]) -> String {
    // SAFETY: the bytes are ASCII; nothing writes to or grows these strings
    // (they go straight into the result), and the allocator below never
    // frees the static buffers they point to.
    unsafe { String::from_raw_parts(text.as_ptr().cast_mut(), text.len(), text.len()) }
}

/// Whether `ptr` points into one of the static flood buffers.
fn is_flood_text(ptr: *mut u8) -> bool {
    [&FLOOD_RULE[..], &FLOOD_DESCRIPTION[..]]
        .iter()
        .any(|b| b.as_ptr_range().contains(&ptr.cast_const()))
}

/// The system allocator, except that freeing a flood string is a no-op.
///
/// 100 000 findings of 11 KiB each are 1.1 GB, far more than the host lets a
/// plugin's memory grow to; a hostile plugin does not need that memory, since
/// the component ABI lets every string of the result point at the same
/// bytes. So the flood really reaches the host: 100 000 findings, each with a
/// 10 KiB description and a 1 KiB rule id, from a few megabytes of plugin
/// memory (the finding records). Whatever the host lifts from that result,
/// it allocates in its own memory.
struct SparingAllocator;

// SAFETY: forwards to `System`, except for the static buffers, which were
// never allocated and are never freed.
unsafe impl std::alloc::GlobalAlloc for SparingAllocator {
    unsafe fn alloc(&self, layout: std::alloc::Layout) -> *mut u8 {
        // SAFETY: the caller's contract is `System`'s.
        unsafe { std::alloc::System.alloc(layout) }
    }
    unsafe fn alloc_zeroed(&self, layout: std::alloc::Layout) -> *mut u8 {
        // SAFETY: the caller's contract is `System`'s.
        unsafe { std::alloc::System.alloc_zeroed(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: std::alloc::Layout) {
        if !is_flood_text(ptr) {
            // SAFETY: every other pointer came from `System`.
            unsafe { std::alloc::System.dealloc(ptr, layout) }
        }
    }
}

#[global_allocator]
static ALLOCATOR: SparingAllocator = SparingAllocator;

/// `count` findings with a [`FLOOD_RULE_BYTES`] rule id and a
/// [`FLOOD_DESCRIPTION_BYTES`] description each, all sharing two buffers.
fn flood(count: usize) -> Vec<Finding> {
    (0..count)
        .map(|_| {
            Finding::new(
                shared(&FLOOD_RULE),
                shared(&FLOOD_DESCRIPTION),
                Severity::High,
            )
        })
        .collect()
}

/// One `low` finding per import, at its place.
fn per_import(request: &CheckRequest) -> Vec<Finding> {
    request
        .imports
        .iter()
        .map(|i| {
            Finding::new(
                format!("hostile:{}", i.module),
                format!("imports {}", i.module),
                Severity::Low,
            )
            .at(i.line, i.column)
        })
        .collect()
}

llm_sandbox_sdk::export_policy!(HostilePolicy);

#[cfg(test)]
mod tests {
    use super::*;
    use llm_sandbox_sdk::ImportedModule;

    fn request() -> CheckRequest {
        CheckRequest {
            language: "hostile".into(),
            code: "mod:os mod:socket".into(),
            code_without_comments: "mod:os mod:socket".into(),
            imports: vec![
                ImportedModule::new("os", 1, 1),
                ImportedModule::new("socket", 1, 8),
            ],
            packages: vec![],
        }
    }

    #[test]
    fn ordinary_configurations_are_accepted_with_threshold_low() {
        for config in ["", "check=flood", "configure=nothing", "configure"] {
            let settings = HostilePolicy::configure(config.into()).unwrap();
            assert_eq!(settings.severity_threshold, Severity::Low);
        }
    }

    #[test]
    #[should_panic(expected = "deliberate trap")]
    fn configure_traps_on_request() {
        let _ = HostilePolicy::configure("configure=trap".into());
    }

    #[test]
    #[should_panic(expected = "deliberate trap")]
    fn check_traps_on_request() {
        let _ = HostilePolicy::check("check=trap".into(), request());
    }

    #[test]
    fn every_import_is_a_low_finding_at_its_place() {
        let found = HostilePolicy::check(String::new(), request()).unwrap();
        let found: Vec<_> = found
            .iter()
            .map(|f| (f.rule.as_str(), f.severity, f.line, f.column))
            .collect();
        assert_eq!(
            found,
            [
                ("hostile:os", Severity::Low, Some(1), Some(1)),
                ("hostile:socket", Severity::Low, Some(1), Some(8)),
            ]
        );
        // An instruction for `configure` does not change `check`.
        let found = HostilePolicy::check("configure=loop".into(), request()).unwrap();
        assert_eq!(found.len(), 2);
    }

    #[test]
    fn flood_and_badloc_return_what_they_promise() {
        let found = HostilePolicy::check("check=flood".into(), request()).unwrap();
        assert_eq!(found.len(), FLOOD_FINDINGS);
        assert!(found[0].rule.len() == FLOOD_RULE_BYTES && found[0].rule.starts_with("rr"));
        assert_eq!(found[99_999].description.len(), FLOOD_DESCRIPTION_BYTES);
        drop(found); // frees the records, not the shared texts
        let found = HostilePolicy::check("check=flood:3".into(), request()).unwrap();
        assert_eq!(found.len(), 3);
        assert!(HostilePolicy::check("check=flood:x".into(), request()).is_err());
        let found = HostilePolicy::check("check=badloc".into(), request()).unwrap();
        assert_eq!((found[0].line, found[0].column), (Some(0), Some(u32::MAX)));
    }
}
