topo_sort <- function(deps) {
  color <- setNames(rep("white", length(deps)), names(deps))
  order <- character(0)
  visit <- function(node, path) {
    if (color[[node]] == "gray") {
      stop(paste("cycle:", paste(c(path, node), collapse = " -> ")))
    }
    if (color[[node]] == "black") return(invisible())
    color[[node]] <<- "gray"
    for (dep in deps[[node]]) visit(dep, c(path, node))
    color[[node]] <<- "black"
    order <<- c(order, node)
  }
  for (node in sort(names(deps))) visit(node, character(0))
  order
}

tasks <- list(
  deploy = c("test", "build"),
  test = c("build"),
  build = c("compile", "assets"),
  compile = c("fetch"),
  assets = c("fetch"),
  fetch = character(0),
  docs = c("compile")
)
cat("Build order:\n")
order <- topo_sort(tasks)
for (i in seq_along(order)) cat(sprintf("  %d. %s\n", i, order[i]))

cyclic <- list(a = "b", b = "c", c = "a")
tryCatch(topo_sort(cyclic), error = function(e) cat("Error:", conditionMessage(e), "\n"))
