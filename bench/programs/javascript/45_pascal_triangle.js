function pascal(rows) {
  const triangle = [[1]];
  for (let r = 1; r < rows; r++) {
    const prev = triangle[r - 1];
    const row = [1];
    for (let i = 1; i < prev.length; i++) row.push(prev[i - 1] + prev[i]);
    row.push(1);
    triangle.push(row);
  }
  return triangle;
}

function binomial(n, k) {
  if (k < 0 || k > n) return 0;
  k = Math.min(k, n - k);
  let result = 1;
  for (let i = 0; i < k; i++) result = (result * (n - i)) / (i + 1);
  return result;
}

function center(text, width) {
  const total = width - text.length;
  if (total <= 0) return text;
  const left = Math.floor(total / 2);
  return ' '.repeat(left) + text + ' '.repeat(total - left);
}

const tri = pascal(10);
const width = tri[tri.length - 1].join(' ').length;
for (const row of tri) console.log(center(row.join(' '), width).trimEnd());
console.log(`Row sums: [${tri.map((r) => r.reduce((a, b) => a + b, 0)).join(', ')}]`);
console.log(`C(10, 3) = ${binomial(10, 3)} | C(30, 15) = ${binomial(30, 15)} | C(52, 5) = ${binomial(52, 5)}`);
console.log('Odd entries per row (Sierpinski):');
for (const row of pascal(16)) console.log(row.map((v) => (v % 2 ? '*' : ' ')).join('').trimEnd());
