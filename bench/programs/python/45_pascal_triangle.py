def pascal(rows):
    triangle = [[1]]
    for _ in range(rows - 1):
        prev = triangle[-1]
        triangle.append([1] + [a + b for a, b in zip(prev, prev[1:])] + [1])
    return triangle


def binomial(n, k):
    if k < 0 or k > n:
        return 0
    k = min(k, n - k)
    result = 1
    for i in range(k):
        result = result * (n - i) // (i + 1)
    return result


tri = pascal(10)
width = len(" ".join(map(str, tri[-1])))
for row in tri:
    print(" ".join(map(str, row)).center(width).rstrip())
print("Row sums:", [sum(r) for r in tri])
print("C(10, 3) =", binomial(10, 3), "| C(30, 15) =", binomial(30, 15), "| C(52, 5) =", binomial(52, 5))
print("Odd entries per row (Sierpinski):")
for row in pascal(16):
    print("".join("*" if v % 2 else " " for v in row).rstrip())
