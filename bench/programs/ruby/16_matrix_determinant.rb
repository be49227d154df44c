def determinant(m)
  n = m.size
  return m[0][0] if n == 1
  return m[0][0] * m[1][1] - m[0][1] * m[1][0] if n == 2

  (0...n).sum do |col|
    minor = m[1..].map { |row| row.reject.with_index { |_, j| j == col } }
    sign = col.even? ? 1 : -1
    sign * m[0][col] * determinant(minor)
  end
end

def trace(m)
  (0...m.size).sum { |i| m[i][i] }
end

matrices = {
  'M1' => [[2, 0], [1, 3]],
  'M2' => [[6, 1, 1], [4, -2, 5], [2, 8, 7]],
  'M3' => [[1, 2, 3, 4], [5, 6, 7, 8], [2, 6, 4, 8], [3, 1, 1, 2]],
  'M4' => [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
}
matrices.each do |name, m|
  det = determinant(m)
  puts "#{name} = #{m.inspect}"
  puts "  transpose = #{m.transpose.inspect}"
  puts "  det = #{det}, trace = #{trace(m)}"
  puts "  invertible: #{det.zero? ? 'no' : 'yes'}"
end
