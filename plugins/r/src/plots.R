# Plot capture of the llm-sandbox R plugin (R_PROFILE_USER of a run that
# captures plots). Every plot becomes $LLM_SANDBOX_PLOTS/<order>.<ext>, one
# file per format of $LLM_SANDBOX_PLOT_FORMATS (png, svg, pdf), raster ones at
# $LLM_SANDBOX_PLOT_DPI; `order` counts from 1 in the order the program
# showed its plots:
#
# - a page drawn on the default device (base graphics, printed ggplot2 and
#   lattice plots): the device records the page (its display list) and the
#   page is replayed once per format when it is complete, that is when the
#   next page starts on that device, when the device closes (dev.off(),
#   graphics.off()) or when R exits. Its order is taken when it starts. The
#   recording device is of the first format (its text measures are those of
#   the first file), 7 x 7 inches unless dev.new() asked for another size.
#   R has no hook for a closing device, so grDevices' dev.off (which
#   graphics.off calls) is rebound in its namespace to capture the page
#   first; a device the program opens itself (png("x.png")) is left alone;
# - a plot saved with ggplot2's ggsave(): once ggsave() has written the
#   user's file, the plot object is drawn again in every format, at the size
#   ggsave() used (width, height, units, scale; the run's DPI). ggsave is
#   rebound in ggplot2's namespace when ggplot2 loads.
#
# The profile R would have read otherwise (./.Rprofile, else ~/.Rprofile) is
# read first. The interactive kernel closes the devices after each cell and
# then runs the hook "llm.sandbox.plots.cell" (numbering starts again).
local({
  for (profile in c(".Rprofile", file.path(Sys.getenv("HOME"), ".Rprofile"))) {
    if (nzchar(profile) && file.exists(profile)) {
      sys.source(profile, envir = globalenv())
      break
    }
  }
  dir <- Sys.getenv("LLM_SANDBOX_PLOTS")
  if (!nzchar(dir)) return(invisible())
  dir.create(dir, recursive = TRUE, showWarnings = FALSE)
  formats <- strsplit(Sys.getenv("LLM_SANDBOX_PLOT_FORMATS", "png"), ",", fixed = TRUE)[[1]]
  formats <- unique(formats[formats %in% c("png", "svg", "pdf")])
  if (!length(formats)) formats <- "png"
  dpi <- as.numeric(Sys.getenv("LLM_SANDBOX_PLOT_DPI", "100"))

  grDevicesNamespace <- asNamespace("grDevices")
  # The device closer of R itself (dev.off is wrapped below).
  close_device <- get("dev.off", envir = grDevicesNamespace)

  state <- new.env(parent = emptyenv())
  # Plots numbered so far in this run (or interactive cell).
  state$order <- 0L
  # The recording devices, by number: the order of the page each has open,
  # NA when none has started.
  state$pages <- integer(0)

  say <- function(what, e) message("llm-sandbox: ", what, ": ", conditionMessage(e))

  next_order <- function() {
    state$order <- state$order + 1L
    state$order
  }

  recording <- function(device) as.character(device) %in% names(state$pages)

  # Open a device of `format` drawing into `file` (pdf: NULL draws nowhere).
  open_device <- function(format, file, width, height, bg = NULL) {
    size <- list(width = width, height = height)
    if (!is.null(bg)) size$bg <- bg
    switch(format,
      svg = do.call(grDevices::svg, c(list(filename = file, onefile = FALSE), size)),
      pdf = do.call(grDevices::pdf, c(list(file = file), size)),
      do.call(grDevices::png, c(list(
        filename = file, units = "in", res = dpi,
        type = if (capabilities("cairo")) "cairo" else getOption("bitmapType")
      ), size))
    )
    grDevices::dev.cur()
  }

  # Draw plot `order` in every format; on failure, say so and leave no file.
  emit <- function(order, draw, width, height, bg = NULL) {
    # Sizes in inches, without float noise (504 / 72 is not quite 7).
    width <- round(width, 6)
    height <- round(height, 6)
    files <- file.path(dir, sprintf("%04d.%s", order, formats))
    current <- grDevices::dev.cur()
    on.exit(if (current > 1 && current %in% grDevices::dev.list()) grDevices::dev.set(current))
    tryCatch(
      for (i in seq_along(formats)) {
        device <- open_device(formats[i], files[i], width, height, bg)
        tryCatch(draw(), finally = close_device(device))
      },
      error = function(e) {
        unlink(files)
        say(sprintf("plot %d could not be captured", order), e)
      }
    )
  }

  # Whether a display list draws anything (not only par() or layout()).
  draws <- function(snapshot) {
    setting <- function(entry) {
      name <- tryCatch(entry[[2]][[1]]$name, error = function(e) "")
      isTRUE(name %in% c("C_par", "C_layout"))
    }
    length(snapshot[[1]]) > 0 && !all(vapply(snapshot[[1]], setting, NA))
  }

  # The page recording device `device` has open becomes a plot.
  complete <- function(device) {
    key <- as.character(device)
    order <- state$pages[[key]]
    state$pages[[key]] <- NA_integer_
    current <- grDevices::dev.cur()
    if (current != device) grDevices::dev.set(device)
    snapshot <- grDevices::recordPlot()
    size <- grDevices::dev.size("in")
    if (current != device) grDevices::dev.set(current)
    if (is.na(order)) {
      # Drawn without a new page (grid on a fresh device): a plot now.
      if (!draws(snapshot)) return(invisible())
      order <- next_order()
    }
    emit(order, function() grDevices::replayPlot(snapshot), size[1], size[2])
  }

  # Before a page starts (plot.new() when par("page") says so, grid.newpage()):
  # the device's previous page is complete, the new one takes the next order.
  starting <- function(base) {
    tryCatch({
      if (grDevices::dev.cur() == 1) grDevices::dev.new()
      device <- grDevices::dev.cur()
      if (recording(device) && (!base || graphics::par("page"))) {
        complete(device)
        state$pages[[as.character(device)]] <- next_order()
      }
    }, error = function(e) say("a plot could not be captured", e))
  }
  setHook("before.plot.new", function() starting(base = TRUE))
  setHook("before.grid.newpage", function() starting(base = FALSE))

  # Closing a recording device completes its page.
  closing <- function(which) {
    if (!recording(which)) return(invisible())
    tryCatch(complete(which), error = function(e) say("a plot could not be captured", e))
    state$pages <- state$pages[names(state$pages) != as.character(which)]
  }
  wrapped <- close_device
  body(wrapped) <- bquote({
    .(closing)(which)
    .(body(close_device))
  })
  rebind <- function(env, name, value) {
    unlockBinding(name, env)
    assign(name, value, envir = env)
    lockBinding(name, env)
  }
  rebind(grDevicesNamespace, "dev.off", wrapped)
  if ("package:grDevices" %in% search()) {
    rebind(as.environment("package:grDevices"), "dev.off", wrapped)
  }

  # The default device: one that records, in the first format, into a
  # scratch file (pdf: none).
  options(device = function(width = 7, height = 7, ...) {
    scratch <- if (formats[1] == "pdf") NULL else {
      file.path(tempdir(), paste0("llm-sandbox-page.", formats[1]))
    }
    device <- open_device(formats[1], scratch, width, height)
    grDevices::dev.control(displaylist = "enable")
    state$pages[[as.character(device)]] <- NA_integer_
    invisible()
  })

  # Pages still open when R exits (also after an error) are plots.
  reg.finalizer(state, function(state) {
    for (key in names(state$pages)) {
      if (as.integer(key) %in% grDevices::dev.list()) {
        tryCatch(complete(as.integer(key)), error = function(e) say("a plot could not be captured", e))
      }
    }
  }, onexit = TRUE)

  # A new interactive cell numbers its plots from 1 again.
  setHook("llm.sandbox.plots.cell", function() state$order <- 0L)

  # ggsave(): after the user's file is written, the plot once more, captured.
  saved <- function(frame) {
    arg <- function(name, default = NULL) {
      if (exists(name, envir = frame, inherits = FALSE)) get(name, envir = frame) else default
    }
    units <- match.arg(arg("units", "in"), c("in", "cm", "mm", "px"))
    saved_dpi <- arg("dpi", 300)
    if (is.character(saved_dpi)) {
      saved_dpi <- switch(saved_dpi, screen = 72, print = 300, retina = 320)
    }
    scale <- arg("scale", 1)
    per_inch <- c(`in` = 1, cm = 2.54, mm = 25.4, px = saved_dpi)[[units]]
    inches <- c(arg("width", NA), arg("height", NA)) / per_inch * scale
    if (anyNA(inches)) {
      # As ggsave(): the current device's size, else 7 x 7 inches.
      fallback <- if (length(grDevices::dev.list())) grDevices::dev.size("in") * scale else c(7, 7)
      inches[is.na(inches)] <- fallback[is.na(inches)]
    }
    plot <- arg("plot")
    emit(next_order(), function() grid::grid.draw(plot), inches[1], inches[2], arg("bg"))
  }
  forward <- function(original, frame, call) {
    supplied <- names(call)[-1]
    args <- list()
    for (name in names(formals(original))) {
      if (!name %in% supplied) next
      if (name == "...") args <- c(args, list(quote(...))) else args[[name]] <- as.name(name)
    }
    # The wrapper's arguments, each evaluated once, by ggsave itself (its
    # errors name `ggsave()`).
    env <- new.env(parent = frame)
    env$ggsave <- original
    shown <- withVisible(eval(as.call(c(list(as.name("ggsave")), args)), env))
    tryCatch(saved(frame), error = function(e) say("the plot saved with ggsave() could not be captured", e))
    if (shown$visible) shown$value else invisible(shown$value)
  }
  wrap_ggsave <- function(...) {
    ns <- asNamespace("ggplot2")
    original <- get("ggsave", envir = ns)
    wrapper <- original
    body(wrapper) <- bquote(.(forward)(.(original), environment(), match.call(expand.dots = FALSE)))
    rebind(ns, "ggsave", wrapper)
    if ("package:ggplot2" %in% search()) rebind(as.environment("package:ggplot2"), "ggsave", wrapper)
  }
  if (isNamespaceLoaded("ggplot2")) {
    wrap_ggsave()
  } else {
    setHook(packageEvent("ggplot2", "onLoad"), wrap_ggsave)
  }
})
