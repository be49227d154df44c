c_to_f <- function(c) c * 9 / 5 + 32
f_to_c <- function(f) (f - 32) * 5 / 9
c_to_k <- function(c) c + 273.15

classify <- function(c) {
  cut(c, breaks = c(-Inf, 0, 15, 25, Inf), labels = c("freezing", "cold", "mild", "hot"), right = FALSE)
}

celsius <- seq(-20, 40, by = 5)
table_df <- data.frame(c = celsius, f = c_to_f(celsius), k = c_to_k(celsius), feel = classify(celsius))
cat(sprintf("%8s %11s %8s  feel\n", "Celsius", "Fahrenheit", "Kelvin"))
cat(sprintf("%8.1f %11.1f %8.2f  %s\n", table_df$c, table_df$f, table_df$k, table_df$feel), sep = "")
cat("Fahrenheit readings in Celsius:\n")
readings_f <- c(98.6, 32, 212, 0, -40, 71.5)
cat(sprintf("  %6.1fF = %7.2fC\n", readings_f, f_to_c(readings_f)), sep = "")
week <- c(21.5, 23.0, 19.8, 25.4, 27.1, 22.3, 18.9)
avg <- mean(week)
cat(sprintf("Week average: %.2fC (%.2fF), max %sC, min %sC\n", avg, c_to_f(avg), max(week), min(week)))
