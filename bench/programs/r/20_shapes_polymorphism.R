# S3 classes with generic functions.
area <- function(shape) UseMethod("area")
perimeter <- function(shape) UseMethod("perimeter")

circle <- function(radius) structure(list(radius = radius), class = c("Circle", "Shape"))
rectangle <- function(width, height) structure(list(width = width, height = height), class = c("Rectangle", "Shape"))
square <- function(side) {
  s <- rectangle(side, side)
  class(s) <- c("Square", class(s))
  s
}
triangle <- function(a, b, c) structure(list(a = a, b = b, c = c), class = c("Triangle", "Shape"))

area.Circle <- function(shape) pi * shape$radius^2
perimeter.Circle <- function(shape) 2 * pi * shape$radius
area.Rectangle <- function(shape) shape$width * shape$height
perimeter.Rectangle <- function(shape) 2 * (shape$width + shape$height)
perimeter.Triangle <- function(shape) shape$a + shape$b + shape$c
area.Triangle <- function(shape) {
  s <- perimeter(shape) / 2
  sqrt(s * (s - shape$a) * (s - shape$b) * (s - shape$c))
}

describe <- function(shape) {
  sprintf("%-10s area=%8.2f perimeter=%7.2f", class(shape)[1], area(shape), perimeter(shape))
}

shapes <- list(circle(1.5), rectangle(3, 4.5), square(2.5), triangle(3, 4, 5), circle(0.5))
for (s in shapes) cat(describe(s), "\n", sep = "")
areas <- sapply(shapes, area)
largest <- shapes[[which.max(areas)]]
cat(sprintf("Total area: %.3f\n", sum(areas)))
cat(sprintf("Largest: %s (%.3f)\n", class(largest)[1], max(areas)))
