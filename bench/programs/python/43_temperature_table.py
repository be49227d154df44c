def c_to_f(c):
    return c * 9 / 5 + 32


def f_to_c(f):
    return (f - 32) * 5 / 9


def c_to_k(c):
    return c + 273.15


def classify(c):
    if c < 0:
        return "freezing"
    if c < 15:
        return "cold"
    if c < 25:
        return "mild"
    return "hot"


print(f"{'Celsius':>8} {'Fahrenheit':>11} {'Kelvin':>8}  feel")
for c in range(-20, 45, 5):
    print(f"{c:>8.1f} {c_to_f(c):>11.1f} {c_to_k(c):>8.2f}  {classify(c)}")

readings_f = [98.6, 32, 212, 0, -40, 71.5]
print("Fahrenheit readings in Celsius:")
for f in readings_f:
    print(f"  {f:>6.1f}F = {f_to_c(f):>7.2f}C")
week = [21.5, 23.0, 19.8, 25.4, 27.1, 22.3, 18.9]
avg = sum(week) / len(week)
print(f"Week average: {avg:.2f}C ({c_to_f(avg):.2f}F), max {max(week)}C, min {min(week)}C")
