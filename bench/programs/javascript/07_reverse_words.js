const words = (s) => s.trim().split(/\s+/).filter(Boolean);

const reverseWords = (s) => words(s).reverse().join(' ');
const reverseEachWord = (s) => words(s).map((w) => [...w].reverse().join('')).join(' ');
const capitalizeWords = (s) => words(s).map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(' ');

const sentences = [
  'the quick brown fox jumps over the lazy dog',
  'hello world',
  '  leading and trailing spaces  ',
];
for (const s of sentences) {
  console.log(`Original:    '${s}'`);
  console.log(`Reversed:    '${reverseWords(s)}'`);
  console.log(`Each word:   '${reverseEachWord(s)}'`);
  console.log(`Capitalized: '${capitalizeWords(s)}'`);
  console.log();
}
