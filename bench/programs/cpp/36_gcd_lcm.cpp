#include <cstdio>
#include <numeric>
#include <tuple>

long long gcdLoop(long long a, long long b) {
    while (b != 0) {
        long long t = a % b;
        a = b;
        b = t;
    }
    return a < 0 ? -a : a;
}

std::tuple<long long, long long, long long> extendedGcd(long long a, long long b) {
    if (b == 0) return {a, 1, 0};
    auto [g, x, y] = extendedGcd(b, a % b);
    return {g, y, x - (a / b) * y};
}

long long modInverse(long long a, long long m) {
    auto [g, x, y] = extendedGcd(a, m);
    (void)y;
    if (g != 1) return -1;
    return ((x % m) + m) % m;
}

int main() {
    long long pairs[][2] = {{48, 18}, {17, 5}, {100, 75}, {270, 192}, {1071, 462}};
    for (auto& p : pairs) {
        auto [g, x, y] = extendedGcd(p[0], p[1]);
        std::printf("gcd(%lld, %lld) = %lld (std::gcd %lld), lcm = %lld, %lld*%lld + %lld*%lld = %lld\n", p[0], p[1],
                    gcdLoop(p[0], p[1]), std::gcd(p[0], p[1]), std::lcm(p[0], p[1]), p[0], x, p[1], y, g);
    }
    long long l = 1;
    for (long long i = 1; i <= 20; ++i) l = std::lcm(l, i);
    std::printf("lcm(1..20) = %lld\n", l);
    int phi = 0;
    for (int i = 1; i <= 100; ++i)
        if (std::gcd(i, 100) == 1) ++phi;
    std::printf("phi(100) = %d\n", phi);
    std::printf("inverse of 3 mod 11 = %lld, inverse of 10 mod 17 = %lld, inverse of 4 mod 8 = %lld\n",
                modInverse(3, 11), modInverse(10, 17), modInverse(4, 8));
    return 0;
}
