def permutations(items)
  return [items.dup] if items.size <= 1

  items.each_with_index.flat_map do |item, i|
    rest = items[0...i] + items[(i + 1)..]
    permutations(rest).map { |perm| [item] + perm }
  end
end

def next_permutation(seq)
  s = seq.dup
  i = s.size - 2
  i -= 1 while i >= 0 && s[i] >= s[i + 1]
  return nil if i.negative?

  j = s.size - 1
  j -= 1 while s[j] <= s[i]
  s[i], s[j] = s[j], s[i]
  s[0..i] + s[(i + 1)..].reverse
end

perms = permutations(%w[a b c])
puts "#{perms.size} permutations of abc: #{perms.map(&:join).join(' ')}"
puts "Permutations of 1..6: #{permutations((1..6).to_a).size}"
puts "Built-in agrees: #{permutations((1..6).to_a) == (1..6).to_a.permutation.to_a}"
seq = [1, 2, 2, 3]
count = 0
while seq
  count += 1
  puts seq.join if count <= 5
  seq = next_permutation(seq)
end
puts "Distinct permutations of 1223: #{count}"
