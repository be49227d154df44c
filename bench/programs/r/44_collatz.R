collatz_sequence <- function(n) {
  seq <- n
  while (n != 1) {
    n <- if (n %% 2 == 0) n / 2 else 3 * n + 1
    seq <- c(seq, n)
  }
  seq
}

LIMIT <- 10000
cache <- integer(LIMIT)
cache[1] <- 1L

# Chain length, caching every start below LIMIT.
collatz_length <- function(n) {
  path <- c()
  while (n >= LIMIT || cache[n] == 0L) {
    path <- c(path, n)
    n <- if (n %% 2 == 0) n / 2 else 3 * n + 1
  }
  length <- cache[n]
  for (m in rev(path)) {
    length <- length + 1L
    if (m < LIMIT) cache[m] <<- length
  }
  length
}

seq27 <- collatz_sequence(27)
cat(sprintf("Sequence for 27 starts: [%s]\n", paste(head(seq27, 12), collapse = ", ")))
cat(sprintf("Steps for 27: %d peak: %d\n", length(seq27) - 1, max(seq27)))
for (n in c(6, 7, 12, 19)) {
  cat(sprintf("%d: %s\n", n, paste(collatz_sequence(n), collapse = " -> ")))
}
lengths <- sapply(1:(LIMIT - 1), collatz_length)
best <- which.max(lengths)
cat(sprintf("Longest chain below %d starts at %d with %d terms\n", LIMIT, best, lengths[best]))
