function divisorsSum(n) {
  if (n < 2) return 0;
  let total = 1;
  for (let i = 2; i * i <= n; i++) {
    if (n % i === 0) {
      total += i;
      if (i !== n / i) total += n / i;
    }
  }
  return total;
}

function isArmstrong(n) {
  const digits = String(n);
  return n === [...digits].reduce((sum, d) => sum + Number(d) ** digits.length, 0);
}

function classify(n) {
  const s = divisorsSum(n);
  if (s === n) return 'perfect';
  return s > n ? 'abundant' : 'deficient';
}

const range = (from, to) => Array.from({ length: to - from }, (_, i) => from + i);
console.log(`Perfect numbers below 3000: [${range(2, 3000).filter((n) => divisorsSum(n) === n).join(', ')}]`);
console.log(`Armstrong numbers below 10000: [${range(1, 10000).filter(isArmstrong).join(', ')}]`);
const amicable = [];
for (let a = 2; a < 3000; a++) {
  const b = divisorsSum(a);
  if (b > a && divisorsSum(b) === a) amicable.push(`(${a}, ${b})`);
}
console.log(`Amicable pairs below 3000: [${amicable.join(', ')}]`);
const counts = { perfect: 0, abundant: 0, deficient: 0 };
for (let n = 2; n <= 1000; n++) counts[classify(n)]++;
console.log('Classification of 2..1000:', JSON.stringify(counts));
