#include <cctype>
#include <cstdio>
#include <iostream>
#include <string>

std::string encode(const std::string& s) {
    std::string out;
    for (size_t i = 0; i < s.size();) {
        size_t j = i;
        while (j < s.size() && s[j] == s[i]) ++j;
        out += std::to_string(j - i);
        out += s[i];
        i = j;
    }
    return out;
}

std::string decode(const std::string& s) {
    std::string out;
    size_t count = 0;
    for (char c : s) {
        if (std::isdigit(static_cast<unsigned char>(c))) {
            count = count * 10 + static_cast<size_t>(c - '0');
        } else {
            out.append(count, c);
            count = 0;
        }
    }
    return out;
}

int main() {
    const std::string inputs[] = {"AAAABBBCCDAA", "WWWWWWWWWWWWBWWWWWWWWWWWWBBBWWWWWWWWWWWWWWWWWWWWWWWWBWWWWWWWWWWWWWW", "abc", "",
                                  std::string(30, 'z')};
    for (const auto& in : inputs) {
        std::string enc = encode(in);
        std::cout << "'" << in << "'\n";
        std::cout << "  encoded: " << enc << '\n';
        std::cout << "  round trip ok: " << (decode(enc) == in ? "true" : "false") << ", ratio ";
        if (in.empty()) {
            std::cout << "n/a\n";
        } else {
            std::printf("%.2f\n", static_cast<double>(enc.size()) / static_cast<double>(in.size()));
        }
    }
    return 0;
}
