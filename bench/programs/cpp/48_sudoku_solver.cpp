#include <iostream>
#include <string>

class Sudoku {
public:
    explicit Sudoku(const std::string& s) {
        for (int i = 0; i < 81; ++i) cells_[i / 9][i % 9] = s[i] - '0';
    }
    bool solve() {
        for (int r = 0; r < 9; ++r)
            for (int c = 0; c < 9; ++c) {
                if (cells_[r][c] != 0) continue;
                for (int v = 1; v <= 9; ++v) {
                    if (!canPlace(r, c, v)) continue;
                    cells_[r][c] = v;
                    ++guesses;
                    if (solve()) return true;
                    cells_[r][c] = 0;
                }
                return false;
            }
        return true;
    }
    void print() const {
        for (int r = 0; r < 9; ++r) {
            if (r && r % 3 == 0) std::cout << "------+-------+------\n";
            for (int c = 0; c < 9; ++c) {
                if (c && c % 3 == 0) std::cout << "| ";
                std::cout << (cells_[r][c] ? static_cast<char>('0' + cells_[r][c]) : '.') << (c == 8 ? "\n" : " ");
            }
        }
    }
    bool valid() const {
        for (int i = 0; i < 9; ++i) {
            int rowMask = 0, colMask = 0, boxMask = 0;
            for (int j = 0; j < 9; ++j) {
                rowMask |= 1 << cells_[i][j];
                colMask |= 1 << cells_[j][i];
                boxMask |= 1 << cells_[i / 3 * 3 + j / 3][i % 3 * 3 + j % 3];
            }
            if (rowMask != 0x3FE || colMask != 0x3FE || boxMask != 0x3FE) return false;
        }
        return true;
    }
    long guesses = 0;

private:
    bool canPlace(int r, int c, int v) const {
        for (int i = 0; i < 9; ++i)
            if (cells_[r][i] == v || cells_[i][c] == v) return false;
        int br = r / 3 * 3, bc = c / 3 * 3;
        for (int i = br; i < br + 3; ++i)
            for (int j = bc; j < bc + 3; ++j)
                if (cells_[i][j] == v) return false;
        return true;
    }
    int cells_[9][9]{};
};

int main() {
    Sudoku s(
        "530070000"
        "600195000"
        "098000060"
        "800060003"
        "400803001"
        "700020006"
        "060000280"
        "000419005"
        "000080079");
    std::cout << "Puzzle:\n";
    s.print();
    if (s.solve()) {
        std::cout << "\nSolution (" << s.guesses << " placements tried, valid: " << std::boolalpha << s.valid() << "):\n";
        s.print();
    } else {
        std::cout << "No solution\n";
    }
    return 0;
}
