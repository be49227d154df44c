#include <algorithm>
#include <iostream>
#include <string>
#include <vector>

void permute(std::string& s, size_t k, std::vector<std::string>& out) {
    if (k == s.size()) {
        out.push_back(s);
        return;
    }
    for (size_t i = k; i < s.size(); ++i) {
        std::swap(s[k], s[i]);
        permute(s, k + 1, out);
        std::swap(s[k], s[i]);
    }
}

void combinations(int n, int k, int start, std::vector<int>& cur, std::vector<std::vector<int>>& out) {
    if (static_cast<int>(cur.size()) == k) {
        out.push_back(cur);
        return;
    }
    for (int i = start; i <= n; ++i) {
        cur.push_back(i);
        combinations(n, k, i + 1, cur, out);
        cur.pop_back();
    }
}

std::string show(const std::vector<int>& v) {
    std::string s = "{";
    for (size_t i = 0; i < v.size(); ++i) s += (i ? "," : "") + std::to_string(v[i]);
    return s + "}";
}

int main() {
    std::string s = "abc";
    std::vector<std::string> perms;
    permute(s, 0, perms);
    std::cout << "swap-based permutations of abc:";
    for (const auto& p : perms) std::cout << ' ' << p;
    std::cout << '\n';

    std::string t = "aabb";
    int distinct = 0;
    std::cout << "distinct permutations of aabb:";
    do {
        std::cout << ' ' << t;
        ++distinct;
    } while (std::next_permutation(t.begin(), t.end()));
    std::cout << " (" << distinct << ")\n";

    std::vector<int> items = {1, 2, 3};
    std::cout << "subsets of {1,2,3} by bitmask:";
    for (unsigned mask = 0; mask < (1u << items.size()); ++mask) {
        std::vector<int> sub;
        for (size_t i = 0; i < items.size(); ++i)
            if (mask & (1u << i)) sub.push_back(items[i]);
        std::cout << ' ' << show(sub);
    }
    std::cout << '\n';

    std::vector<std::vector<int>> combos;
    std::vector<int> cur;
    combinations(5, 3, 1, cur, combos);
    std::cout << "C(5,3) = " << combos.size() << ":";
    for (const auto& c : combos) std::cout << ' ' << show(c);
    std::cout << '\n';
    return 0;
}
