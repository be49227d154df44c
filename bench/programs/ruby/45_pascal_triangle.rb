def pascal(rows)
  (1...rows).reduce([[1]]) do |triangle, _|
    prev = triangle.last
    triangle << [1, *prev.each_cons(2).map(&:sum), 1]
  end
end

def binomial(n, k)
  return 0 if k.negative? || k > n

  k = [k, n - k].min
  (0...k).reduce(1) { |result, i| result * (n - i) / (i + 1) }
end

tri = pascal(10)
width = tri.last.join(' ').length
tri.each { |row| puts row.join(' ').center(width).rstrip }
puts "Row sums: #{tri.map(&:sum).inspect}"
puts "C(10, 3) = #{binomial(10, 3)} | C(30, 15) = #{binomial(30, 15)} | C(52, 5) = #{binomial(52, 5)}"
puts 'Odd entries per row (Sierpinski):'
pascal(16).each { |row| puts row.map { |v| v.odd? ? '*' : ' ' }.join.rstrip }
