#include <iostream>
#include <string>
#include <vector>

class NQueens {
public:
    explicit NQueens(int n) : n_(n), cols_(n), usedCol_(n), diag1_(2 * n), diag2_(2 * n) {}

    int solve() {
        place(0);
        return count_;
    }
    const std::vector<int>& first() const { return first_; }

private:
    void place(int row) {
        if (row == n_) {
            if (count_++ == 0) first_ = cols_;
            return;
        }
        for (int c = 0; c < n_; ++c) {
            if (usedCol_[c] || diag1_[row + c] || diag2_[row - c + n_ - 1]) continue;
            usedCol_[c] = diag1_[row + c] = diag2_[row - c + n_ - 1] = true;
            cols_[row] = c;
            place(row + 1);
            usedCol_[c] = diag1_[row + c] = diag2_[row - c + n_ - 1] = false;
        }
    }

    int n_;
    int count_ = 0;
    std::vector<int> cols_, first_;
    std::vector<bool> usedCol_, diag1_, diag2_;
};

int main() {
    for (int n = 1; n <= 9; ++n) {
        NQueens q(n);
        std::cout << n << "-queens: " << q.solve() << " solutions\n";
    }
    NQueens eight(8);
    eight.solve();
    std::cout << "First solution for 8 queens:\n";
    for (int r = 0; r < 8; ++r) {
        std::string line;
        for (int c = 0; c < 8; ++c) {
            if (c) line += ' ';
            line += eight.first()[r] == c ? 'Q' : '.';
        }
        std::cout << line << '\n';
    }
    return 0;
}
