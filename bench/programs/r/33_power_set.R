power_set <- function(items) {
  subsets <- list(c())
  for (item in items) {
    subsets <- c(subsets, lapply(subsets, function(s) c(s, item)))
  }
  subsets
}

subsets_with_sum <- function(numbers, target) {
  result <- list()
  backtrack <- function(start, chosen, total) {
    if (total == target) result[[length(result) + 1]] <<- chosen
    for (i in seq(start, length.out = max(0, length(numbers) - start + 1))) {
      if (total + numbers[i] > target) next
      backtrack(i + 1, c(chosen, numbers[i]), total + numbers[i])
    }
  }
  backtrack(1, c(), 0)
  result
}

ps <- power_set(c("x", "y", "z"))
sizes <- sapply(ps, length)
labels <- sapply(ps, paste, collapse = ", ")
cat(sprintf("Power set of xyz (%d subsets):\n", length(ps)))
for (i in order(sizes, labels)) cat(sprintf("  {%s}\n", labels[i]))
nums <- c(3, 34, 4, 12, 5, 2)
cat(sprintf("Subsets of [%s] summing to 9:\n", paste(nums, collapse = ", ")))
for (s in subsets_with_sum(nums, 9)) cat(sprintf("   [%s]\n", paste(s, collapse = ", ")))
cat("Size of power set of 12 items:", length(power_set(1:12)), "\n")
