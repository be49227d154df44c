def hanoi(n, source, target, spare, moves):
    if n == 0:
        return
    hanoi(n - 1, source, spare, target, moves)
    moves.append((n, source, target))
    hanoi(n - 1, spare, target, source, moves)


moves = []
hanoi(3, "A", "C", "B", moves)
for i, (disk, src, dst) in enumerate(moves, 1):
    print(f"Move {i}: disk {disk} from {src} to {dst}")

for n in (5, 10, 16):
    moves = []
    hanoi(n, "A", "C", "B", moves)
    print(f"{n} disks need {len(moves)} moves (2^{n} - 1 = {2 ** n - 1})")
