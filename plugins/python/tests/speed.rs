//! How long import detection and comment stripping take on 1 MiB sources.
//! The host runs both before every run, in Wasm (about twice as slow as
//! native), so natively they should stay far below 15 ms together.
//!
//! `cargo test --release -p plugin-python --test speed -- --ignored --nocapture`

use llm_sandbox_sdk::timing::report_one_mebibyte;
use plugin_python::Python;

/// Import statements, with comments and strings that only look like them.
const IMPORT_LINES: &str =
    "import os, sys  # a comment with import re\nx = 'import subprocess'\nfrom json import dumps\n";

/// A typical program: functions, classes, strings, comments and imports.
const PROGRAM: &str = r#"#!/usr/bin/env python3
"""Summarise a CSV file of measurements.

Usage: summarise.py FILE [--column NAME]
"""
import argparse
import csv
import statistics as stats
from collections import defaultdict, Counter
from dataclasses import dataclass, field
from pathlib import Path

# Columns we never average (identifiers, free text).
SKIP = {"id", "name", "comment"}
TEMPLATE = "{name:>12}: mean={mean:.3f} sd={sd:.3f} n={n}"


@dataclass
class Column:
    """Values of one column; 'import' in a docstring is not an import."""

    name: str
    values: list = field(default_factory=list)

    def add(self, raw):
        try:
            self.values.append(float(raw))
        except ValueError:  # not a number: count it, do not average it
            pass

    def summary(self):
        if len(self.values) < 2:
            return None
        return TEMPLATE.format(
            name=self.name,
            mean=stats.mean(self.values),
            sd=stats.stdev(self.values),
            n=len(self.values),
        )


def read(path: Path) -> dict:
    columns = defaultdict(lambda: None)
    with path.open(newline="") as f:
        for row in csv.DictReader(f):
            for key, raw in row.items():
                if key in SKIP:
                    continue
                if columns[key] is None:
                    columns[key] = Column(key)
                columns[key].add(raw)
    return columns


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("file", type=Path)
    parser.add_argument("--column", help='only this column, e.g. "temp"')
    args = parser.parse_args(argv)
    counts = Counter()
    for name, column in sorted(read(args.file).items()):
        if args.column and name != args.column:
            continue
        line = column.summary()
        counts[line is None] += 1
        print(line or f"{name}: not enough values # skipped")
    return 0 if counts[False] else 1
"#;

#[test]
#[ignore = "a measurement: run with --ignored --nocapture in release"]
fn imports_and_strip_comments_of_one_mebibyte() {
    report_one_mebibyte::<Python>("python import lines", IMPORT_LINES);
    report_one_mebibyte::<Python>("python typical program", PROGRAM);
}
