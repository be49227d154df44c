#include <iostream>
#include <map>
#include <queue>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

std::vector<std::string> topoSort(const std::map<std::string, std::vector<std::string>>& deps) {
    std::map<std::string, int> indegree;
    std::map<std::string, std::vector<std::string>> users;
    for (const auto& [node, ds] : deps) {
        indegree.emplace(node, 0);
        for (const auto& d : ds) {
            indegree.emplace(d, 0);
            ++indegree[node];
            users[d].push_back(node);
        }
    }
    // min-heap by name gives a deterministic order
    std::priority_queue<std::string, std::vector<std::string>, std::greater<std::string>> ready;
    for (const auto& [node, deg] : indegree)
        if (deg == 0) ready.push(node);
    std::vector<std::string> order;
    while (!ready.empty()) {
        std::string n = ready.top();
        ready.pop();
        order.push_back(n);
        for (const auto& u : users[n])
            if (--indegree[u] == 0) ready.push(u);
    }
    if (order.size() != indegree.size()) throw std::runtime_error("cycle detected");
    return order;
}

int main() {
    std::map<std::string, std::vector<std::string>> build = {
        {"app", {"lib", "utils", "config"}}, {"lib", {"utils", "logging"}}, {"utils", {"logging"}}, {"tests", {"app"}}, {"config", {}}};
    auto order = topoSort(build);
    std::cout << "Build order:";
    for (const auto& s : order) std::cout << ' ' << s;
    std::cout << '\n';
    std::map<std::string, std::vector<std::string>> cyclic = {{"a", {"b"}}, {"b", {"c"}}, {"c", {"a"}}};
    try {
        topoSort(cyclic);
    } catch (const std::runtime_error& e) {
        std::cout << "Cyclic graph: " << e.what() << '\n';
    }
    return 0;
}
