# Inventory kept in a data frame inside an environment; functions act on it.
new_inventory <- function(low_stock_threshold = 5) {
  inv <- new.env()
  inv$products <- data.frame(sku = character(0), name = character(0), price = numeric(0),
                             quantity = numeric(0), category = character(0), stringsAsFactors = FALSE)
  inv$threshold <- low_stock_threshold
  inv$log <- character(0)
  inv
}

add_product <- function(inv, sku, name, price, quantity, category) {
  if (sku %in% inv$products$sku) stop(sprintf("duplicate SKU %s", sku))
  inv$products[nrow(inv$products) + 1, ] <- list(sku, name, price, quantity, category)
  inv$log <- c(inv$log, paste("added", sku))
}

restock <- function(inv, sku, amount) {
  i <- match(sku, inv$products$sku)
  inv$products$quantity[i] <- inv$products$quantity[i] + amount
  inv$log <- c(inv$log, sprintf("restocked %s +%d", sku, amount))
}

sell <- function(inv, sku, amount) {
  i <- match(sku, inv$products$sku)
  if (is.na(i)) stop(sprintf("unknown SKU %s", sku))
  p <- inv$products[i, ]
  if (p$quantity < amount) stop(sprintf("only %d %s left, cannot sell %d", p$quantity, p$name, amount))
  inv$products$quantity[i] <- p$quantity - amount
  inv$log <- c(inv$log, sprintf("sold %s -%d", sku, amount))
  amount * p$price
}

report <- function(inv) {
  p <- inv$products[order(inv$products$sku), ]
  value <- p$price * p$quantity
  lines <- sprintf("%-6s %-14s %4s %8s %9s", "SKU", "Name", "Qty", "Price", "Value")
  lines <- c(lines, sprintf("%-6s %-14s %4d %8.2f %9.2f", p$sku, p$name, p$quantity, p$price, value))
  lines <- c(lines, sprintf("%-6s %-14s %4s %8s %9.2f", "Total", "", "", "", sum(value)))
  paste(lines, collapse = "\n")
}

inv <- new_inventory()
add_product(inv, "A100", "USB cable", 4.99, 40, "accessories")
add_product(inv, "A200", "Mouse", 19.90, 12, "peripherals")
add_product(inv, "A300", "Keyboard", 49.00, 6, "peripherals")
add_product(inv, "A400", "Monitor", 189.00, 3, "displays")
add_product(inv, "A500", "HDMI adapter", 12.50, 8, "accessories")

revenue <- 0
sales <- list(c("A100", 15), c("A200", 8), c("A400", 1), c("A300", 2))
for (s in sales) revenue <- revenue + sell(inv, s[1], as.numeric(s[2]))
restock(inv, "A400", 5)
for (s in list(c("A400", 10), c("Z999", 1))) {
  tryCatch(sell(inv, s[1], as.numeric(s[2])), error = function(e) cat("Error:", conditionMessage(e), "\n"))
}
tryCatch(add_product(inv, "A100", "Dup", 1, 1, "x"), error = function(e) cat("Error:", conditionMessage(e), "\n"))

cat(report(inv), "\n", sep = "")
cat(sprintf("Revenue: %.2f\n", revenue))
low <- sort(inv$products$name[inv$products$quantity <= inv$threshold])
cat("Low stock:", paste(low, collapse = ", "), "\n")
by_cat <- split(inv$products, inv$products$category)
for (category in sort(names(by_cat))) {
  products <- by_cat[[category]]
  cat(sprintf("%s: %d products, %d units\n", category, nrow(products), sum(products$quantity)))
}
cat("Log:", paste(inv$log, collapse = "; "), "\n")
