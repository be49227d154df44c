function editDistance(a, b) {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur.push(Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost));
    }
    prev = cur;
  }
  return prev[b.length];
}

function closest(word, vocabulary) {
  let best = null;
  let bestDistance = Infinity;
  for (const v of vocabulary) {
    const d = editDistance(word, v);
    if (d < bestDistance || (d === bestDistance && v < best)) {
      best = v;
      bestDistance = d;
    }
  }
  return best;
}

const pairs = [['kitten', 'sitting'], ['flaw', 'lawn'], ['intention', 'execution'], ['', 'abc'], ['same', 'same']];
for (const [a, b] of pairs) {
  console.log(`distance('${a}', '${b}') = ${editDistance(a, b)}`);
}
const vocabulary = ['apple', 'banana', 'orange', 'grape', 'melon', 'lemon', 'cherry'];
for (const typo of ['aple', 'banan', 'lemn', 'grap', 'chery', 'mango']) {
  console.log(`Did you mean '${closest(typo, vocabulary)}' for '${typo}'?`);
}
