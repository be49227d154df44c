//! Loading and calling Wasm plugins on wasmtime's component model.
//!
//! - [`PluginRuntime`] owns the engine and linker, compiles each component
//!   once per process (and once per machine, through an on-disk cache of
//!   precompiled artifacts keyed by content hash and engine compatibility),
//!   and runs every call in a fresh `Store` bounded by fuel and memory limits.
//! - [`LanguagePlugin`] is a loaded language handler.
//! - [`PolicyPlugin`] is a loaded security policy.
//! - [`PluginRegistry`] holds the built-in plugins and those loaded from
//!   files and directories, and finds a language by name or file extension
//!   and a policy by name.
//!
//! Plugins get WASI with nothing granted: no files, no environment, no
//! network, a frozen clock. Their only host import is logging.

mod cache;
mod language;
mod policy;
mod registry;

pub(crate) use cache::base_dir as cache_base_dir;

pub use language::{
    Capabilities, ForkServerPlan, ImageFlavor, ImportedModule, KernelPlan, LanguageInfo,
    LanguagePlugin, PlanContext, PlotCapture,
};
pub use policy::{MAX_FINDINGS, PolicyInfo, PolicyPlugin};
pub(crate) use policy::{PolicyRequest, WarmInstance};
pub use registry::{PluginRegistry, PluginSource, default_plugin_dir};

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use sha2::{Digest, Sha256};
use wasmtime::component::{Component, HasSelf, Linker, ResourceTable};
use wasmtime::{Config, Engine, Store, StoreLimits, StoreLimitsBuilder, Trap};
use wasmtime_wasi::{WasiCtx, WasiCtxBuilder, WasiCtxView, WasiView};

use crate::error::{Error, Result};

pub(crate) mod bindings {
    #![allow(missing_docs)]
    wasmtime::component::bindgen!({
        world: "language-handler",
        path: "../../wit",
    });
}

/// The `security-policy` world; its shared types and the logging import are
/// those of [`bindings`] (one linker serves both kinds of plugin).
pub(crate) mod policy_bindings {
    #![allow(missing_docs)]
    wasmtime::component::bindgen!({
        world: "security-policy",
        path: "../../wit",
        with: {
            "llm-sandbox:plugin/types": super::bindings::llm_sandbox::plugin::types,
            "llm-sandbox:plugin/log": super::bindings::llm_sandbox::plugin::log,
        },
    });
}

/// Resource limits applied to every plugin call.
#[derive(Debug, Clone, Copy)]
pub struct PluginLimits {
    /// Wasm instructions (roughly) one call may execute. A plugin that loops
    /// forever is stopped when it runs out.
    pub fuel: u64,
    /// Linear memory one plugin instance may grow to, in bytes.
    pub memory_bytes: usize,
}

impl Default for PluginLimits {
    fn default() -> Self {
        PluginLimits {
            fuel: 2_000_000_000,
            memory_bytes: 256 << 20,
        }
    }
}

/// Per-call store state: an empty WASI context and the limits.
pub(crate) struct PluginState {
    wasi: WasiCtx,
    table: ResourceTable,
    limits: StoreLimits,
    plugin: String,
}

impl WasiView for PluginState {
    fn ctx(&mut self) -> WasiCtxView<'_> {
        WasiCtxView {
            ctx: &mut self.wasi,
            table: &mut self.table,
        }
    }
}

impl bindings::llm_sandbox::plugin::types::Host for PluginState {}

impl bindings::llm_sandbox::plugin::log::Host for PluginState {
    fn log(&mut self, level: bindings::llm_sandbox::plugin::log::Level, message: String) {
        use bindings::llm_sandbox::plugin::log::Level;
        let plugin = &self.plugin;
        // Plugins are untrusted: cap what they can put in our logs.
        let message: String = message.chars().take(4096).collect();
        match level {
            Level::Trace => tracing::trace!(plugin, "{message}"),
            Level::Debug => tracing::debug!(plugin, "{message}"),
            Level::Info => tracing::info!(plugin, "{message}"),
            Level::Warn => tracing::warn!(plugin, "{message}"),
            Level::Error => tracing::error!(plugin, "{message}"),
        }
    }
}

