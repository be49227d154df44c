edit_distance <- function(a, b) {
  x <- strsplit(a, "")[[1]]
  y <- strsplit(b, "")[[1]]
  prev <- 0:length(y)
  for (i in seq_along(x)) {
    cur <- i
    for (j in seq_along(y)) {
      cost <- if (x[i] == y[j]) 0 else 1
      cur <- c(cur, min(prev[j + 1] + 1, cur[j] + 1, prev[j] + cost))
    }
    prev <- cur
  }
  prev[length(prev)]
}

closest <- function(word, vocabulary) {
  distances <- sapply(vocabulary, function(v) edit_distance(word, v))
  candidates <- vocabulary[distances == min(distances)]
  sort(candidates)[1]
}

pairs <- list(c("kitten", "sitting"), c("flaw", "lawn"), c("intention", "execution"), c("", "abc"), c("same", "same"))
for (p in pairs) {
  cat(sprintf("distance('%s', '%s') = %d\n", p[1], p[2], edit_distance(p[1], p[2])))
}
stopifnot(edit_distance("kitten", "sitting") == adist("kitten", "sitting")[1, 1])
vocabulary <- c("apple", "banana", "orange", "grape", "melon", "lemon", "cherry")
for (typo in c("aple", "banan", "lemn", "grap", "chery", "mango")) {
  cat(sprintf("Did you mean '%s' for '%s'?\n", closest(typo, vocabulary), typo))
}
