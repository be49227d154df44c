#include <iostream>
#include <string>
#include <vector>

template <typename T>
std::vector<T> mergeSort(const std::vector<T>& items) {
    if (items.size() <= 1) return items;
    auto mid = items.begin() + static_cast<long>(items.size() / 2);
    std::vector<T> left = mergeSort(std::vector<T>(items.begin(), mid));
    std::vector<T> right = mergeSort(std::vector<T>(mid, items.end()));
    std::vector<T> merged;
    merged.reserve(items.size());
    size_t i = 0, j = 0;
    while (i < left.size() && j < right.size()) {
        if (right[j] < left[i]) merged.push_back(right[j++]);
        else merged.push_back(left[i++]);
    }
    while (i < left.size()) merged.push_back(left[i++]);
    while (j < right.size()) merged.push_back(right[j++]);
    return merged;
}

template <typename T>
void print(const std::string& label, const std::vector<T>& v) {
    std::cout << label << ":";
    for (const auto& x : v) std::cout << ' ' << x;
    std::cout << '\n';
}

int main() {
    std::vector<std::string> words = {"pear", "apple", "fig", "banana", "kiwi", "cherry", "date", "grape"};
    print("Unsorted", words);
    print("Sorted  ", mergeSort(words));
    std::vector<int> nums = {5, -2, 9, 0, 5, 3, -7, 1};
    print("Numbers ", mergeSort(nums));
    return 0;
}
