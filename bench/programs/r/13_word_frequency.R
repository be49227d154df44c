TEXT <- "
It was the best of times, it was the worst of times, it was the age of wisdom,
it was the age of foolishness, it was the epoch of belief, it was the epoch of
incredulity, it was the season of Light, it was the season of Darkness, it was
the spring of hope, it was the winter of despair.
"

word_frequencies <- function(text) {
  words <- regmatches(tolower(text), gregexpr("[a-z']+", tolower(text)))[[1]]
  table(words)
}

freq <- word_frequencies(TEXT)
cat(sprintf("Total words: %d\n", sum(freq)))
cat(sprintf("Unique words: %d\n", length(freq)))
cat("Top 5 words:\n")
ranked <- freq[order(-as.integer(freq), names(freq))]
for (i in 1:5) {
  word <- names(ranked)[i]
  count <- as.integer(ranked[i])
  cat(sprintf("  %-8s %3d %s\n", word, count, strrep("*", count)))
}
singles <- sort(names(freq)[freq == 1])
cat("Words used once:", paste(singles, collapse = ", "), "\n")
