def edit_distance(a, b)
  prev = (0..b.length).to_a
  a.each_char.with_index(1) do |ca, i|
    cur = [i]
    b.each_char.with_index(1) do |cb, j|
      cost = ca == cb ? 0 : 1
      cur << [prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost].min
    end
    prev = cur
  end
  prev.last
end

def closest(word, vocabulary)
  vocabulary.min_by { |v| [edit_distance(word, v), v] }
end

[%w[kitten sitting], %w[flaw lawn], %w[intention execution], ['', 'abc'], %w[same same]].each do |a, b|
  puts "distance('#{a}', '#{b}') = #{edit_distance(a, b)}"
end
vocabulary = %w[apple banana orange grape melon lemon cherry]
%w[aple banan lemn grap chery mango].each do |typo|
  puts "Did you mean '#{closest(typo, vocabulary)}' for '#{typo}'?"
end
