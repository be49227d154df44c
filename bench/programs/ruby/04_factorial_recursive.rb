def factorial(n)
  raise ArgumentError, 'factorial is not defined for negative numbers' if n.negative?
  return 1 if n <= 1

  n * factorial(n - 1)
end

def trailing_zeros(n)
  count = 0
  power = 5
  while power <= n
    count += n / power
    power *= 5
  end
  count
end

(0..12).each { |i| puts "#{i}! = #{factorial(i)}" }
[10, 25, 100].each { |n| puts "#{n}! has #{trailing_zeros(n)} trailing zeros" }
begin
  factorial(-1)
rescue ArgumentError => e
  puts "Error: #{e.message}"
end
