class Customer {
  constructor(id, arrival, service) {
    this.id = id;
    this.arrival = arrival;
    this.service = service;
  }
}

function simulate(customers, tellers) {
  const queue = [...customers];
  const freeAt = new Array(tellers).fill(0);
  let totalWait = 0;
  const log = [];
  while (queue.length > 0) {
    const c = queue.shift();
    let teller = 0;
    for (let t = 1; t < tellers; t++) {
      if (freeAt[t] < freeAt[teller]) teller = t;
    }
    const start = Math.max(freeAt[teller], c.arrival);
    const wait = start - c.arrival;
    totalWait += wait;
    freeAt[teller] = start + c.service;
    log.push(`customer ${c.id}: teller ${teller + 1}, start ${start}, wait ${wait}, done ${start + c.service}`);
  }
  return { log, totalWait, finish: Math.max(...freeAt) };
}

const arrivals = [[1, 0, 5], [2, 1, 3], [3, 2, 8], [4, 3, 2], [5, 4, 4], [6, 10, 1], [7, 11, 6], [8, 12, 2]];
for (const tellers of [1, 2, 3]) {
  const customers = arrivals.map((a) => new Customer(...a));
  const { log, totalWait, finish } = simulate(customers, tellers);
  console.log(`--- ${tellers} teller(s) ---`);
  log.forEach((line) => console.log(line));
  console.log(`average wait: ${(totalWait / customers.length).toFixed(2)}, all done at ${finish}`);
}
