knapsack <- function(items, capacity) {
  n <- nrow(items)
  dp <- matrix(0, n + 1, capacity + 1) # dp[i + 1, c + 1]: best value with i items, capacity c
  for (i in 1:n) {
    w <- items$weight[i]
    v <- items$value[i]
    for (c in 0:capacity) {
      dp[i + 1, c + 1] <- dp[i, c + 1]
      if (w <= c && dp[i, c - w + 1] + v > dp[i + 1, c + 1]) {
        dp[i + 1, c + 1] <- dp[i, c - w + 1] + v
      }
    }
  }
  chosen <- c()
  c <- capacity
  for (i in n:1) {
    if (dp[i + 1, c + 1] != dp[i, c + 1]) {
      chosen <- c(i, chosen)
      c <- c - items$weight[i]
    }
  }
  list(value = dp[n + 1, capacity + 1], chosen = chosen)
}

items <- data.frame(
  name = c("map", "compass", "water", "sandwich", "glucose", "tin", "banana", "apple",
           "cheese", "beer", "suntan cream", "camera"),
  weight = c(9, 13, 153, 50, 15, 68, 27, 39, 23, 52, 11, 32),
  value = c(150, 35, 200, 160, 60, 45, 60, 40, 30, 10, 70, 30),
  stringsAsFactors = FALSE
)
for (capacity in c(50, 100, 250, 400)) {
  r <- knapsack(items, capacity)
  cat(sprintf("capacity %3d: value %4d, weight %3d, items: %s\n", capacity, r$value,
              sum(items$weight[r$chosen]), paste(items$name[r$chosen], collapse = ", ")))
}
