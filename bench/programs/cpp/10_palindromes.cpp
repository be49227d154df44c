#include <algorithm>
#include <cctype>
#include <iostream>
#include <string>

bool isPalindrome(const std::string& s) {
    std::string cleaned;
    for (unsigned char c : s)
        if (std::isalnum(c)) cleaned += static_cast<char>(std::tolower(c));
    return std::equal(cleaned.begin(), cleaned.begin() + static_cast<long>(cleaned.size() / 2), cleaned.rbegin());
}

std::string longestPalindrome(const std::string& s) {
    size_t bestStart = 0, bestLen = 0;
    for (size_t center = 0; center < s.size(); ++center) {
        for (int odd = 0; odd < 2; ++odd) {
            long l = static_cast<long>(center), r = static_cast<long>(center) + odd;
            while (l >= 0 && r < static_cast<long>(s.size()) && s[l] == s[r]) {
                --l;
                ++r;
            }
            size_t len = static_cast<size_t>(r - l - 1);
            if (len > bestLen) {
                bestLen = len;
                bestStart = static_cast<size_t>(l + 1);
            }
        }
    }
    return s.substr(bestStart, bestLen);
}

int main() {
    std::cout << std::boolalpha;
    for (const std::string t : {"racecar", "A man, a plan, a canal: Panama", "hello", "Was it a car or a cat I saw?", "12321", ""}) {
        std::cout << '"' << t << "\" -> " << isPalindrome(t) << '\n';
    }
    for (const std::string t : {"babad", "forgeeksskeegfor", "abacdfgdcaba"}) {
        std::cout << "longest in " << t << ": " << longestPalindrome(t) << '\n';
    }
    int count = 0;
    for (int n = 1; n <= 1000; ++n)
        if (isPalindrome(std::to_string(n))) ++count;
    std::cout << "Palindromic numbers 1..1000: " << count << '\n';
    return 0;
}