/// A clock frozen at the epoch: plugins must not depend on time.
struct FrozenClock;

impl wasmtime_wasi::HostWallClock for FrozenClock {
    fn resolution(&self) -> Duration {
        Duration::from_secs(1)
    }
    fn now(&self) -> Duration {
        Duration::ZERO
    }
}

impl wasmtime_wasi::HostMonotonicClock for FrozenClock {
    fn resolution(&self) -> u64 {
        1_000_000_000
    }
    fn now(&self) -> u64 {
        0
    }
}

/// The wasmtime engine, linker, compile cache and limits shared by all plugins.
#[derive(Clone)]
pub struct PluginRuntime {
    inner: Arc<RuntimeInner>,
}

pub(crate) struct RuntimeInner {
    engine: Engine,
    linker: Linker<PluginState>,
    limits: PluginLimits,
    disk_cache: Option<PathBuf>,
    compiled: Mutex<HashMap<[u8; 32], Component>>,
}

impl std::fmt::Debug for PluginRuntime {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PluginRuntime")
            .field("limits", &self.inner.limits)
            .field("disk_cache", &self.inner.disk_cache)
            .finish()
    }
}

impl PluginRuntime {
    /// A runtime with default limits and the default on-disk cache
    /// (`$LLM_SANDBOX_CACHE_DIR`, else `$XDG_CACHE_HOME/llm-sandbox`, else
    /// `~/.cache/llm-sandbox`).
    pub fn new() -> Result<Self> {
        Self::with_options(PluginLimits::default(), cache::default_dir())
    }

    /// A runtime with the given limits and precompiled-artifact cache
    /// directory (`None` disables the disk cache).
    pub fn with_options(limits: PluginLimits, disk_cache: Option<PathBuf>) -> Result<Self> {
        let mut config = Config::new();
        config.consume_fuel(true);
        let engine = Engine::new(&config).map_err(|e| Error::PluginLoad {
            source_name: "<engine>".into(),
            reason: format!("cannot create the wasm engine: {e}"),
        })?;
        let mut linker = Linker::new(&engine);
        let link_err = |e: wasmtime::Error| Error::PluginLoad {
            source_name: "<linker>".into(),
            reason: e.to_string(),
        };
        wasmtime_wasi::p2::add_to_linker_sync(&mut linker).map_err(link_err)?;
        bindings::LanguageHandler::add_to_linker::<_, HasSelf<_>>(&mut linker, |s| s)
            .map_err(link_err)?;
        Ok(PluginRuntime {
            inner: Arc::new(RuntimeInner {
                engine,
                linker,
                limits,
                disk_cache,
                compiled: Mutex::new(HashMap::new()),
            }),
        })
    }

    /// The limits applied to each plugin call.
    pub fn limits(&self) -> PluginLimits {
        self.inner.limits
    }

    /// Compile `bytes` (once per process and, with the disk cache, once per machine).
    pub(crate) fn compile(&self, source_name: &str, bytes: &[u8]) -> Result<Component> {
        check_component_header(source_name, bytes)?;
        let hash: [u8; 32] = Sha256::digest(bytes).into();
        let mut compiled = self
            .inner
            .compiled
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        if let Some(component) = compiled.get(&hash) {
            return Ok(component.clone());
        }
        let component = cache::load_or_compile(
            &self.inner.engine,
            self.inner.disk_cache.as_deref(),
            &hash,
            bytes,
        )
        .map_err(|e| Error::PluginLoad {
            source_name: source_name.to_string(),
            reason: format!("{e:#}"),
        })?;
        compiled.insert(hash, component.clone());
        Ok(component)
    }

