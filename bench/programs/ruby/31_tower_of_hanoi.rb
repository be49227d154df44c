def hanoi(n, source, target, spare, moves)
  return if n.zero?

  hanoi(n - 1, source, spare, target, moves)
  moves << [n, source, target]
  hanoi(n - 1, spare, target, source, moves)
end

moves = []
hanoi(3, 'A', 'C', 'B', moves)
moves.each.with_index(1) do |(disk, src, dst), i|
  puts "Move #{i}: disk #{disk} from #{src} to #{dst}"
end
[5, 10, 16].each do |n|
  all = []
  hanoi(n, 'A', 'C', 'B', all)
  puts "#{n} disks need #{all.size} moves (2^#{n} - 1 = #{2**n - 1})"
end
