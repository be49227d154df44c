#include <cstdint>
#include <iostream>
#include <unordered_map>

std::unordered_map<int, std::uint64_t> memo;

std::uint64_t fibMemo(int n) {
    if (n < 2) return static_cast<std::uint64_t>(n);
    auto it = memo.find(n);
    if (it != memo.end()) return it->second;
    std::uint64_t value = fibMemo(n - 1) + fibMemo(n - 2);
    memo[n] = value;
    return value;
}

std::uint64_t fibIterative(int n) {
    std::uint64_t a = 0, b = 1;
    for (int i = 0; i < n; ++i) {
        std::uint64_t t = a + b;
        a = b;
        b = t;
    }
    return a;
}

constexpr std::uint64_t fibConst(int n) {
    return n < 2 ? static_cast<std::uint64_t>(n) : fibConst(n - 1) + fibConst(n - 2);
}

int main() {
    std::cout << "First 15:";
    for (int i = 0; i < 15; ++i) std::cout << (i ? ", " : " ") << fibMemo(i);
    std::cout << '\n';
    for (int n : {30, 50, 90}) {
        std::cout << "fib(" << n << ") = " << fibMemo(n) << " (iterative: " << fibIterative(n) << ")\n";
    }
    static_assert(fibConst(20) == 6765, "compile-time fibonacci");
    std::cout << "compile-time fib(20) = " << fibConst(20) << '\n';
    return 0;
}