    pub(crate) fn inner(&self) -> &Arc<RuntimeInner> {
        &self.inner
    }
}

impl RuntimeInner {
    /// A fresh store for calls of `plugin`, with the memory limit (fuel is
    /// set for each call by [`RuntimeInner::call_in`]).
    pub(crate) fn store(&self, plugin: &str) -> Store<PluginState> {
        let mut wasi = WasiCtxBuilder::new();
        wasi.wall_clock(FrozenClock)
            .monotonic_clock(FrozenClock)
            .allow_tcp(false)
            .allow_udp(false)
            .allow_ip_name_lookup(false);
        let state = PluginState {
            wasi: wasi.build(),
            table: ResourceTable::new(),
            limits: StoreLimitsBuilder::new()
                .memory_size(self.limits.memory_bytes)
                .trap_on_grow_failure(true)
                .build(),
            plugin: plugin.to_string(),
        };
        let mut store = Store::new(&self.engine, state);
        store.limiter(|s| &mut s.limits);
        store
    }

    /// Make one call of `plugin` (named `call` in errors) in a fresh, limited
    /// store: `f` instantiates the component and calls it. Traps, fuel and
    /// memory exhaustion become [`Error::PluginFailed`] naming the plugin.
    pub(crate) fn call<R: Send>(
        &self,
        plugin: &str,
        call: &'static str,
        f: impl FnOnce(&mut Store<PluginState>) -> wasmtime::Result<R> + Send,
    ) -> Result<R> {
        let mut store = self.store(plugin);
        self.call_in(&mut store, plugin, call, f)
    }

    /// Make one call in `store` (which may hold an instance kept from
    /// earlier calls), its fuel refilled first.
    ///
    /// wasmtime-wasi's synchronous bindings drive their host calls (a
    /// panicking plugin writing its message to stderr, for one) with
    /// `block_on`, which panics on a thread that is driving a tokio runtime.
    /// Calls made from async code therefore leave it: on a multi-thread
    /// runtime through `block_in_place` (no new thread), on a current-thread
    /// runtime on a scoped thread of their own.
    pub(crate) fn call_in<R: Send>(
        &self,
        store: &mut Store<PluginState>,
        plugin: &str,
        call: &'static str,
        f: impl FnOnce(&mut Store<PluginState>) -> wasmtime::Result<R> + Send,
    ) -> Result<R> {
        let started = std::time::Instant::now();
        // Cannot fail: fuel consumption is enabled in the engine config.
        let _ = store.set_fuel(self.limits.fuel);
        use tokio::runtime::{Handle, RuntimeFlavor};
        let result = match Handle::try_current().map(|h| h.runtime_flavor()) {
            Err(_) => f(store),
            Ok(RuntimeFlavor::MultiThread) => tokio::task::block_in_place(|| f(store)),
            Ok(_) => std::thread::scope(|scope| {
                scope
                    .spawn(|| f(store))
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            }),
        };
        let result = result.map_err(|e| Error::PluginFailed {
            plugin: plugin.to_string(),
            call,
            reason: describe_failure(&e, self.limits),
        });
        tracing::trace!(plugin, call, elapsed = ?started.elapsed(), "plugin call");
        result
    }

    /// Prepare `component` for instantiation; `source_name` names it in errors.
    pub(crate) fn instantiate_pre(
        &self,
        source_name: &str,
        component: &Component,
    ) -> Result<wasmtime::component::InstancePre<PluginState>> {
        let refuse = |reason: String| Error::PluginLoad {
            source_name: source_name.to_string(),
            reason,
        };
        if let Some(version) = other_contract_version(&self.engine, component) {
            return Err(refuse(format!(
                "it was built against version {version} of the plugin contract \
                 (llm-sandbox:plugin), and this host speaks {CONTRACT_VERSION}: \
                 rebuild it with the current sdk"
            )));
        }
        self.linker
            .instantiate_pre(component)
            .map_err(|e| refuse(format!("it needs imports the host does not provide: {e:#}")))
    }
}

