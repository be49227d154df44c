#include <algorithm>
#include <climits>
#include <iostream>
#include <string>
#include <utility>
#include <vector>

int levenshtein(const std::string& a, const std::string& b) {
    std::vector<int> prev(b.size() + 1), cur(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j) prev[j] = static_cast<int>(j);
    for (size_t i = 1; i <= a.size(); ++i) {
        cur[0] = static_cast<int>(i);
        for (size_t j = 1; j <= b.size(); ++j) {
            int cost = a[i - 1] == b[j - 1] ? 0 : 1;
            cur[j] = std::min({cur[j - 1] + 1, prev[j] + 1, prev[j - 1] + cost});
        }
        std::swap(prev, cur);
    }
    return prev[b.size()];
}

int main() {
    std::vector<std::pair<std::string, std::string>> pairs = {
        {"kitten", "sitting"}, {"flaw", "lawn"}, {"intention", "execution"}, {"", "abc"}, {"same", "same"}};
    for (const auto& [a, b] : pairs) std::cout << a << " -> " << b << ": " << levenshtein(a, b) << '\n';
    std::vector<std::string> dictionary = {"apple", "apply", "ample", "maple", "angle", "appeal"};
    std::string typo = "appel", best;
    int bestDist = INT_MAX;
    for (const auto& w : dictionary) {
        int d = levenshtein(typo, w);
        std::cout << "  distance(" << typo << ", " << w << ") = " << d << '\n';
        if (d < bestDist) {
            bestDist = d;
            best = w;
        }
    }
    std::cout << "Did you mean: " << best << "?\n";
    return 0;
}
