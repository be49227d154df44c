mat_mul <- function(a, b) {
  if (ncol(a) != nrow(b)) stop("incompatible dimensions")
  result <- matrix(0, nrow(a), ncol(b))
  for (i in seq_len(nrow(a))) {
    for (j in seq_len(ncol(b))) {
      result[i, j] <- sum(a[i, ] * b[, j])
    }
  }
  result
}

mat_pow <- function(m, p) {
  result <- diag(nrow(m))
  while (p > 0) {
    if (p %% 2 == 1) result <- result %*% m
    m <- m %*% m
    p <- p %/% 2
  }
  result
}

show <- function(name, m) {
  cat(name, ":\n", sep = "")
  for (i in seq_len(nrow(m))) {
    cat("  ", paste(sprintf("%5d", as.integer(m[i, ])), collapse = " "), "\n", sep = "")
  }
}

A <- matrix(1:6, nrow = 2, byrow = TRUE)
B <- matrix(7:12, nrow = 3, byrow = TRUE)
show("A", A)
show("B", B)
show("A x B", mat_mul(A, B))
show("B x A", mat_mul(B, A))
stopifnot(all(mat_mul(A, B) == A %*% B))
show("F^10", mat_pow(matrix(c(1, 1, 1, 0), 2), 10))
tryCatch(mat_mul(A, A), error = function(e) cat("Error:", conditionMessage(e), "\n"))
