//! Micro-benchmarks of the hot pure paths of a run: a Wasm plugin call
//! (fresh instance + call), import scanning of a large source, the security
//! policy check before a run, and building the tar of a plan's files.
//! `cargo bench -p llm-sandbox-host`.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use llm_sandbox_host::archive::tar_of;
use llm_sandbox_host::plan::SandboxFile;
use llm_sandbox_host::plugin::PlanContext;
use llm_sandbox_host::{PluginRegistry, PolicyChecker, SecurityPreset};

fn plugin_calls(c: &mut Criterion) {
    let registry = PluginRegistry::with_defaults().expect("built-in plugins");
    let python = registry.language("python").expect("python plugin");
    let ctx = PlanContext {
        workdir: "/sandbox".into(),
        setup_done: true,
        managed_environment: false,
    };
    c.bench_function("plugin call: python plan for print('hello')", |b| {
        b.iter(|| {
            python
                .plan(&ctx, black_box("print('hello')"), "r1", &[], None)
                .unwrap()
        })
    });
    let line = "import os, sys  # a comment with import re\nx = 'import subprocess'\nfrom json import dumps\n";
    let source = line.repeat((1 << 20) / line.len());
    c.bench_function("plugin call: python imports of a 1 MiB source", |b| {
        b.iter(|| python.imports(black_box(&source)).unwrap())
    });
}

/// About 60 lines of typical generated Python: functions, a class, strings,
/// comments and imports.
const TYPICAL_PYTHON: &str = r#"import json
import math
from collections import defaultdict, Counter

# Word statistics over a small corpus.
TEXT = """The quick brown fox jumps over the lazy dog.
Import statements in strings, like 'import os', are not imports."""


class Inventory:
    """Items with quantities and prices."""

    def __init__(self):
        self.items = defaultdict(int)
        self.prices = {}

    def add(self, name, quantity, price):
        # keep the last price seen
        self.items[name] += quantity
        self.prices[name] = price

    def total(self):
        return sum(q * self.prices[n] for n, q in self.items.items())


def primes(limit):
    sieve = [True] * (limit + 1)
    sieve[0:2] = [False, False]
    for i in range(2, int(math.sqrt(limit)) + 1):
        if sieve[i]:
            sieve[i * i :: i] = [False] * len(sieve[i * i :: i])
    return [i for i, p in enumerate(sieve) if p]


def word_counts(text):
    words = [w.strip(".,'").lower() for w in text.split()]
    return Counter(words).most_common(3)


def main():
    inv = Inventory()
    inv.add("apple", 3, 0.5)
    inv.add("pear", 2, 0.75)
    print(f"total: {inv.total():.2f}")
    print("primes:", primes(50))
    print(json.dumps(word_counts(TEXT)))
    data = {"a": [1, 2, 3], "b": {"c": None}}
    print(json.dumps(data, sort_keys=True))


if __name__ == "__main__":
    main()
"#;

fn policy_checks(c: &mut Criterion) {
    let registry = PluginRegistry::with_defaults().expect("built-in plugins");
    let python = registry.language("python").expect("python plugin");
    let source = TYPICAL_PYTHON.repeat((1 << 20) / TYPICAL_PYTHON.len());
    for preset in ["strict", "production"] {
        let preset = SecurityPreset::get(preset).expect("preset");
        let checker = PolicyChecker::new(&registry, python.clone(), &[(&preset.policy).into()])
            .expect("checker");
        c.bench_function(
            &format!("policy check: {} preset, 1 MiB of python", preset.name),
            |b| b.iter(|| checker.check(black_box(&source), &[]).unwrap()),
        );
    }
    let preset = SecurityPreset::get("strict").expect("preset");
    let checker =
        PolicyChecker::new(&registry, python, &[(&preset.policy).into()]).expect("checker");
    c.bench_function("policy check: strict preset, print('hello')", |b| {
        b.iter(|| checker.check(black_box("print('hello')"), &[]).unwrap())
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

criterion_group!(benches, plugin_calls, policy_checks, archives);
criterion_main!(benches);
