def fib_iterative(n)
  a, b = 0, 1
  n.times { a, b = b, a + b }
  a
end

FIB_MEMO = Hash.new do |memo, n|
  memo[n] = n < 2 ? n : memo[n - 1] + memo[n - 2]
end

puts 'First 15 Fibonacci numbers:'
puts (0...15).map { |i| fib_iterative(i) }.join(', ')
[30, 50, 80].each do |n|
  a = fib_iterative(n)
  b = FIB_MEMO[n]
  raise 'mismatch' unless a == b

  puts "fib(#{n}) = #{a}"
end
