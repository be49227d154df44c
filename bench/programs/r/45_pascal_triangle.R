pascal <- function(rows) {
  triangle <- list(1)
  for (r in seq_len(rows - 1) + 1) {
    prev <- triangle[[r - 1]]
    triangle[[r]] <- c(1, head(prev, -1) + tail(prev, -1), 1)
  }
  triangle
}

binomial <- function(n, k) {
  if (k < 0 || k > n) return(0)
  k <- min(k, n - k)
  result <- 1
  for (i in seq_len(k)) result <- result * (n - i + 1) / i
  result
}

tri <- pascal(10)
lines <- sapply(tri, paste, collapse = " ")
width <- nchar(lines[length(lines)])
for (line in lines) {
  pad <- (width - nchar(line)) %/% 2
  cat(strrep(" ", pad), line, "\n", sep = "")
}
cat(sprintf("Row sums: [%s]\n", paste(sapply(tri, sum), collapse = ", ")))
cat(sprintf("C(10, 3) = %.0f | C(30, 15) = %.0f | C(52, 5) = %.0f\n", binomial(10, 3), binomial(30, 15), binomial(52, 5)))
stopifnot(binomial(30, 15) == choose(30, 15))
cat("Odd entries per row (Sierpinski):\n")
for (row in pascal(16)) {
  cat(sub(" +$", "", paste(ifelse(row %% 2 == 1, "*", " "), collapse = "")), "\n", sep = "")
}
