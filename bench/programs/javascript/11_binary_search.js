function binarySearch(arr, target) {
  let low = 0;
  let high = arr.length - 1;
  let steps = 0;
  while (low <= high) {
    steps++;
    const mid = Math.floor((low + high) / 2);
    if (arr[mid] === target) return { index: mid, steps };
    if (arr[mid] < target) low = mid + 1;
    else high = mid - 1;
  }
  return { index: -1, steps };
}

function lowerBound(arr, target) {
  let low = 0;
  let high = arr.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (arr[mid] < target) low = mid + 1;
    else high = mid;
  }
  return low;
}

const numbers = Array.from({ length: 67 }, (_, i) => i * 3);
for (const target of [0, 27, 99, 100, 198, 250]) {
  const { index, steps } = binarySearch(numbers, target);
  if (index >= 0) {
    console.log(`Found ${target} at index ${index} in ${steps} steps`);
  } else {
    console.log(`${target} not found after ${steps} steps (insert at ${lowerBound(numbers, target)})`);
  }
}
