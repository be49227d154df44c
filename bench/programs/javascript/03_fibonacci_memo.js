function fibIterative(n) {
  let a = 0n;
  let b = 1n;
  for (let i = 0; i < n; i++) {
    [a, b] = [b, a + b];
  }
  return a;
}

const memo = new Map();
function fibMemo(n) {
  if (n < 2) return BigInt(n);
  if (memo.has(n)) return memo.get(n);
  const value = fibMemo(n - 1) + fibMemo(n - 2);
  memo.set(n, value);
  return value;
}

console.log('First 15 Fibonacci numbers:');
const first = [];
for (let i = 0; i < 15; i++) first.push(fibIterative(i).toString());
console.log(first.join(', '));
for (const n of [30, 50, 80]) {
  const a = fibIterative(n);
  const b = fibMemo(n);
  if (a !== b) throw new Error('mismatch');
  console.log(`fib(${n}) = ${a}`);
}
