function makeCounter(start = 0, step = 1) {
  let count = start;
  return () => {
    const current = count;
    count += step;
    return current;
  };
}

const makeMultiplier = (factor) => (x) => x * factor;

const compose = (...fns) => (x) => fns.reduceRight((acc, f) => f(acc), x);

function memoize(fn) {
  const cache = new Map();
  const calls = { hits: 0, misses: 0 };
  const wrapper = (n) => {
    if (cache.has(n)) {
      calls.hits++;
    } else {
      calls.misses++;
      cache.set(n, fn(n));
    }
    return cache.get(n);
  };
  wrapper.calls = calls;
  return wrapper;
}

const c1 = makeCounter();
const c2 = makeCounter(100, 10);
const take = (counter, n) => Array.from({ length: n }, () => counter());
console.log('counter 1:', JSON.stringify(take(c1, 5)));
console.log('counter 2:', JSON.stringify(take(c2, 5)));
console.log('counter 1 again:', c1());

const double = makeMultiplier(2);
const triple = makeMultiplier(3);
const inc = (x) => x + 1;
const f = compose(double, inc, triple); // double(inc(triple(x)))
console.log('compose(double, inc, triple)(5) =', f(5));
console.log('map triple:', JSON.stringify([1, 2, 3, 4, 5].map(triple)));
const squares = Array.from({ length: 10 }, (_, i) => (i + 1) ** 2);
console.log('filter even squares:', JSON.stringify(squares.filter((x) => x % 2 === 0)));

const slowSquare = memoize((n) => n * n);
[2, 3, 2, 4, 3, 2].forEach((n) => slowSquare(n));
console.log('memo stats:', JSON.stringify(slowSquare.calls));

const adders = [];
for (let i = 0; i < 3; i++) adders.push((x) => x + i);
console.log('adders:', JSON.stringify(adders.map((add) => add(10))));
