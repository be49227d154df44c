from functools import lru_cache


def fib_iterative(n):
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a


@lru_cache(maxsize=None)
def fib_memo(n):
    if n < 2:
        return n
    return fib_memo(n - 1) + fib_memo(n - 2)


def main():
    print("First 15 Fibonacci numbers:")
    print(", ".join(str(fib_iterative(i)) for i in range(15)))
    for n in (30, 50, 80):
        a = fib_iterative(n)
        b = fib_memo(n)
        assert a == b
        print(f"fib({n}) = {a}")


if __name__ == "__main__":
    main()
