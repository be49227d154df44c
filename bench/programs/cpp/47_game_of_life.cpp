#include <array>
#include <iostream>
#include <string>

constexpr int ROWS = 10, COLS = 12;
using Grid = std::array<std::array<bool, COLS>, ROWS>;

Grid step(const Grid& g) {
    Grid next{};
    for (int r = 0; r < ROWS; ++r) {
        for (int c = 0; c < COLS; ++c) {
            int n = 0;
            for (int dr = -1; dr <= 1; ++dr)
                for (int dc = -1; dc <= 1; ++dc) {
                    if (dr == 0 && dc == 0) continue;
                    if (g[(r + dr + ROWS) % ROWS][(c + dc + COLS) % COLS]) ++n;
                }
            next[r][c] = g[r][c] ? (n == 2 || n == 3) : n == 3;
        }
    }
    return next;
}

void print(int gen, const Grid& g) {
    int alive = 0;
    std::string out;
    for (const auto& row : g) {
        for (bool cell : row) {
            out += cell ? '#' : '.';
            alive += cell;
        }
        out += '\n';
    }
    std::cout << "Generation " << gen << " (" << alive << " alive):\n" << out;
}

int main() {
    Grid grid{};
    const int glider[][2] = {{0, 1}, {1, 2}, {2, 0}, {2, 1}, {2, 2}};
    for (const auto& p : glider) grid[p[0]][p[1]] = true;
    const int blinker[][2] = {{6, 8}, {6, 9}, {6, 10}};
    for (const auto& p : blinker) grid[p[0]][p[1]] = true;
    for (int gen = 0; gen <= 4; ++gen) {
        if (gen % 2 == 0) print(gen, grid);
        grid = step(grid);
    }
    return 0;
}
