//! Micro-benchmarks of the hot pure paths of a run: a Wasm plugin call
//! (fresh instance + call), import scanning of a large source, and building
//! the tar of a plan's files. `cargo bench -p llm-sandbox-host`.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use llm_sandbox_host::PluginRegistry;
use llm_sandbox_host::backend::archive::tar_of;
use llm_sandbox_host::plan::SandboxFile;
use llm_sandbox_host::plugin::PlanContext;

fn plugin_calls(c: &mut Criterion) {
    let registry = PluginRegistry::with_defaults().expect("built-in plugins");
    let python = registry.language("python").expect("python plugin");
    let ctx = PlanContext {
        workdir: "/sandbox".into(),
        setup_done: true,
    };
    c.bench_function("plugin call: python plan for print('hello')", |b| {
        b.iter(|| {
            python
                .plan(&ctx, black_box("print('hello')"), "r1", &[])
                .unwrap()
        })
    });
    let line = "import os, sys  # a comment with import re\nx = 'import subprocess'\nfrom json import dumps\n";
    let source = line.repeat((1 << 20) / line.len());
    c.bench_function("plugin call: python imports of a 1 MiB source", |b| {
        b.iter(|| python.imports(black_box(&source)).unwrap())
    });
}

fn archives(c: &mut Criterion) {
    let files = vec![SandboxFile {
        path: "/sandbox/.runs/r1/main.py".into(),
        contents: b"print('hello')\n".repeat(64),
        mode: 0o644,
    }];
    c.bench_function("tar of a one-file plan", |b| {
        b.iter(|| tar_of(black_box(&files)).unwrap())
    });
}

criterion_group!(benches, plugin_calls, archives);
criterion_main!(benches);
