lcs <- function(a, b) {
  x <- strsplit(a, "")[[1]]
  y <- strsplit(b, "")[[1]]
  m <- length(x)
  n <- length(y)
  dp <- matrix(0, m + 1, n + 1)
  for (i in seq_len(m)) {
    for (j in seq_len(n)) {
      dp[i + 1, j + 1] <- if (x[i] == y[j]) dp[i, j] + 1 else max(dp[i, j + 1], dp[i + 1, j])
    }
  }
  out <- character(0)
  i <- m
  j <- n
  while (i > 0 && j > 0) {
    if (x[i] == y[j]) {
      out <- c(x[i], out)
      i <- i - 1
      j <- j - 1
    } else if (dp[i, j + 1] >= dp[i + 1, j]) {
      i <- i - 1
    } else {
      j <- j - 1
    }
  }
  paste(out, collapse = "")
}

longest_common_substring <- function(a, b) {
  x <- strsplit(a, "")[[1]]
  y <- strsplit(b, "")[[1]]
  best <- 0
  end <- 0
  prev <- rep(0, length(y) + 1)
  for (i in seq_along(x)) {
    cur <- rep(0, length(y) + 1)
    for (j in seq_along(y)) {
      if (x[i] == y[j]) {
        cur[j + 1] <- prev[j] + 1
        if (cur[j + 1] > best) {
          best <- cur[j + 1]
          end <- i
        }
      }
    }
    prev <- cur
  }
  substr(a, end - best + 1, end)
}

pairs <- list(c("ABCBDAB", "BDCABA"), c("AGGTAB", "GXTXAYB"), c("programming", "gaming"), c("abc", "xyz"))
for (p in pairs) {
  s <- lcs(p[1], p[2])
  cat(sprintf("LCS(%s, %s) = '%s' (length %d)\n", p[1], p[2], s, nchar(s)))
  cat(sprintf("  longest common substring: '%s'\n", longest_common_substring(p[1], p[2])))
}
