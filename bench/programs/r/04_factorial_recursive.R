factorial_rec <- function(n) {
  if (n < 0) stop("factorial is not defined for negative numbers")
  if (n <= 1) return(1)
  n * factorial_rec(n - 1)
}

trailing_zeros <- function(n) {
  count <- 0
  power <- 5
  while (power <= n) {
    count <- count + n %/% power
    power <- power * 5
  }
  count
}

for (i in 0:12) {
  cat(sprintf("%d! = %.0f\n", i, factorial_rec(i)))
}
for (n in c(10, 25, 100)) {
  cat(sprintf("%d! has %d trailing zeros\n", n, trailing_zeros(n)))
}
result <- tryCatch(factorial_rec(-1), error = function(e) conditionMessage(e))
cat("Error:", result, "\n")
