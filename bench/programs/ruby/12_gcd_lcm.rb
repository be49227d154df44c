def my_gcd(a, b)
  a, b = b, a % b while b != 0
  a.abs
end

def my_lcm(a, b)
  a.zero? || b.zero? ? 0 : (a * b).abs / my_gcd(a, b)
end

def extended_gcd(a, b)
  return [a, 1, 0] if b.zero?

  g, x, y = extended_gcd(b, a % b)
  [g, y, x - (a / b) * y]
end

[[48, 18], [101, 103], [270, 192], [17, 51], [0, 9]].each do |a, b|
  puts "gcd(#{a}, #{b}) = #{my_gcd(a, b)}, lcm(#{a}, #{b}) = #{my_lcm(a, b)}"
end
g, x, y = extended_gcd(240, 46)
puts "240*#{x} + 46*#{y} = #{g}"
result = (1..20).reduce(1) { |acc, n| my_lcm(acc, n) }
puts "Smallest number divisible by 1..20: #{result}"
puts "Built-in check: #{(1..20).reduce(:lcm) == result}"
