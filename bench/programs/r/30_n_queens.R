solve_n_queens <- function(n) {
  solutions <- list()
  placement <- integer(0)
  place <- function(row) {
    if (row > n) {
      solutions[[length(solutions) + 1]] <<- placement
      return(invisible())
    }
    for (col in seq_len(n)) {
      rows <- seq_along(placement)
      if (any(placement == col) || any(abs(placement - col) == abs(rows - row))) next
      placement <<- c(placement, col)
      place(row + 1)
      placement <<- placement[-length(placement)]
    }
  }
  place(1)
  solutions
}

for (n in 1:8) {
  cat(sprintf("%d-queens: %d solutions\n", n, length(solve_n_queens(n))))
}
cat("First solution for 8 queens:\n")
for (col in solve_n_queens(8)[[1]]) {
  cat(paste(ifelse(1:8 == col, "Q", "."), collapse = " "), "\n", sep = "")
}
