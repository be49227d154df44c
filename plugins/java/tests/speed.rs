//! How long import detection and comment stripping take on 1 MiB of
//! typical Java. The host runs both before every run, in Wasm (about twice
//! as slow as native), so natively they should stay far below 20 ms together.
//!
//! `cargo test --release -p plugin-java --test speed -- --ignored --nocapture`

use llm_sandbox_sdk::timing::report_one_mebibyte;
use plugin_java::Java;

/// A typical program: functions, types, strings, comments and imports.
const PROGRAM: &str = r#"package demo.stats;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.*;
import static java.lang.Math.sqrt;

/**
 * Summarises a CSV file of measurements. Usage: Main FILE [COLUMN]
 * (import java.net.Socket; in a comment is not an import).
 */
public class Main {
    // Columns we never average (identifiers, free text).
    private static final Set<String> SKIP = Set.of("id", "name", "comment");
    private static final String HELP = """
        Usage: Main FILE [COLUMN]
        // prints mean and standard deviation per column
        """;

    record Column(String name, List<Double> values) {
        Column(String name) {
            this(name, new ArrayList<>());
        }

        void add(String raw) {
            try {
                values.add(Double.parseDouble(raw.trim()));
            } catch (NumberFormatException e) { /* not a number */ }
        }

        double mean() {
            return values.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        }

        double sd() {
            double m = mean();
            return sqrt(values.stream().mapToDouble(v -> (v - m) * (v - m)).sum() / Math.max(1, values.size() - 1));
        }
    }

    static Map<String, Column> read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        String[] names = lines.get(0).split(",");
        Map<String, Column> columns = new TreeMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            for (int i = 0; i < cells.length && i < names.length; i++) {
                if (SKIP.contains(names[i])) continue;
                columns.computeIfAbsent(names[i], Column::new).add(cells[i]);
            }
        }
        return columns;
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 0) { System.err.print(HELP); System.exit(2); }
        char sep = ',';
        for (Column c : read(Path.of(args[0])).values()) {
            if (args.length > 1 && !c.name().equals(args[1])) continue;
            System.out.printf("%12s: mean=%.3f sd=%.3f n=%d%c%n", c.name(), c.mean(), c.sd(), c.values().size(), sep);
        }
    }
}
"#;

#[test]
#[ignore = "a measurement: run with --ignored --nocapture in release"]
fn imports_and_strip_comments_of_one_mebibyte() {
    report_one_mebibyte::<Java>("java typical program", PROGRAM);
}
