binary_search <- function(arr, target) {
  low <- 1
  high <- length(arr)
  steps <- 0
  while (low <= high) {
    steps <- steps + 1
    mid <- (low + high) %/% 2
    if (arr[mid] == target) return(list(index = mid - 1, steps = steps))
    if (arr[mid] < target) low <- mid + 1 else high <- mid - 1
  }
  list(index = -1, steps = steps)
}

lower_bound <- function(arr, target) sum(arr < target)

numbers <- seq(0, 199, by = 3)
for (target in c(0, 27, 99, 100, 198, 250)) {
  r <- binary_search(numbers, target)
  if (r$index >= 0) {
    cat(sprintf("Found %d at index %d in %d steps\n", target, r$index, r$steps))
  } else {
    cat(sprintf("%d not found after %d steps (insert at %d)\n", target, r$steps, lower_bound(numbers, target)))
  }
}
