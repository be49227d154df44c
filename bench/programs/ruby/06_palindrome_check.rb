def palindrome?(text)
  cleaned = text.downcase.gsub(/[^a-z0-9]/, '')
  cleaned == cleaned.reverse
end

def longest_palindromic_substring(s)
  best = ''
  s.length.times do |center|
    [[center, center], [center, center + 1]].each do |left, right|
      while left >= 0 && right < s.length && s[left] == s[right]
        left -= 1
        right += 1
      end
      candidate = s[(left + 1)...right]
      best = candidate if candidate.length > best.length
    end
  end
  best
end

phrases = [
  'racecar',
  'A man, a plan, a canal: Panama',
  'hello',
  'Was it a car or a cat I saw?',
  'No lemon, no melon',
  'Python'
]
phrases.each do |phrase|
  verdict = palindrome?(phrase) ? 'is' : 'is not'
  puts "\"#{phrase}\" #{verdict} a palindrome"
end
%w[babad cbbd forgeeksskeegfor].each do |word|
  puts "Longest palindrome in #{word}: #{longest_palindromic_substring(word)}"
end
