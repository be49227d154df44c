def min_coins(coins, amount)
  inf = amount + 1
  dp = [0] + [inf] * amount
  last = [0] * (amount + 1)
  (1..amount).each do |a|
    coins.each do |c|
      next unless c <= a && dp[a - c] + 1 < dp[a]

      dp[a] = dp[a - c] + 1
      last[a] = c
    end
  end
  return [-1, []] if dp[amount] >= inf

  used = []
  a = amount
  while a.positive?
    used << last[a]
    a -= last[a]
  end
  [dp[amount], used.sort.reverse]
end

def count_ways(coins, amount)
  ways = [1] + [0] * amount
  coins.each do |c|
    (c..amount).each { |a| ways[a] += ways[a - c] }
  end
  ways[amount]
end

[[[1, 5, 10, 25], 63], [[1, 3, 4], 6], [[2], 3], [[1, 2, 5], 11], [[186, 419, 83, 408], 6249]].each do |coins, amount|
  n, used = min_coins(coins, amount)
  if n.negative?
    puts "#{amount} with #{coins.inspect}: impossible"
  else
    puts "#{amount} with #{coins.inspect}: #{n} coins #{used.inspect}"
  end
end
puts "Ways to make 100 from [1, 5, 10, 25, 50]: #{count_ways([1, 5, 10, 25, 50], 100)}"
