const GRAPH = {
  A: ['B', 'C'],
  B: ['A', 'D', 'E'],
  C: ['A', 'F'],
  D: ['B'],
  E: ['B', 'F'],
  F: ['C', 'E', 'G'],
  G: ['F'],
  H: ['I'],
  I: ['H'],
};

function bfsOrder(graph, start) {
  const seen = new Set([start]);
  const order = [];
  const queue = [start];
  while (queue.length) {
    const node = queue.shift();
    order.push(node);
    for (const next of graph[node]) {
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return order;
}

function shortestPath(graph, start, goal) {
  const parents = new Map([[start, null]]);
  const queue = [start];
  while (queue.length) {
    let node = queue.shift();
    if (node === goal) {
      const path = [];
      while (node !== null) {
        path.push(node);
        node = parents.get(node);
      }
      return path.reverse();
    }
    for (const next of graph[node]) {
      if (!parents.has(next)) {
        parents.set(next, node);
        queue.push(next);
      }
    }
  }
  return null;
}

function components(graph) {
  const seen = new Set();
  const result = [];
  for (const node of Object.keys(graph)) {
    if (!seen.has(node)) {
      const comp = bfsOrder(graph, node);
      comp.forEach((n) => seen.add(n));
      result.push(comp.sort());
    }
  }
  return result;
}

console.log('BFS from A:', bfsOrder(GRAPH, 'A').join(' '));
for (const goal of ['G', 'D', 'H']) {
  const path = shortestPath(GRAPH, 'A', goal);
  console.log(`A -> ${goal}:`, path ? path.join(' -> ') : 'unreachable');
}
console.log('Components:', JSON.stringify(components(GRAPH)));
