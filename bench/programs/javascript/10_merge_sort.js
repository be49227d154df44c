function merge(left, right) {
  const result = [];
  let i = 0;
  let j = 0;
  while (i < left.length && j < right.length) {
    if (left[i] <= right[j]) result.push(left[i++]);
    else result.push(right[j++]);
  }
  return result.concat(left.slice(i), right.slice(j));
}

function mergeSort(arr) {
  if (arr.length <= 1) return arr;
  const mid = Math.floor(arr.length / 2);
  return merge(mergeSort(arr.slice(0, mid)), mergeSort(arr.slice(mid)));
}

function countInversions(arr) {
  if (arr.length <= 1) return [arr, 0];
  const mid = Math.floor(arr.length / 2);
  const [left, a] = countInversions(arr.slice(0, mid));
  const [right, b] = countInversions(arr.slice(mid));
  const merged = [];
  let inversions = a + b;
  let i = 0;
  let j = 0;
  while (i < left.length && j < right.length) {
    if (left[i] <= right[j]) {
      merged.push(left[i++]);
    } else {
      merged.push(right[j++]);
      inversions += left.length - i;
    }
  }
  return [merged.concat(left.slice(i), right.slice(j)), inversions];
}

const words = ['banana', 'apple', 'cherry', 'date', 'fig', 'elderberry', 'grape'];
const numbers = [38, 27, 43, 3, 9, 82, 10];
console.log('Sorted numbers:', JSON.stringify(mergeSort(numbers)));
console.log('Sorted words:', JSON.stringify(mergeSort(words)));
console.log(`Inversions in ${JSON.stringify(numbers)} = ${countInversions(numbers)[1]}`);
console.log(`Inversions in [1,2,3] = ${countInversions([1, 2, 3])[1]}`);
console.log(`Inversions in [5,4,3,2,1] = ${countInversions([5, 4, 3, 2, 1])[1]}`);
