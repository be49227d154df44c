def knapsack(items, capacity):
    """0/1 knapsack: returns (best value, chosen item names)."""
    n = len(items)
    dp = [[0] * (capacity + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        name, weight, value = items[i - 1]
        for c in range(capacity + 1):
            dp[i][c] = dp[i - 1][c]
            if weight <= c and dp[i - 1][c - weight] + value > dp[i][c]:
                dp[i][c] = dp[i - 1][c - weight] + value
    chosen, c = [], capacity
    for i in range(n, 0, -1):
        if dp[i][c] != dp[i - 1][c]:
            name, weight, _ = items[i - 1]
            chosen.append(name)
            c -= weight
    return dp[n][capacity], chosen[::-1]


items = [
    ("map", 9, 150), ("compass", 13, 35), ("water", 153, 200), ("sandwich", 50, 160),
    ("glucose", 15, 60), ("tin", 68, 45), ("banana", 27, 60), ("apple", 39, 40),
    ("cheese", 23, 30), ("beer", 52, 10), ("suntan cream", 11, 70), ("camera", 32, 30),
]
for capacity in (50, 100, 250, 400):
    value, chosen = knapsack(items, capacity)
    weight = sum(w for n, w, _ in items if n in chosen)
    print(f"capacity {capacity:>3}: value {value:>4}, weight {weight:>3}, items: {', '.join(chosen)}")
