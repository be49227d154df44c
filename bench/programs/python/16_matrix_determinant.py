def transpose(m):
    return [list(row) for row in zip(*m)]


def determinant(m):
    n = len(m)
    if n == 1:
        return m[0][0]
    if n == 2:
        return m[0][0] * m[1][1] - m[0][1] * m[1][0]
    total = 0
    for col in range(n):
        minor = [row[:col] + row[col + 1:] for row in m[1:]]
        sign = -1 if col % 2 else 1
        total += sign * m[0][col] * determinant(minor)
    return total


def trace(m):
    return sum(m[i][i] for i in range(len(m)))


matrices = {
    "M1": [[2, 0], [1, 3]],
    "M2": [[6, 1, 1], [4, -2, 5], [2, 8, 7]],
    "M3": [[1, 2, 3, 4], [5, 6, 7, 8], [2, 6, 4, 8], [3, 1, 1, 2]],
    "M4": [[1, 2, 3], [4, 5, 6], [7, 8, 9]],
}
for name, m in matrices.items():
    print(f"{name} = {m}")
    print(f"  transpose = {transpose(m)}")
    print(f"  det = {determinant(m)}, trace = {trace(m)}")
    print(f"  invertible: {'yes' if determinant(m) != 0 else 'no'}")
