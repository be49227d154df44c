const cToF = (c) => (c * 9) / 5 + 32;
const fToC = (f) => ((f - 32) * 5) / 9;
const cToK = (c) => c + 273.15;

function classify(c) {
  if (c < 0) return 'freezing';
  if (c < 15) return 'cold';
  if (c < 25) return 'mild';
  return 'hot';
}

const col = (x, digits, width) => x.toFixed(digits).padStart(width);
console.log(`${'Celsius'.padStart(8)} ${'Fahrenheit'.padStart(11)} ${'Kelvin'.padStart(8)}  feel`);
for (let c = -20; c < 45; c += 5) {
  console.log(`${col(c, 1, 8)} ${col(cToF(c), 1, 11)} ${col(cToK(c), 2, 8)}  ${classify(c)}`);
}
console.log('Fahrenheit readings in Celsius:');
for (const f of [98.6, 32, 212, 0, -40, 71.5]) {
  console.log(`  ${col(f, 1, 6)}F = ${col(fToC(f), 2, 7)}C`);
}
const week = [21.5, 23.0, 19.8, 25.4, 27.1, 22.3, 18.9];
const avg = week.reduce((a, b) => a + b, 0) / week.length;
console.log(`Week average: ${avg.toFixed(2)}C (${cToF(avg).toFixed(2)}F), max ${Math.max(...week)}C, min ${Math.min(...week)}C`);
