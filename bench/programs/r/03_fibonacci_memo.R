fib_iterative <- function(n) {
  a <- 0
  b <- 1
  for (i in seq_len(n)) {
    tmp <- a + b
    a <- b
    b <- tmp
  }
  a
}

# Memoisation with an environment as a cache.
memo <- new.env()
fib_memo <- function(n) {
  key <- as.character(n)
  if (!is.null(memo[[key]])) return(memo[[key]])
  value <- if (n < 2) n else fib_memo(n - 1) + fib_memo(n - 2)
  memo[[key]] <- value
  value
}

cat("First 15 Fibonacci numbers:\n")
cat(paste(sapply(0:14, fib_iterative), collapse = ", "), "\n", sep = "")
# Doubles hold integers exactly up to 2^53, which fib(78) still fits in.
for (n in c(30, 50, 70)) {
  a <- fib_iterative(n)
  b <- fib_memo(n)
  stopifnot(a == b)
  cat(sprintf("fib(%d) = %s\n", n, format(a, scientific = FALSE)))
}
