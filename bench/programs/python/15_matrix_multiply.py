def mat_mul(a, b):
    rows, inner, cols = len(a), len(b), len(b[0])
    if len(a[0]) != inner:
        raise ValueError("incompatible dimensions")
    return [[sum(a[i][k] * b[k][j] for k in range(inner)) for j in range(cols)] for i in range(rows)]


def identity(n):
    return [[1 if i == j else 0 for j in range(n)] for i in range(n)]


def mat_pow(m, p):
    result = identity(len(m))
    while p:
        if p & 1:
            result = mat_mul(result, m)
        m = mat_mul(m, m)
        p >>= 1
    return result


def show(name, m):
    print(f"{name}:")
    for row in m:
        print("  " + " ".join(f"{v:5d}" for v in row))


A = [[1, 2, 3], [4, 5, 6]]
B = [[7, 8], [9, 10], [11, 12]]
show("A", A)
show("B", B)
show("A x B", mat_mul(A, B))
show("B x A", mat_mul(B, A))
F = [[1, 1], [1, 0]]
show("F^10", mat_pow(F, 10))
try:
    mat_mul(A, A)
except ValueError as e:
    print("Error:", e)
