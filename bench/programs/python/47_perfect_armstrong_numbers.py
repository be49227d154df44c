def divisors_sum(n):
    if n < 2:
        return 0
    total = 1
    i = 2
    while i * i <= n:
        if n % i == 0:
            total += i
            if i != n // i:
                total += n // i
        i += 1
    return total


def is_armstrong(n):
    digits = str(n)
    return n == sum(int(d) ** len(digits) for d in digits)


def classify(n):
    s = divisors_sum(n)
    if s == n:
        return "perfect"
    return "abundant" if s > n else "deficient"


print("Perfect numbers below 3000:", [n for n in range(2, 3000) if divisors_sum(n) == n])
print("Armstrong numbers below 10000:", [n for n in range(1, 10000) if is_armstrong(n)])
amicable = []
for a in range(2, 3000):
    b = divisors_sum(a)
    if b > a and divisors_sum(b) == a:
        amicable.append((a, b))
print("Amicable pairs below 3000:", amicable)
counts = {"perfect": 0, "abundant": 0, "deficient": 0}
for n in range(2, 1001):
    counts[classify(n)] += 1
print("Classification of 2..1000:", counts)
