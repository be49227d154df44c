def factorial(n):
    """Compute n! recursively."""
    if n < 0:
        raise ValueError("factorial is not defined for negative numbers")
    if n <= 1:
        return 1
    return n * factorial(n - 1)


def trailing_zeros(n):
    count = 0
    power = 5
    while power <= n:
        count += n // power
        power *= 5
    return count


for i in range(0, 13):
    print(f"{i}! = {factorial(i)}")

for n in (10, 25, 100):
    print(f"{n}! has {trailing_zeros(n)} trailing zeros")

try:
    factorial(-1)
except ValueError as e:
    print(f"Error: {e}")
