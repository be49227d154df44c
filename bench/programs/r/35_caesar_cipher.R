encrypt <- function(text, shift) {
  shift <- shift %% 26
  upper <- paste(LETTERS, collapse = "")
  lower <- paste(letters, collapse = "")
  shifted_upper <- paste(c(LETTERS[(shift + 1):26], LETTERS[seq_len(shift)]), collapse = "")
  shifted_lower <- paste(c(letters[(shift + 1):26], letters[seq_len(shift)]), collapse = "")
  if (shift == 0) return(text)
  chartr(paste0(upper, lower), paste0(shifted_upper, shifted_lower), text)
}

decrypt <- function(text, shift) encrypt(text, -shift)

crack <- function(ciphertext) {
  common <- strsplit("etaoinshr", "")[[1]]
  scores <- sapply(0:25, function(s) {
    chars <- strsplit(tolower(decrypt(ciphertext, s)), "")[[1]]
    sum(chars %in% common)
  })
  best <- which.max(scores) - 1
  list(shift = best, plain = decrypt(ciphertext, best))
}

message <- "The Quick Brown Fox Jumps Over The Lazy Dog!"
for (shift in c(3, 13, 25)) {
  enc <- encrypt(message, shift)
  cat(sprintf("shift %2d: %s\n", shift, enc))
  stopifnot(decrypt(enc, shift) == message)
}
secret <- encrypt("Meet me at the usual place at ten rather than eight o'clock", 7)
cat("Ciphertext:", secret, "\n")
r <- crack(secret)
cat(sprintf("Cracked shift %d: %s\n", r$shift, r$plain))
cat("ROT13 twice:", encrypt(encrypt("Hello, World", 13), 13), "\n")
