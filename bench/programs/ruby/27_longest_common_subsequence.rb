def lcs(a, b)
  m = a.length
  n = b.length
  dp = Array.new(m + 1) { Array.new(n + 1, 0) }
  m.times do |i|
    n.times do |j|
      dp[i + 1][j + 1] = a[i] == b[j] ? dp[i][j] + 1 : [dp[i][j + 1], dp[i + 1][j]].max
    end
  end
  i = m
  j = n
  out = []
  while i.positive? && j.positive?
    if a[i - 1] == b[j - 1]
      out.unshift(a[i - 1])
      i -= 1
      j -= 1
    elsif dp[i - 1][j] >= dp[i][j - 1]
      i -= 1
    else
      j -= 1
    end
  end
  out.join
end

def longest_common_substring(a, b)
  best = 0
  finish = 0
  prev = Array.new(b.length + 1, 0)
  (1..a.length).each do |i|
    cur = Array.new(b.length + 1, 0)
    (1..b.length).each do |j|
      next unless a[i - 1] == b[j - 1]

      cur[j] = prev[j - 1] + 1
      if cur[j] > best
        best = cur[j]
        finish = i
      end
    end
    prev = cur
  end
  a[(finish - best)...finish]
end

[%w[ABCBDAB BDCABA], %w[AGGTAB GXTXAYB], %w[programming gaming], %w[abc xyz]].each do |a, b|
  s = lcs(a, b)
  puts "LCS(#{a}, #{b}) = '#{s}' (length #{s.length})"
  puts "  longest common substring: '#{longest_common_substring(a, b)}'"
end
