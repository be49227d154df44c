#include <functional>
#include <iostream>
#include <vector>

class Graph {
public:
    explicit Graph(int n) : adj_(n) {}
    void addEdge(int u, int v) {
        adj_[u].push_back(v);
        adj_[v].push_back(u);
    }
    int size() const { return static_cast<int>(adj_.size()); }

    std::vector<std::vector<int>> components() const {
        std::vector<bool> seen(adj_.size(), false);
        std::vector<std::vector<int>> out;
        std::function<void(int, std::vector<int>&)> dfs = [&](int u, std::vector<int>& comp) {
            seen[u] = true;
            comp.push_back(u);
            for (int v : adj_[u])
                if (!seen[v]) dfs(v, comp);
        };
        for (int i = 0; i < size(); ++i) {
            if (seen[i]) continue;
            out.emplace_back();
            dfs(i, out.back());
        }
        return out;
    }

    bool hasCycleFrom(int start) const {
        std::vector<bool> seen(adj_.size(), false);
        std::function<bool(int, int)> visit = [&](int u, int parent) {
            seen[u] = true;
            for (int v : adj_[u]) {
                if (!seen[v]) {
                    if (visit(v, u)) return true;
                } else if (v != parent) {
                    return true;
                }
            }
            return false;
        };
        return visit(start, -1);
    }

private:
    std::vector<std::vector<int>> adj_;
};

int main() {
    Graph g(10);
    int edges[][2] = {{0, 1}, {1, 2}, {2, 0}, {3, 4}, {5, 6}, {6, 7}, {7, 8}};
    for (auto& e : edges) g.addEdge(e[0], e[1]);
    auto comps = g.components();
    for (size_t i = 0; i < comps.size(); ++i) {
        std::cout << "Component " << i + 1 << ": [";
        for (size_t j = 0; j < comps[i].size(); ++j) std::cout << (j ? ", " : "") << comps[i][j];
        std::cout << "]" << (g.hasCycleFrom(comps[i][0]) ? " (has cycle)" : "") << '\n';
    }
    std::cout << "Total components: " << comps.size() << '\n';
    return 0;
}
