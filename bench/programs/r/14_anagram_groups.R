sort_letters <- function(word) paste(sort(strsplit(word, "")[[1]]), collapse = "")

group_anagrams <- function(words) {
  keys <- sapply(words, sort_letters)
  unname(split(words, factor(keys, levels = unique(keys))))
}

are_anagrams <- function(a, b) {
  clean <- function(s) sort_letters(gsub(" ", "", tolower(s)))
  clean(a) == clean(b)
}

words <- c("eat", "tea", "tan", "ate", "nat", "bat", "listen", "silent", "enlist", "google", "tab")
groups <- group_anagrams(words)
sizes <- sapply(groups, length)
firsts <- sapply(groups, function(g) g[1])
for (g in groups[order(-sizes, firsts)]) {
  cat(sprintf("%d: %s\n", length(g), paste(sort(g), collapse = " ")))
}
pairs <- list(c("Dormitory", "dirty room"), c("hello", "world"), c("The eyes", "They see"))
for (p in pairs) {
  cat(sprintf("'%s' and '%s' anagrams? %s\n", p[1], p[2], are_anagrams(p[1], p[2])))
}
