hanoi <- function(n, source, target, spare, on_move) {
  if (n == 0) return(invisible())
  hanoi(n - 1, source, spare, target, on_move)
  on_move(n, source, target)
  hanoi(n - 1, spare, target, source, on_move)
}

move_number <- 0
hanoi(3, "A", "C", "B", function(disk, src, dst) {
  move_number <<- move_number + 1
  cat(sprintf("Move %d: disk %d from %s to %s\n", move_number, disk, src, dst))
})
for (n in c(5, 10, 16)) {
  count <- 0
  hanoi(n, "A", "C", "B", function(disk, src, dst) count <<- count + 1)
  cat(sprintf("%d disks need %d moves (2^%d - 1 = %d)\n", n, count, n, 2^n - 1))
}
