greet <- function(name, excited = FALSE) {
  greeting <- paste0("Hello, ", name, "!")
  if (excited) {
    greeting <- toupper(greeting)
  }
  greeting
}

main <- function() {
  names <- c("Alice", "Bob", "Charlie")
  for (name in names) {
    cat(greet(name), "\n", sep = "")
  }
  cat(greet("world", excited = TRUE), "\n", sep = "")
  cat(sprintf("Greeted %d people.\n", length(names) + 1L))
}

main()
