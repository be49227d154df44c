#include <algorithm>
#include <cctype>
#include <iomanip>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

int main() {
    std::string text = "The quick brown fox jumps over the lazy dog. The dog barks; the fox runs. "
                       "A quick brown dog? No, a quick red fox!";
    for (auto& c : text) {
        unsigned char u = static_cast<unsigned char>(c);
        c = std::isalpha(u) ? static_cast<char>(std::tolower(u)) : ' ';
    }
    std::map<std::string, int> counts;
    std::istringstream in(text);
    std::string word;
    while (in >> word) ++counts[word];
    std::cout << "Distinct words: " << counts.size() << '\n';
    std::vector<std::pair<std::string, int>> entries(counts.begin(), counts.end());
    std::stable_sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    std::cout << "Top 5:\n";
    for (size_t i = 0; i < 5 && i < entries.size(); ++i) {
        std::cout << "  " << std::left << std::setw(6) << entries[i].first << ' ' << entries[i].second << '\n';
    }
    std::cout << "All:";
    for (const auto& [w, n] : counts) std::cout << ' ' << w << '=' << n;
    std::cout << '\n';
    return 0;
}
