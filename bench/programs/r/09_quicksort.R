quicksort <- function(arr) {
  if (length(arr) <= 1) return(arr)
  pivot <- arr[(length(arr) + 1) %/% 2]
  c(quicksort(arr[arr < pivot]), arr[arr == pivot], quicksort(arr[arr > pivot]))
}

quicksort_inplace <- function(arr) {
  # Lomuto partitioning on a local copy; R passes vectors by value.
  sort_range <- function(low, high) {
    if (low >= high) return(invisible(NULL))
    pivot <- arr[high]
    i <- low - 1
    for (j in low:(high - 1)) {
      if (arr[j] <= pivot) {
        i <- i + 1
        tmp <- arr[i]; arr[i] <<- arr[j]; arr[j] <<- tmp
      }
    }
    tmp <- arr[i + 1]; arr[i + 1] <<- arr[high]; arr[high] <<- tmp
    sort_range(low, i)
    sort_range(i + 2, high)
  }
  sort_range(1, length(arr))
  arr
}

fmt <- function(v) paste0("[", paste(v, collapse = ", "), "]")
data <- c(3, 6, 8, 10, 1, 2, 1, 15, -4, 7, 0)
cat("Input:            ", fmt(data), "\n")
cat("Quicksort:        ", fmt(quicksort(data)), "\n")
cat("In-place (Lomuto):", fmt(quicksort_inplace(data)), "\n")
# A larger deterministic input: a small linear congruential sequence.
values <- numeric(2000)
x <- 12345
for (i in 1:2000) {
  x <- (x * 75 + 74) %% 65537
  values[i] <- x %% 1000
}
sorted_values <- quicksort(values)
cat("2000 values sorted:", identical(sorted_values, sort(values)), "\n")
cat("Smallest five:", fmt(head(sorted_values, 5)), "\n")
cat("Largest five:", fmt(tail(sorted_values, 5)), "\n")
