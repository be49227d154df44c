#include <future>
#include <iostream>
#include <utility>
#include <vector>

int collatzLength(unsigned long long n) {
    int steps = 1;
    while (n != 1) {
        n = (n % 2 == 0) ? n / 2 : 3 * n + 1;
        ++steps;
    }
    return steps;
}

std::pair<unsigned long long, int> longestInRange(unsigned long long from, unsigned long long to) {
    std::pair<unsigned long long, int> best{from, 0};
    for (unsigned long long i = from; i < to; ++i) {
        int len = collatzLength(i);
        if (len > best.second) best = {i, len};
    }
    return best;
}

int main() {
    std::cout << "27 starts:";
    unsigned long long n = 27;
    for (int i = 0; i < 12; ++i) {
        std::cout << ' ' << n;
        n = (n % 2 == 0) ? n / 2 : 3 * n + 1;
    }
    std::cout << " ... (" << collatzLength(27) << " terms)\n";

    const unsigned long long chunk = 25000, limit = 200000;
    std::vector<std::future<std::pair<unsigned long long, int>>> futures;
    for (unsigned long long start = 1; start < limit; start += chunk) {
        futures.push_back(std::async(std::launch::async, longestInRange, start, start + chunk));
    }
    std::pair<unsigned long long, int> best{0, 0};
    for (size_t i = 0; i < futures.size(); ++i) {
        auto r = futures[i].get();
        std::cout << "chunk " << i << ": best " << r.first << " (" << r.second << " terms)\n";
        if (r.second > best.second) best = r;
    }
    std::cout << "Longest below " << limit << ": " << best.first << " with " << best.second << " terms\n";
    return 0;
}
