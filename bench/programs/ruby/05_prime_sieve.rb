def sieve(limit)
  is_prime = Array.new(limit + 1, true)
  is_prime[0] = is_prime[1] = false
  p = 2
  while p * p <= limit
    (p * p).step(limit, p) { |m| is_prime[m] = false } if is_prime[p]
    p += 1
  end
  is_prime.each_index.select { |i| is_prime[i] }
end

primes = sieve(100)
puts "Primes up to 100 (#{primes.size}):"
puts primes.join(' ')
big = sieve(100_000)
puts "Number of primes below 100000: #{big.size}"
puts "Largest prime below 100000: #{big.last}"
twins = primes.select { |p| primes.include?(p + 2) }.map { |p| "(#{p}, #{p + 2})" }
puts "Twin primes: #{twins.join(', ')}"
