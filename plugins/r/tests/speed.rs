//! How long import detection and comment stripping take on 1 MiB of
//! typical R. The host runs both before every run, in Wasm (about twice
//! as slow as native), so natively they should stay far below 20 ms together.
//!
//! `cargo test --release -p plugin-r --test speed -- --ignored --nocapture`

use llm_sandbox_sdk::timing::report_one_mebibyte;
use plugin_r::R;

/// A typical program: functions, types, strings, comments and imports.
const PROGRAM: &str = r#"#!/usr/bin/env Rscript
# Summarise a CSV file of measurements: mean and standard deviation.
# Usage: summarise.R FILE [COLUMN]   (library(evil) in a comment)

library(stats)
suppressPackageStartupMessages(library("utils"))
if (!requireNamespace("jsonlite", quietly = TRUE)) {
  message("jsonlite is optional")
}

# Columns we never average (identifiers, free text).
SKIP <- c("id", "name", "comment")
HELP <- r"(Usage: summarise.R FILE [COLUMN]
# prints one line per column
)"

summarise_column <- function(name, values) {
  values <- suppressWarnings(as.numeric(values))
  values <- values[!is.na(values)]
  if (length(values) < 2) {
    return(NULL)
  }
  data.frame(
    name = name,
    mean = mean(values),
    sd = stats::sd(values),
    n = length(values)
  )
}

read_columns <- function(path) {
  table <- utils::read.csv(path, stringsAsFactors = FALSE)
  keep <- setdiff(names(table), SKIP)
  table[keep]
}

format_row <- function(row) {
  sprintf("%12s: mean=%.3f sd=%.3f n=%d", row$name, row$mean, row$sd, row$n)
}

main <- function(args) {
  if (length(args) < 1) {
    cat(HELP)
    quit(status = 2)
  }
  columns <- read_columns(args[[1]])
  wanted <- if (length(args) > 1) args[[2]] else NULL
  rows <- lapply(names(columns), function(name) {
    if (!is.null(wanted) && name != wanted) return(NULL)
    summarise_column(name, columns[[name]])
  })
  rows <- Filter(Negate(is.null), rows)
  for (row in rows) {
    cat(format_row(row), "\n") # one line each
  }
  if (length(rows) == 0) 1 else 0
}

status <- main(commandArgs(trailingOnly = TRUE))
quit(status = status)
"#;

#[test]
#[ignore = "a measurement: run with --ignored --nocapture in release"]
fn imports_and_strip_comments_of_one_mebibyte() {
    report_one_mebibyte::<R>("r typical program", PROGRAM);
}
