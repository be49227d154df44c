function hanoi(n, source, target, spare, moves) {
  if (n === 0) return;
  hanoi(n - 1, source, spare, target, moves);
  moves.push([n, source, target]);
  hanoi(n - 1, spare, target, source, moves);
}

const moves = [];
hanoi(3, 'A', 'C', 'B', moves);
moves.forEach(([disk, src, dst], i) => {
  console.log(`Move ${i + 1}: disk ${disk} from ${src} to ${dst}`);
});
for (const n of [5, 10, 16]) {
  const all = [];
  hanoi(n, 'A', 'C', 'B', all);
  console.log(`${n} disks need ${all.length} moves (2^${n} - 1 = ${2 ** n - 1})`);
}
