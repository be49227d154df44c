def collatz_sequence(n):
    seq = [n]
    while n != 1:
        n = n // 2 if n % 2 == 0 else 3 * n + 1
        seq.append(n)
    return seq


def collatz_length(n, cache={1: 1}):
    path = []
    while n not in cache:
        path.append(n)
        n = n // 2 if n % 2 == 0 else 3 * n + 1
    length = cache[n]
    for m in reversed(path):
        length += 1
        cache[m] = length
    return length


print("Sequence for 27 starts:", collatz_sequence(27)[:12])
print("Steps for 27:", len(collatz_sequence(27)) - 1, "peak:", max(collatz_sequence(27)))
for n in (6, 7, 12, 19):
    print(f"{n}: {' -> '.join(map(str, collatz_sequence(n)))}")
best = max(range(1, 10000), key=collatz_length)
print(f"Longest chain below 10000 starts at {best} with {collatz_length(best)} terms")
