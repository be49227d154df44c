class MinHeap {
  constructor() {
    this.items = [];
  }

  push(item) {
    this.items.push(item);
    let i = this.items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.items[parent][0] <= this.items[i][0]) break;
      [this.items[parent], this.items[i]] = [this.items[i], this.items[parent]];
      i = parent;
    }
  }

  pop() {
    const top = this.items[0];
    const last = this.items.pop();
    if (this.items.length) {
      this.items[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let smallest = i;
        if (l < this.items.length && this.items[l][0] < this.items[smallest][0]) smallest = l;
        if (r < this.items.length && this.items[r][0] < this.items[smallest][0]) smallest = r;
        if (smallest === i) break;
        [this.items[smallest], this.items[i]] = [this.items[i], this.items[smallest]];
        i = smallest;
      }
    }
    return top;
  }

  get size() {
    return this.items.length;
  }
}

function dijkstra(graph, source) {
  const dist = {};
  const prev = {};
  for (const node of Object.keys(graph)) {
    dist[node] = Infinity;
    prev[node] = null;
  }
  dist[source] = 0;
  const heap = new MinHeap();
  heap.push([0, source]);
  while (heap.size) {
    const [d, node] = heap.pop();
    if (d > dist[node]) continue;
    for (const [neighbour, weight] of graph[node]) {
      const nd = d + weight;
      if (nd < dist[neighbour]) {
        dist[neighbour] = nd;
        prev[neighbour] = node;
        heap.push([nd, neighbour]);
      }
    }
  }
  return { dist, prev };
}

function pathTo(prev, target) {
  const path = [];
  for (let t = target; t !== null; t = prev[t]) path.push(t);
  return path.reverse();
}

const edges = [
  ['A', 'B', 4], ['A', 'C', 2], ['B', 'C', 5], ['B', 'D', 10],
  ['C', 'E', 3], ['E', 'D', 4], ['D', 'F', 11], ['E', 'F', 9], ['G', 'F', 1],
];
const graph = {};
for (const [u, v, w] of edges) {
  (graph[u] = graph[u] || []).push([v, w]);
  (graph[v] = graph[v] || []).push([u, w]);
}
const { dist, prev } = dijkstra(graph, 'A');
for (const node of Object.keys(graph).sort()) {
  if (dist[node] === Infinity) console.log(`${node}: unreachable`);
  else console.log(`${node}: ${String(dist[node]).padStart(2)} via ${pathTo(prev, node).join(' -> ')}`);
}
