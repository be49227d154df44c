DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'

def to_base(n, base)
  raise ArgumentError, 'base must be between 2 and 36' unless base.between?(2, 36)
  return '0' if n.zero?

  sign = n.negative? ? '-' : ''
  n = n.abs
  out = +''
  while n.positive?
    n, r = n.divmod(base)
    out.prepend(DIGITS[r])
  end
  sign + out
end

def from_base(s, base)
  s = s.strip.upcase
  sign = s.start_with?('-') ? -1 : 1
  value = s.delete_prefix('-').each_char.reduce(0) do |acc, ch|
    d = DIGITS.index(ch)
    raise ArgumentError, "digit #{ch} invalid for base #{base}" if d.nil? || d >= base

    acc * base + d
  end
  sign * value
end

[0, 7, 255, 1000, 65_535, -42, 123_456_789].each do |n|
  puts format('%10d: bin=%s oct=%s hex=%s b36=%s', n, to_base(n, 2), to_base(n, 8), to_base(n, 16), to_base(n, 36))
end
[['11111111', 2], ['777', 8], ['FF', 16], ['zz', 36], ['-101', 2]].each do |s, b|
  puts "#{s} in base #{b} = #{from_base(s, b)}"
end
begin
  from_base('129', 8)
rescue ArgumentError => e
  puts "Error: #{e.message}"
end
puts "Popcount of 2024: #{to_base(2024, 2).count('1')}"
puts "Built-in agrees: #{255.to_s(16).upcase == to_base(255, 16) && 'zz'.to_i(36) == 1295}"
