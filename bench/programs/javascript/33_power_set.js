function powerSet(items) {
  let subsets = [[]];
  for (const item of items) {
    subsets = subsets.concat(subsets.map((s) => [...s, item]));
  }
  return subsets;
}

function subsetsWithSum(numbers, target) {
  const result = [];
  const chosen = [];
  (function backtrack(start, total) {
    if (total === target) result.push([...chosen]);
    for (let i = start; i < numbers.length; i++) {
      if (total + numbers[i] > target) continue;
      chosen.push(numbers[i]);
      backtrack(i + 1, total + numbers[i]);
      chosen.pop();
    }
  })(0, 0);
  return result;
}

const ps = powerSet(['x', 'y', 'z']);
ps.sort((a, b) => a.length - b.length || a.join().localeCompare(b.join()));
console.log(`Power set of xyz (${ps.length} subsets):`);
ps.forEach((s) => console.log(`  {${s.join(', ')}}`));
const nums = [3, 34, 4, 12, 5, 2];
console.log(`Subsets of [${nums.join(', ')}] summing to 9:`);
subsetsWithSum(nums, 9).forEach((s) => console.log(`   [${s.join(', ')}]`));
console.log('Size of power set of 12 items:', powerSet([...Array(12).keys()]).length);
