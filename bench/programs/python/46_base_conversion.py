DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def to_base(n, base):
    if not 2 <= base <= 36:
        raise ValueError("base must be between 2 and 36")
    if n == 0:
        return "0"
    sign = "-" if n < 0 else ""
    n = abs(n)
    out = []
    while n:
        n, r = divmod(n, base)
        out.append(DIGITS[r])
    return sign + "".join(reversed(out))


def from_base(s, base):
    s = s.strip().upper()
    sign = -1 if s.startswith("-") else 1
    s = s.lstrip("-")
    value = 0
    for ch in s:
        d = DIGITS.index(ch)
        if d >= base:
            raise ValueError(f"digit {ch} invalid for base {base}")
        value = value * base + d
    return sign * value


for n in (0, 7, 255, 1000, 65535, -42, 123456789):
    print(f"{n:>10}: bin={to_base(n, 2)} oct={to_base(n, 8)} hex={to_base(n, 16)} b36={to_base(n, 36)}")
for s, b in [("11111111", 2), ("777", 8), ("FF", 16), ("zz", 36), ("-101", 2)]:
    print(f"{s} in base {b} = {from_base(s, b)}")
try:
    from_base("129", 8)
except ValueError as e:
    print("Error:", e)
print("Popcount of 2024:", to_base(2024, 2).count("1"))
