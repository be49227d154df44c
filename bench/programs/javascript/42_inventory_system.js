class Product {
  constructor(sku, name, price, quantity, category) {
    Object.assign(this, { sku, name, price, quantity, category });
  }

  get value() {
    return this.price * this.quantity;
  }
}

class Inventory {
  constructor(lowStockThreshold = 5) {
    this.products = new Map();
    this.lowStockThreshold = lowStockThreshold;
    this.log = [];
  }

  add(product) {
    if (this.products.has(product.sku)) throw new Error(`duplicate SKU ${product.sku}`);
    this.products.set(product.sku, product);
    this.log.push(`added ${product.sku}`);
  }

  restock(sku, amount) {
    this.products.get(sku).quantity += amount;
    this.log.push(`restocked ${sku} +${amount}`);
  }

  sell(sku, amount) {
    const product = this.products.get(sku);
    if (!product) throw new Error(`unknown SKU ${sku}`);
    if (product.quantity < amount) {
      throw new Error(`only ${product.quantity} ${product.name} left, cannot sell ${amount}`);
    }
    product.quantity -= amount;
    this.log.push(`sold ${sku} -${amount}`);
    return amount * product.price;
  }

  lowStock() {
    return [...this.products.values()]
      .filter((p) => p.quantity <= this.lowStockThreshold)
      .map((p) => p.name)
      .sort();
  }

  totalValue() {
    let total = 0;
    for (const p of this.products.values()) total += p.value;
    return total;
  }

  byCategory() {
    const result = {};
    for (const p of this.products.values()) (result[p.category] = result[p.category] || []).push(p);
    return result;
  }

  report() {
    const money = (x, w) => x.toFixed(2).padStart(w);
    const lines = [`${'SKU'.padEnd(6)} ${'Name'.padEnd(14)} ${'Qty'.padStart(4)} ${'Price'.padStart(8)} ${'Value'.padStart(9)}`];
    for (const sku of [...this.products.keys()].sort()) {
      const p = this.products.get(sku);
      lines.push(`${p.sku.padEnd(6)} ${p.name.padEnd(14)} ${String(p.quantity).padStart(4)} ${money(p.price, 8)} ${money(p.value, 9)}`);
    }
    lines.push(`${'Total'.padEnd(6)} ${''.padEnd(14)} ${''.padStart(4)} ${''.padStart(8)} ${money(this.totalValue(), 9)}`);
    return lines.join('\n');
  }
}

const inv = new Inventory();
[
  ['A100', 'USB cable', 4.99, 40, 'accessories'],
  ['A200', 'Mouse', 19.9, 12, 'peripherals'],
  ['A300', 'Keyboard', 49.0, 6, 'peripherals'],
  ['A400', 'Monitor', 189.0, 3, 'displays'],
  ['A500', 'HDMI adapter', 12.5, 8, 'accessories'],
].forEach((args) => inv.add(new Product(...args)));

let revenue = 0;
for (const [sku, qty] of [['A100', 15], ['A200', 8], ['A400', 1], ['A300', 2]]) {
  revenue += inv.sell(sku, qty);
}
inv.restock('A400', 5);
for (const [sku, qty] of [['A400', 10], ['Z999', 1]]) {
  try {
    inv.sell(sku, qty);
  } catch (e) {
    console.log('Error:', e.message);
  }
}
try {
  inv.add(new Product('A100', 'Dup', 1, 1, 'x'));
} catch (e) {
  console.log('Error:', e.message);
}
console.log(inv.report());
console.log(`Revenue: ${revenue.toFixed(2)}`);
console.log('Low stock:', inv.lowStock().join(', '));
const categories = inv.byCategory();
for (const category of Object.keys(categories).sort()) {
  const products = categories[category];
  const units = products.reduce((sum, p) => sum + p.quantity, 0);
  console.log(`${category}: ${products.length} products, ${units} units`);
}
console.log('Log:', inv.log.join('; '));
