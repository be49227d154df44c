def make_counter(start = 0, step = 1)
  count = start
  lambda do
    current = count
    count += step
    current
  end
end

def make_multiplier(factor)
  ->(x) { x * factor }
end

def compose(*functions)
  ->(x) { functions.reverse.reduce(x) { |acc, f| f.call(acc) } }
end

def memoize(func)
  cache = {}
  calls = { 'hits' => 0, 'misses' => 0 }
  wrapper = lambda do |n|
    if cache.key?(n)
      calls['hits'] += 1
    else
      calls['misses'] += 1
      cache[n] = func.call(n)
    end
    cache[n]
  end
  [wrapper, calls]
end

c1 = make_counter
c2 = make_counter(100, 10)
puts "counter 1: #{Array.new(5) { c1.call }.inspect}"
puts "counter 2: #{Array.new(5) { c2.call }.inspect}"
puts "counter 1 again: #{c1.call}"

double = make_multiplier(2)
triple = make_multiplier(3)
inc = ->(x) { x + 1 }
f = compose(double, inc, triple) # double(inc(triple(x)))
puts "compose(double, inc, triple)(5) = #{f.call(5)}"
puts "with >> and <<: #{(triple >> inc >> double).call(5)} #{(double << inc << triple).call(5)}"
puts "map triple: #{(1..5).map(&triple).inspect}"
puts "filter even squares: #{(1..10).map { |x| x * x }.select(&:even?).inspect}"

slow_square, stats = memoize(->(n) { n * n })
[2, 3, 2, 4, 3, 2].each { |n| slow_square.call(n) }
puts "memo stats: #{stats.inspect}"
adders = (0...3).map { |i| ->(x) { x + i } }
puts "adders: #{adders.map { |add| add.call(10) }.inspect}"
