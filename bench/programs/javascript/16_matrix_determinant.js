const transpose = (m) => m[0].map((_, j) => m.map((row) => row[j]));

function determinant(m) {
  const n = m.length;
  if (n === 1) return m[0][0];
  if (n === 2) return m[0][0] * m[1][1] - m[0][1] * m[1][0];
  let total = 0;
  for (let col = 0; col < n; col++) {
    const minor = m.slice(1).map((row) => row.filter((_, j) => j !== col));
    const sign = col % 2 ? -1 : 1;
    total += sign * m[0][col] * determinant(minor);
  }
  return total;
}

const trace = (m) => m.reduce((sum, row, i) => sum + row[i], 0);

const matrices = {
  M1: [[2, 0], [1, 3]],
  M2: [[6, 1, 1], [4, -2, 5], [2, 8, 7]],
  M3: [[1, 2, 3, 4], [5, 6, 7, 8], [2, 6, 4, 8], [3, 1, 1, 2]],
  M4: [[1, 2, 3], [4, 5, 6], [7, 8, 9]],
};
for (const [name, m] of Object.entries(matrices)) {
  console.log(`${name} = ${JSON.stringify(m)}`);
  console.log(`  transpose = ${JSON.stringify(transpose(m))}`);
  const det = determinant(m);
  console.log(`  det = ${det}, trace = ${trace(m)}`);
  console.log(`  invertible: ${det !== 0 ? 'yes' : 'no'}`);
}
