PRECEDENCE <- c("+" = 1, "-" = 1, "*" = 2, "/" = 2, "%" = 2, "^" = 3)

tokenize <- function(expr) {
  chars <- strsplit(expr, "")[[1]]
  tokens <- list()
  i <- 1
  while (i <= length(chars)) {
    ch <- chars[i]
    if (grepl("\\s", ch)) {
      i <- i + 1
    } else if (grepl("[0-9.]", ch)) {
      j <- i
      while (j <= length(chars) && grepl("[0-9.]", chars[j])) j <- j + 1
      tokens[[length(tokens) + 1]] <- as.numeric(paste(chars[i:(j - 1)], collapse = ""))
      i <- j
    } else if (ch %in% c(names(PRECEDENCE), "(", ")")) {
      last <- if (length(tokens) > 0) tokens[[length(tokens)]] else NULL
      if (ch == "-" && (is.null(last) || (is.character(last) && last != ")"))) {
        tokens[[length(tokens) + 1]] <- 0
      }
      tokens[[length(tokens) + 1]] <- ch
      i <- i + 1
    } else {
      stop(sprintf("unexpected character '%s' at %d", ch, i - 1))
    }
  }
  tokens
}

to_rpn <- function(tokens) {
  output <- list()
  ops <- character(0)
  for (tok in tokens) {
    if (is.numeric(tok)) {
      output[[length(output) + 1]] <- tok
    } else if (tok == "(") {
      ops <- c(ops, tok)
    } else if (tok == ")") {
      while (length(ops) > 0 && ops[length(ops)] != "(") {
        output[[length(output) + 1]] <- ops[length(ops)]
        ops <- ops[-length(ops)]
      }
      if (length(ops) == 0) stop("mismatched parentheses")
      ops <- ops[-length(ops)]
    } else {
      while (length(ops) > 0 && ops[length(ops)] != "(") {
        top <- ops[length(ops)]
        if (PRECEDENCE[[top]] > PRECEDENCE[[tok]] || (PRECEDENCE[[top]] == PRECEDENCE[[tok]] && tok != "^")) {
          output[[length(output) + 1]] <- top
          ops <- ops[-length(ops)]
        } else {
          break
        }
      }
      ops <- c(ops, tok)
    }
  }
  for (op in rev(ops)) {
    if (op == "(") stop("mismatched parentheses")
    output[[length(output) + 1]] <- op
  }
  output
}

eval_rpn <- function(rpn) {
  stack <- numeric(0)
  for (tok in rpn) {
    if (is.numeric(tok)) {
      stack <- c(stack, tok)
      next
    }
    b <- stack[length(stack)]
    a <- stack[length(stack) - 1]
    stack <- stack[seq_len(length(stack) - 2)]
    if (tok == "/" && b == 0) stop("division by zero")
    value <- switch(tok, "+" = a + b, "-" = a - b, "*" = a * b, "/" = a / b, "%" = a %% b, "^" = a^b)
    stack <- c(stack, value)
  }
  stack[1]
}

fmt_number <- function(x) if (x == round(x)) sprintf("%d", as.integer(x)) else sprintf("%.4f", x)

expressions <- c("1 + 2 * 3", "(1 + 2) * 3", "10 / 4", "2 ^ 3 ^ 2", "-5 + 3 * (2 - 8)", "17 % 5 + 0.5",
                 "((2.5 + 2.5) * (3 - 1)) / 4", "100 - 99 - 1", "7 / (3 - 3)", "(1 + 2", "3 $ 4")
for (expr in expressions) {
  line <- tryCatch({
    rpn <- to_rpn(tokenize(expr))
    value <- eval_rpn(rpn)
    rpn_text <- paste(sapply(rpn, function(t) if (is.numeric(t)) fmt_number(t) else t), collapse = " ")
    sprintf("%-28s = %-10s RPN: %s", expr, fmt_number(value), rpn_text)
  }, error = function(e) sprintf("%-28s ! error: %s", expr, conditionMessage(e)))
  cat(line, "\n", sep = "")
}
