VALUES = [
  [1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'],
  [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I']
].freeze
SINGLE = { 'I' => 1, 'V' => 5, 'X' => 10, 'L' => 50, 'C' => 100, 'D' => 500, 'M' => 1000 }.freeze

def to_roman(n)
  raise RangeError, "#{n} is out of range" unless n.between?(1, 3999)

  VALUES.each_with_object(+'') do |(value, symbol), out|
    while n >= value
      out << symbol
      n -= value
    end
  end
end

def from_roman(s)
  values = s.chars.map { |c| SINGLE[c] }
  values.each_with_index.sum { |v, i| i + 1 < values.size && values[i + 1] > v ? -v : v }
end

[1, 4, 9, 14, 40, 90, 400, 1994, 2024, 3999].each do |n|
  r = to_roman(n)
  puts format('%4d -> %-12s -> %d', n, r, from_roman(r))
end
ok = (1..3999).all? { |n| from_roman(to_roman(n)) == n }
puts "Round trip 1..3999: #{ok ? 'ok' : 'FAILED'}"
begin
  to_roman(0)
rescue RangeError => e
  puts "Error: #{e.message}"
end
