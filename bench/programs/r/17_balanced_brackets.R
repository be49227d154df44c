is_balanced <- function(expr) {
  pairs <- c(")" = "(", "]" = "[", "}" = "{")
  stack <- character(0)
  chars <- strsplit(expr, "")[[1]]
  for (i in seq_along(chars)) {
    ch <- chars[i]
    if (ch %in% c("(", "[", "{")) {
      stack <- c(stack, ch)
    } else if (ch %in% names(pairs)) {
      if (length(stack) == 0 || stack[length(stack)] != pairs[[ch]]) {
        return(list(ok = FALSE, pos = i - 1))
      }
      stack <- stack[-length(stack)]
    }
  }
  if (length(stack) > 0) return(list(ok = FALSE, pos = nchar(expr)))
  list(ok = TRUE, pos = -1)
}

tests <- c("()", "([]{})", "(]", "([)]", "{[()()]}", "((())", "function(a) { return [a, (b)]; }", "")
for (t in tests) {
  r <- is_balanced(t)
  if (r$ok) {
    cat(sprintf("'%s': balanced\n", t))
  } else {
    cat(sprintf("'%s': unbalanced at position %d\n", t, r$pos))
  }
}
