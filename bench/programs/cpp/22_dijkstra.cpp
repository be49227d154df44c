#include <algorithm>
#include <climits>
#include <functional>
#include <iostream>
#include <queue>
#include <string>
#include <utility>
#include <vector>

int main() {
    const std::vector<std::string> names = {"A", "B", "C", "D", "E", "F"};
    const int n = static_cast<int>(names.size());
    std::vector<std::vector<std::pair<int, int>>> graph(n);
    const int edges[][3] = {{0, 1, 7}, {0, 2, 9}, {0, 5, 14}, {1, 2, 10}, {1, 3, 15}, {2, 3, 11}, {2, 5, 2}, {3, 4, 6}, {4, 5, 9}};
    for (const auto& e : edges) {
        graph[e[0]].push_back({e[1], e[2]});
        graph[e[1]].push_back({e[0], e[2]});
    }
    std::vector<int> dist(n, INT_MAX), prev(n, -1);
    using Entry = std::pair<int, int>;  // (distance, node)
    std::priority_queue<Entry, std::vector<Entry>, std::greater<Entry>> pq;
    dist[0] = 0;
    pq.push({0, 0});
    while (!pq.empty()) {
        auto [d, u] = pq.top();
        pq.pop();
        if (d > dist[u]) continue;
        for (auto [v, w] : graph[u]) {
            if (dist[u] + w < dist[v]) {
                dist[v] = dist[u] + w;
                prev[v] = u;
                pq.push({dist[v], v});
            }
        }
    }
    for (int v = 0; v < n; ++v) {
        std::vector<std::string> path;
        for (int x = v; x != -1; x = prev[x]) path.push_back(names[x]);
        std::reverse(path.begin(), path.end());
        std::cout << names[0] << " -> " << names[v] << ": " << dist[v] << " via ";
        for (size_t i = 0; i < path.size(); ++i) std::cout << (i ? "-" : "") << path[i];
        std::cout << '\n';
    }
    return 0;
}
