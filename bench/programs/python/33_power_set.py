def power_set(items):
    subsets = [[]]
    for item in items:
        subsets += [s + [item] for s in subsets]
    return subsets


def subsets_with_sum(numbers, target):
    result = []

    def backtrack(start, chosen, total):
        if total == target:
            result.append(list(chosen))
        for i in range(start, len(numbers)):
            if total + numbers[i] > target:
                continue
            chosen.append(numbers[i])
            backtrack(i + 1, chosen, total + numbers[i])
            chosen.pop()

    backtrack(0, [], 0)
    return result


ps = power_set(["x", "y", "z"])
print(f"Power set of xyz ({len(ps)} subsets):")
for s in sorted(ps, key=lambda s: (len(s), s)):
    print("  {" + ", ".join(s) + "}")
nums = [3, 34, 4, 12, 5, 2]
print(f"Subsets of {nums} summing to 9:")
for s in subsets_with_sum(nums, 9):
    print("  ", s)
print("Size of power set of 12 items:", len(power_set(list(range(12)))))
