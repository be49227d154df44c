#include <iomanip>
#include <iostream>
#include <map>
#include <string>
#include <utility>
#include <vector>

std::string toRoman(int n) {
    static const std::vector<std::pair<int, std::string>> table = {
        {1000, "M"}, {900, "CM"}, {500, "D"}, {400, "CD"}, {100, "C"}, {90, "XC"},
        {50, "L"}, {40, "XL"}, {10, "X"}, {9, "IX"}, {5, "V"}, {4, "IV"}, {1, "I"}};
    std::string out;
    for (const auto& [value, sym] : table) {
        while (n >= value) {
            out += sym;
            n -= value;
        }
    }
    return out;
}

int fromRoman(const std::string& s) {
    static const std::map<char, int> v = {{'I', 1}, {'V', 5}, {'X', 10}, {'L', 50}, {'C', 100}, {'D', 500}, {'M', 1000}};
    int total = 0;
    for (size_t i = 0; i < s.size(); ++i) {
        int cur = v.at(s[i]);
        if (i + 1 < s.size() && cur < v.at(s[i + 1])) total -= cur;
        else total += cur;
    }
    return total;
}

int main() {
    for (int n : {1, 4, 9, 14, 40, 90, 400, 1994, 2024, 3999}) {
        std::string r = toRoman(n);
        std::cout << std::setw(4) << n << " -> " << std::left << std::setw(12) << r << std::right << " -> " << fromRoman(r) << '\n';
    }
    bool ok = true;
    for (int n = 1; n < 4000; ++n)
        if (fromRoman(toRoman(n)) != n) ok = false;
    std::cout << "Round trip 1..3999 ok: " << std::boolalpha << ok << '\n';
    return 0;
}
