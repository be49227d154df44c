def divisors_sum(n)
  return 0 if n < 2

  total = 1
  i = 2
  while i * i <= n
    if (n % i).zero?
      total += i
      total += n / i if i != n / i
    end
    i += 1
  end
  total
end

def armstrong?(n)
  digits = n.digits
  n == digits.sum { |d| d**digits.size }
end

def classify(n)
  s = divisors_sum(n)
  return :perfect if s == n

  s > n ? :abundant : :deficient
end

puts "Perfect numbers below 3000: #{(2...3000).select { |n| divisors_sum(n) == n }.inspect}"
puts "Armstrong numbers below 10000: #{(1...10_000).select { |n| armstrong?(n) }.inspect}"
amicable = (2...3000).filter_map do |a|
  b = divisors_sum(a)
  "(#{a}, #{b})" if b > a && divisors_sum(b) == a
end
puts "Amicable pairs below 3000: [#{amicable.join(', ')}]"
counts = { perfect: 0, abundant: 0, deficient: 0 }
(2..1000).each { |n| counts[classify(n)] += 1 }
puts "Classification of 2..1000: #{counts.map { |k, v| "#{k}=#{v}" }.join(', ')}"
