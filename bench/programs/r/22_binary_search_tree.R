# A binary search tree stored in parallel vectors (index 0 means "none").
new_bst <- function() {
  tree <- new.env()
  tree$key <- numeric(0)
  tree$left <- integer(0)
  tree$right <- integer(0)
  tree$root <- 0L
  tree
}

new_node <- function(tree, key) {
  tree$key <- c(tree$key, key)
  tree$left <- c(tree$left, 0L)
  tree$right <- c(tree$right, 0L)
  length(tree$key)
}

bst_insert <- function(tree, key) {
  if (tree$root == 0L) {
    tree$root <- new_node(tree, key)
    return(invisible())
  }
  node <- tree$root
  repeat {
    if (key < tree$key[node]) {
      if (tree$left[node] == 0L) {
        tree$left[node] <- new_node(tree, key)
        return(invisible())
      }
      node <- tree$left[node]
    } else if (key > tree$key[node]) {
      if (tree$right[node] == 0L) {
        tree$right[node] <- new_node(tree, key)
        return(invisible())
      }
      node <- tree$right[node]
    } else {
      return(invisible()) # no duplicates
    }
  }
}

bst_contains <- function(tree, key) {
  node <- tree$root
  while (node != 0L) {
    if (key == tree$key[node]) return(TRUE)
    node <- if (key < tree$key[node]) tree$left[node] else tree$right[node]
  }
  FALSE
}

bst_delete <- function(tree, key) {
  delete_from <- function(node, key) {
    if (node == 0L) return(0L)
    if (key < tree$key[node]) {
      tree$left[node] <- delete_from(tree$left[node], key)
    } else if (key > tree$key[node]) {
      tree$right[node] <- delete_from(tree$right[node], key)
    } else {
      if (tree$left[node] == 0L) return(tree$right[node])
      if (tree$right[node] == 0L) return(tree$left[node])
      successor <- tree$right[node]
      while (tree$left[successor] != 0L) successor <- tree$left[successor]
      tree$key[node] <- tree$key[successor]
      tree$right[node] <- delete_from(tree$right[node], tree$key[successor])
    }
    node
  }
  tree$root <- delete_from(tree$root, key)
}

inorder <- function(tree, node = tree$root) {
  if (node == 0L) return(c())
  c(inorder(tree, tree$left[node]), tree$key[node], inorder(tree, tree$right[node]))
}

preorder <- function(tree) {
  out <- c()
  stack <- if (tree$root != 0L) tree$root else integer(0)
  while (length(stack) > 0) {
    node <- stack[length(stack)]
    stack <- stack[-length(stack)]
    out <- c(out, tree$key[node])
    if (tree$right[node] != 0L) stack <- c(stack, tree$right[node])
    if (tree$left[node] != 0L) stack <- c(stack, tree$left[node])
  }
  out
}

level_order <- function(tree) {
  levels <- list()
  current <- if (tree$root != 0L) tree$root else integer(0)
  while (length(current) > 0) {
    levels[[length(levels) + 1]] <- tree$key[current]
    children <- as.vector(rbind(tree$left[current], tree$right[current]))
    current <- children[children != 0L]
  }
  levels
}

height <- function(tree, node = tree$root) {
  if (node == 0L) return(0)
  1 + max(height(tree, tree$left[node]), height(tree, tree$right[node]))
}

fmt <- function(v) paste0("[", paste(v, collapse = ", "), "]")
fmt_levels <- function(levels) paste0("[", paste(sapply(levels, fmt), collapse = ", "), "]")

tree <- new_bst()
for (k in c(50, 30, 70, 20, 40, 60, 80, 35, 45, 65, 30)) bst_insert(tree, k)
cat("In-order:   ", fmt(inorder(tree)), "\n")
cat("Pre-order:  ", fmt(preorder(tree)), "\n")
cat("Levels:     ", fmt_levels(level_order(tree)), "\n")
keys <- inorder(tree)
cat("Height:", height(tree), "Min:", min(keys), "Max:", max(keys), "\n")
for (k in c(45, 55)) cat(sprintf("Contains %d? %s\n", k, bst_contains(tree, k)))
for (k in c(20, 30, 50)) {
  bst_delete(tree, k)
  cat(sprintf("After deleting %d: %s levels=%s\n", k, fmt(inorder(tree)), fmt_levels(level_order(tree))))
}
