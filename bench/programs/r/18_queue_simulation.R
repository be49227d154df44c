simulate <- function(customers, tellers) {
  free_at <- rep(0, tellers)
  total_wait <- 0
  log <- character(0)
  for (i in seq_len(nrow(customers))) {
    c <- customers[i, ]
    teller <- which.min(free_at)
    start <- max(free_at[teller], c$arrival)
    wait <- start - c$arrival
    total_wait <- total_wait + wait
    free_at[teller] <- start + c$service
    log <- c(log, sprintf("customer %d: teller %d, start %d, wait %d, done %d",
                          c$id, teller, start, wait, start + c$service))
  }
  list(log = log, total_wait = total_wait, finish = max(free_at))
}

customers <- data.frame(
  id = 1:8,
  arrival = c(0, 1, 2, 3, 4, 10, 11, 12),
  service = c(5, 3, 8, 2, 4, 1, 6, 2)
)
for (tellers in 1:3) {
  r <- simulate(customers, tellers)
  cat(sprintf("--- %d teller(s) ---\n", tellers))
  writeLines(r$log)
  cat(sprintf("average wait: %.2f, all done at %d\n", r$total_wait / nrow(customers), r$finish))
}
