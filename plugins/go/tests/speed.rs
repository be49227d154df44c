//! How long import detection and comment stripping take on 1 MiB of
//! typical Go. The host runs both before every run, in Wasm (about twice
//! as slow as native), so natively they should stay far below 20 ms together.
//!
//! `cargo test --release -p plugin-go --test speed -- --ignored --nocapture`

use llm_sandbox_sdk::timing::report_one_mebibyte;
use plugin_go::Go;

/// A typical program: functions, types, strings, comments and imports.
const PROGRAM: &str = r#"// Command summarise prints the mean and standard deviation of each column
// of a CSV file. Usage: summarise FILE [COLUMN]
package main

import (
	"encoding/csv"
	"fmt"
	"math"
	"os"
	"sort"
	str "strings"
)

// Columns we never average (identifiers, free text).
var skip = map[string]bool{"id": true, "name": true, "comment": true}

const help = `Usage: summarise FILE [COLUMN]
// prints one line per column; import "os" here is text
`

type column struct {
	name   string
	values []float64
}

func (c *column) add(raw string) {
	var v float64
	if _, err := fmt.Sscanf(str.TrimSpace(raw), "%g", &v); err == nil {
		c.values = append(c.values, v) /* a number */
	}
}

func (c *column) mean() float64 {
	sum := 0.0
	for _, v := range c.values {
		sum += v
	}
	return sum / math.Max(1, float64(len(c.values)))
}

func read(path string) (map[string]*column, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil || len(rows) == 0 {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	columns := map[string]*column{}
	for _, row := range rows[1:] {
		for i, raw := range row {
			name := rows[0][i]
			if skip[name] {
				continue
			}
			if columns[name] == nil {
				columns[name] = &column{name: name}
			}
			columns[name].add(raw)
		}
	}
	return columns, nil
}

func main() {
	if len(os.Args) < 2 {
		fmt.Fprint(os.Stderr, help)
		os.Exit(2)
	}
	columns, err := read(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	names := make([]string, 0, len(columns))
	for n := range columns {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Printf("%12s: mean=%.3f n=%d\n", n, columns[n].mean(), len(columns[n].values))
	}
}
"#;

#[test]
#[ignore = "a measurement: run with --ignored --nocapture in release"]
fn imports_and_strip_comments_of_one_mebibyte() {
    report_one_mebibyte::<Go>("go typical program", PROGRAM);
}
