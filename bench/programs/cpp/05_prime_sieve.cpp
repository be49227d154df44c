#include <iostream>
#include <vector>

std::vector<int> sieve(int limit) {
    std::vector<bool> composite(limit + 1, false);
    std::vector<int> primes;
    for (int i = 2; i <= limit; ++i) {
        if (composite[i]) continue;
        primes.push_back(i);
        for (long long j = 1LL * i * i; j <= limit; j += i) composite[j] = true;
    }
    return primes;
}

bool isPrime(long long n) {
    if (n < 2) return false;
    for (long long d = 2; d * d <= n; ++d)
        if (n % d == 0) return false;
    return true;
}

int main() {
    auto primes = sieve(100);
    std::cout << "Primes up to 100:";
    for (int p : primes) std::cout << ' ' << p;
    std::cout << "\nCount up to 100000: " << sieve(100000).size() << '\n';
    for (long long c : {97LL, 561LL, 7919LL, 1000003LL, 1000001LL}) {
        std::cout << c << (isPrime(c) ? " is prime" : " is not prime") << '\n';
    }
    auto big = sieve(1000);
    int twins = 0;
    for (size_t i = 1; i < big.size(); ++i)
        if (big[i] - big[i - 1] == 2) ++twins;
    std::cout << "Twin prime pairs below 1000: " << twins << '\n';
    return 0;
}
