def make_counter(start=0, step=1):
    count = start

    def counter():
        nonlocal count
        current = count
        count += step
        return current

    return counter


def make_multiplier(factor):
    return lambda x: x * factor


def compose(*functions):
    def composed(x):
        for f in reversed(functions):
            x = f(x)
        return x

    return composed


def memoize(func):
    cache = {}
    calls = {"hits": 0, "misses": 0}

    def wrapper(n):
        if n in cache:
            calls["hits"] += 1
        else:
            calls["misses"] += 1
            cache[n] = func(n)
        return cache[n]

    wrapper.calls = calls
    return wrapper


c1 = make_counter()
c2 = make_counter(100, 10)
print("counter 1:", [c1() for _ in range(5)])
print("counter 2:", [c2() for _ in range(5)])
print("counter 1 again:", c1())

double, triple = make_multiplier(2), make_multiplier(3)
inc = lambda x: x + 1
f = compose(double, inc, triple)  # double(inc(triple(x)))
print("compose(double, inc, triple)(5) =", f(5))
print("map triple:", list(map(triple, range(1, 6))))
print("filter even squares:", [x * x for x in range(1, 11) if (x * x) % 2 == 0])


@memoize
def slow_square(n):
    return n * n


for n in [2, 3, 2, 4, 3, 2]:
    slow_square(n)
print("memo stats:", slow_square.calls)
adders = [lambda x, i=i: x + i for i in range(3)]
print("adders:", [add(10) for add in adders])
