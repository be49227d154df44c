bubble_sort <- function(arr) {
  n <- length(arr)
  swaps <- 0
  if (n > 1) {
    for (i in 1:(n - 1)) {
      swapped <- FALSE
      for (j in 1:(n - i)) {
        if (arr[j] > arr[j + 1]) {
          tmp <- arr[j]
          arr[j] <- arr[j + 1]
          arr[j + 1] <- tmp
          swaps <- swaps + 1
          swapped <- TRUE
        }
      }
      if (!swapped) break
    }
  }
  list(sorted = arr, swaps = swaps)
}

fmt <- function(v) paste0("[", paste(v, collapse = ", "), "]")
test_cases <- list(c(64, 34, 25, 12, 22, 11, 90), c(5, 1, 4, 2, 8), c(1, 2, 3, 4, 5),
                   numeric(0), c(3, 3, 1, 2, 1))
for (tc in test_cases) {
  result <- bubble_sort(tc)
  cat(sprintf("%s -> %s (%d swaps)\n", fmt(tc), fmt(result$sorted), result$swaps))
}
