#include <cctype>
#include <iomanip>
#include <iostream>
#include <map>
#include <sstream>
#include <string>

int main() {
    const std::string text = R"(It was the best of times, it was the worst of times, it was the age of wisdom,
it was the age of foolishness, it was the epoch of belief, it was the epoch of
incredulity, it was the season of Light, it was the season of Darkness.

It was the spring of hope, it was the winter of despair. We had everything
before us, we had nothing before us.
)";
    int lines = 0, nonEmpty = 0;
    std::istringstream ls(text);
    for (std::string line; std::getline(ls, line);) {
        ++lines;
        if (line.find_first_not_of(" \t") != std::string::npos) ++nonEmpty;
    }
    int letters = 0, upper = 0, punct = 0, sentences = 0;
    for (char ch : text) {
        unsigned char c = static_cast<unsigned char>(ch);
        if (std::isalpha(c)) ++letters;
        if (std::isupper(c)) ++upper;
        if (std::ispunct(c)) ++punct;
        if (ch == '.' || ch == '!' || ch == '?') ++sentences;
    }
    std::istringstream ws(text);
    std::map<size_t, int> hist;
    std::map<std::string, int> freq;
    int words = 0;
    size_t totalLen = 0;
    std::string longest;
    for (std::string w; ws >> w;) {
        std::string clean;
        for (char ch : w)
            if (std::isalpha(static_cast<unsigned char>(ch))) clean += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        ++words;
        totalLen += clean.size();
        ++hist[clean.size()];
        ++freq[clean];
        if (clean.size() > longest.size()) longest = clean;
    }
    std::cout << "characters: " << text.size() << '\n';
    std::cout << "lines: " << lines << " (non-empty " << nonEmpty << ")\n";
    std::cout << "words: " << words << ", distinct: " << freq.size() << '\n';
    std::cout << "sentences: " << sentences << '\n';
    std::cout << "letters: " << letters << ", uppercase: " << upper << ", punctuation: " << punct << '\n';
    std::cout << "average word length: " << std::fixed << std::setprecision(2) << static_cast<double>(totalLen) / words << '\n';
    std::cout << "longest word: " << longest << '\n';
    std::cout << "most common: ";
    auto best = freq.begin();
    for (auto it = freq.begin(); it != freq.end(); ++it)
        if (it->second > best->second) best = it;
    std::cout << best->first << " (" << best->second << ")\n";
    std::cout << "word length histogram:\n";
    for (const auto& [len, n] : hist) std::cout << std::setw(2) << len << " | " << std::string(static_cast<size_t>(n), '#') << ' ' << n << '\n';
    return 0;
}
