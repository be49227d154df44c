dijkstra <- function(nodes, edges, source) {
  dist <- setNames(rep(Inf, length(nodes)), nodes)
  prev <- setNames(rep(NA_character_, length(nodes)), nodes)
  visited <- setNames(rep(FALSE, length(nodes)), nodes)
  dist[source] <- 0
  repeat {
    candidates <- dist[!visited]
    if (length(candidates) == 0 || all(is.infinite(candidates))) break
    node <- names(candidates)[which.min(candidates)]
    visited[node] <- TRUE
    out <- edges[edges$from == node | edges$to == node, ]
    for (i in seq_len(nrow(out))) {
      neighbour <- if (out$from[i] == node) out$to[i] else out$from[i]
      nd <- dist[[node]] + out$weight[i]
      if (nd < dist[[neighbour]]) {
        dist[neighbour] <- nd
        prev[neighbour] <- node
      }
    }
  }
  list(dist = dist, prev = prev)
}

path_to <- function(prev, target) {
  path <- target
  while (!is.na(prev[[target]])) {
    target <- prev[[target]]
    path <- c(target, path)
  }
  path
}

edges <- data.frame(
  from = c("A", "A", "B", "B", "C", "E", "D", "E", "G"),
  to = c("B", "C", "C", "D", "E", "D", "F", "F", "F"),
  weight = c(4, 2, 5, 10, 3, 4, 11, 9, 1),
  stringsAsFactors = FALSE
)
nodes <- sort(unique(c(edges$from, edges$to)))
r <- dijkstra(nodes, edges, "A")
for (node in nodes) {
  if (is.infinite(r$dist[[node]])) {
    cat(sprintf("%s: unreachable\n", node))
  } else {
    cat(sprintf("%s: %2d via %s\n", node, r$dist[[node]], paste(path_to(r$prev, node), collapse = " -> ")))
  }
}
