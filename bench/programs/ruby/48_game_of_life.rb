require 'set'

ROWS = 10
COLS = 12

def parse(pattern)
  cells = Set.new
  pattern.each_with_index do |line, r|
    line.each_char.with_index { |ch, c| cells << [r, c] if ch == '#' }
  end
  cells
end

def step(live)
  counts = Hash.new(0)
  live.each do |r, c|
    [-1, 0, 1].product([-1, 0, 1]).each do |dr, dc|
      next if dr.zero? && dc.zero?

      counts[[(r + dr) % ROWS, (c + dc) % COLS]] += 1
    end
  end
  counts.select { |cell, n| n == 3 || (n == 2 && live.include?(cell)) }.keys.to_set
end

def render(live)
  (0...ROWS).map { |r| (0...COLS).map { |c| live.include?([r, c]) ? '#' : '.' }.join }.join("\n")
end

live = parse([
  '............',
  '..#.........',
  '...#........',
  '.###........',
  '............',
  '............',
  '........###.',
  '............',
  '............',
  '............'
])
5.times do |gen|
  puts "Generation #{gen} (#{live.size} alive):"
  puts render(live)
  live = step(live)
end
35.times { live = step(live) }
puts "Generation 40: #{live.size} alive"
puts render(live)
