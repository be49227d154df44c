function knapsack(items, capacity) {
  const n = items.length;
  const dp = Array.from({ length: n + 1 }, () => new Array(capacity + 1).fill(0));
  for (let i = 1; i <= n; i++) {
    const [, weight, value] = items[i - 1];
    for (let c = 0; c <= capacity; c++) {
      dp[i][c] = dp[i - 1][c];
      if (weight <= c && dp[i - 1][c - weight] + value > dp[i][c]) {
        dp[i][c] = dp[i - 1][c - weight] + value;
      }
    }
  }
  const chosen = [];
  let c = capacity;
  for (let i = n; i > 0; i--) {
    if (dp[i][c] !== dp[i - 1][c]) {
      chosen.push(items[i - 1]);
      c -= items[i - 1][1];
    }
  }
  return { value: dp[n][capacity], chosen: chosen.reverse() };
}

const items = [
  ['map', 9, 150], ['compass', 13, 35], ['water', 153, 200], ['sandwich', 50, 160],
  ['glucose', 15, 60], ['tin', 68, 45], ['banana', 27, 60], ['apple', 39, 40],
  ['cheese', 23, 30], ['beer', 52, 10], ['suntan cream', 11, 70], ['camera', 32, 30],
];
for (const capacity of [50, 100, 250, 400]) {
  const { value, chosen } = knapsack(items, capacity);
  const weight = chosen.reduce((sum, item) => sum + item[1], 0);
  const names = chosen.map((item) => item[0]).join(', ');
  console.log(`capacity ${String(capacity).padStart(3)}: value ${String(value).padStart(4)}, weight ${String(weight).padStart(3)}, items: ${names}`);
}
