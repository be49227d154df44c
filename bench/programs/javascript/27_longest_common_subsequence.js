function lcs(a, b) {
  const m = a.length;
  const n = b.length;
  const dp = Array.from({ length: m + 1 }, () => new Array(n + 1).fill(0));
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      dp[i + 1][j + 1] = a[i] === b[j] ? dp[i][j] + 1 : Math.max(dp[i][j + 1], dp[i + 1][j]);
    }
  }
  let i = m;
  let j = n;
  const out = [];
  while (i > 0 && j > 0) {
    if (a[i - 1] === b[j - 1]) {
      out.push(a[i - 1]);
      i--;
      j--;
    } else if (dp[i - 1][j] >= dp[i][j - 1]) {
      i--;
    } else {
      j--;
    }
  }
  return out.reverse().join('');
}

function longestCommonSubstring(a, b) {
  let best = 0;
  let end = 0;
  let prev = new Array(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    const cur = new Array(b.length + 1).fill(0);
    for (let j = 1; j <= b.length; j++) {
      if (a[i - 1] === b[j - 1]) {
        cur[j] = prev[j - 1] + 1;
        if (cur[j] > best) {
          best = cur[j];
          end = i;
        }
      }
    }
    prev = cur;
  }
  return a.slice(end - best, end);
}

const pairs = [['ABCBDAB', 'BDCABA'], ['AGGTAB', 'GXTXAYB'], ['programming', 'gaming'], ['abc', 'xyz']];
for (const [a, b] of pairs) {
  const s = lcs(a, b);
  console.log(`LCS(${a}, ${b}) = '${s}' (length ${s.length})`);
  console.log(`  longest common substring: '${longestCommonSubstring(a, b)}'`);
}
