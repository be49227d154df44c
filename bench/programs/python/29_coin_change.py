def min_coins(coins, amount):
    INF = amount + 1
    dp = [0] + [INF] * amount
    last = [0] * (amount + 1)
    for a in range(1, amount + 1):
        for c in coins:
            if c <= a and dp[a - c] + 1 < dp[a]:
                dp[a] = dp[a - c] + 1
                last[a] = c
    if dp[amount] >= INF:
        return -1, []
    used, a = [], amount
    while a > 0:
        used.append(last[a])
        a -= last[a]
    return dp[amount], sorted(used, reverse=True)


def count_ways(coins, amount):
    ways = [1] + [0] * amount
    for c in coins:
        for a in range(c, amount + 1):
            ways[a] += ways[a - c]
    return ways[amount]


for coins, amount in [([1, 5, 10, 25], 63), ([1, 3, 4], 6), ([2], 3), ([1, 2, 5], 11), ([186, 419, 83, 408], 6249)]:
    n, used = min_coins(coins, amount)
    if n < 0:
        print(f"{amount} with {coins}: impossible")
    else:
        print(f"{amount} with {coins}: {n} coins {used}")
print("Ways to make 100 from [1, 5, 10, 25, 50]:", count_ways([1, 5, 10, 25, 50], 100))
