function quicksort(arr) {
  if (arr.length <= 1) return arr;
  const pivot = arr[Math.floor(arr.length / 2)];
  const left = arr.filter((x) => x < pivot);
  const middle = arr.filter((x) => x === pivot);
  const right = arr.filter((x) => x > pivot);
  return [...quicksort(left), ...middle, ...quicksort(right)];
}

function partition(arr, low, high) {
  const pivot = arr[high];
  let i = low - 1;
  for (let j = low; j < high; j++) {
    if (arr[j] <= pivot) {
      i++;
      [arr[i], arr[j]] = [arr[j], arr[i]];
    }
  }
  [arr[i + 1], arr[high]] = [arr[high], arr[i + 1]];
  return i + 1;
}

function quicksortInPlace(arr, low = 0, high = arr.length - 1) {
  if (low < high) {
    const p = partition(arr, low, high);
    quicksortInPlace(arr, low, p - 1);
    quicksortInPlace(arr, p + 1, high);
  }
  return arr;
}

const fmt = (a) => `[${a.join(', ')}]`;
const data = [3, 6, 8, 10, 1, 2, 1, 15, -4, 7, 0];
console.log('Input:            ', fmt(data));
console.log('Quicksort:        ', fmt(quicksort(data)));
console.log('In-place (Lomuto):', fmt(quicksortInPlace([...data])));
// A larger deterministic input: a small linear congruential sequence.
const values = [];
let x = 12345;
for (let i = 0; i < 2000; i++) {
  x = (x * 75 + 74) % 65537;
  values.push(x % 1000);
}
const sortedValues = quicksort(values);
const reference = [...values].sort((a, b) => a - b);
console.log('2000 values sorted:', sortedValues.every((v, i) => v === reference[i]));
console.log('Smallest five:', fmt(sortedValues.slice(0, 5)));
console.log('Largest five:', fmt(sortedValues.slice(-5)));
