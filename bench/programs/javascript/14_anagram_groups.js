function groupAnagrams(words) {
  const groups = {};
  for (const word of words) {
    const key = word.split('').sort().join('');
    (groups[key] = groups[key] || []).push(word);
  }
  return Object.values(groups);
}

function areAnagrams(a, b) {
  const clean = (s) => s.replace(/ /g, '').toLowerCase().split('').sort().join('');
  return clean(a) === clean(b);
}

const words = ['eat', 'tea', 'tan', 'ate', 'nat', 'bat', 'listen', 'silent', 'enlist', 'google', 'tab'];
const groups = groupAnagrams(words);
groups.sort((a, b) => b.length - a.length || a[0].localeCompare(b[0]));
for (const group of groups) {
  console.log(`${group.length}: ${[...group].sort().join(' ')}`);
}
for (const [a, b] of [['Dormitory', 'dirty room'], ['hello', 'world'], ['The eyes', 'They see']]) {
  console.log(`'${a}' and '${b}' anagrams? ${areAnagrams(a, b)}`);
}
