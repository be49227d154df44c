#include <algorithm>
#include <iostream>
#include <numeric>
#include <string>
#include <tuple>
#include <vector>

class UnionFind {
public:
    explicit UnionFind(int n) : parent_(n), rank_(n, 0), sets_(n) { std::iota(parent_.begin(), parent_.end(), 0); }
    int find(int x) {
        while (parent_[x] != x) {
            parent_[x] = parent_[parent_[x]];
            x = parent_[x];
        }
        return x;
    }
    bool unite(int a, int b) {
        int ra = find(a), rb = find(b);
        if (ra == rb) return false;
        if (rank_[ra] < rank_[rb]) std::swap(ra, rb);
        parent_[rb] = ra;
        if (rank_[ra] == rank_[rb]) ++rank_[ra];
        --sets_;
        return true;
    }
    int sets() const { return sets_; }

private:
    std::vector<int> parent_, rank_;
    int sets_;
};

struct Edge {
    int u, v, w;
    bool operator<(const Edge& o) const { return std::tie(w, u, v) < std::tie(o.w, o.u, o.v); }
};

int main() {
    const std::string cities = "ABCDEFG";
    std::vector<Edge> edges = {{0, 1, 7}, {0, 3, 5}, {1, 2, 8}, {1, 3, 9}, {1, 4, 7}, {2, 4, 5},
                               {3, 4, 15}, {3, 5, 6}, {4, 5, 8}, {4, 6, 9}, {5, 6, 11}};
    std::sort(edges.begin(), edges.end());
    UnionFind uf(static_cast<int>(cities.size()));
    int total = 0;
    for (const auto& e : edges) {
        std::string label = std::string(1, cities[e.u]) + "-" + cities[e.v] + " (" + std::to_string(e.w) + ")";
        if (uf.unite(e.u, e.v)) {
            total += e.w;
            std::cout << "take " << label << '\n';
        } else {
            std::cout << "skip " << label << ": would form a cycle\n";
        }
    }
    std::cout << "MST weight: " << total << ", components left: " << uf.sets() << '\n';
    UnionFind friends(8);
    for (auto [a, b] : std::vector<std::pair<int, int>>{{0, 1}, {2, 3}, {1, 4}, {5, 6}, {3, 7}}) friends.unite(a, b);
    std::cout << "friend groups: " << friends.sets() << ", roots";
    for (int i = 0; i < 8; ++i) std::cout << ' ' << friends.find(i);
    std::cout << '\n';
    return 0;
}
