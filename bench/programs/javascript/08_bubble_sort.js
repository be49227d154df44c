function bubbleSort(items) {
  const arr = [...items];
  let swaps = 0;
  const n = arr.length;
  for (let i = 0; i < n; i++) {
    let swapped = false;
    for (let j = 0; j < n - i - 1; j++) {
      if (arr[j] > arr[j + 1]) {
        [arr[j], arr[j + 1]] = [arr[j + 1], arr[j]];
        swaps++;
        swapped = true;
      }
    }
    if (!swapped) break;
  }
  return { sorted: arr, swaps };
}

const fmt = (a) => `[${a.join(', ')}]`;
const testCases = [
  [64, 34, 25, 12, 22, 11, 90],
  [5, 1, 4, 2, 8],
  [1, 2, 3, 4, 5],
  [],
  [3, 3, 1, 2, 1],
];
for (const tc of testCases) {
  const { sorted, swaps } = bubbleSort(tc);
  console.log(`${fmt(tc)} -> ${fmt(sorted)} (${swaps} swaps)`);
}
