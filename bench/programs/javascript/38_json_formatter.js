function formatValue(value, indent = 0, step = 2) {
  const pad = ' '.repeat(indent);
  const inner = ' '.repeat(indent + step);
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    if (value.every((v) => v === null || typeof v !== 'object')) {
      return '[' + value.map((v) => formatValue(v)).join(', ') + ']';
    }
    const items = value.map((v) => inner + formatValue(v, indent + step, step));
    return '[\n' + items.join(',\n') + '\n' + pad + ']';
  }
  if (value === null) return 'null';
  if (typeof value === 'object') {
    const keys = Object.keys(value);
    if (keys.length === 0) return '{}';
    const items = keys.map((k) => `${inner}"${k}": ${formatValue(value[k], indent + step, step)}`);
    return '{\n' + items.join(',\n') + '\n' + pad + '}';
  }
  if (typeof value === 'string') {
    return '"' + value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n') + '"';
  }
  return String(value);
}

function countLeaves(value) {
  if (value !== null && typeof value === 'object') {
    return Object.values(value).reduce((sum, v) => sum + countLeaves(v), 0);
  }
  return 1;
}

function maxDepth(value) {
  if (value !== null && typeof value === 'object') {
    return 1 + Math.max(0, ...Object.values(value).map(maxDepth));
  }
  return 0;
}

const documentData = {
  name: 'inventory-service',
  version: 3,
  active: true,
  owner: null,
  tags: ['api', 'internal', 'v3'],
  limits: { cpu: 2, memory_mb: 512, burst: false },
  endpoints: [
    { path: '/items', methods: ['GET', 'POST'], auth: true },
    { path: '/health', methods: ['GET'], auth: false },
  ],
  notes: 'Line one\nSays "hi"',
  empty: {},
  nothing: [],
};

const text = formatValue(documentData);
console.log(text);
console.log(`leaves: ${countLeaves(documentData)}, depth: ${maxDepth(documentData)}`);
const same = JSON.stringify(JSON.parse(text)) === JSON.stringify(documentData);
console.log(`round trip through JSON.parse: ${same ? 'ok' : 'FAILED'}`);
