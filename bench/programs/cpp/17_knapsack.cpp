#include <algorithm>
#include <iostream>
#include <string>
#include <vector>

struct Item {
    std::string name;
    int weight;
    int value;
};

int main() {
    std::vector<Item> items = {{"map", 9, 150}, {"compass", 13, 35}, {"water", 153, 200}, {"sandwich", 50, 160},
                               {"glucose", 15, 60}, {"tin", 68, 45}, {"banana", 27, 60}, {"apple", 39, 40},
                               {"cheese", 23, 30}, {"beer", 52, 10}, {"suntan", 11, 70}, {"camera", 32, 30}};
    const int capacity = 200;
    const size_t n = items.size();
    std::vector<std::vector<int>> dp(n + 1, std::vector<int>(capacity + 1, 0));
    for (size_t i = 1; i <= n; ++i) {
        const Item& it = items[i - 1];
        for (int w = 0; w <= capacity; ++w) {
            dp[i][w] = dp[i - 1][w];
            if (it.weight <= w) dp[i][w] = std::max(dp[i][w], dp[i - 1][w - it.weight] + it.value);
        }
    }
    std::vector<const Item*> chosen;
    int w = capacity;
    for (size_t i = n; i > 0; --i) {
        if (dp[i][w] != dp[i - 1][w]) {
            chosen.push_back(&items[i - 1]);
            w -= items[i - 1].weight;
        }
    }
    std::reverse(chosen.begin(), chosen.end());
    int totalWeight = 0;
    for (const Item* it : chosen) {
        std::cout << "take " << it->name << " (w=" << it->weight << ", v=" << it->value << ")\n";
        totalWeight += it->weight;
    }
    std::cout << "Total value: " << dp[n][capacity] << ", total weight: " << totalWeight << "/" << capacity << '\n';

    // unbounded coin change: number of ways to make 100 from these coins
    std::vector<int> coins = {1, 5, 10, 25, 50};
    std::vector<long long> ways(101, 0);
    ways[0] = 1;
    for (int c : coins)
        for (int v = c; v <= 100; ++v) ways[v] += ways[v - c];
    std::cout << "Ways to make 100 cents: " << ways[100] << '\n';
    return 0;
}
