const DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

function toBase(n, base) {
  if (base < 2 || base > 36) throw new RangeError('base must be between 2 and 36');
  if (n === 0) return '0';
  const sign = n < 0 ? '-' : '';
  n = Math.abs(n);
  let out = '';
  while (n > 0) {
    out = DIGITS[n % base] + out;
    n = Math.floor(n / base);
  }
  return sign + out;
}

function fromBase(s, base) {
  s = s.trim().toUpperCase();
  const sign = s.startsWith('-') ? -1 : 1;
  let value = 0;
  for (const ch of s.replace(/^-/, '')) {
    const d = DIGITS.indexOf(ch);
    if (d < 0 || d >= base) throw new RangeError(`digit ${ch} invalid for base ${base}`);
    value = value * base + d;
  }
  return sign * value;
}

for (const n of [0, 7, 255, 1000, 65535, -42, 123456789]) {
  console.log(`${String(n).padStart(10)}: bin=${toBase(n, 2)} oct=${toBase(n, 8)} hex=${toBase(n, 16)} b36=${toBase(n, 36)}`);
}
for (const [s, b] of [['11111111', 2], ['777', 8], ['FF', 16], ['zz', 36], ['-101', 2]]) {
  console.log(`${s} in base ${b} = ${fromBase(s, b)}`);
}
try {
  fromBase('129', 8);
} catch (e) {
  console.log('Error:', e.message);
}
console.log('Popcount of 2024:', [...toBase(2024, 2)].filter((c) => c === '1').length);
