def reverse_words(sentence)
  sentence.split.reverse.join(' ')
end

def reverse_each_word(sentence)
  sentence.split.map(&:reverse).join(' ')
end

def capitalize_words(sentence)
  sentence.split.map { |w| w[0].upcase + w[1..] }.join(' ')
end

sentences = [
  'the quick brown fox jumps over the lazy dog',
  'hello world',
  '  leading and trailing spaces  '
]
sentences.each do |s|
  puts "Original:    '#{s}'"
  puts "Reversed:    '#{reverse_words(s)}'"
  puts "Each word:   '#{reverse_each_word(s)}'"
  puts "Capitalized: '#{capitalize_words(s)}'"
  puts
end
