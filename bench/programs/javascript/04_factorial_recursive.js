function factorial(n) {
  if (n < 0) {
    throw new RangeError('factorial is not defined for negative numbers');
  }
  if (n <= 1) return 1;
  return n * factorial(n - 1);
}

function trailingZeros(n) {
  let count = 0;
  for (let power = 5; power <= n; power *= 5) {
    count += Math.floor(n / power);
  }
  return count;
}

for (let i = 0; i <= 12; i++) {
  console.log(`${i}! = ${factorial(i)}`);
}
for (const n of [10, 25, 100]) {
  console.log(`${n}! has ${trailingZeros(n)} trailing zeros`);
}
try {
  factorial(-1);
} catch (e) {
  console.log(`Error: ${e.message}`);
}
