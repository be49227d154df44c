local({
  # The fork server of the llm-sandbox R plugin ("warm starts").
  #
  # R reads this from a FIFO as the input file of `R --no-echo --no-restore
  # --file=FIFO`, the command line Rscript runs. It is ONE top-level
  # expression, so nothing it defines is left in the global environment.
  # Requests arrive on descriptor 3 ("<id> <length>\n", then <length> bytes
  # of JSON: {"argv": ["Rscript", FILE, ARGS...], "env": [[k, v]...],
  # "workdir": DIR}); answers leave on descriptor 4, one JSON per line.
  #
  # Per request the server opens the FIFO for writing, forks, writes the
  # program's text into the FIFO and closes it. The child makes itself look
  # like a fresh `Rscript FILE ARGS` (environment, work dir, commandArgs(),
  # no control descriptors, standard input at its end) and leaves this
  # expression: R's top-level loop then reads the program from the FIFO
  # exactly as it reads Rscript's file (autoprint, errors and
  # "Execution halted", warnings, quit(status =)). The server never
  # evaluates a program itself, and never touches the random number
  # generator, so every run starts from the state of a fresh interpreter.
  # The child is forked attached (parallel's SIGCHLD handler reaps only
  # detached children): its exit status is read from /proc/PID/stat once it
  # is a zombie, then parallel reaps it.
  fifo_path <- Sys.getenv("LLM_SANDBOX_FORK_FIFO")
  # close(2) of any descriptor: parallel's closeFD refuses those of a child.
  sockclose <- get("C_sockclose", envir = asNamespace("utils"))
  # The descriptor the start script wrote this server through.
  .Call(sockclose, 9L)
  requests <- file("/dev/fd/3", open = "rb", raw = TRUE)
  answers <- file("/dev/fd/4", open = "wb", raw = TRUE)
  parallel_ns <- asNamespace("parallel")
  fork <- get("C_mc_fork", envir = parallel_ns)
  close_fds <- get("closeFD", envir = parallel_ns)
  reap <- get("rmChild", envir = parallel_ns)
  server_args <- commandArgs()
  # The descriptor R's top-level loop reads: the FIFO, as long as nobody
  # removed or replaced it (a run may delete .fork/).
  fds <- list.files("/proc/self/fd")
  repl_fd <- fds[Sys.readlink(file.path("/proc/self/fd", fds)) == fifo_path][1L]
  # A run's R removes tempdir() when it ends, as a fresh R removes its own:
  # each run gets it anew (the same path), empty.
  intact <- function() {
    !is.na(repl_fd) && identical(Sys.readlink(file.path("/proc/self/fd", repl_fd)), fifo_path) &&
      !is.null(tryCatch(tempdir(check = TRUE), error = function(e) NULL))
  }
  # Variables R reads only when it starts: a run that sets one to another
  # value than the server's cannot be served.
  at_start <- "^(R_.*|LC_.*|LANG|LANGUAGE|HOME|TZ|OMP_.*|LD_.*|MALLOC_.*)$"
  here <- Sys.getenv()
  here <- structure(as.character(here), names = names(here))
  Sys.unsetenv("LLM_SANDBOX_FORK_FIFO")

  json_string <- function(x) {
    x <- enc2utf8(paste(x, collapse = "\n"))
    x <- gsub("\\", "\\\\", x, fixed = TRUE)
    x <- gsub("\"", "\\\"", x, fixed = TRUE)
    x <- gsub("\n", "\\n", x, fixed = TRUE)
    x <- gsub("\r", "\\r", x, fixed = TRUE)
    x <- gsub("\t", "\\t", x, fixed = TRUE)
    x <- gsub("[\001-\037]", "?", x, useBytes = TRUE)
    paste0("\"", x, "\"")
  }

  answer <- function(id, status, extra = "") {
    line <- paste0("{\"id\":", id, ",\"status\":\"", status, "\"", extra, "}\n")
    writeBin(charToRaw(line), answers)
    flush(answers)
  }

  unsupported <- function(message) structure(list(message = message), class = "unsupported")

  # A small JSON reader (strings, arrays, objects, literals, numbers).
  parse_json <- function(text) {
    pattern <- "\"(?:[^\"\\\\]|\\\\.)*\"|[][{}:,]|true|false|null|-?[0-9][0-9.eE+-]*"
    tokens <- regmatches(text, gregexpr(pattern, text, perl = TRUE))[[1L]]
    rest <- gsub(pattern, "", text, perl = TRUE)
    if (grepl("[^[:space:]]", rest)) stop("not JSON")
    pos <- 0L
    take <- function() {
      pos <<- pos + 1L
      if (pos > length(tokens)) stop("JSON ends early")
      tokens[[pos]]
    }
    unescape <- function(s) {
      s <- substr(s, 2L, nchar(s) - 1L)
      if (!grepl("\\", s, fixed = TRUE)) return(s)
      m <- gregexpr("\\\\(u[0-9a-fA-F]{4}|.)", s, perl = TRUE)
      escapes <- regmatches(s, m)[[1L]]
      regmatches(s, m) <- list(vapply(escapes, function(e) {
        c <- substr(e, 2L, 2L)
        switch(c,
          "n" = "\n", "r" = "\r", "t" = "\t", "b" = "\b", "f" = "\f",
          "/" = "/", "\\" = "\\", "\"" = "\"",
          "u" = {
            code <- strtoi(substr(e, 3L, 6L), 16L)
            if (code == 0L) stop("NUL in a string")
            intToUtf8(code)
          },
          stop("bad escape"))
      }, ""))
      s
    }
    value <- function() {
      t <- take()
      if (t == "[") {
        out <- list()
        if (tokens[[pos + 1L]] == "]") { take(); return(out) }
        repeat {
          out[[length(out) + 1L]] <- value()
          t <- take()
          if (t == "]") return(out)
          if (t != ",") stop("bad array")
        }
      } else if (t == "{") {
        out <- list()
        if (tokens[[pos + 1L]] == "}") { take(); return(out) }
        repeat {
          key <- take()
          if (substr(key, 1L, 1L) != "\"" || take() != ":") stop("bad object")
          out[[unescape(key)]] <- value()
          t <- take()
          if (t == "}") return(out)
          if (t != ",") stop("bad object")
        }
      } else if (substr(t, 1L, 1L) == "\"") {
        unescape(t)
      } else if (t == "null") {
        NULL
      } else if (t == "true" || t == "false") {
        t == "true"
      } else if (grepl("^-?[0-9]", t)) {
        as.numeric(t)
      } else {
        stop("bad JSON")
      }
    }
    v <- value()
    if (pos != length(tokens)) stop("trailing JSON")
    v
  }

  strings <- function(x) {
    if (!is.list(x) || !all(vapply(x, function(s) is.character(s) && length(s) == 1L, NA))) {
      stop("a list of strings was expected")
    }
    unlist(x, use.names = FALSE)
  }

  # What a request asks for, or why it cannot be served.
  prepare <- function(body) {
    request <- parse_json(body)
    argv <- strings(request$argv)
    env <- lapply(if (is.null(request$env)) list() else request$env, strings)
    workdir <- request$workdir
    if (!is.character(workdir) || length(workdir) != 1L || !nzchar(workdir)) {
      stop("no work dir")
    }
    if (length(argv) < 2L || basename(argv[[1L]]) != "Rscript") {
      return(unsupported("not `Rscript FILE ARGS`"))
    }
    script <- argv[[2L]]
    if (startsWith(script, "-")) {
      return(unsupported(paste("Rscript option", script)))
    }
    path <- if (startsWith(script, "/")) script else file.path(workdir, script)
    if (!dir.exists(workdir)) return(unsupported("the work dir does not exist"))
    size <- file.size(path)
    if (is.na(size)) return(unsupported("the program file does not exist"))
    for (pair in env) {
      if (length(pair) != 2L) stop("an environment entry is not a pair")
      if (!grepl("^[A-Za-z_][A-Za-z0-9_]*$", pair[[1L]])) {
        return(unsupported(paste("an unusual variable name:", pair[[1L]])))
      }
      if (grepl(at_start, pair[[1L]]) && !identical(unname(here[pair[[1L]]]), pair[[2L]])) {
        return(unsupported(paste0("`", pair[[1L]], "` differs from the server's (R reads it when it starts)")))
      }
    }
    home <- Sys.getenv("HOME")
    for (profile in c(file.path(workdir, c(".Rprofile", ".Renviron")),
                      if (nzchar(home)) file.path(home, c(".Rprofile", ".Renviron")))) {
      if (file.exists(profile)) {
        return(unsupported(paste(profile, "exists (R reads it when it starts)")))
      }
    }
    list(
      code = readBin(path, "raw", size),
      env = env,
      workdir = workdir,
      args = c(server_args[1L], "--no-echo", "--no-restore", paste0("--file=", script),
               if (length(argv) > 2L) c("--args", argv[-(1:2)]))
    )
  }

  # The raw wait status of the zombie `pid` (NA while it runs).
  wait_status <- function(pid) {
    stat <- tryCatch(readLines(sprintf("/proc/%d/stat", pid), warn = FALSE),
                     error = function(e) character(0), warning = function(w) character(0))
    if (!length(stat)) return(-1L)
    fields <- strsplit(sub("^.*\\) ", "", stat[[1L]]), " ", fixed = TRUE)[[1L]]
    if (fields[[1L]] != "Z") return(NA_integer_)
    as.integer(fields[[50L]])
  }

  # In the child: become `Rscript FILE ARGS` and leave to R's top-level loop.
  become <- function(run, program, master) {
    close(program)
    close(requests)
    close(answers)
    # Descriptors a program must not write to: the control channel, the
    # pipe to this server, and the write end of its own standard input
    # (parallel makes that a pipe from the server, which closes its end, so
    # that the program reads the end at once, as Rscript's /dev/null).
    stdin_pipe <- Sys.readlink("/proc/self/fd/0")
    fds <- setdiff(as.integer(list.files("/proc/self/fd")), 0:2)
    links <- Sys.readlink(sprintf("/proc/self/fd/%d", fds))
    close_fds(c(3L, 4L, master, fds[startsWith(stdin_pipe, "pipe:") & links == stdin_pipe]))
    for (pair in run$env) {
      value <- list(pair[[2L]])
      names(value) <- pair[[1L]]
      do.call(Sys.setenv, value)
    }
    setwd(run$workdir)
    args <- run$args
    base <- baseenv()
    replacement <- eval(bquote(function(trailingOnly = FALSE) {
      args <- .(args)
      if (trailingOnly) {
        m <- match("--args", args, 0L)
        if (m) args[-seq_len(m)] else character()
      } else args
    }), base)
    unlockBinding("commandArgs", base)
    assign("commandArgs", replacement, envir = base)
    lockBinding("commandArgs", base)
  }

  answer(0L, "ready")
  repeat {
    header <- readLines(requests, n = 1L, warn = FALSE)
    if (!length(header)) quit(save = "no", status = 0L)
    parts <- strsplit(header, " ", fixed = TRUE)[[1L]]
    if (length(parts) != 2L || !grepl("^[0-9]{1,15}$", parts[1L]) ||
        !grepl("^[0-9]{1,9}$", parts[2L])) {
      quit(save = "no", status = 2L)
    }
    id <- parts[1L]
    length <- as.integer(parts[2L])
    body <- if (length) readBin(requests, "raw", length) else raw(0)
    if (length(body) != length) quit(save = "no", status = 2L)
    run <- tryCatch(prepare(rawToChar(body)), error = function(e) {
      unsupported(paste("bad request:", conditionMessage(e)))
    })
    if (!inherits(run, "unsupported") && !intact()) {
      # Answered, then gone: the host starts a new server.
      answer(id, "unsupported", paste0(",\"message\":", json_string("the server's FIFO is gone, or tempdir() cannot be made")))
      quit(save = "no", status = 0L)
    }
    if (inherits(run, "unsupported")) {
      answer(id, "unsupported", paste0(",\"message\":", json_string(run$message)))
      next
    }
    # Opened before the fork: the child never sees the FIFO without a writer.
    forked <- tryCatch({
      program <- file(fifo_path, open = "wb", raw = TRUE)
      .Call(fork, FALSE)
    }, error = function(e) NULL, warning = function(w) NULL)
    if (is.null(forked)) {
      # Nothing ran; a new server may do better.
      answer(id, "unsupported", paste0(",\"message\":", json_string("could not fork")))
      quit(save = "no", status = 0L)
    }
    pid <- forked[1L]
    if (pid == 0L) {
      become(run, program, forked[2L])
      break
    }
    # The write end of the child's standard input, so that it reads the end
    # at once. (When parallel reaps the child, it closes this number again:
    # nothing opened after this point is still open then.)
    .Call(sockclose, forked[3L])
    # Nothing of the program has run before it is written to the FIFO.
    answer(id, "started")
    tryCatch(writeBin(run$code, program), error = function(e) NULL)
    close(program)
    delay <- 0.0005
    repeat {
      status <- wait_status(pid)
      if (!is.na(status)) break
      Sys.sleep(delay)
      delay <- min(delay * 1.5, 0.002)
    }
    reap(pid)
    if (status < 0L) {
      quit(save = "no", status = 3L)
    } else if (status %% 128L == 0L) {
      answer(id, "exited", paste0(",\"code\":", status %/% 256L))
    } else {
      answer(id, "signaled", paste0(",\"signal\":", status %% 128L))
    }
  }
  invisible(NULL)
})
