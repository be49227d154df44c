def mat_mul(a, b)
  raise ArgumentError, 'incompatible dimensions' unless a[0].size == b.size

  a.map do |row|
    b[0].each_index.map { |j| row.each_with_index.sum { |v, k| v * b[k][j] } }
  end
end

def identity(n)
  Array.new(n) { |i| Array.new(n) { |j| i == j ? 1 : 0 } }
end

def mat_pow(m, p)
  result = identity(m.size)
  while p.positive?
    result = mat_mul(result, m) if p.odd?
    m = mat_mul(m, m)
    p >>= 1
  end
  result
end

def show(name, m)
  puts "#{name}:"
  m.each { |row| puts '  ' + row.map { |v| format('%5d', v) }.join(' ') }
end

a = [[1, 2, 3], [4, 5, 6]]
b = [[7, 8], [9, 10], [11, 12]]
show('A', a)
show('B', b)
show('A x B', mat_mul(a, b))
show('B x A', mat_mul(b, a))
show('F^10', mat_pow([[1, 1], [1, 0]], 10))
begin
  mat_mul(a, a)
rescue ArgumentError => e
  puts "Error: #{e.message}"
end
