def sieve(limit):
    """Sieve of Eratosthenes: all primes <= limit."""
    is_prime = [True] * (limit + 1)
    is_prime[0] = is_prime[1] = False
    p = 2
    while p * p <= limit:
        if is_prime[p]:
            for multiple in range(p * p, limit + 1, p):
                is_prime[multiple] = False
        p += 1
    return [i for i, prime in enumerate(is_prime) if prime]


def main():
    primes = sieve(100)
    print(f"Primes up to 100 ({len(primes)}):")
    print(" ".join(map(str, primes)))
    big = sieve(100000)
    print(f"Number of primes below 100000: {len(big)}")
    print(f"Largest prime below 100000: {big[-1]}")
    twins = [(p, p + 2) for p in primes if p + 2 in primes]
    print("Twin primes:", ", ".join(f"({a}, {b})" for a, b in twins))


main()
