const VALUES = [
  [1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'],
  [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I'],
];
const SINGLE = { I: 1, V: 5, X: 10, L: 50, C: 100, D: 500, M: 1000 };

function toRoman(n) {
  if (!(n > 0 && n < 4000)) throw new RangeError(`${n} is out of range`);
  let out = '';
  for (const [value, symbol] of VALUES) {
    while (n >= value) {
      out += symbol;
      n -= value;
    }
  }
  return out;
}

function fromRoman(s) {
  let total = 0;
  for (let i = 0; i < s.length; i++) {
    const v = SINGLE[s[i]];
    if (i + 1 < s.length && SINGLE[s[i + 1]] > v) total -= v;
    else total += v;
  }
  return total;
}

for (const n of [1, 4, 9, 14, 40, 90, 400, 1994, 2024, 3999]) {
  const r = toRoman(n);
  console.log(`${String(n).padStart(4)} -> ${r.padEnd(12)} -> ${fromRoman(r)}`);
}
let ok = true;
for (let n = 1; n < 4000; n++) if (fromRoman(toRoman(n)) !== n) ok = false;
console.log('Round trip 1..3999:', ok ? 'ok' : 'FAILED');
try {
  toRoman(0);
} catch (e) {
  console.log('Error:', e.message);
}
