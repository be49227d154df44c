# A singly linked list built from environments (mutable nodes).
new_node <- function(value, next_node = NULL) {
  node <- new.env()
  node$value <- value
  node$next_node <- next_node
  node
}

new_linked_list <- function(values = c()) {
  self <- new.env()
  self$head <- NULL
  self$size <- 0
  for (v in values) list_append(self, v)
  self
}

list_append <- function(lst, value) {
  node <- new_node(value)
  if (is.null(lst$head)) {
    lst$head <- node
  } else {
    cur <- lst$head
    while (!is.null(cur$next_node)) cur <- cur$next_node
    cur$next_node <- node
  }
  lst$size <- lst$size + 1
}

list_prepend <- function(lst, value) {
  lst$head <- new_node(value, lst$head)
  lst$size <- lst$size + 1
}

list_remove <- function(lst, value) {
  prev <- NULL
  cur <- lst$head
  while (!is.null(cur)) {
    if (cur$value == value) {
      if (is.null(prev)) lst$head <- cur$next_node else prev$next_node <- cur$next_node
      lst$size <- lst$size - 1
      return(TRUE)
    }
    prev <- cur
    cur <- cur$next_node
  }
  FALSE
}

list_reverse <- function(lst) {
  prev <- NULL
  cur <- lst$head
  while (!is.null(cur)) {
    nxt <- cur$next_node
    cur$next_node <- prev
    prev <- cur
    cur <- nxt
  }
  lst$head <- prev
}

list_middle <- function(lst) {
  slow <- lst$head
  fast <- lst$head
  while (!is.null(fast) && !is.null(fast$next_node)) {
    slow <- slow$next_node
    fast <- fast$next_node$next_node
  }
  slow$value
}

list_values <- function(lst) {
  out <- c()
  cur <- lst$head
  while (!is.null(cur)) {
    out <- c(out, cur$value)
    cur <- cur$next_node
  }
  out
}

list_string <- function(lst) paste0(paste(list_values(lst), collapse = " -> "), " -> None")

lst <- new_linked_list(1:5)
cat(sprintf("List: %s (size %d)\n", list_string(lst), lst$size))
list_prepend(lst, 0)
list_append(lst, 6)
cat(sprintf("After prepend/append: %s\n", list_string(lst)))
cat(sprintf("Removed 3: %s | removed 42: %s\n", list_remove(lst, 3), list_remove(lst, 42)))
cat(sprintf("List: %s (size %d)\n", list_string(lst), lst$size))
cat(sprintf("Middle: %d\n", list_middle(lst)))
list_reverse(lst)
cat(sprintf("Reversed: %s\n", list_string(lst)))
cat(sprintf("Sum: %d\n", sum(list_values(lst))))
