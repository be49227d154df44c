DIGITS <- c(0:9, LETTERS)

to_base <- function(n, base) {
  if (base < 2 || base > 36) stop("base must be between 2 and 36")
  if (n == 0) return("0")
  sign <- if (n < 0) "-" else ""
  n <- abs(n)
  out <- character(0)
  while (n > 0) {
    out <- c(DIGITS[n %% base + 1], out)
    n <- n %/% base
  }
  paste0(sign, paste(out, collapse = ""))
}

from_base <- function(s, base) {
  s <- toupper(trimws(s))
  sign <- if (startsWith(s, "-")) -1 else 1
  value <- 0
  for (ch in strsplit(sub("^-", "", s), "")[[1]]) {
    d <- match(ch, DIGITS) - 1
    if (is.na(d) || d >= base) stop(sprintf("digit %s invalid for base %d", ch, base))
    value <- value * base + d
  }
  sign * value
}

for (n in c(0, 7, 255, 1000, 65535, -42, 123456789)) {
  cat(sprintf("%10.0f: bin=%s oct=%s hex=%s b36=%s\n", n, to_base(n, 2), to_base(n, 8), to_base(n, 16), to_base(n, 36)))
}
for (p in list(c("11111111", 2), c("777", 8), c("FF", 16), c("zz", 36), c("-101", 2))) {
  cat(sprintf("%s in base %s = %d\n", p[1], p[2], from_base(p[1], as.numeric(p[2]))))
}
tryCatch(from_base("129", 8), error = function(e) cat("Error:", conditionMessage(e), "\n"))
cat("Popcount of 2024:", sum(strsplit(to_base(2024, 2), "")[[1]] == "1"), "\n")
stopifnot(strtoi("zz", base = 36) == 1295, sprintf("%X", 255L) == to_base(255, 16))
