values <- c(1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1)
symbols <- c("M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I")
single <- c(I = 1, V = 5, X = 10, L = 50, C = 100, D = 500, M = 1000)

to_roman <- function(n) {
  if (n <= 0 || n >= 4000) stop(sprintf("%d is out of range", n))
  out <- ""
  for (i in seq_along(values)) {
    while (n >= values[i]) {
      out <- paste0(out, symbols[i])
      n <- n - values[i]
    }
  }
  out
}

from_roman <- function(s) {
  v <- single[strsplit(s, "")[[1]]]
  nxt <- c(v[-1], 0)
  sum(ifelse(v < nxt, -v, v))
}

for (n in c(1, 4, 9, 14, 40, 90, 400, 1994, 2024, 3999)) {
  r <- to_roman(n)
  cat(sprintf("%4d -> %-12s -> %d\n", n, r, from_roman(r)))
}
ok <- all(sapply(1:3999, function(n) from_roman(to_roman(n)) == n))
cat("Round trip 1..3999:", if (ok) "ok" else "FAILED", "\n")
stopifnot(as.character(as.roman(1994)) == to_roman(1994))
tryCatch(to_roman(0), error = function(e) cat("Error:", conditionMessage(e), "\n"))
