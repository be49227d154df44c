#include <iostream>
#include <string>
#include <vector>

std::vector<std::vector<unsigned long long>> pascal(int rows) {
    std::vector<std::vector<unsigned long long>> tri;
    for (int r = 0; r < rows; ++r) {
        std::vector<unsigned long long> row(static_cast<size_t>(r) + 1, 1);
        for (int c = 1; c < r; ++c) row[c] = tri[r - 1][c - 1] + tri[r - 1][c];
        tri.push_back(row);
    }
    return tri;
}

int main() {
    const int rows = 10;
    auto tri = pascal(rows);
    const int width = 2 * rows + 10;
    for (const auto& row : tri) {
        std::string line;
        for (size_t i = 0; i < row.size(); ++i) line += (i ? " " : "") + std::to_string(row[i]);
        int pad = (width - static_cast<int>(line.size())) / 2;
        std::cout << std::string(static_cast<size_t>(pad > 0 ? pad : 0), ' ') << line << '\n';
    }
    auto big = pascal(61);
    std::cout << "C(30, 15) = " << big[30][15] << '\n';
    std::cout << "C(60, 30) = " << big[60][30] << '\n';
    unsigned long long sum = 0;
    for (auto v : big[30]) sum += v;
    std::cout << "sum of row 30 = " << sum << " = 2^30: " << std::boolalpha << (sum == (1ULL << 30)) << '\n';
    for (int r = 0; r < 16; ++r) {
        std::string line(static_cast<size_t>(16 - r), ' ');
        for (int c = 0; c <= r; ++c) {
            if (c) line += ' ';
            line += (big[r][c] % 2) ? '*' : ' ';
        }
        std::cout << line << '\n';
    }
    return 0;
}
