function shiftChar(ch, shift) {
  const code = ch.charCodeAt(0);
  if (code >= 65 && code <= 90) return String.fromCharCode(((code - 65 + shift) % 26 + 26) % 26 + 65);
  if (code >= 97 && code <= 122) return String.fromCharCode(((code - 97 + shift) % 26 + 26) % 26 + 97);
  return ch;
}

const encrypt = (text, shift) => [...text].map((c) => shiftChar(c, shift)).join('');
const decrypt = (text, shift) => encrypt(text, -shift);

function crack(ciphertext) {
  const common = 'etaoinshr';
  let best = 0;
  let bestScore = -1;
  for (let s = 0; s < 26; s++) {
    const plain = decrypt(ciphertext, s).toLowerCase();
    const score = [...plain].filter((c) => common.includes(c)).length;
    if (score > bestScore) {
      best = s;
      bestScore = score;
    }
  }
  return [best, decrypt(ciphertext, best)];
}

const message = 'The Quick Brown Fox Jumps Over The Lazy Dog!';
for (const shift of [3, 13, 25]) {
  const enc = encrypt(message, shift);
  console.log(`shift ${String(shift).padStart(2)}: ${enc}`);
  if (decrypt(enc, shift) !== message) throw new Error('round trip failed');
}
const secret = encrypt("Meet me at the usual place at ten rather than eight o'clock", 7);
console.log('Ciphertext:', secret);
const [shift, plain] = crack(secret);
console.log(`Cracked shift ${shift}: ${plain}`);
console.log('ROT13 twice:', encrypt(encrypt('Hello, World', 13), 13));
