const TEXT = `Python is a high-level, general-purpose programming language. Its design philosophy
emphasizes code readability with the use of significant indentation. Python is dynamically
typed and garbage-collected. It supports multiple programming paradigms, including structured,
object-oriented and functional programming. It is often described as a "batteries included"
language due to its comprehensive standard library.`;

const sentences = (text) => text.replace(/\n/g, ' ').split('.').map((p) => p.trim()).filter(Boolean);
const words = (text) => text.toLowerCase().replace(/[^a-z'-]/g, ' ').split(/\s+/).filter(Boolean);

const ws = words(TEXT);
const ss = sentences(TEXT);
const letters = (TEXT.match(/[a-zA-Z]/g) || []).length;
const vowels = (TEXT.toLowerCase().match(/[aeiou]/g) || []).length;
console.log(`Characters: ${TEXT.length}`);
console.log(`Letters: ${letters} (vowels ${vowels}, consonants ${letters - vowels})`);
console.log(`Words: ${ws.length}, unique: ${new Set(ws).size}`);
console.log(`Sentences: ${ss.length}`);
const totalLength = ws.reduce((sum, w) => sum + w.length, 0);
console.log(`Average word length: ${(totalLength / ws.length).toFixed(2)}`);
console.log(`Average words per sentence: ${(ws.length / ss.length).toFixed(2)}`);
const longest = ws.reduce((best, w) => (w.length > best.length || (w.length === best.length && w > best) ? w : best));
console.log(`Longest word: ${longest} (${longest.length})`);
const lengths = {};
for (const w of ws) lengths[w.length] = (lengths[w.length] || 0) + 1;
console.log('Word length histogram:');
Object.keys(lengths)
  .map(Number)
  .sort((a, b) => a - b)
  .forEach((len) => console.log(`  ${String(len).padStart(2)}: ${'#'.repeat(lengths[len])}`));
