const CSV_DATA = `region,product,units,unit_price
north,widget,120,2.50
south,widget,80,2.50
north,gadget,15,12.00
east,widget,200,2.25
south,gizmo,42,7.75
east,gadget,9,12.00
west,gizmo,60,7.50
north,gizmo,33,7.75
west,widget,150,2.40`;

function parseCsv(text) {
  const [headerLine, ...lines] = text.trim().split('\n');
  const header = headerLine.split(',');
  return lines.map((line) => {
    const row = {};
    line.split(',').forEach((v, i) => (row[header[i]] = v));
    row.units = parseInt(row.units, 10);
    row.unit_price = parseFloat(row.unit_price);
    return row;
  });
}

function summarize(rows, key) {
  const totals = new Map();
  for (const row of rows) {
    const [units, amount] = totals.get(row[key]) || [0, 0];
    totals.set(row[key], [units + row.units, amount + row.units * row.unit_price]);
  }
  return totals;
}

const rows = parseCsv(CSV_DATA);
console.log(`Parsed ${rows.length} rows`);
for (const key of ['region', 'product']) {
  console.log(`Revenue by ${key}:`);
  const totals = [...summarize(rows, key).entries()].sort((a, b) => b[1][1] - a[1][1]);
  for (const [name, [units, amount]] of totals) {
    console.log(`  ${name.padEnd(8)} units=${String(units).padStart(4)}  revenue=${amount.toFixed(2).padStart(8)}`);
  }
}
const revenue = (r) => r.units * r.unit_price;
const grand = rows.reduce((sum, r) => sum + revenue(r), 0);
console.log(`Grand total: ${grand.toFixed(2)}`);
const best = rows.reduce((a, b) => (revenue(b) > revenue(a) ? b : a));
console.log(`Best line: ${best.region} ${best.product} (${revenue(best).toFixed(2)})`);
