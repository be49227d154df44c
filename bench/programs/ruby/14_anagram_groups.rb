def group_anagrams(words)
  words.group_by { |w| w.chars.sort.join }.values
end

def anagrams?(a, b)
  clean = ->(s) { s.delete(' ').downcase.chars.sort }
  clean.call(a) == clean.call(b)
end

words = %w[eat tea tan ate nat bat listen silent enlist google tab]
groups = group_anagrams(words).sort_by { |g| [-g.size, g.first] }
groups.each { |group| puts "#{group.size}: #{group.sort.join(' ')}" }
[['Dormitory', 'dirty room'], %w[hello world], ['The eyes', 'They see']].each do |a, b|
  puts "'#{a}' and '#{b}' anagrams? #{anagrams?(a, b)}"
end
