const ROWS = 10;
const COLS = 12;

function parse(pattern) {
  return pattern.map((line) => [...line].map((ch) => ch === '#'));
}

function step(grid) {
  return grid.map((row, r) =>
    row.map((alive, c) => {
      let n = 0;
      for (let dr = -1; dr <= 1; dr++) {
        for (let dc = -1; dc <= 1; dc++) {
          if ((dr || dc) && grid[(r + dr + ROWS) % ROWS][(c + dc + COLS) % COLS]) n++;
        }
      }
      return n === 3 || (n === 2 && alive);
    }),
  );
}

const render = (grid) => grid.map((row) => row.map((a) => (a ? '#' : '.')).join('')).join('\n');
const population = (grid) => grid.flat().filter(Boolean).length;

let grid = parse([
  '............',
  '..#.........',
  '...#........',
  '.###........',
  '............',
  '............',
  '........###.',
  '............',
  '............',
  '............',
]);
for (let gen = 0; gen < 5; gen++) {
  console.log(`Generation ${gen} (${population(grid)} alive):`);
  console.log(render(grid));
  grid = step(grid);
}
for (let i = 0; i < 35; i++) grid = step(grid);
console.log(`Generation 40: ${population(grid)} alive`);
console.log(render(grid));
