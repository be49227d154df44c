require 'set'

def solve_n_queens(n)
  solutions = []
  cols = Set.new
  diag1 = Set.new
  diag2 = Set.new
  placement = []
  place = lambda do |row|
    if row == n
      solutions << placement.dup
      next
    end
    n.times do |col|
      next if cols.include?(col) || diag1.include?(row - col) || diag2.include?(row + col)

      cols << col
      diag1 << row - col
      diag2 << row + col
      placement << col
      place.call(row + 1)
      placement.pop
      cols.delete(col)
      diag1.delete(row - col)
      diag2.delete(row + col)
    end
  end
  place.call(0)
  solutions
end

(1..8).each { |n| puts "#{n}-queens: #{solve_n_queens(n).size} solutions" }
puts 'First solution for 8 queens:'
solve_n_queens(8).first.each do |col|
  puts (0...8).map { |c| c == col ? 'Q' : '.' }.join(' ')
end
