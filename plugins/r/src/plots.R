# Plot capture of the llm-sandbox R plugin (R_PROFILE_USER of a run that
# captures plots). Every page drawn on the default device (base graphics,
# printed ggplot2 and lattice plots) becomes $LLM_SANDBOX_PLOTS/<order>.<ext>,
# in the first format of $LLM_SANDBOX_PLOT_FORMATS (png, svg or pdf), at
# $LLM_SANDBOX_PLOT_DPI. The profile R would have read otherwise (./.Rprofile,
# else ~/.Rprofile) is read first.
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
  format <- strsplit(Sys.getenv("LLM_SANDBOX_PLOT_FORMATS", "png"), ",", fixed = TRUE)[[1]][1]
  dpi <- as.numeric(Sys.getenv("LLM_SANDBOX_PLOT_DPI", "100"))
  pages <- file.path(dir, paste0("%04d.", format))
  options(device = switch(format,
    svg = function(...) grDevices::svg(pages, width = 7, height = 7, onefile = FALSE),
    pdf = function(...) grDevices::pdf(pages, width = 7, height = 7, onefile = FALSE),
    function(...) {
      if (capabilities("cairo")) {
        grDevices::png(pages, width = 7, height = 7, units = "in", res = dpi, type = "cairo")
      } else {
        grDevices::png(pages, width = 7, height = 7, units = "in", res = dpi)
      }
    }
  ))
})
