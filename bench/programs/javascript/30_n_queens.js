function solveNQueens(n) {
  const solutions = [];
  const cols = new Set();
  const diag1 = new Set();
  const diag2 = new Set();
  const placement = [];

  function place(row) {
    if (row === n) {
      solutions.push([...placement]);
      return;
    }
    for (let col = 0; col < n; col++) {
      if (cols.has(col) || diag1.has(row - col) || diag2.has(row + col)) continue;
      cols.add(col);
      diag1.add(row - col);
      diag2.add(row + col);
      placement.push(col);
      place(row + 1);
      placement.pop();
      cols.delete(col);
      diag1.delete(row - col);
      diag2.delete(row + col);
    }
  }

  place(0);
  return solutions;
}

for (let n = 1; n <= 8; n++) {
  console.log(`${n}-queens: ${solveNQueens(n).length} solutions`);
}
console.log('First solution for 8 queens:');
for (const col of solveNQueens(8)[0]) {
  console.log(Array.from({ length: 8 }, (_, c) => (c === col ? 'Q' : '.')).join(' '));
}
