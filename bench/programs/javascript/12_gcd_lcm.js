function gcd(a, b) {
  while (b) {
    [a, b] = [b, a % b];
  }
  return Math.abs(a);
}

const lcm = (a, b) => (a && b ? Math.abs(a * b) / gcd(a, b) : 0);

function extendedGcd(a, b) {
  if (b === 0) return [a, 1, 0];
  const [g, x, y] = extendedGcd(b, a % b);
  return [g, y, x - Math.floor(a / b) * y];
}

const pairs = [[48, 18], [101, 103], [270, 192], [17, 51], [0, 9]];
for (const [a, b] of pairs) {
  console.log(`gcd(${a}, ${b}) = ${gcd(a, b)}, lcm(${a}, ${b}) = ${lcm(a, b)}`);
}
const [g, x, y] = extendedGcd(240, 46);
console.log(`240*${x} + 46*${y} = ${g}`);
let result = 1;
for (let n = 1; n <= 20; n++) result = lcm(result, n);
console.log(`Smallest number divisible by 1..20: ${result}`);
