# The interactive kernel of the llm-sandbox R plugin.
#
# Cells arrive on descriptor 3 (a line "<id> <length>", then <length> bytes of
# code); each gets one JSON answer line on descriptor 4, after its output is
# flushed. Every cell is evaluated in the global environment, so what one cell
# defines the next one sees. Visible values are printed as at the R prompt,
# except the last one, which is the cell's value. Warnings are printed when
# they happen. An interrupt (SIGINT) abandons the running cell.
local({
  cells <- file("/dev/fd/3", open = "rb", raw = TRUE)
  answers <- file("/dev/fd/4", open = "wb", raw = TRUE)

  json_string <- function(x) {
    if (is.null(x)) return("null")
    x <- enc2utf8(paste(x, collapse = "\n"))
    x <- gsub("\\", "\\\\", x, fixed = TRUE)
    x <- gsub("\"", "\\\"", x, fixed = TRUE)
    x <- gsub("\n", "\\n", x, fixed = TRUE)
    x <- gsub("\r", "\\r", x, fixed = TRUE)
    x <- gsub("\t", "\\t", x, fixed = TRUE)
    codes <- utf8ToInt(x)
    if (!anyNA(codes) && any(codes < 32L)) {
      control <- codes < 32L
      pieces <- vapply(codes, intToUtf8, "")
      pieces[control] <- sprintf("\\u%04x", codes[control])
      x <- paste(pieces, collapse = "")
    }
    paste0("\"", x, "\"")
  }

  answer <- function(fields) {
    body <- paste0("\"", names(fields), "\":", unlist(fields), collapse = ",")
    writeBin(charToRaw(paste0("{", body, "}\n")), answers)
    flush(answers)
  }

  read_exactly <- function(n) {
    bytes <- raw(0)
    while (length(bytes) < n) {
      more <- readBin(cells, "raw", n - length(bytes))
      if (length(more) == 0) quit(save = "no", status = 0)
      bytes <- c(bytes, more)
    }
    rawToChar(bytes)
  }

  failure <- function(name, value, traceback = "") {
    list(name = name, value = value, traceback = traceback)
  }

  run_cell <- function(code) {
    exprs <- tryCatch(parse(text = code, keep.source = FALSE), error = function(e) e)
    if (inherits(exprs, "error")) {
      return(list(error = failure("SyntaxError", conditionMessage(exprs))))
    }
    value <- NULL
    raised <- tryCatch(
      withCallingHandlers(
        {
          for (i in seq_along(exprs)) {
            shown <- withVisible(eval(exprs[[i]], envir = globalenv()))
            if (shown$visible) {
              if (i == length(exprs)) {
                value <- paste(utils::capture.output(print(shown$value)), collapse = "\n")
              } else {
                print(shown$value)
              }
            }
          }
          NULL
        },
        warning = function(w) {
          message("Warning message:\n", conditionMessage(w))
          invokeRestart("muffleWarning")
        }
      ),
      error = function(e) {
        # The call that raised it, unless that is the cell itself.
        call <- conditionCall(e)
        where <- if (is.null(call)) "" else paste(deparse(call), collapse = "\n")
        if (startsWith(where, "eval(exprs[[i]]")) where <- ""
        failure(class(e)[1], conditionMessage(e), where)
      },
      interrupt = function(i) failure("interrupt", "the cell was interrupted")
    )
    list(value = value, error = raised)
  }

  answer(list(id = "0", status = json_string("ready")))
  repeat {
    tryCatch({
      header <- readLines(cells, n = 1, warn = FALSE)
      if (length(header) == 0) quit(save = "no", status = 0)
      parts <- strsplit(header, " ", fixed = TRUE)[[1]]
      code <- read_exactly(as.integer(parts[2]))
      result <- run_cell(code)
      # A cell's plots are written when its devices close; the next cell
      # numbers its own from 1 (the hook is set by the plot capture).
      if (grDevices::dev.cur() > 1) grDevices::graphics.off()
      for (hook in getHook("llm.sandbox.plots.cell")) hook()
      flush(stdout())
      flush(stderr())
      if (is.null(result$error)) {
        answer(list(id = parts[1], status = json_string("ok"), value = json_string(result$value)))
      } else {
        e <- result$error
        error <- paste0("{\"name\":", json_string(e$name), ",\"value\":", json_string(e$value),
                        ",\"traceback\":", json_string(e$traceback), "}")
        answer(list(id = parts[1], status = json_string("error"), error = error))
      }
    }, interrupt = function(i) NULL)  # an interrupt that came between cells
  }
})
