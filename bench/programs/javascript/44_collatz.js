function collatzSequence(n) {
  const seq = [n];
  while (n !== 1) {
    n = n % 2 === 0 ? n / 2 : 3 * n + 1;
    seq.push(n);
  }
  return seq;
}

const cache = new Map([[1, 1]]);
function collatzLength(n) {
  const path = [];
  while (!cache.has(n)) {
    path.push(n);
    n = n % 2 === 0 ? n / 2 : 3 * n + 1;
  }
  let length = cache.get(n);
  for (let i = path.length - 1; i >= 0; i--) {
    length++;
    cache.set(path[i], length);
  }
  return length;
}

const seq27 = collatzSequence(27);
console.log(`Sequence for 27 starts: [${seq27.slice(0, 12).join(', ')}]`);
console.log('Steps for 27:', seq27.length - 1, 'peak:', Math.max(...seq27));
for (const n of [6, 7, 12, 19]) {
  console.log(`${n}: ${collatzSequence(n).join(' -> ')}`);
}
let best = 1;
for (let n = 1; n < 10000; n++) {
  if (collatzLength(n) > collatzLength(best)) best = n;
}
console.log(`Longest chain below 10000 starts at ${best} with ${collatzLength(best)} terms`);
