#include <iostream>
#include <queue>
#include <string>
#include <utility>
#include <vector>

int main() {
    std::vector<std::string> grid = {
        "S.#.......",
        ".##.####..",
        "....#..#.#",
        "#.#.#.##..",
        "..#...#..#",
        ".####.#.#.",
        "......#..E"};
    const int rows = static_cast<int>(grid.size()), cols = static_cast<int>(grid[0].size());
    std::pair<int, int> start{0, 0}, end{0, 0};
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < cols; ++c) {
            if (grid[r][c] == 'S') start = {r, c};
            if (grid[r][c] == 'E') end = {r, c};
        }
    std::vector<std::vector<int>> dist(rows, std::vector<int>(cols, -1));
    std::vector<std::vector<std::pair<int, int>>> prev(rows, std::vector<std::pair<int, int>>(cols, {-1, -1}));
    std::queue<std::pair<int, int>> q;
    q.push(start);
    dist[start.first][start.second] = 0;
    const int dr[] = {-1, 1, 0, 0}, dc[] = {0, 0, -1, 1};
    while (!q.empty()) {
        auto [r, c] = q.front();
        q.pop();
        for (int d = 0; d < 4; ++d) {
            int nr = r + dr[d], nc = c + dc[d];
            if (nr < 0 || nc < 0 || nr >= rows || nc >= cols) continue;
            if (grid[nr][nc] == '#' || dist[nr][nc] != -1) continue;
            dist[nr][nc] = dist[r][c] + 1;
            prev[nr][nc] = {r, c};
            q.push({nr, nc});
        }
    }
    if (dist[end.first][end.second] < 0) {
        std::cout << "No path\n";
        return 0;
    }
    std::cout << "Shortest path length: " << dist[end.first][end.second] << '\n';
    for (auto p = prev[end.first][end.second]; p != start; p = prev[p.first][p.second]) grid[p.first][p.second] = '*';
    for (const auto& row : grid) std::cout << row << '\n';
    int reachable = 0;
    for (const auto& row : dist)
        for (int d : row)
            if (d >= 0) ++reachable;
    std::cout << "Reachable cells: " << reachable << '\n';
    return 0;
}
