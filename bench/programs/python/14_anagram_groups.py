from collections import defaultdict


def group_anagrams(words):
    groups = defaultdict(list)
    for word in words:
        key = "".join(sorted(word))
        groups[key].append(word)
    return list(groups.values())


def are_anagrams(a, b):
    clean = lambda s: sorted(s.replace(" ", "").lower())
    return clean(a) == clean(b)


words = ["eat", "tea", "tan", "ate", "nat", "bat", "listen", "silent", "enlist", "google", "tab"]
groups = group_anagrams(words)
groups.sort(key=lambda g: (-len(g), g[0]))
for group in groups:
    print(f"{len(group)}: {' '.join(sorted(group))}")

for a, b in [("Dormitory", "dirty room"), ("hello", "world"), ("The eyes", "They see")]:
    print(f"'{a}' and '{b}' anagrams? {are_anagrams(a, b)}")
