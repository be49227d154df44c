CSV_DATA <- "region,product,units,unit_price
north,widget,120,2.50
south,widget,80,2.50
north,gadget,15,12.00
east,widget,200,2.25
south,gizmo,42,7.75
east,gadget,9,12.00
west,gizmo,60,7.50
north,gizmo,33,7.75
west,widget,150,2.40"

rows <- read.csv(text = CSV_DATA, stringsAsFactors = FALSE)
rows$revenue <- rows$units * rows$unit_price
cat(sprintf("Parsed %d rows\n", nrow(rows)))
for (key in c("region", "product")) {
  cat(sprintf("Revenue by %s:\n", key))
  totals <- aggregate(cbind(units, revenue) ~ rows[[key]], data = rows, FUN = sum)
  names(totals)[1] <- "name"
  totals <- totals[order(-totals$revenue), ]
  for (i in seq_len(nrow(totals))) {
    cat(sprintf("  %-8s units=%4d  revenue=%8.2f\n", totals$name[i], totals$units[i], totals$revenue[i]))
  }
}
cat(sprintf("Grand total: %.2f\n", sum(rows$revenue)))
best <- rows[which.max(rows$revenue), ]
cat(sprintf("Best line: %s %s (%.2f)\n", best$region, best$product, best$revenue))
