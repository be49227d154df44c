function rleEncode(s) {
  if (!s) return '';
  let out = '';
  let count = 1;
  for (let i = 1; i <= s.length; i++) {
    if (i < s.length && s[i] === s[i - 1]) {
      count++;
    } else {
      out += `${count}${s[i - 1]}`;
      count = 1;
    }
  }
  return out;
}

function rleDecode(s) {
  return s.replace(/(\d+)(\D)/g, (_, n, ch) => ch.repeat(Number(n)));
}

const samples = [
  'WWWWWWWWWWWWBWWWWWWWWWWWWBBBWWWWWWWWWWWWWWWWWWWWWWWWBWWWWWWWWWWWWWW',
  'aabcccccaaa',
  'abc',
  '',
  'zzzzzzzzzzzz',
];
for (const s of samples) {
  const enc = rleEncode(s);
  const dec = rleDecode(enc);
  const ratio = s.length ? enc.length / s.length : 0;
  const shown = s.slice(0, 20) + (s.length > 20 ? '...' : '');
  console.log(`'${shown}' (${s.length}) -> '${enc}' (${enc.length}), ratio ${ratio.toFixed(2)}, ok=${dec === s}`);
}
