divisors_sum <- function(n) {
  if (n < 2) return(0)
  limit <- floor(sqrt(n))
  if (limit < 2) return(1) # 2 and 3: only the divisor 1 (beware 2:1 counting down)
  i <- 2:limit
  i <- i[n %% i == 0]
  pairs <- n / i
  1 + sum(i) + sum(pairs[pairs != i])
}

is_armstrong <- function(n) {
  digits <- as.integer(strsplit(as.character(n), "")[[1]])
  n == sum(digits^length(digits))
}

classify <- function(n) {
  s <- divisors_sum(n)
  if (s == n) "perfect" else if (s > n) "abundant" else "deficient"
}

fmt <- function(v) paste0("[", paste(v, collapse = ", "), "]")
sums <- sapply(1:2999, divisors_sum)
cat("Perfect numbers below 3000:", fmt(which(sums == 1:2999 & 1:2999 > 1)), "\n")
cat("Armstrong numbers below 10000:", fmt(Filter(is_armstrong, 1:9999)), "\n")
amicable <- c()
for (a in 2:2999) {
  b <- sums[a]
  if (b > a && divisors_sum(b) == a) amicable <- c(amicable, sprintf("(%d, %d)", a, b))
}
cat("Amicable pairs below 3000:", fmt(amicable), "\n")
counts <- table(factor(sapply(2:1000, classify), levels = c("perfect", "abundant", "deficient")))
cat("Classification of 2..1000:", paste0(names(counts), "=", counts, collapse = ", "), "\n")
