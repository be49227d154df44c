format_value <- function(value, indent = 0, step = 2) {
  pad <- strrep(" ", indent)
  inner <- strrep(" ", indent + step)
  if (is.null(value)) return("null")
  if (is.list(value)) {
    if (length(value) == 0) return(if (is.null(names(value))) "[]" else "{}")
    if (!is.null(names(value))) {
      items <- mapply(function(k, v) sprintf("%s\"%s\": %s", inner, k, format_value(v, indent + step, step)),
                      names(value), value)
      return(paste0("{\n", paste(items, collapse = ",\n"), "\n", pad, "}"))
    }
    items <- sapply(value, function(v) paste0(inner, format_value(v, indent + step, step)))
    return(paste0("[\n", paste(items, collapse = ",\n"), "\n", pad, "]"))
  }
  if (length(value) != 1 || inherits(value, "AsIs")) {
    # An atomic vector is a JSON array of scalars.
    return(paste0("[", paste(sapply(unclass(value), format_value), collapse = ", "), "]"))
  }
  if (is.logical(value)) return(if (value) "true" else "false")
  if (is.character(value)) {
    escaped <- gsub("\n", "\\n", gsub("\"", "\\\"", gsub("\\", "\\\\", value, fixed = TRUE), fixed = TRUE), fixed = TRUE)
    return(paste0("\"", escaped, "\""))
  }
  format(value)
}

count_leaves <- function(value) {
  if (is.list(value)) return(sum(vapply(value, count_leaves, numeric(1))))
  if (is.null(value)) return(1)
  length(value)
}

max_depth <- function(value) {
  if (is.list(value)) return(1 + max(c(0, vapply(value, max_depth, numeric(1)))))
  if (length(value) != 1 || inherits(value, "AsIs")) return(1)
  0
}

document <- list(
  name = "inventory-service",
  version = 3,
  active = TRUE,
  owner = NULL,
  tags = c("api", "internal", "v3"),
  limits = list(cpu = 2, memory_mb = 512, burst = FALSE),
  endpoints = list(
    list(path = "/items", methods = c("GET", "POST"), auth = TRUE),
    list(path = "/health", methods = I("GET"), auth = FALSE)
  ),
  notes = "Line one\nSays \"hi\"",
  empty = setNames(list(), character(0)),
  nothing = list()
)

cat(format_value(document), "\n", sep = "")
cat(sprintf("leaves: %d, depth: %d\n", count_leaves(document), max_depth(document)))
