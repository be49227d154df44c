make_counter <- function(start = 0, step = 1) {
  count <- start
  function() {
    current <- count
    count <<- count + step
    current
  }
}

make_multiplier <- function(factor) {
  force(factor)
  function(x) x * factor
}

compose <- function(...) {
  fns <- list(...)
  function(x) Reduce(function(acc, f) f(acc), rev(fns), x)
}

memoize <- function(f) {
  cache <- list()
  stats <- c(hits = 0, misses = 0)
  wrapper <- function(n) {
    key <- as.character(n)
    if (!is.null(cache[[key]])) {
      stats[["hits"]] <<- stats[["hits"]] + 1
    } else {
      stats[["misses"]] <<- stats[["misses"]] + 1
      cache[[key]] <<- f(n)
    }
    cache[[key]]
  }
  list(call = wrapper, stats = function() stats)
}

fmt <- function(v) paste0("[", paste(v, collapse = ", "), "]")
c1 <- make_counter()
c2 <- make_counter(100, 10)
cat("counter 1:", fmt(replicate(5, c1())), "\n")
cat("counter 2:", fmt(replicate(5, c2())), "\n")
cat("counter 1 again:", c1(), "\n")

double <- make_multiplier(2)
triple <- make_multiplier(3)
inc <- function(x) x + 1
f <- compose(double, inc, triple) # double(inc(triple(x)))
cat("compose(double, inc, triple)(5) =", f(5), "\n")
cat("map triple:", fmt(sapply(1:5, triple)), "\n")
squares <- (1:10)^2
cat("filter even squares:", fmt(Filter(function(x) x %% 2 == 0, squares)), "\n")

slow_square <- memoize(function(n) n * n)
for (n in c(2, 3, 2, 4, 3, 2)) slow_square$call(n)
s <- slow_square$stats()
cat(sprintf("memo stats: hits=%d, misses=%d\n", s[["hits"]], s[["misses"]]))
adders <- lapply(0:2, function(i) function(x) x + i)
cat("adders:", fmt(sapply(adders, function(add) add(10))), "\n")
