def shift_char(ch, shift)
  case ch
  when 'A'..'Z' then ((ch.ord - 65 + shift) % 26 + 65).chr
  when 'a'..'z' then ((ch.ord - 97 + shift) % 26 + 97).chr
  else ch
  end
end

def encrypt(text, shift)
  text.chars.map { |c| shift_char(c, shift) }.join
end

def decrypt(text, shift)
  encrypt(text, -shift)
end

def crack(ciphertext)
  common = 'etaoinshr'
  best = (0...26).max_by { |s| [decrypt(ciphertext, s).downcase.count(common), -s] }
  [best, decrypt(ciphertext, best)]
end

message = 'The Quick Brown Fox Jumps Over The Lazy Dog!'
[3, 13, 25].each do |shift|
  enc = encrypt(message, shift)
  puts format('shift %2d: %s', shift, enc)
  raise 'round trip failed' unless decrypt(enc, shift) == message
end
secret = encrypt("Meet me at the usual place at ten rather than eight o'clock", 7)
puts "Ciphertext: #{secret}"
shift, plain = crack(secret)
puts "Cracked shift #{shift}: #{plain}"
puts "ROT13 twice: #{encrypt(encrypt('Hello, World', 13), 13)}"
puts "tr agrees: #{'Hello'.tr('A-Za-z', 'N-ZA-Mn-za-m') == encrypt('Hello', 13)}"
