#include <algorithm>
#include <cctype>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

std::string trim(const std::string& s) {
    auto b = s.find_first_not_of(' ');
    if (b == std::string::npos) return "";
    auto e = s.find_last_not_of(' ');
    return s.substr(b, e - b + 1);
}

std::vector<std::string> split(const std::string& s) {
    std::istringstream in(s);
    std::vector<std::string> out;
    std::string w;
    while (in >> w) out.push_back(w);
    return out;
}

std::string join(const std::vector<std::string>& parts, const std::string& sep) {
    std::string out;
    for (size_t i = 0; i < parts.size(); ++i) {
        if (i) out += sep;
        out += parts[i];
    }
    return out;
}

std::string toUpper(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return s;
}

std::string titleCase(const std::vector<std::string>& words) {
    std::vector<std::string> out;
    for (auto w : words) {
        for (size_t i = 0; i < w.size(); ++i) {
            unsigned char c = static_cast<unsigned char>(w[i]);
            w[i] = static_cast<char>(i == 0 ? std::toupper(c) : std::tolower(c));
        }
        out.push_back(w);
    }
    return join(out, " ");
}

int main() {
    std::string s = "  the Quick brown FOX   jumps  ";
    std::string t = trim(s);
    auto words = split(s);
    std::cout << "Original:   [" << s << "]\n";
    std::cout << "Trimmed:    [" << t << "]\n";
    std::cout << "Reversed:   [" << std::string(t.rbegin(), t.rend()) << "]\n";
    auto rev = words;
    std::reverse(rev.begin(), rev.end());
    std::cout << "Word order: [" << join(rev, " ") << "]\n";
    std::cout << "Title case: [" << titleCase(words) << "]\n";
    std::cout << "Upper:      [" << toUpper(t) << "]\n";
    auto vowels = std::count_if(s.begin(), s.end(), [](char c) { return std::string("aeiouAEIOU").find(c) != std::string::npos; });
    std::cout << "Vowels:     " << vowels << '\n';
    std::cout << "Contains 'brown': " << std::boolalpha << (s.find("brown") != std::string::npos) << '\n';
    std::cout << "Index of 'FOX': " << s.find("FOX") << '\n';
    std::string replaced = t;
    for (size_t pos = replaced.find("the"); pos != std::string::npos; pos = replaced.find("the", pos + 1)) replaced.replace(pos, 3, "a");
    std::cout << "Replaced:   [" << replaced << "]\n";
    std::cout << "Joined:     " << join({"2024", "01", "15"}, "-") << '\n';
    return 0;
}
