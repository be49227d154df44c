const TEXT = `
It was the best of times, it was the worst of times, it was the age of wisdom,
it was the age of foolishness, it was the epoch of belief, it was the epoch of
incredulity, it was the season of Light, it was the season of Darkness, it was
the spring of hope, it was the winter of despair.
`;

function wordFrequencies(text) {
  const freq = new Map();
  for (const word of text.toLowerCase().match(/[a-z']+/g)) {
    freq.set(word, (freq.get(word) || 0) + 1);
  }
  return freq;
}

const freq = wordFrequencies(TEXT);
let total = 0;
for (const c of freq.values()) total += c;
console.log(`Total words: ${total}`);
console.log(`Unique words: ${freq.size}`);
console.log('Top 5 words:');
const ranked = [...freq.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
for (const [word, count] of ranked.slice(0, 5)) {
  console.log(`  ${word.padEnd(8)} ${String(count).padStart(3)} ${'*'.repeat(count)}`);
}
const singles = [...freq.keys()].filter((w) => freq.get(w) === 1).sort();
console.log('Words used once:', singles.join(', '));
