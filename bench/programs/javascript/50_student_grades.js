const students = {
  alice: [92, 88, 95, 79],
  bob: [75, 64, 80, 70],
  carol: [58, 62, 49, 71],
  dave: [88, 91, 85, 94],
  erin: [100, 97, 99, 98],
  frank: [45, 52, 60, 38],
};
const WEIGHTS = [0.2, 0.2, 0.25, 0.35];

const weightedAverage = (scores) => scores.reduce((sum, s, i) => sum + s * WEIGHTS[i], 0);

function letter(avg) {
  for (const [threshold, grade] of [[90, 'A'], [80, 'B'], [70, 'C'], [60, 'D']]) {
    if (avg >= threshold) return grade;
  }
  return 'F';
}

function median(values) {
  const v = [...values].sort((a, b) => a - b);
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

const mean = (values) => values.reduce((a, b) => a + b, 0) / values.length;
const results = Object.entries(students).map(([name, scores]) => {
  const avg = weightedAverage(scores);
  return { name, avg, grade: letter(avg) };
});
results.sort((a, b) => b.avg - a.avg);
console.log(`${'Rank'.padEnd(5)}${'Name'.padEnd(8)}${'Average'.padStart(8)}  Grade`);
results.forEach((r, i) => {
  const name = r.name[0].toUpperCase() + r.name.slice(1);
  console.log(`${String(i + 1).padEnd(5)}${name.padEnd(8)}${r.avg.toFixed(2).padStart(8)}  ${r.grade}`);
});
const averages = results.map((r) => r.avg);
console.log(`Class mean: ${mean(averages).toFixed(2)}, median: ${median(averages).toFixed(2)}`);
const distribution = {};
for (const r of results) distribution[r.grade] = (distribution[r.grade] || 0) + 1;
console.log('Distribution:', Object.keys(distribution).sort().map((g) => `${g}=${distribution[g]}`).join(', '));
WEIGHTS.forEach((_, i) => {
  const column = Object.values(students).map((scores) => scores[i]);
  console.log(`Test ${i + 1}: best ${Math.max(...column)}, worst ${Math.min(...column)}, mean ${mean(column).toFixed(1)}`);
});
const passed = results.filter((r) => r.grade !== 'F');
console.log(`Passed: ${passed.length}/${results.length}`);
