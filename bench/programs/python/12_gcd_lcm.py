def gcd(a, b):
    while b:
        a, b = b, a % b
    return abs(a)


def lcm(a, b):
    return abs(a * b) // gcd(a, b) if a and b else 0


def extended_gcd(a, b):
    if b == 0:
        return a, 1, 0
    g, x, y = extended_gcd(b, a % b)
    return g, y, x - (a // b) * y


pairs = [(48, 18), (101, 103), (270, 192), (17, 51), (0, 9)]
for a, b in pairs:
    print(f"gcd({a}, {b}) = {gcd(a, b)}, lcm({a}, {b}) = {lcm(a, b)}")

g, x, y = extended_gcd(240, 46)
print(f"240*{x} + 46*{y} = {g}")

result = 1
for n in range(1, 21):
    result = lcm(result, n)
print(f"Smallest number divisible by 1..20: {result}")
