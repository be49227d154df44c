# A least-recently-used cache: keys kept in recency order (most recent first).
new_lru <- function(capacity) {
  self <- new.env()
  self$capacity <- capacity
  self$values <- list()
  self$order <- character(0)
  self$hits <- 0
  self$misses <- 0
  self$evictions <- character(0)
  self
}

lru_get <- function(cache, key) {
  key <- as.character(key)
  if (!(key %in% cache$order)) {
    cache$misses <- cache$misses + 1
    return(NULL)
  }
  cache$hits <- cache$hits + 1
  cache$order <- c(key, cache$order[cache$order != key])
  cache$values[[key]]
}

lru_put <- function(cache, key, value) {
  key <- as.character(key)
  if (key %in% cache$order) {
    cache$order <- cache$order[cache$order != key]
  } else if (length(cache$order) == cache$capacity) {
    lru <- cache$order[length(cache$order)]
    cache$order <- cache$order[-length(cache$order)]
    cache$values[[lru]] <- NULL
    cache$evictions <- c(cache$evictions, lru)
  }
  cache$values[[key]] <- value
  cache$order <- c(key, cache$order)
}

show <- function(keys) paste0("[", paste0("'", keys, "'", collapse = ", "), "]")

cache <- new_lru(3)
ops <- list(list("put", "a", 1), list("put", "b", 2), list("put", "c", 3), list("get", "a"),
            list("put", "d", 4), list("get", "b"), list("get", "c"), list("put", "a", 10),
            list("put", "e", 5), list("get", "a"), list("get", "d"))
for (op in ops) {
  if (op[[1]] == "put") {
    lru_put(cache, op[[2]], op[[3]])
    cat(sprintf("put(%s, %d) -> order %s\n", op[[2]], op[[3]], show(cache$order)))
  } else {
    got <- lru_get(cache, op[[2]])
    cat(sprintf("get(%s) = %s -> order %s\n", op[[2]], if (is.null(got)) "None" else got, show(cache$order)))
  }
}
cat(sprintf("hits=%d misses=%d evicted=%s\n", cache$hits, cache$misses, show(cache$evictions)))

# A cyclic access pattern over more keys than the cache holds thrashes LRU.
big <- new_lru(50)
for (i in 0:1999) {
  key <- (i * 7) %% 60
  if (is.null(lru_get(big, key))) lru_put(big, key, key * key)
}
cat(sprintf("pattern: hits=%d misses=%d evictions=%d\n", big$hits, big$misses, length(big$evictions)))
