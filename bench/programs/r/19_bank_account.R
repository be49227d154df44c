# A bank account as an S4-free closure-based object (a common R style).
new_account <- function(owner, balance = 0, interest_rate = 0.02) {
  transactions <- list()
  record <- function(kind, amount) {
    transactions[[length(transactions) + 1]] <<- list(kind = kind, amount = amount)
  }
  self <- list(
    owner = function() owner,
    balance = function() balance,
    transactions = function() transactions,
    deposit = function(amount) {
      if (amount <= 0) stop("Deposit amount must be positive")
      balance <<- balance + amount
      record("deposit", amount)
    },
    withdraw = function(amount) {
      if (amount > balance) {
        stop(sprintf("Cannot withdraw %s; balance is %s", amount, balance))
      }
      balance <<- balance - amount
      record("withdraw", amount)
    },
    apply_interest = function() {
      interest <- round(balance * interest_rate, 2)
      balance <<- round(balance + interest, 2)
      record("interest", interest)
    }
  )
  self
}

transfer <- function(from, to, amount) {
  from$withdraw(amount)
  to$deposit(amount)
}

alice <- new_account("Alice", 100)
bob <- new_account("Bob", 50, interest_rate = 0.05)
alice$deposit(250)
alice$withdraw(75)
transfer(alice, bob, 125)
tryCatch(bob$withdraw(1000), error = function(e) cat("Error:", conditionMessage(e), "\n"))
tryCatch(alice$deposit(-5), error = function(e) cat("Error:", conditionMessage(e), "\n"))
for (account in list(alice, bob)) {
  account$apply_interest()
  cat(sprintf("%s: $%.2f\n", account$owner(), account$balance()))
  for (t in account$transactions()) {
    cat(sprintf("  %-8s %8.2f\n", t$kind, t$amount))
  }
}