/// The version of the `llm-sandbox:plugin` WIT package this host speaks.
pub const CONTRACT_VERSION: &str = "0.3.0";

/// The contract version a component's imports or exports name, when it is
/// not [`CONTRACT_VERSION`].
fn other_contract_version(engine: &Engine, component: &Component) -> Option<String> {
    let ty = component.component_type();
    let names: Vec<String> = ty
        .imports(engine)
        .map(|(name, _)| name.to_string())
        .chain(ty.exports(engine).map(|(name, _)| name.to_string()))
        .collect();
    names.into_iter().find_map(|name| {
        let version = name.strip_prefix("llm-sandbox:plugin/")?.split_once('@')?.1;
        (version != CONTRACT_VERSION).then(|| version.to_string())
    })
}

/// Explain a call failure in user terms (fuel, memory, trap).
pub(crate) fn describe_failure(err: &wasmtime::Error, limits: PluginLimits) -> String {
    match err.downcast_ref::<Trap>() {
        Some(Trap::OutOfFuel) => format!(
            "it did not finish within its budget of {} instructions (an endless loop?) and was stopped",
            limits.fuel
        ),
        Some(Trap::StackOverflow) => "it overflowed its stack (unbounded recursion?)".into(),
        _ if format!("{err:#}").contains("memory") && format!("{err:#}").contains("grow") => {
            format!(
                "it tried to use more than {} MiB of memory and was stopped",
                limits.memory_bytes >> 20
            )
        }
        _ => format!("it trapped: {err:#}"),
    }
}

/// Refuse files that are not WebAssembly components, with the reason.
fn check_component_header(source_name: &str, bytes: &[u8]) -> Result<()> {
    let refuse = |reason: &str| Error::PluginLoad {
        source_name: source_name.to_string(),
        reason: reason.to_string(),
    };
    if bytes.len() < 8 || &bytes[..4] != b"\0asm" {
        return Err(refuse(
            "it is not a WebAssembly file (no `\\0asm` header); build the plugin with \
             `cargo build --release --target wasm32-wasip2`",
        ));
    }
    match bytes[4..8] {
        [0x0d, 0x00, 0x01, 0x00] => Ok(()),
        [0x01, 0x00, 0x00, 0x00] => Err(refuse(
            "it is a core WebAssembly module, not a component; build it for `wasm32-wasip2` \
             (or wrap it with `wasm-tools component new`)",
        )),
        _ => Err(refuse("it uses an unsupported WebAssembly binary version")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn non_wasm_and_core_modules_are_refused_with_a_reason() {
        let err = check_component_header("x.wasm", b"hello world").unwrap_err();
        assert!(err.to_string().contains("not a WebAssembly file"), "{err}");
        let core = b"\0asm\x01\0\0\0";
        let err = check_component_header("x.wasm", core).unwrap_err();
        assert!(err.to_string().contains("core WebAssembly module"), "{err}");
        assert!(check_component_header("x", b"\0asm\x0d\0\x01\0").is_ok());
    }

    #[test]
    fn a_plugin_built_for_another_contract_version_is_told_to_rebuild() {
        let runtime = PluginRuntime::with_options(PluginLimits::default(), None).unwrap();
        let old = wasmtime::component::Component::new(
            &runtime.inner.engine,
            r#"(component (import "llm-sandbox:plugin/log@0.1.0" (instance)))"#,
        )
        .unwrap();
        let err = runtime
            .inner
            .instantiate_pre("old.wasm", &old)
            .err()
            .expect("refused");
        let text = err.to_string();
        assert!(text.contains("version 0.1.0"), "{text}");
        assert!(text.contains(CONTRACT_VERSION), "{text}");
        assert!(text.contains("rebuild it"), "{text}");
    }
}
