def rle_encode(s)
  s.chars.chunk_while { |a, b| a == b }.map { |run| "#{run.size}#{run.first}" }.join
end

def rle_decode(s)
  s.scan(/(\d+)(\D)/).map { |count, ch| ch * count.to_i }.join
end

samples = [
  'WWWWWWWWWWWWBWWWWWWWWWWWWBBBWWWWWWWWWWWWWWWWWWWWWWWWBWWWWWWWWWWWWWW',
  'aabcccccaaa',
  'abc',
  '',
  'zzzzzzzzzzzz'
]
samples.each do |s|
  enc = rle_encode(s)
  dec = rle_decode(enc)
  ratio = s.empty? ? 0 : enc.size.to_f / s.size
  shown = s[0, 20] + (s.size > 20 ? '...' : '')
  puts format("'%s' (%d) -> '%s' (%d), ratio %.2f, ok=%s", shown, s.size, enc, enc.size, ratio, dec == s)
end
