function matMul(a, b) {
  if (a[0].length !== b.length) throw new Error('incompatible dimensions');
  return a.map((row) =>
    b[0].map((_, j) => row.reduce((sum, v, k) => sum + v * b[k][j], 0)),
  );
}

const identity = (n) => Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));

function matPow(m, p) {
  let result = identity(m.length);
  while (p > 0) {
    if (p & 1) result = matMul(result, m);
    m = matMul(m, m);
    p >>= 1;
  }
  return result;
}

function show(name, m) {
  console.log(`${name}:`);
  for (const row of m) {
    console.log('  ' + row.map((v) => String(v).padStart(5)).join(' '));
  }
}

const A = [[1, 2, 3], [4, 5, 6]];
const B = [[7, 8], [9, 10], [11, 12]];
show('A', A);
show('B', B);
show('A x B', matMul(A, B));
show('B x A', matMul(B, A));
show('F^10', matPow([[1, 1], [1, 0]], 10));
try {
  matMul(A, A);
} catch (e) {
  console.log('Error:', e.message);
}
