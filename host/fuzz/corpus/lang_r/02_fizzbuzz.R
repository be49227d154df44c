fizzbuzz <- function(n) {
  if (n %% 15 == 0) {
    "FizzBuzz"
  } else if (n %% 3 == 0) {
    "Fizz"
  } else if (n %% 5 == 0) {
    "Buzz"
  } else {
    as.character(n)
  }
}

results <- sapply(1:30, fizzbuzz)
writeLines(results)
counts <- table(results)
cat(sprintf("Fizz: %d, Buzz: %d, FizzBuzz: %d\n",
            counts[["Fizz"]], counts[["Buzz"]], counts[["FizzBuzz"]]))
