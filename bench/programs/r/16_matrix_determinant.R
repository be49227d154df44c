determinant_rec <- function(m) {
  n <- nrow(m)
  if (n == 1) return(m[1, 1])
  if (n == 2) return(m[1, 1] * m[2, 2] - m[1, 2] * m[2, 1])
  total <- 0
  for (col in 1:n) {
    minor <- m[-1, -col, drop = FALSE]
    sign <- if (col %% 2 == 1) 1 else -1
    total <- total + sign * m[1, col] * determinant_rec(minor)
  }
  total
}

fmt_matrix <- function(m) {
  rows <- apply(m, 1, function(r) paste0("[", paste(r, collapse = ", "), "]"))
  paste0("[", paste(rows, collapse = ", "), "]")
}

matrices <- list(
  M1 = matrix(c(2, 0, 1, 3), 2, byrow = TRUE),
  M2 = matrix(c(6, 1, 1, 4, -2, 5, 2, 8, 7), 3, byrow = TRUE),
  M3 = matrix(c(1, 2, 3, 4, 5, 6, 7, 8, 2, 6, 4, 8, 3, 1, 1, 2), 4, byrow = TRUE),
  M4 = matrix(1:9, 3, byrow = TRUE)
)
for (name in names(matrices)) {
  m <- matrices[[name]]
  det <- determinant_rec(m)
  cat(sprintf("%s = %s\n", name, fmt_matrix(m)))
  cat(sprintf("  transpose = %s\n", fmt_matrix(t(m))))
  cat(sprintf("  det = %d, trace = %d\n", as.integer(det), as.integer(sum(diag(m)))))
  cat(sprintf("  invertible: %s\n", if (det != 0) "yes" else "no"))
  stopifnot(abs(det - det(m)) < 1e-9)
}
