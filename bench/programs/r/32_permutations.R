permutations <- function(items) {
  if (length(items) <= 1) return(list(items))
  result <- list()
  for (i in seq_along(items)) {
    for (rest in permutations(items[-i])) {
      result[[length(result) + 1]] <- c(items[i], rest)
    }
  }
  result
}

next_permutation <- function(s) {
  n <- length(s)
  i <- n - 1
  while (i >= 1 && s[i] >= s[i + 1]) i <- i - 1
  if (i < 1) return(NULL)
  j <- n
  while (s[j] <= s[i]) j <- j - 1
  tmp <- s[i]; s[i] <- s[j]; s[j] <- tmp
  c(s[1:i], rev(s[(i + 1):n]))
}

perms <- permutations(c("a", "b", "c"))
cat(sprintf("%d permutations of abc: %s\n", length(perms), paste(sapply(perms, paste, collapse = ""), collapse = " ")))
cat("Permutations of 1..6:", length(permutations(1:6)), "\n")
s <- c(1, 2, 2, 3)
count <- 0
while (!is.null(s)) {
  count <- count + 1
  if (count <= 5) cat(paste(s, collapse = ""), "\n", sep = "")
  s <- next_permutation(s)
}
cat(sprintf("Distinct permutations of 1223: %d\n", count))
