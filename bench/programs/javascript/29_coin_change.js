function minCoins(coins, amount) {
  const INF = amount + 1;
  const dp = new Array(amount + 1).fill(INF);
  const last = new Array(amount + 1).fill(0);
  dp[0] = 0;
  for (let a = 1; a <= amount; a++) {
    for (const c of coins) {
      if (c <= a && dp[a - c] + 1 < dp[a]) {
        dp[a] = dp[a - c] + 1;
        last[a] = c;
      }
    }
  }
  if (dp[amount] >= INF) return { count: -1, used: [] };
  const used = [];
  for (let a = amount; a > 0; a -= last[a]) used.push(last[a]);
  return { count: dp[amount], used: used.sort((x, y) => y - x) };
}

function countWays(coins, amount) {
  const ways = new Array(amount + 1).fill(0);
  ways[0] = 1;
  for (const c of coins) {
    for (let a = c; a <= amount; a++) ways[a] += ways[a - c];
  }
  return ways[amount];
}

const fmt = (a) => `[${a.join(', ')}]`;
const cases = [[[1, 5, 10, 25], 63], [[1, 3, 4], 6], [[2], 3], [[1, 2, 5], 11], [[186, 419, 83, 408], 6249]];
for (const [coins, amount] of cases) {
  const { count, used } = minCoins(coins, amount);
  if (count < 0) console.log(`${amount} with ${fmt(coins)}: impossible`);
  else console.log(`${amount} with ${fmt(coins)}: ${count} coins ${fmt(used)}`);
}
console.log('Ways to make 100 from [1, 5, 10, 25, 50]:', countWays([1, 5, 10, 25, 50], 100));
