split_words <- function(s) {
  words <- strsplit(trimws(s), "\\s+")[[1]]
  words[words != ""]
}

reverse_string <- function(w) paste(rev(strsplit(w, "")[[1]]), collapse = "")

reverse_words <- function(s) paste(rev(split_words(s)), collapse = " ")
reverse_each_word <- function(s) paste(sapply(split_words(s), reverse_string), collapse = " ")
capitalize_words <- function(s) {
  words <- split_words(s)
  paste0(toupper(substring(words, 1, 1)), substring(words, 2), collapse = " ")
}

sentences <- c("the quick brown fox jumps over the lazy dog",
               "hello world",
               "  leading and trailing spaces  ")
for (s in sentences) {
  cat(sprintf("Original:    '%s'\n", s))
  cat(sprintf("Reversed:    '%s'\n", reverse_words(s)))
  cat(sprintf("Each word:   '%s'\n", reverse_each_word(s)))
  cat(sprintf("Capitalized: '%s'\n", capitalize_words(s)))
  cat("\n")
}
