#include <algorithm>
#include <iostream>
#include <string>
#include <utility>
#include <vector>

std::string lcs(const std::string& a, const std::string& b) {
    std::vector<std::vector<int>> dp(a.size() + 1, std::vector<int>(b.size() + 1, 0));
    for (size_t i = 1; i <= a.size(); ++i)
        for (size_t j = 1; j <= b.size(); ++j)
            dp[i][j] = a[i - 1] == b[j - 1] ? dp[i - 1][j - 1] + 1 : std::max(dp[i - 1][j], dp[i][j - 1]);
    std::string out;
    size_t i = a.size(), j = b.size();
    while (i > 0 && j > 0) {
        if (a[i - 1] == b[j - 1]) {
            out += a[i - 1];
            --i;
            --j;
        } else if (dp[i - 1][j] >= dp[i][j - 1]) {
            --i;
        } else {
            --j;
        }
    }
    std::reverse(out.begin(), out.end());
    return out;
}

std::string longestCommonSubstring(const std::string& a, const std::string& b) {
    std::vector<std::vector<int>> dp(a.size() + 1, std::vector<int>(b.size() + 1, 0));
    int best = 0;
    size_t end = 0;
    for (size_t i = 1; i <= a.size(); ++i)
        for (size_t j = 1; j <= b.size(); ++j)
            if (a[i - 1] == b[j - 1]) {
                dp[i][j] = dp[i - 1][j - 1] + 1;
                if (dp[i][j] > best) {
                    best = dp[i][j];
                    end = i;
                }
            }
    return a.substr(end - static_cast<size_t>(best), static_cast<size_t>(best));
}

int main() {
    std::vector<std::pair<std::string, std::string>> pairs = {
        {"ABCBDAB", "BDCABA"}, {"AGGTAB", "GXTXAYB"}, {"kitten", "sitting"}, {"dynamic", "programming"}, {"abc", "xyz"}};
    for (const auto& [a, b] : pairs) {
        std::string r = lcs(a, b);
        std::cout << "LCS(" << a << ", " << b << ") = \"" << r << "\" length " << r.size()
                  << "; longest common substring \"" << longestCommonSubstring(a, b) << "\"\n";
    }
    return 0;
}
