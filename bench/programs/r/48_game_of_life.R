parse_grid <- function(pattern) {
  do.call(rbind, lapply(strsplit(pattern, ""), function(row) row == "#"))
}

shift <- function(m, dr, dc) {
  rows <- (seq_len(nrow(m)) - 1 + dr) %% nrow(m) + 1
  cols <- (seq_len(ncol(m)) - 1 + dc) %% ncol(m) + 1
  m[rows, cols]
}

step <- function(grid) {
  neighbours <- matrix(0, nrow(grid), ncol(grid))
  for (dr in -1:1) {
    for (dc in -1:1) {
      if (dr != 0 || dc != 0) neighbours <- neighbours + shift(grid, dr, dc)
    }
  }
  neighbours == 3 | (neighbours == 2 & grid)
}

render <- function(grid) {
  paste(apply(grid, 1, function(row) paste(ifelse(row, "#", "."), collapse = "")), collapse = "\n")
}

grid <- parse_grid(c(
  "............",
  "..#.........",
  "...#........",
  ".###........",
  "............",
  "............",
  "........###.",
  "............",
  "............",
  "............"
))
for (gen in 0:4) {
  cat(sprintf("Generation %d (%d alive):\n", gen, sum(grid)))
  cat(render(grid), "\n", sep = "")
  grid <- step(grid)
}
for (i in 1:35) grid <- step(grid)
cat(sprintf("Generation 40: %d alive\n", sum(grid)))
cat(render(grid), "\n", sep = "")
