min_coins <- function(coins, amount) {
  inf <- amount + 1
  dp <- c(0, rep(inf, amount)) # dp[a + 1]: fewest coins for amount a
  last <- rep(0, amount + 1)
  for (a in seq_len(amount)) {
    for (c in coins) {
      if (c <= a && dp[a - c + 1] + 1 < dp[a + 1]) {
        dp[a + 1] <- dp[a - c + 1] + 1
        last[a + 1] <- c
      }
    }
  }
  if (dp[amount + 1] >= inf) return(list(n = -1, used = c()))
  used <- c()
  a <- amount
  while (a > 0) {
    used <- c(used, last[a + 1])
    a <- a - last[a + 1]
  }
  list(n = dp[amount + 1], used = sort(used, decreasing = TRUE))
}

count_ways <- function(coins, amount) {
  ways <- c(1, rep(0, amount))
  for (c in coins) {
    for (a in c:amount) ways[a + 1] <- ways[a + 1] + ways[a - c + 1]
  }
  ways[amount + 1]
}

fmt <- function(v) paste0("[", paste(v, collapse = ", "), "]")
cases <- list(list(c(1, 5, 10, 25), 63), list(c(1, 3, 4), 6), list(2, 3), list(c(1, 2, 5), 11),
              list(c(186, 419, 83, 408), 6249))
for (case in cases) {
  coins <- case[[1]]
  amount <- case[[2]]
  r <- min_coins(coins, amount)
  if (r$n < 0) {
    cat(sprintf("%d with %s: impossible\n", amount, fmt(coins)))
  } else {
    cat(sprintf("%d with %s: %d coins %s\n", amount, fmt(coins), r$n, fmt(r$used)))
  }
}
cat("Ways to make 100 from [1, 5, 10, 25, 50]:", count_ways(c(1, 5, 10, 25, 50), 100), "\n")
