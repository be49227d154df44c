Item = Struct.new(:name, :weight, :value)

def knapsack(items, capacity)
  n = items.size
  dp = Array.new(n + 1) { Array.new(capacity + 1, 0) }
  (1..n).each do |i|
    item = items[i - 1]
    (0..capacity).each do |c|
      dp[i][c] = dp[i - 1][c]
      with = item.weight <= c ? dp[i - 1][c - item.weight] + item.value : -1
      dp[i][c] = with if with > dp[i][c]
    end
  end
  chosen = []
  c = capacity
  n.downto(1) do |i|
    next if dp[i][c] == dp[i - 1][c]

    chosen.unshift(items[i - 1])
    c -= items[i - 1].weight
  end
  [dp[n][capacity], chosen]
end

items = [
  ['map', 9, 150], ['compass', 13, 35], ['water', 153, 200], ['sandwich', 50, 160],
  ['glucose', 15, 60], ['tin', 68, 45], ['banana', 27, 60], ['apple', 39, 40],
  ['cheese', 23, 30], ['beer', 52, 10], ['suntan cream', 11, 70], ['camera', 32, 30]
].map { |args| Item.new(*args) }
[50, 100, 250, 400].each do |capacity|
  value, chosen = knapsack(items, capacity)
  weight = chosen.sum(&:weight)
  puts format('capacity %3d: value %4d, weight %3d, items: %s', capacity, value, weight, chosen.map(&:name).join(', '))
end
