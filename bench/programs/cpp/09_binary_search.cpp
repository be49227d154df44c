#include <algorithm>
#include <iostream>
#include <vector>

int binarySearch(const std::vector<int>& a, int target) {
    int lo = 0, hi = static_cast<int>(a.size()) - 1, steps = 0;
    while (lo <= hi) {
        ++steps;
        int mid = lo + (hi - lo) / 2;
        if (a[mid] == target) {
            std::cout << "  found " << target << " in " << steps << " steps\n";
            return mid;
        }
        if (a[mid] < target) lo = mid + 1;
        else hi = mid - 1;
    }
    std::cout << "  " << target << " not found after " << steps << " steps\n";
    return -1;
}

// integer square root by binary search on the answer
long long isqrt(long long n) {
    long long lo = 0, hi = n;
    while (lo < hi) {
        long long mid = lo + (hi - lo + 1) / 2;
        if (mid <= n / mid) lo = mid;
        else hi = mid - 1;
    }
    return lo;
}

int main() {
    std::vector<int> sorted(100);
    for (int i = 0; i < 100; ++i) sorted[i] = i * 3;
    for (int t : {0, 42, 297, 100, -1}) {
        int index = binarySearch(sorted, t);
        std::cout << "search " << t << " -> index " << index << '\n';
    }
    std::vector<int> dup = {1, 2, 2, 2, 5, 7, 7, 9};
    for (int t : {2, 6, 7, 10}) {
        auto lb = std::lower_bound(dup.begin(), dup.end(), t) - dup.begin();
        auto ub = std::upper_bound(dup.begin(), dup.end(), t) - dup.begin();
        std::cout << "value " << t << ": lower_bound " << lb << ", upper_bound " << ub << ", count " << ub - lb << '\n';
    }
    for (long long n : {0LL, 15LL, 16LL, 1000000LL, 999999999999LL}) {
        std::cout << "isqrt(" << n << ") = " << isqrt(n) << '\n';
    }
    return 0;
}
