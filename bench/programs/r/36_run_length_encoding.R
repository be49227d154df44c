rle_encode <- function(s) {
  if (nchar(s) == 0) return("")
  runs <- rle(strsplit(s, "")[[1]])
  paste0(runs$lengths, runs$values, collapse = "")
}

rle_decode <- function(s) {
  if (nchar(s) == 0) return("")
  counts <- as.integer(regmatches(s, gregexpr("[0-9]+", s))[[1]])
  chars <- regmatches(s, gregexpr("[^0-9]", s))[[1]]
  paste(rep(chars, counts), collapse = "")
}

samples <- c("WWWWWWWWWWWWBWWWWWWWWWWWWBBBWWWWWWWWWWWWWWWWWWWWWWWWBWWWWWWWWWWWWWW",
             "aabcccccaaa", "abc", "", "zzzzzzzzzzzz")
for (s in samples) {
  enc <- rle_encode(s)
  dec <- rle_decode(enc)
  ratio <- if (nchar(s) > 0) nchar(enc) / nchar(s) else 0
  shown <- paste0(substr(s, 1, 20), if (nchar(s) > 20) "..." else "")
  cat(sprintf("'%s' (%d) -> '%s' (%d), ratio %.2f, ok=%s\n", shown, nchar(s), enc, nchar(enc), ratio, dec == s))
}
