def collatz_sequence(n)
  seq = [n]
  while n != 1
    n = n.even? ? n / 2 : 3 * n + 1
    seq << n
  end
  seq
end

CACHE = { 1 => 1 }

def collatz_length(n)
  path = []
  until CACHE.key?(n)
    path << n
    n = n.even? ? n / 2 : 3 * n + 1
  end
  length = CACHE[n]
  path.reverse_each do |m|
    length += 1
    CACHE[m] = length
  end
  length
end

seq27 = collatz_sequence(27)
puts "Sequence for 27 starts: #{seq27.first(12).inspect}"
puts "Steps for 27: #{seq27.size - 1} peak: #{seq27.max}"
[6, 7, 12, 19].each { |n| puts "#{n}: #{collatz_sequence(n).join(' -> ')}" }
best = (1...10_000).max_by { |n| [collatz_length(n), -n] }
puts "Longest chain below 10000 starts at #{best} with #{collatz_length(best)} terms"
