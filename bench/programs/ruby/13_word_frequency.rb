TEXT = <<~TXT
  It was the best of times, it was the worst of times, it was the age of wisdom,
  it was the age of foolishness, it was the epoch of belief, it was the epoch of
  incredulity, it was the season of Light, it was the season of Darkness, it was
  the spring of hope, it was the winter of despair.
TXT

def word_frequencies(text)
  text.downcase.scan(/[a-z']+/).tally
end

freq = word_frequencies(TEXT)
puts "Total words: #{freq.values.sum}"
puts "Unique words: #{freq.size}"
puts 'Top 5 words:'
ranked = freq.sort_by { |word, count| [-count, word] }
ranked.first(5).each do |word, count|
  puts format('  %-8s %3d %s', word, count, '*' * count)
end
singles = freq.select { |_, c| c == 1 }.keys.sort
puts "Words used once: #{singles.join(', ')}"
