#include <algorithm>
#include <cstdint>
#include <iostream>
#include <vector>

int partition(std::vector<int>& a, int lo, int hi) {
    int pivot = a[hi];
    int i = lo;
    for (int j = lo; j < hi; ++j) {
        if (a[j] < pivot) std::swap(a[i++], a[j]);
    }
    std::swap(a[i], a[hi]);
    return i;
}

void quickSort(std::vector<int>& a, int lo, int hi) {
    if (lo >= hi) return;
    int p = partition(a, lo, hi);
    quickSort(a, lo, p - 1);
    quickSort(a, p + 1, hi);
}

void print(const char* label, const std::vector<int>& v) {
    std::cout << label;
    for (int x : v) std::cout << ' ' << x;
    std::cout << '\n';
}

int main() {
    std::vector<int> data = {38, 27, 43, 3, 9, 82, 10, 3, -5, 0, 17};
    print("Input: ", data);
    quickSort(data, 0, static_cast<int>(data.size()) - 1);
    print("Sorted:", data);

    std::vector<int> big(2000);
    std::uint32_t seed = 12345;
    for (auto& x : big) {
        seed = seed * 1103515245u + 12345u;
        x = static_cast<int>((seed >> 16) % 10000);
    }
    std::vector<int> copy = big;
    quickSort(big, 0, static_cast<int>(big.size()) - 1);
    std::sort(copy.begin(), copy.end());
    std::cout << "Matches std::sort: " << std::boolalpha << (big == copy) << '\n';
    std::cout << "Min " << big.front() << ", max " << big.back() << ", median " << big[big.size() / 2] << '\n';
    return 0;
}
