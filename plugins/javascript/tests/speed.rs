//! How long import detection and comment stripping take on 1 MiB of
//! typical JavaScript. The host runs both before every run, in Wasm (about twice
//! as slow as native), so natively they should stay far below 20 ms together.
//!
//! `cargo test --release -p plugin-javascript --test speed -- --ignored --nocapture`

use llm_sandbox_sdk::timing::report_one_mebibyte;
use plugin_javascript::JavaScript;

/// A typical program: functions, types, strings, comments and imports.
const PROGRAM: &str = r#"#!/usr/bin/env node
'use strict';
/**
 * Summarise a CSV file of measurements.
 * Usage: summarise.js FILE [--column NAME]   (require('x') in a comment)
 */
const fs = require('node:fs');
const path = require("node:path");
const { parseArgs } = require('node:util');

// Columns we never average (identifiers, free text).
const SKIP = new Set(['id', 'name', 'comment']);
const NUMBER = /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i;
const TEMPLATE = (c) => `${c.name.padStart(12)}: mean=${c.mean().toFixed(3)} n=${c.values.length}`;

class Column {
  constructor(name) {
    this.name = name; // the header
    this.values = [];
  }

  add(raw) {
    if (NUMBER.test(raw.trim())) {
      this.values.push(Number(raw)); /* a number */
    }
  }

  mean() {
    return this.values.reduce((a, b) => a + b, 0) / (this.values.length || 1);
  }
}

function read(file) {
  const text = fs.readFileSync(file, 'utf8');
  const [header, ...rows] = text.split(/\r?\n/).filter((l) => l && !l.startsWith('#'));
  const names = header.split(',');
  const columns = new Map();
  for (const row of rows) {
    row.split(',').forEach((raw, i) => {
      const name = names[i];
      if (SKIP.has(name)) return;
      if (!columns.has(name)) columns.set(name, new Column(name));
      columns.get(name).add(raw);
    });
  }
  return columns;
}

async function main(argv) {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true,
    options: { column: { type: 'string' } } });
  const file = path.resolve(positionals[0] ?? 'data.csv');
  const columns = read(file);
  const lines = [...columns.values()]
    .filter((c) => !values.column || c.name === values.column)
    .map(TEMPLATE);
  const { inspect } = await import('node:util');
  console.log(lines.join('\n') || inspect({ empty: true, note: "// not a comment" }));
  return lines.length ? 0 : 1;
}

main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
"#;

#[test]
#[ignore = "a measurement: run with --ignored --nocapture in release"]
fn imports_and_strip_comments_of_one_mebibyte() {
    report_one_mebibyte::<JavaScript>("javascript typical program", PROGRAM);
}
