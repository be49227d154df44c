def edit_distance(a, b):
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost))
        prev = cur
    return prev[-1]


def closest(word, vocabulary):
    return min(vocabulary, key=lambda v: (edit_distance(word, v), v))


pairs = [("kitten", "sitting"), ("flaw", "lawn"), ("intention", "execution"), ("", "abc"), ("same", "same")]
for a, b in pairs:
    print(f"distance('{a}', '{b}') = {edit_distance(a, b)}")

vocabulary = ["apple", "banana", "orange", "grape", "melon", "lemon", "cherry"]
for typo in ("aple", "banan", "lemn", "grap", "chery", "mango"):
    print(f"Did you mean '{closest(typo, vocabulary)}' for '{typo}'?")
