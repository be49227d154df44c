is_palindrome <- function(text) {
  cleaned <- gsub("[^a-z0-9]", "", tolower(text))
  chars <- strsplit(cleaned, "")[[1]]
  identical(chars, rev(chars))
}

longest_palindromic_substring <- function(s) {
  chars <- strsplit(s, "")[[1]]
  n <- length(chars)
  best <- ""
  for (center in seq_len(n)) {
    for (offset in 0:1) {
      left <- center
      right <- center + offset
      while (left >= 1 && right <= n && chars[left] == chars[right]) {
        left <- left - 1
        right <- right + 1
      }
      if (right - left - 1 > nchar(best)) {
        best <- substr(s, left + 1, right - 1)
      }
    }
  }
  best
}

phrases <- c("racecar", "A man, a plan, a canal: Panama", "hello",
             "Was it a car or a cat I saw?", "No lemon, no melon", "Python")
for (phrase in phrases) {
  verdict <- if (is_palindrome(phrase)) "is" else "is not"
  cat(sprintf("\"%s\" %s a palindrome\n", phrase, verdict))
}
for (word in c("babad", "cbbd", "forgeeksskeegfor")) {
  cat(sprintf("Longest palindrome in %s: %s\n", word, longest_palindromic_substring(word)))
}
