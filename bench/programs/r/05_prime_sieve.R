sieve <- function(limit) {
  is_prime <- rep(TRUE, limit)
  is_prime[1] <- FALSE
  p <- 2
  while (p * p <= limit) {
    if (is_prime[p]) {
      is_prime[seq(p * p, limit, by = p)] <- FALSE
    }
    p <- p + 1
  }
  which(is_prime)
}

primes <- sieve(100)
cat(sprintf("Primes up to 100 (%d):\n", length(primes)))
cat(primes, "\n")
big <- sieve(100000)
cat(sprintf("Number of primes below 100000: %d\n", length(big)))
cat(sprintf("Largest prime below 100000: %d\n", max(big)))
twins <- primes[(primes + 2) %in% primes]
cat("Twin primes:", paste0("(", twins, ", ", twins + 2, ")", collapse = ", "), "\n")
