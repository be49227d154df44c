function sieve(limit) {
  const isPrime = new Array(limit + 1).fill(true);
  isPrime[0] = isPrime[1] = false;
  for (let p = 2; p * p <= limit; p++) {
    if (isPrime[p]) {
      for (let m = p * p; m <= limit; m += p) isPrime[m] = false;
    }
  }
  const primes = [];
  isPrime.forEach((prime, i) => {
    if (prime) primes.push(i);
  });
  return primes;
}

const primes = sieve(100);
console.log(`Primes up to 100 (${primes.length}):`);
console.log(primes.join(' '));
const big = sieve(100000);
console.log(`Number of primes below 100000: ${big.length}`);
console.log(`Largest prime below 100000: ${big[big.length - 1]}`);
const primeSet = new Set(primes);
const twins = primes.filter((p) => primeSet.has(p + 2)).map((p) => `(${p}, ${p + 2})`);
console.log('Twin primes:', twins.join(', '));
