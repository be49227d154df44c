#include <array>
#include <cctype>
#include <iostream>
#include <string>

std::string shift(const std::string& text, int key) {
    int k = ((key % 26) + 26) % 26;
    std::string out = text;
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>('A' + (c - 'A' + k) % 26);
        else if (c >= 'a' && c <= 'z') c = static_cast<char>('a' + (c - 'a' + k) % 26);
    }
    return out;
}

std::string vigenere(const std::string& text, const std::string& key, bool encrypt) {
    std::string out;
    size_t j = 0;
    for (char c : text) {
        if (std::isalpha(static_cast<unsigned char>(c))) {
            int k = key[j++ % key.size()] - 'a';
            out += shift(std::string(1, c), encrypt ? k : -k);
        } else {
            out += c;
        }
    }
    return out;
}

int crack(const std::string& cipher) {
    std::array<int, 26> freq{};
    for (char c : cipher)
        if (std::isalpha(static_cast<unsigned char>(c))) ++freq[std::tolower(static_cast<unsigned char>(c)) - 'a'];
    int best = 0;
    for (int i = 1; i < 26; ++i)
        if (freq[i] > freq[best]) best = i;
    return (best - ('e' - 'a') + 26) % 26;
}

int main() {
    std::string msg = "Meet me near the tree at seven, bring the secret letter!";
    std::string enc = shift(msg, 7);
    std::cout << "plain:    " << msg << '\n';
    std::cout << "caesar+7: " << enc << '\n';
    std::cout << "decrypt:  " << shift(enc, -7) << '\n';
    int guess = crack(enc);
    std::cout << "cracked key: " << guess << " -> " << shift(enc, -guess) << '\n';
    std::string v = vigenere("Attack at dawn", "lemon", true);
    std::cout << "vigenere: " << v << " -> " << vigenere(v, "lemon", false) << '\n';
    std::cout << "rot13 twice: " << shift(shift("Hello, World", 13), 13) << '\n';
    return 0;
}
