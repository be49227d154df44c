function permutations(items) {
  if (items.length <= 1) return [items.slice()];
  const result = [];
  items.forEach((item, i) => {
    const rest = [...items.slice(0, i), ...items.slice(i + 1)];
    for (const perm of permutations(rest)) result.push([item, ...perm]);
  });
  return result;
}

function nextPermutation(seq) {
  const s = [...seq];
  let i = s.length - 2;
  while (i >= 0 && s[i] >= s[i + 1]) i--;
  if (i < 0) return null;
  let j = s.length - 1;
  while (s[j] <= s[i]) j--;
  [s[i], s[j]] = [s[j], s[i]];
  return [...s.slice(0, i + 1), ...s.slice(i + 1).reverse()];
}

const perms = permutations(['a', 'b', 'c']);
console.log(`${perms.length} permutations of abc:`, perms.map((p) => p.join('')).join(' '));
console.log('Permutations of 1..6:', permutations([1, 2, 3, 4, 5, 6]).length);
let seq = [1, 2, 2, 3];
let count = 0;
while (seq !== null) {
  count++;
  if (count <= 5) console.log(seq.join(''));
  seq = nextPermutation(seq);
}
console.log(`Distinct permutations of 1223: ${count}`);
