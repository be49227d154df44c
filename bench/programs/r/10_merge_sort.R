merge_sorted <- function(left, right) {
  result <- vector(mode = class(left), length = length(left) + length(right))
  i <- 1
  j <- 1
  k <- 1
  while (i <= length(left) && j <= length(right)) {
    if (left[i] <= right[j]) {
      result[k] <- left[i]
      i <- i + 1
    } else {
      result[k] <- right[j]
      j <- j + 1
    }
    k <- k + 1
  }
  if (i <= length(left)) result[k:length(result)] <- left[i:length(left)]
  if (j <= length(right)) result[k:length(result)] <- right[j:length(right)]
  result
}

merge_sort <- function(arr) {
  if (length(arr) <= 1) return(arr)
  mid <- length(arr) %/% 2
  merge_sorted(merge_sort(arr[1:mid]), merge_sort(arr[(mid + 1):length(arr)]))
}

count_inversions <- function(arr) {
  n <- length(arr)
  count <- 0
  for (i in seq_len(n - 1)) {
    count <- count + sum(arr[(i + 1):n] < arr[i])
  }
  count
}

fmt <- function(v) paste0("[", paste(v, collapse = ", "), "]")
words <- c("banana", "apple", "cherry", "date", "fig", "elderberry", "grape")
numbers <- c(38, 27, 43, 3, 9, 82, 10)
cat("Sorted numbers:", fmt(merge_sort(numbers)), "\n")
cat("Sorted words:", fmt(merge_sort(words)), "\n")
cat("Inversions in", fmt(numbers), "=", count_inversions(numbers), "\n")
cat("Inversions in [1, 2, 3] =", count_inversions(c(1, 2, 3)), "\n")
cat("Inversions in [5, 4, 3, 2, 1] =", count_inversions(c(5, 4, 3, 2, 1)), "\n")
