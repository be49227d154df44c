graph <- list(
  A = c("B", "C"),
  B = c("A", "D", "E"),
  C = c("A", "F"),
  D = c("B"),
  E = c("B", "F"),
  F = c("C", "E", "G"),
  G = c("F"),
  H = c("I"),
  I = c("H")
)

bfs_order <- function(graph, start) {
  seen <- start
  order <- character(0)
  queue <- start
  while (length(queue) > 0) {
    node <- queue[1]
    queue <- queue[-1]
    order <- c(order, node)
    for (nxt in graph[[node]]) {
      if (!(nxt %in% seen)) {
        seen <- c(seen, nxt)
        queue <- c(queue, nxt)
      }
    }
  }
  order
}

shortest_path <- function(graph, start, goal) {
  parents <- c()
  parents[start] <- NA
  queue <- start
  while (length(queue) > 0) {
    node <- queue[1]
    queue <- queue[-1]
    if (node == goal) {
      path <- character(0)
      while (!is.na(node)) {
        path <- c(node, path)
        node <- parents[[node]]
      }
      return(path)
    }
    for (nxt in graph[[node]]) {
      if (!(nxt %in% names(parents))) {
        parents[nxt] <- node
        queue <- c(queue, nxt)
      }
    }
  }
  NULL
}

components <- function(graph) {
  seen <- character(0)
  result <- list()
  for (node in names(graph)) {
    if (!(node %in% seen)) {
      comp <- bfs_order(graph, node)
      seen <- c(seen, comp)
      result[[length(result) + 1]] <- sort(comp)
    }
  }
  result
}

cat("BFS from A:", bfs_order(graph, "A"), "\n")
for (goal in c("G", "D", "H")) {
  path <- shortest_path(graph, "A", goal)
  cat(sprintf("A -> %s: %s\n", goal, if (is.null(path)) "unreachable" else paste(path, collapse = " -> ")))
}
comps <- sapply(components(graph), function(c) paste0("[", paste(c, collapse = ", "), "]"))
cat("Components:", paste(comps, collapse = ", "), "\n")
