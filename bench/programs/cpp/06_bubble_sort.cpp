#include <iostream>
#include <utility>
#include <vector>

template <typename T>
int bubbleSort(std::vector<T>& a) {
    int swaps = 0;
    for (size_t i = 0; i + 1 < a.size(); ++i) {
        bool swapped = false;
        for (size_t j = 0; j + 1 < a.size() - i; ++j) {
            if (a[j + 1] < a[j]) {
                std::swap(a[j], a[j + 1]);
                ++swaps;
                swapped = true;
            }
        }
        if (!swapped) break;
    }
    return swaps;
}

template <typename T>
void print(const char* label, const std::vector<T>& v) {
    std::cout << label << "[";
    for (size_t i = 0; i < v.size(); ++i) std::cout << (i ? ", " : "") << v[i];
    std::cout << "]\n";
}

int main() {
    std::vector<int> data = {64, 34, 25, 12, 22, 11, 90, 5};
    print("Before: ", data);
    int swaps = bubbleSort(data);
    print("After:  ", data);
    std::cout << "Swaps: " << swaps << '\n';
    std::vector<double> d = {3.5, -1.25, 2.0, 0.5};
    bubbleSort(d);
    print("Doubles: ", d);
    std::vector<int> sorted = {1, 2, 3, 4, 5};
    std::cout << "Swaps on sorted input: " << bubbleSort(sorted) << '\n';
    return 0;
}
