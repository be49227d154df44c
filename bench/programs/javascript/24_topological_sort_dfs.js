function topoSort(deps) {
  const WHITE = 0;
  const GRAY = 1;
  const BLACK = 2;
  const color = {};
  Object.keys(deps).forEach((n) => (color[n] = WHITE));
  const order = [];

  function visit(node, path) {
    if (color[node] === GRAY) {
      throw new Error('cycle: ' + [...path, node].join(' -> '));
    }
    if (color[node] === BLACK) return;
    color[node] = GRAY;
    for (const dep of deps[node]) visit(dep, [...path, node]);
    color[node] = BLACK;
    order.push(node);
  }

  Object.keys(deps).sort().forEach((node) => visit(node, []));
  return order;
}

const tasks = {
  deploy: ['test', 'build'],
  test: ['build'],
  build: ['compile', 'assets'],
  compile: ['fetch'],
  assets: ['fetch'],
  fetch: [],
  docs: ['compile'],
};
console.log('Build order:');
topoSort(tasks).forEach((task, i) => console.log(`  ${i + 1}. ${task}`));

try {
  topoSort({ a: ['b'], b: ['c'], c: ['a'] });
} catch (e) {
  console.log('Error:', e.message);
}
