//! How long import detection and comment stripping take on 1 MiB of
//! typical Ruby. The host runs both before every run, in Wasm (about twice
//! as slow as native), so natively they should stay far below 20 ms together.
//!
//! `cargo test --release -p plugin-ruby --test speed -- --ignored --nocapture`

use llm_sandbox_sdk::timing::report_one_mebibyte;
use plugin_ruby::Ruby;

/// A typical program: functions, types, strings, comments and imports.
const PROGRAM: &str = r##"#!/usr/bin/env ruby
# frozen_string_literal: true

# Summarise a CSV file of measurements. Usage: summarise.rb FILE [COLUMN]
require 'csv'
require 'optparse'
require_relative 'lib/stats'

=begin
A block comment: require 'socket' here is not a require.
=end

SKIP = %w[id name comment].freeze
NUMBER = /\A-?\d+(\.\d+)?\z/

# One column of values.
class Column
  attr_reader :name, :values

  def initialize(name)
    @name = name
    @values = []
  end

  def add(raw)
    @values << raw.to_f if raw&.match?(NUMBER) # a number
  end

  def mean = values.sum / [values.size, 1].max

  def sd
    m = mean
    Math.sqrt(values.sum { |v| (v - m)**2 } / [values.size - 1, 1].max)
  end

  def to_s
    format('%<name>12s: mean=%<mean>.3f sd=%<sd>.3f n=%<n>d', name: name, mean: mean, sd: sd, n: values.size)
  end
end

def read(path)
  columns = Hash.new { |h, k| h[k] = Column.new(k) }
  CSV.foreach(path, headers: true) do |row|
    row.each do |name, raw|
      next if SKIP.include?(name)

      columns[name].add(raw)
    end
  end
  columns
end

options = {}
OptionParser.new do |opts|
  opts.banner = <<~TEXT
    Usage: #{$PROGRAM_NAME} FILE [--column NAME]
    require 'json' in a heredoc is text
  TEXT
  opts.on('--column NAME') { |c| options[:column] = c }
end.parse!

read(ARGV.fetch(0)).each_value do |column|
  next if options[:column] && column.name != options[:column]

  puts "#{column} # not a comment"
end
"##;

#[test]
#[ignore = "a measurement: run with --ignored --nocapture in release"]
fn imports_and_strip_comments_of_one_mebibyte() {
    report_one_mebibyte::<Ruby>("ruby typical program", PROGRAM);
}
