def permutations(items):
    if len(items) <= 1:
        return [list(items)]
    result = []
    for i, item in enumerate(items):
        for rest in permutations(items[:i] + items[i + 1:]):
            result.append([item] + rest)
    return result


def next_permutation(seq):
    seq = list(seq)
    i = len(seq) - 2
    while i >= 0 and seq[i] >= seq[i + 1]:
        i -= 1
    if i < 0:
        return None
    j = len(seq) - 1
    while seq[j] <= seq[i]:
        j -= 1
    seq[i], seq[j] = seq[j], seq[i]
    seq[i + 1:] = reversed(seq[i + 1:])
    return seq


perms = permutations(["a", "b", "c"])
print(f"{len(perms)} permutations of abc:", " ".join("".join(p) for p in perms))
print("Permutations of 1..6:", len(permutations(list(range(1, 7)))))
seq = [1, 2, 2, 3]
count = 0
while seq is not None:
    count += 1
    if count <= 5:
        print("".join(map(str, seq)))
    seq = next_permutation(seq)
print(f"Distinct permutations of 1223: {count}")
