// A least-recently-used cache. A Map remembers insertion order, so the
// first key is always the least recently used one.
class LRUCache {
  constructor(capacity) {
    this.capacity = capacity;
    this.map = new Map();
    this.hits = 0;
    this.misses = 0;
    this.evictions = [];
  }

  get(key) {
    if (!this.map.has(key)) {
      this.misses++;
      return null;
    }
    this.hits++;
    const value = this.map.get(key);
    this.map.delete(key);
    this.map.set(key, value);
    return value;
  }

  put(key, value) {
    if (this.map.has(key)) {
      this.map.delete(key);
    } else if (this.map.size === this.capacity) {
      const lru = this.map.keys().next().value;
      this.map.delete(lru);
      this.evictions.push(lru);
    }
    this.map.set(key, value);
  }

  keys() {
    return [...this.map.keys()].reverse();
  }
}

const show = (keys) => `[${keys.map((k) => `'${k}'`).join(', ')}]`;
const cache = new LRUCache(3);
const ops = [['put', 'a', 1], ['put', 'b', 2], ['put', 'c', 3], ['get', 'a'], ['put', 'd', 4],
  ['get', 'b'], ['get', 'c'], ['put', 'a', 10], ['put', 'e', 5], ['get', 'a'], ['get', 'd']];
for (const [op, key, value] of ops) {
  if (op === 'put') {
    cache.put(key, value);
    console.log(`put(${key}, ${value}) -> order ${show(cache.keys())}`);
  } else {
    const got = cache.get(key);
    console.log(`get(${key}) = ${got === null ? 'None' : got} -> order ${show(cache.keys())}`);
  }
}
console.log(`hits=${cache.hits} misses=${cache.misses} evicted=${show(cache.evictions)}`);

// A cyclic access pattern over more keys than the cache holds thrashes LRU.
const big = new LRUCache(50);
for (let i = 0; i < 2000; i++) {
  const key = (i * 7) % 60;
  if (big.get(key) === null) big.put(key, key * key);
}
console.log(`pattern: hits=${big.hits} misses=${big.misses} evictions=${big.evictions.length}`);
