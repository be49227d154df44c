students <- data.frame(
  name = c("alice", "bob", "carol", "dave", "erin", "frank"),
  t1 = c(92, 75, 58, 88, 100, 45),
  t2 = c(88, 64, 62, 91, 97, 52),
  t3 = c(95, 80, 49, 85, 99, 60),
  t4 = c(79, 70, 71, 94, 98, 38),
  stringsAsFactors = FALSE
)
weights <- c(0.2, 0.2, 0.25, 0.35)
tests <- c("t1", "t2", "t3", "t4")

letter <- function(avg) {
  ifelse(avg >= 90, "A", ifelse(avg >= 80, "B", ifelse(avg >= 70, "C", ifelse(avg >= 60, "D", "F"))))
}

capitalize <- function(s) paste0(toupper(substring(s, 1, 1)), substring(s, 2))

students$average <- as.vector(as.matrix(students[, tests]) %*% weights)
students$grade <- letter(students$average)
ranked <- students[order(-students$average), ]

cat(sprintf("%-5s%-8s%8s  Grade\n", "Rank", "Name", "Average"))
cat(sprintf("%-5d%-8s%8.2f  %s\n", seq_len(nrow(ranked)), capitalize(ranked$name), ranked$average, ranked$grade), sep = "")
cat(sprintf("Class mean: %.2f, median: %.2f\n", mean(students$average), median(students$average)))
distribution <- table(students$grade)
cat("Distribution:", paste0(names(distribution), "=", distribution, collapse = ", "), "\n")
for (i in seq_along(tests)) {
  column <- students[[tests[i]]]
  cat(sprintf("Test %d: best %d, worst %d, mean %.1f\n", i, max(column), min(column), mean(column)))
}
cat(sprintf("Passed: %d/%d\n", sum(students$grade != "F"), nrow(students)))
