students = {
    "alice": [92, 88, 95, 79],
    "bob": [75, 64, 80, 70],
    "carol": [58, 62, 49, 71],
    "dave": [88, 91, 85, 94],
    "erin": [100, 97, 99, 98],
    "frank": [45, 52, 60, 38],
}
WEIGHTS = [0.2, 0.2, 0.25, 0.35]


def weighted_average(scores):
    return sum(s * w for s, w in zip(scores, WEIGHTS))


def letter(avg):
    for threshold, grade in ((90, "A"), (80, "B"), (70, "C"), (60, "D")):
        if avg >= threshold:
            return grade
    return "F"


def median(values):
    values = sorted(values)
    mid = len(values) // 2
    return values[mid] if len(values) % 2 else (values[mid - 1] + values[mid]) / 2


results = []
for name, scores in students.items():
    avg = weighted_average(scores)
    results.append((name, avg, letter(avg)))
results.sort(key=lambda r: -r[1])
print(f"{'Rank':<5}{'Name':<8}{'Average':>8}  Grade")
for rank, (name, avg, grade) in enumerate(results, 1):
    print(f"{rank:<5}{name.capitalize():<8}{avg:>8.2f}  {grade}")
averages = [r[1] for r in results]
print(f"Class mean: {sum(averages) / len(averages):.2f}, median: {median(averages):.2f}")
distribution = {}
for _, _, grade in results:
    distribution[grade] = distribution.get(grade, 0) + 1
print("Distribution:", ", ".join(f"{g}={distribution[g]}" for g in sorted(distribution)))
for i in range(len(WEIGHTS)):
    column = [scores[i] for scores in students.values()]
    print(f"Test {i + 1}: best {max(column)}, worst {min(column)}, mean {sum(column) / len(column):.1f}")
passed = [r[0] for r in results if r[2] != "F"]
print(f"Passed: {len(passed)}/{len(results)}")
