gcd <- function(a, b) {
  while (b != 0) {
    t <- b
    b <- a %% b
    a <- t
  }
  abs(a)
}

lcm <- function(a, b) if (a == 0 || b == 0) 0 else abs(a * b) / gcd(a, b)

extended_gcd <- function(a, b) {
  if (b == 0) return(c(a, 1, 0))
  r <- extended_gcd(b, a %% b)
  c(r[1], r[3], r[2] - (a %/% b) * r[3])
}

pairs <- list(c(48, 18), c(101, 103), c(270, 192), c(17, 51), c(0, 9))
for (p in pairs) {
  cat(sprintf("gcd(%d, %d) = %d, lcm(%d, %d) = %d\n", p[1], p[2], gcd(p[1], p[2]), p[1], p[2], lcm(p[1], p[2])))
}
r <- extended_gcd(240, 46)
cat(sprintf("240*%d + 46*%d = %d\n", r[2], r[3], r[1]))
result <- Reduce(lcm, 1:20, accumulate = FALSE, 1)
cat(sprintf("Smallest number divisible by 1..20: %.0f\n", result))
