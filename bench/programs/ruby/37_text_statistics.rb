TEXT = <<~TXT.chomp
  Python is a high-level, general-purpose programming language. Its design philosophy
  emphasizes code readability with the use of significant indentation. Python is dynamically
  typed and garbage-collected. It supports multiple programming paradigms, including structured,
  object-oriented and functional programming. It is often described as a "batteries included"
  language due to its comprehensive standard library.
TXT

def sentences(text)
  text.tr("\n", ' ').split('.').map(&:strip).reject(&:empty?)
end

def words(text)
  text.downcase.gsub(/[^a-z'-]/, ' ').split
end

ws = words(TEXT)
ss = sentences(TEXT)
letters = TEXT.count('a-zA-Z')
vowels = TEXT.downcase.count('aeiou')
puts "Characters: #{TEXT.length}"
puts "Letters: #{letters} (vowels #{vowels}, consonants #{letters - vowels})"
puts "Words: #{ws.size}, unique: #{ws.uniq.size}"
puts "Sentences: #{ss.size}"
puts format('Average word length: %.2f', ws.sum(&:length).to_f / ws.size)
puts format('Average words per sentence: %.2f', ws.size.to_f / ss.size)
longest = ws.max_by { |w| [w.length, w] }
puts "Longest word: #{longest} (#{longest.length})"
puts 'Word length histogram:'
ws.map(&:length).tally.sort.each do |length, count|
  puts format('  %2d: %s', length, '#' * count)
end
