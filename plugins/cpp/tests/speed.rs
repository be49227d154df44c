//! How long import detection and comment stripping take on 1 MiB of
//! typical C++. The host runs both before every run, in Wasm (about twice
//! as slow as native), so natively they should stay far below 20 ms together.
//!
//! `cargo test --release -p plugin-cpp --test speed -- --ignored --nocapture`

use llm_sandbox_sdk::timing::report_one_mebibyte;
use plugin_cpp::Cpp;

/// A typical program: functions, types, strings, comments and imports.
const PROGRAM: &str = r#"// Summarise a CSV file of measurements: mean and standard deviation.
#include <cmath>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>
#include "config.h"

/* Usage: summarise FILE [COLUMN]
   #include <hidden.h> in a comment is not an include. */
namespace stats {

constexpr long kMaxRows = 1'000'000;
const char* kHelp = R"(Usage: summarise FILE [COLUMN]
// prints one line per column
)";

struct Column {
    std::string name;
    std::vector<double> values;

    void add(const std::string& raw) {
        try {
            values.push_back(std::stod(raw));
        } catch (const std::exception&) {  // not a number
        }
    }

    double mean() const {
        double sum = 0;
        for (double v : values) sum += v;
        return values.empty() ? 0 : sum / values.size();
    }

    double sd() const {
        double m = mean(), s = 0;
        for (double v : values) s += (v - m) * (v - m);
        return values.size() < 2 ? 0 : std::sqrt(s / (values.size() - 1));
    }
};

std::map<std::string, Column> read(std::istream& in) {
    std::string line, cell;
    std::getline(in, line);
    std::vector<std::string> names;
    for (std::stringstream header(line); std::getline(header, cell, ',');) names.push_back(cell);
    std::map<std::string, Column> columns;
    for (long row = 0; row < kMaxRows && std::getline(in, line); ++row) {
        std::stringstream cells(line);
        for (size_t i = 0; std::getline(cells, cell, ',') && i < names.size(); ++i) {
            auto& c = columns[names[i]];
            c.name = names[i];
            c.add(cell);
        }
    }
    return columns;
}

}  // namespace stats

int main(int argc, char** argv) {
    if (argc < 2) { std::cerr << stats::kHelp; return 2; }
    std::ifstream in(argv[1]);
    for (const auto& [name, c] : stats::read(in)) {
        if (argc > 2 && name != argv[2]) continue;
        std::cout << name << ": mean=" << c.mean() << " sd=" << c.sd() << '\n';
    }
}
"#;

#[test]
#[ignore = "a measurement: run with --ignored --nocapture in release"]
fn imports_and_strip_comments_of_one_mebibyte() {
    report_one_mebibyte::<Cpp>("cpp typical program", PROGRAM);
}
