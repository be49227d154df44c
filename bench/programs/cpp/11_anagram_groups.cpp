#include <algorithm>
#include <cctype>
#include <iostream>
#include <map>
#include <string>
#include <vector>

std::string key(std::string w) {
    std::string k;
    for (unsigned char c : w)
        if (!std::isspace(c)) k += static_cast<char>(std::tolower(c));
    std::sort(k.begin(), k.end());
    return k;
}

int main() {
    std::vector<std::string> words = {"listen", "silent", "enlist", "google", "gooegl", "cat", "act", "tac", "dog", "god", "bird"};
    std::map<std::string, std::vector<std::string>> groups;
    for (const auto& w : words) groups[key(w)].push_back(w);
    for (const auto& [k, members] : groups) {
        std::cout << k << ":";
        for (const auto& m : members) std::cout << ' ' << m;
        std::cout << '\n';
    }
    std::cout << std::boolalpha;
    std::cout << "Dormitory / Dirty room: " << (key("Dormitory") == key("Dirty room")) << '\n';
    std::cout << "Hello / World: " << (key("Hello") == key("World")) << '\n';
    std::string s = "abc";
    std::cout << "std::next_permutation of abc:";
    do {
        std::cout << ' ' << s;
    } while (std::next_permutation(s.begin(), s.end()));
    std::cout << '\n';
    return 0;
}
