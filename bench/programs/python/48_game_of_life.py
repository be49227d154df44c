def parse(pattern):
    return {(r, c) for r, line in enumerate(pattern) for c, ch in enumerate(line) if ch == "#"}


def step(live, rows, cols):
    counts = {}
    for r, c in live:
        for dr in (-1, 0, 1):
            for dc in (-1, 0, 1):
                if dr or dc:
                    key = ((r + dr) % rows, (c + dc) % cols)
                    counts[key] = counts.get(key, 0) + 1
    return {cell for cell, n in counts.items() if n == 3 or (n == 2 and cell in live)}


def render(live, rows, cols):
    return "\n".join("".join("#" if (r, c) in live else "." for c in range(cols)) for r in range(rows))


ROWS, COLS = 10, 12
start = [
    "............",
    "..#.........",
    "...#........",
    ".###........",
    "............",
    "............",
    "........###.",
    "............",
    "............",
    "............",
]
live = parse(start)
for gen in range(5):
    print(f"Generation {gen} ({len(live)} alive):")
    print(render(live, ROWS, COLS))
    live = step(live, ROWS, COLS)
for _ in range(35):
    live = step(live, ROWS, COLS)
print(f"Generation 40: {len(live)} alive")
print(render(live, ROWS, COLS))
