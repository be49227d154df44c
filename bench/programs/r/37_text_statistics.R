TEXT <- paste(
  "Python is a high-level, general-purpose programming language. Its design philosophy",
  "emphasizes code readability with the use of significant indentation. Python is dynamically",
  "typed and garbage-collected. It supports multiple programming paradigms, including structured,",
  "object-oriented and functional programming. It is often described as a \"batteries included\"",
  "language due to its comprehensive standard library.",
  sep = "\n"
)

sentences <- function(text) {
  parts <- trimws(strsplit(gsub("\n", " ", text), ".", fixed = TRUE)[[1]])
  parts[parts != ""]
}

words <- function(text) {
  cleaned <- gsub("[^a-z'-]", " ", tolower(text))
  w <- strsplit(cleaned, "\\s+")[[1]]
  w[w != ""]
}

ws <- words(TEXT)
ss <- sentences(TEXT)
chars <- strsplit(TEXT, "")[[1]]
letters_count <- sum(grepl("[A-Za-z]", chars))
vowels <- sum(tolower(chars) %in% c("a", "e", "i", "o", "u"))
cat(sprintf("Characters: %d\n", nchar(TEXT)))
cat(sprintf("Letters: %d (vowels %d, consonants %d)\n", letters_count, vowels, letters_count - vowels))
cat(sprintf("Words: %d, unique: %d\n", length(ws), length(unique(ws))))
cat(sprintf("Sentences: %d\n", length(ss)))
cat(sprintf("Average word length: %.2f\n", mean(nchar(ws))))
cat(sprintf("Average words per sentence: %.2f\n", length(ws) / length(ss)))
lengths <- nchar(ws)
longest <- sort(ws[lengths == max(lengths)], decreasing = TRUE)[1]
cat(sprintf("Longest word: %s (%d)\n", longest, nchar(longest)))
cat("Word length histogram:\n")
histogram <- table(lengths)
for (len in names(histogram)) {
  cat(sprintf("  %2d: %s\n", as.integer(len), strrep("#", histogram[[len]])))
}
